"""Two builds of one content folder take turns with its cache (site_builder/cache.py `held`):
the saved search index and the carried analysis are several files that change together, and
two pytest workers building the project's content at once once broke the IDF table."""
from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from site_builder.cache import held

HOLDER = """
import sys
from pathlib import Path
from site_builder.cache import held
with held(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_a_second_process_waits_until_the_first_lets_go(tmp_path: Path):
    root = tmp_path / "cache"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(root)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        waited, entered = threading.Event(), threading.Event()

        def second() -> None:
            with held(root, on_wait=lambda _: waited.set()):
                entered.set()

        thread = threading.Thread(target=second)
        thread.start()
        assert waited.wait(timeout=30), "the second holder was never told to wait"
        assert not entered.is_set(), "the second holder went in while the first held the cache"
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        thread.join(timeout=30)
        assert entered.is_set()
    finally:
        holder.kill()
        holder.wait()


def test_holding_again_in_the_same_thread_does_not_wait(tmp_path: Path):
    root = tmp_path / "cache"
    told: list[Path] = []
    with held(root, on_wait=told.append):
        with held(root, on_wait=told.append):
            pass
        with held(root, on_wait=told.append):  # still held after the inner one let go
            probe = subprocess.run([sys.executable, "-c", PROBE, str(root)], capture_output=True, text=True)
    assert told == []
    assert probe.stdout.strip() == "busy"


PROBE = """
import fcntl, os, sys
descriptor = os.open(os.path.join(sys.argv[1], "lock"), os.O_RDWR)
try:
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    print("free")
except BlockingIOError:
    print("busy")
"""


def test_no_cache_holds_nothing():
    with held(None, on_wait=lambda _: (_ for _ in ()).throw(AssertionError("waited"))):
        pass
