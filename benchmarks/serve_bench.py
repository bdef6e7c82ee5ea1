"""Preview server latency under a burst: N clients request a page at the same moment.

    python benchmarks/serve_bench.py [--clients 200] [--rounds 5] [--backlog N] [--workers N]

Builds the project's content (no search index) into a temporary folder, serves it with the
real preview server on 127.0.0.1 (in its own process) and, each round, starts N asyncio
clients at once, each opening its own connection and fetching an article page (asyncio, not
threads: the clients' own cost stays small next to the server's). A request's latency runs
from the start to the last byte of the reply. `--backlog` overrides the listen backlog
(`request_queue_size`) to compare with another setting, e.g. the socketserver default of 5;
`--workers` the number of threads answering in turn (`PreviewServer.workers`).
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from site_builder.build import BuildOptions, build_site, load_archive  # noqa: E402
from site_builder.serve.server import LiveState, PreviewServer, make_server  # noqa: E402


def burst(port: int, path: str, clients: int) -> list[float | None]:
    """Latencies (seconds) of `clients` requests started at one moment; None for a request
    that got no 200 (refused, reset, or another status)."""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode()

    async def fetch(start: asyncio.Event) -> float | None:
        await start.wait()
        started = time.perf_counter()
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(request)
            reply = await reader.read()  # to the end: the server closes after the reply
            writer.close()
        except OSError:
            return None
        return time.perf_counter() - started if reply.startswith((b"HTTP/1.0 200", b"HTTP/1.1 200")) else None

    async def run() -> list[float | None]:
        start = asyncio.Event()
        tasks = [asyncio.create_task(fetch(start)) for _ in range(clients)]
        await asyncio.sleep(0)  # every task waiting on the event
        start.set()
        return list(await asyncio.wait_for(asyncio.gather(*tasks), 300))

    return asyncio.run(run())


def serve_only(output: Path, backlog: int | None, workers: int | None) -> None:
    """The server process: serves `output` until its stdin closes; prints its port first."""
    if backlog is not None:
        PreviewServer.request_queue_size = backlog
    if workers is not None:
        PreviewServer.workers = workers
    state = LiveState()
    state.built()
    server = make_server("127.0.0.1", 0, output, state)
    server.start()
    print(server.port, server.request_queue_size, server.workers, flush=True)
    sys.stdin.read()
    server.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--backlog", type=int, default=None, help="listen backlog (default: the server's)")
    ap.add_argument("--workers", type=int, default=None, help="threads answering (default: the server's)")
    ap.add_argument("--serve-only", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve_only:
        serve_only(args.serve_only, args.backlog, args.workers)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "public"
        build_site(BuildOptions(ROOT / "content", output, with_search=False))
        path = load_archive(ROOT / "content")[1].entries[0].url
        # the server in a process of its own, as `site-builder serve` runs: the clients'
        # threads must not share its interpreter lock
        command = [sys.executable, __file__, "--serve-only", str(output)]
        command += ["--backlog", str(args.backlog)] if args.backlog is not None else []
        command += ["--workers", str(args.workers)] if args.workers is not None else []
        with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as server:
            assert server.stdout is not None and server.stdin is not None
            port, backlog, workers = server.stdout.readline().split()
            try:
                latencies = [t for _ in range(args.rounds) for t in burst(int(port), path, args.clients)]
            finally:
                server.stdin.close()
    ms = sorted(1000 * t for t in latencies if t is not None)
    failed = sum(t is None for t in latencies)
    print(f"{args.clients} concurrent requests x {args.rounds} rounds of {path} (listen backlog {backlog}, {workers} workers): "
          f"{len(ms)} answered 200, {failed} failed")
    if ms:
        print(f"median {statistics.median(ms):.1f} ms, p90 {ms[int(0.9 * len(ms))]:.1f} ms, max {ms[-1]:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
