"""The files of the built site as the preview server finds them, and the answers it has
already made from them.

The build replaces the output folder by renaming a staging folder into place, so every
lookup resolves its file against the output *path* afresh (no open directory, no chdir),
and a lookup that straddles the swap is made again.
"""
from __future__ import annotations

import mimetypes
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".webmanifest": "application/manifest+json; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".wasm": "application/wasm",
    # Pagefind's index files are (gzipped) binary
    ".pagefind": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_text": "application/octet-stream",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".pdf": "application/pdf",
}


def content_type(path: Path) -> str:
    known = CONTENT_TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    if guessed is None:
        return "application/octet-stream"
    if guessed.startswith("text/"):
        return f"{guessed}; charset=utf-8"
    return guessed


MAX_SEGMENT_BYTES = 255  # NAME_MAX: no file name is longer (404 beyond)
# which version of a file was read: inode, size, modification and change times
Stamp = tuple[int, int, int, int, int]


@dataclass(frozen=True)
class Found:
    path: Path  # the file of the site (a folder's index.html)
    data: bytes
    stamp: Stamp | None  # None: changed too recently to tell a rewrite from this version


def site_parts(path: str) -> list[str] | None:
    """The decoded path's segments, or None when it cannot name a file inside the site: a
    `..`, a backslash (a Windows separator), a NUL, or a segment longer than a file name."""
    parts = [p for p in path.split("/") if p not in ("", ".")]
    for part in parts:
        if part == ".." or "\\" in part or "\x00" in part or len(part.encode()) > MAX_SEGMENT_BYTES:
            return None
    return parts


def output_present(root: Path) -> bool:
    """Whether the output folder is there, waiting out a build swapping a new one in."""
    for _ in range(100):
        if root.is_dir() or not _swapping(root):
            break
        time.sleep(0.01)
    return root.is_dir()


def find(root: Path, parts: list[str], slash: bool) -> Found | str:
    """Look the file up; a miss that straddles a build's folder swap is looked up again."""
    found: Found | str = "missing"
    for _ in range(50):
        before = identity(root)
        found = _locate(root, parts, slash)
        if found != "missing" or (before is not None and before == identity(root)):
            break
        time.sleep(0.01)
    return found


def _locate(root: Path, parts: list[str], slash: bool) -> Found | str:
    """The file, "redirect" (a folder asked for without its slash) or "missing". A link in
    the site that leads outside it is missing too."""
    target = root.joinpath(*parts)
    try:
        if target.is_dir():
            if not slash:
                return "redirect" if _inside(target, root) else "missing"
            target = target / "index.html"
    except OSError:  # a name the file system refuses, a loop of links: nothing to serve
        return "missing"
    found = read(target, root) if _inside(target, root) else None
    return "missing" if found is None else found


def identity(root: Path) -> tuple[int, int] | None:
    """Which generation of the output folder `root` is (each build renames a new one in)."""
    try:
        st = root.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _inside(target: Path, root: Path) -> bool:
    """Whether the file, its links followed, lies in the output folder (a link may lead out)."""
    try:
        real_root = os.path.realpath(root)
        return os.path.realpath(target).startswith(real_root + os.sep)
    except (OSError, ValueError):
        return False


def read(target: Path, root: Path) -> Found | None:
    """The file, or None when it does not exist (retrying across a folder swap)."""
    for _ in range(100):
        try:
            return _read_stamped(target)
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            if root.is_dir() or not _swapping(root):
                return None
            time.sleep(0.01)
        except OSError:
            return None
    return None


# A file whose change time is at least this old when it is opened gets a later change time
# from any later write: file times come from a clock that lags by one tick (≤ 10 ms) at most.
SETTLED_NS = 100_000_000


def _read_stamped(target: Path) -> Found:
    now = time.time_ns()
    with open(target, "rb") as file:
        # stamped before reading: a write after this changes the stamp, so it is never
        # mistaken for the bytes read here
        stamp: Stamp | None = _stamp(os.fstat(file.fileno()))
        data = file.read()
    if stamp is not None and stamp[4] > now - SETTLED_NS:
        stamp = None
    return Found(target, data, stamp)


def _stamp(st: os.stat_result) -> Stamp:
    return st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def _current_stamp(target: Path) -> Stamp | None:
    try:
        return _stamp(os.stat(target))
    except (OSError, ValueError):
        return None


def _swapping(root: Path) -> bool:
    """Whether a build is in the middle of renaming a fresh site into `root`."""
    try:
        return any(p.name.startswith(f".{root.name}.old-") for p in root.parent.iterdir())
    except OSError:
        return False


# --- answers already made ---------------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    kind: str  # Content-Type
    body: bytes  # as sent (HTML with the live-reload script in it)


@dataclass(frozen=True)
class _Entry:
    answer: Answer
    target: Path
    stamp: Stamp


class AnswerCache:
    """The 200 answers made from files of the site, so a page asked for again is sent without
    resolving links, reading and injecting again. An answer is reused only for the same
    folder generation, the same live-reload version and a file that still has the stamp
    (inode, size, times) it had when it was read: a rewrite in place, a link replaced, an
    inode number reused by a later build all change the stamp."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024, max_file_bytes: int = 4 * 1024 * 1024):
        self._lock = threading.Lock()
        self._entries: dict[tuple[object, ...], _Entry] = {}
        self._bytes = 0
        self._current: tuple[object, ...] = ()  # folder generation and version of the last put
        self.max_bytes, self.max_file_bytes = max_bytes, max_file_bytes
        self.hits = 0

    def get(self, root: Path, version: str, path: str) -> Answer | None:
        key = (identity(root), version, path)
        with self._lock:
            entry = self._entries.get(key)
        if entry is None or _current_stamp(entry.target) != entry.stamp:
            return None
        with self._lock:
            self.hits += 1
        return entry.answer

    def put(self, generation: tuple[int, int] | None, version: str, path: str, found: Found,
            answer: Answer) -> None:
        """Keep the answer made from `found` for `path`, if the file is settled and was read
        from folder generation `generation` (identity before and after the lookup)."""
        if generation is None or found.stamp is None or len(answer.body) > self.max_file_bytes:
            return
        key = (generation, version, path)
        with self._lock:
            if key[:2] != self._current:  # a new build: the answers made before are not asked for
                self._current = key[:2]
                self._entries.clear()
                self._bytes = 0
            old = self._entries.pop(key, None)
            self._bytes -= len(old.answer.body) if old else 0
            self._entries[key] = _Entry(answer, found.path, found.stamp)
            self._bytes += len(answer.body)
            while self._bytes > self.max_bytes:  # the oldest first (dicts keep insertion order)
                oldest = self._entries.pop(next(iter(self._entries)))
                self._bytes -= len(oldest.answer.body)
