"""Drive the built search in a real headless Chromium: a local HTTP server and Playwright.

Used by ``tests/search`` and ``benchmarks/search_bench.py``. Nothing here runs in a build.
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import json
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FILE_KINDS = ("index", "fragment", "filter", "text")  # the bundle's folders, for the bytes by kind
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


COMPRESSED_TYPES = (".html", ".js", ".css", ".json", ".svg", ".xml")  # what Netlify compresses


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    counter: dict | None = None
    compress = False  # gzip text files for clients that accept it, as Netlify does

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts and path.suffix in COMPRESSED_TYPES and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass

    def copyfile(self, source, outputfile):
        """Count the body bytes served (what a reader downloads; Pagefind's files are
        already compressed, so no HTTP compression is assumed)."""
        if self.counter is not None:
            start = source.tell()
            source.seek(0, 2)
            size = source.tell() - start
            source.seek(start)
            kind = next((k for k in FILE_KINDS if f"/{k}/" in self.path), "other")
            with _LOCK:
                self.counter["bytes"] = self.counter.get("bytes", 0) + size
                self.counter["requests"] = self.counter.get("requests", 0) + 1
                self.counter[kind] = self.counter.get(kind, 0) + size  # index chunks, fragments, text parts …
        try:
            super().copyfile(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):
            pass  # (the browser let the request go: a page closed, a fetch no longer needed)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


_LOCK = threading.Lock()


@contextlib.contextmanager
def serve(directory: Path, counter: dict | None = None, compress: bool = False):
    """Serve a folder on 127.0.0.1 (a free port) in a thread; yields the base URL.

    With ``counter`` (a dict), the bytes and requests served are added to it; with
    ``compress``, text files go gzipped to clients that accept it (as Netlify serves them)."""
    handler_class = type("_Handler", (_QuietHandler,), {"counter": counter, "compress": compress})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    """A Playwright Chromium browser (Debian's /usr/bin/chromium). Raises if it is missing."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def fragment_urls(bundle: Path) -> dict[str, str]:
    """Pagefind page id -> URL, read from the fragment files of a bundle on disk."""
    out = {}
    for f in bundle.rglob("fragment/*.pf_fragment"):  # the bundle and its shards
        data = gzip.decompress(f.read_bytes())
        if data.startswith(b"pagefind_dcd"):
            data = data[12:]
        out[f.name[: -len(".pf_fragment")]] = json.loads(data)["url"]
    return out

