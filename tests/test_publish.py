"""Publishing the output folder, with real `site-builder build` processes: byte-identical
output whatever the working folder and hash seed, an atomic publish that `kill -9` at any
moment cannot break, the staging folders of dead builds removed (a running build's kept), and
an output folder that cannot be written refused before any content is read."""
from __future__ import annotations

import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import CONTENT
from site_builder.cli import main

BUILD = [sys.executable, "-m", "site_builder", "build", "--content", str(CONTENT)]
KILLS = 6
NOBODY = 65534


def build(output: Path, cwd: Path, seed: str = "0") -> subprocess.CompletedProcess:
    cwd.mkdir(parents=True, exist_ok=True)
    return subprocess.run([*BUILD, "--output", str(output)], cwd=cwd, env={**os.environ, "PYTHONHASHSEED": seed},
                          capture_output=True, text=True, timeout=600)


def manifest(site: Path) -> dict[str, str]:
    """Every file of a site with the SHA-256 of its bytes."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def stagings(output: Path) -> list[Path]:
    return sorted(p for p in output.parent.iterdir() if p.name.startswith(f".{output.name}.staging-"))


def wait_for_staging(output: Path, before: set[Path], process: subprocess.Popen) -> None:
    """Until the build's own staging folder exists (its first write), or it has ended."""
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if output.parent.exists() and set(stagings(output)) - before:
            return
        time.sleep(0.01)


def start_time(pid: int) -> str:
    """Field 22 of /proc/<pid>/stat: when the process started, in clock ticks after boot."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]


def descendants(pid: int) -> list[int]:
    """The processes started by pid, and by them, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        found += children.get(todo[0], [])
        todo = todo[1:] + children.get(todo[0], [])
    return found


def wait_until_ended(pids: list[int], timeout: float = 120) -> None:
    """Wait for processes to end (or be zombies: a container's init may not reap orphans)."""
    deadline = time.monotonic() + timeout
    for pid in pids:
        while _alive(pid):
            assert time.monotonic() < deadline, f"process {pid} still running"
            time.sleep(0.05)


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, float]:
    """A complete build of the seed content and how long it took (start-up included)."""
    base = tmp_path_factory.mktemp("reference")
    started = time.monotonic()
    built = build(base / "public", base / "cwd-a", seed="1")
    assert built.returncode == 0, built.stderr
    return base / "public", time.monotonic() - started


def test_builds_are_byte_identical(reference, tmp_path):
    """Another working folder, another hash seed, another output path: the same bytes,
    search index and _headers included."""
    site, _ = reference
    built = build(tmp_path / "elsewhere" / "site", tmp_path / "cwd-b", seed="2")
    assert built.returncode == 0, built.stderr
    assert (site / "_headers").is_file() and list(site.glob("pagefind/filter/*.pf_filter"))
    diff = subprocess.run(["diff", "-r", str(site), str(tmp_path / "elsewhere" / "site")], capture_output=True, text=True)
    assert diff.returncode == 0, diff.stdout


def test_kill_9_never_breaks_the_published_site(reference, tmp_path):
    """Builds killed at random moments spread over a build's duration, before and after a
    first good build: the published folder is always absent or a complete site. Then a good
    build removes the dead builds' staging folders and leaves a running build's alone."""
    site, seconds = reference
    complete = manifest(site)
    output = tmp_path / "public"
    seed = random.randrange(1 << 30)
    moments = random.Random(seed)
    orphans: list[int] = []
    for kill in range(KILLS):
        if kill == KILLS // 2:
            assert build(output, tmp_path).returncode == 0
        # kills at random moments spread over the reference build's duration, but the last
        # of each half at once (a build surely in progress: each build removes the staging
        # folders of the dead builds before it, so the last kill's must be left to find; after
        # the good build, one without the cache: with it, a build of the same content has
        # nothing to do and removes its staging folder a few milliseconds after making it)
        step = kill % (KILLS // 2)
        last = step == KILLS // 2 - 1
        uncached = ["--no-cache"] if last and kill >= KILLS // 2 else []
        before = set(stagings(output)) if output.parent.exists() else set()
        process = subprocess.Popen([*BUILD, "--output", str(output), *uncached], cwd=tmp_path,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_staging(output, before, process)  # the build has begun writing
        time.sleep(0.0 if last else seconds * (step + moments.random()) / (KILLS // 2))
        started = descendants(process.pid)  # its Pagefind run, if any, outlives it
        process.kill()
        process.wait()
        orphans += started
        published = manifest(output) if output.exists() else None
        assert published in (None, complete), f"kill {kill} (seed {seed}) left a broken site"
        assert kill < KILLS // 2 or published == complete, f"kill {kill} (seed {seed}) lost the site"
    dead = stagings(output)
    assert dead, f"no kill (seed {seed}) hit a build in progress"
    wait_until_ended(orphans)  # while one runs, the staging folder it writes into is kept

    running = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        live = output.parent / f".public.staging-{running.pid}-{start_time(running.pid)}-x1y2z3"
        reused = output.parent / f".public.staging-{running.pid}-1-a1b2c3"  # that pid, another start: pid reused
        unknown = output.parent / ".public.staging-q8r9s0"  # made by something that did not sign it
        for folder in (live, reused, unknown):
            (folder / "articles").mkdir(parents=True)
        built = build(output, tmp_path)
        assert built.returncode == 0, built.stderr
        assert manifest(output) == complete
        assert stagings(output) == sorted([live, unknown])
    finally:
        running.communicate()


def test_output_under_a_file_is_refused_before_ingest(tmp_path):
    """A path through a regular file: one line naming the folder and why, exit 1, and the
    content is not read (its bad page would have been the error otherwise)."""
    content = shutil.copytree(CONTENT, tmp_path / "content")
    (content / "raw" / "999_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    built = subprocess.run([sys.executable, "-m", "site_builder", "build", "--content", str(content),
                            "--output", str(tmp_path / "notes.txt" / "public")],
                           cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert built.returncode == 1
    assert built.stderr == (f"error: notes.txt/public: output folder cannot be written: "
                            f"{tmp_path / 'notes.txt'} is a file, not a folder\n")


def test_output_in_a_folder_without_write_permission_is_refused():
    """A parent folder the builder may not write to. Root ignores permission bits, so as root
    the build runs in a child process that has become the unprivileged user `nobody`."""
    base = Path(tempfile.mkdtemp())
    try:
        os.chmod(base, 0o755)
        content = shutil.copytree(CONTENT, base / "content")
        (content / "raw" / "999_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
        locked = base / "locked"
        locked.mkdir(mode=0o555)
        status, stderr = _main_as_unprivileged(["build", "--content", str(content), "--output", str(locked / "public")])
        assert status == 1
        assert stderr.endswith(f"output folder cannot be written: no permission to write in {locked}\n")
        assert stderr.count("\n") == 1 and "Traceback" not in stderr
        assert list(locked.iterdir()) == []
    finally:
        shutil.rmtree(base)


def _main_as_unprivileged(argv: list[str]) -> tuple[int, str]:
    """Run the command line's main(argv) in a forked child that is not root; (exit status, stderr)."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the child: drop root, run, report through the pipe, never return
        status = 99
        try:
            os.dup2(write_end, 2)
            sys.stderr = os.fdopen(2, "w", closefd=False)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            status = main(argv)
        except BaseException:
            import traceback
            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        stderr = pipe.read()
    _, wait_status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(wait_status), stderr
