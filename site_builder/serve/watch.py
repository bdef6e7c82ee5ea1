"""Watching the content and template folders, and describing build failures.

A watcher thread turns file-system events (via `watchfiles`) into batches on a queue; the
serve loop takes a batch, folds in whatever else is queued, and runs one full build. A
change that arrives during a build is simply the next batch, so no save is ever lost.
"""
from __future__ import annotations

import os
import queue
import re
import threading
import time
import traceback
from pathlib import Path

import watchfiles

from site_builder.cache import CACHE_DIR_NAME
from site_builder.errors import SiteBuildError

# editor droppings: vim swap and its write test file, emacs lock/autosave, backups, Kate, Chrome
EDITOR_TEMP_PATTERNS = (
    r"\.sw.$",
    r"~$",
    r"^\.#",
    r"^#.*#$",
    r"^4913$",
    r"\.kate-swp$",
    r"\.crswap$",
    r"\.tmp$",
    r"^\.goutputstream-",
    r"^sed[A-Za-z0-9]{6}$",  # sed -i
    r"^\.[^.].*\.[A-Za-z0-9]{6}$",  # atomic-save temp files like `.page.html.a1B2c3`
    r"\.___jb_...___$",
    r"^\.DS_Store$",
    r"\.py[cod]$",
    r"^flycheck_",
)


class SiteFilter(watchfiles.DefaultFilter):
    """Content and template files only: no editor temp files, no build output, no build cache."""

    def __init__(self, output_dir: Path):
        self.output_dir = output_dir
        self._build_dirs = re.compile(rf"^\.{re.escape(output_dir.name)}\.(staging|old)-")
        super().__init__(ignore_entity_patterns=EDITOR_TEMP_PATTERNS, ignore_paths=[str(output_dir)])

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        p = Path(path)
        return not any(self._build_dirs.match(part) or part == CACHE_DIR_NAME for part in p.parts)


def watched_dirs(content_dir: Path, template_dirs: list[Path]) -> list[Path]:
    """The content folder and every template folder not already inside it."""
    content_dir = content_dir.resolve()
    dirs = [content_dir]
    for d in template_dirs:
        d = d.resolve()
        if d.is_dir() and not any(d.is_relative_to(w) for w in dirs):
            dirs.append(d)
    return dirs


class Watcher:
    """Runs `watchfiles` in a thread; batches of changed paths arrive on `changes`."""

    def __init__(self, dirs: list[Path], output_dir: Path):
        self.dirs = dirs
        self.filter = SiteFilter(output_dir)
        self.changes: queue.Queue[set[tuple[watchfiles.Change, str]]] = queue.Queue()
        self.ready = threading.Event()  # set once the OS watches are in place
        self.failure: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="site-builder-watch", daemon=True)

    def start(self, timeout: float = 10.0) -> None:
        self._thread.start()
        self.ready.wait(timeout)

    def _run(self) -> None:
        try:
            # yield_on_timeout: the first (empty) batch tells us the watches are in place
            for batch in watchfiles.watch(*self.dirs, watch_filter=self.filter, stop_event=self._stop,
                                          debounce=1600, step=50, rust_timeout=200,
                                          yield_on_timeout=True, raise_interrupt=False):
                self.ready.set()
                if batch:
                    self.changes.put(batch)
        except BaseException as exc:  # noqa: BLE001 - reported by the serve loop
            self.failure = exc
        finally:
            self.ready.set()

    def next_batch(self, timeout: float) -> set[tuple[watchfiles.Change, str]] | None:
        """One batch plus everything queued behind it, or None after `timeout`."""
        try:
            batch = set(self.changes.get(timeout=timeout))
        except queue.Empty:
            return None
        while True:
            try:
                batch |= self.changes.get_nowait()
            except queue.Empty:
                return batch

    def alive(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)


def describe_changes(batch: set[tuple[watchfiles.Change, str]], roots: list[Path]) -> str:
    names = []
    for _, path in sorted(batch, key=lambda c: c[1]):
        p = Path(path)
        for root in roots:
            if p.is_relative_to(root):
                p = Path(root.name) / p.relative_to(root)
                break
        names.append(str(p))
    names = sorted(set(names))
    shown = ", ".join(names[:3])
    return shown + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def seconds_since_saved(batch: set[tuple[watchfiles.Change, str]]) -> float | None:
    """How long ago the newest file of the batch that is still there was written."""
    times = []
    for _, path in batch:
        try:
            times.append(os.stat(path).st_mtime)
        except OSError:  # deleted (or unreadable): says nothing of when
            continue
    return time.time() - max(times) if times else None


def describe_failure(exc: BaseException, roots: list[Path]) -> tuple[str, bool]:
    """`(message, is_internal)`: the message names the user's file (and line) when it can."""
    if isinstance(exc, SiteBuildError):
        return str(exc), False
    # Jinja's syntax errors carry the template file; its runtime errors show up as traceback
    # frames in the template file. Either way: name the user's file and line.
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    if isinstance(filename, str) and filename:
        return f"{filename}:{line}: {message}" if line else f"{filename}: {message}", False
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        try:
            where = Path(frame.filename).resolve()
        except (OSError, ValueError):
            continue
        if any(where.is_relative_to(r) for r in roots):
            return f"{where}:{frame.lineno}: {type(exc).__name__}: {message}", False
    return f"unexpected {type(exc).__name__} during the build: {message}", True
