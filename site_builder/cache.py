"""The build cache: what earlier builds made, keyed by content and by what produced it.

It lives in `.site-builder-cache/` inside the content folder (a hidden folder: no build reads
it as content, the preview does not watch it; `SITE_BUILDER_CACHE` names another folder,
`off` turns it off).
Deleting it is always safe: the next build is a cold one and makes it again. Everything in
it sits under the *code version*, a hash of the package's own source files, so a changed
site_builder never reads what an older one wrote; older versions' folders are removed.

- file stamps: (path, size, mtime_ns) -> the file's SHA-1, so an unchanged file is not
  read again to learn that it is unchanged (Pelican's approach); a stamp younger than
  `RACY_SECONDS` is not kept, since a second write within the file system's time
  granularity could leave size and mtime as they were.
- entries: pickles keyed by a SHA-1 of what they were made from (`load` / `store`).

Each file is written to a temporary name and renamed, so a killed build never leaves a
half-written entry; an entry that does not unpickle is a miss. A build holds the cache
(`held`) from its first read to its last write: a second build of the same content (the
preview and a build in a terminal, or two test workers) waits, since the saved search index
and the carried analysis are several files that must change together.
"""
from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import os
import pickle
import shutil
import tempfile
import threading
import time
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

CACHE_DIR_NAME = ".site-builder-cache"
CACHE_ENV = "SITE_BUILDER_CACHE"
RACY_SECONDS = 2.0
PACKAGE = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """SHA-1 of every Python file of the package (name and bytes), in a fixed order."""
    digest = hashlib.sha1()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def sha1_of(*parts: str | bytes) -> str:
    """SHA-1 of the parts, each followed by a NUL byte (joined first: one call into hashlib;
    parts all text, as nearly all are, joined as text and encoded once)."""
    try:
        joined = "\0".join(parts).encode()  # type: ignore[arg-type]
    except TypeError:  # some are bytes
        joined = b"\0".join([part.encode() if isinstance(part, str) else part for part in parts])
    return hashlib.sha1(joined + b"\0" if parts else b"").hexdigest()


def cache_root(content_dir: Path) -> Path | None:
    """Where the cache of this content folder lives; None when it is turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.lower() in ("", "off", "0", "no") else Path(chosen)
    return content_dir.resolve() / CACHE_DIR_NAME


LOCK_FILE = "lock"
_held: dict[Path, tuple[int, int]] = {}  # cache root -> (the locked file, how deep this process holds it)
_held_guard = threading.RLock()  # threads of one process (the preview's) take turns as processes do


@contextlib.contextmanager
def held(root: Path | None, on_wait: Callable[[Path], object] = lambda root: None) -> Iterator[None]:
    """Hold the cache at ``root`` (None: no cache, nothing to hold) for the block; when
    another process holds it, call ``on_wait(root)`` once and wait for it. Reentrant within
    a thread. A cache that cannot be locked (a read-only folder) is used unlocked."""
    if root is None:
        yield
        return
    with _held_guard:
        descriptor, depth = _held.get(root, (-1, 0))
        if depth == 0:
            descriptor = _lock(root, on_wait)
        _held[root] = (descriptor, depth + 1)
        try:
            yield
        finally:
            descriptor, depth = _held.pop(root)
            if depth > 1:
                _held[root] = (descriptor, depth - 1)
            elif descriptor >= 0:
                os.close(descriptor)  # closing the file releases its lock


def _lock(root: Path, on_wait: Callable[[Path], object]) -> int:
    try:
        root.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return -1
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait(root)
            fcntl.flock(descriptor, fcntl.LOCK_EX)
    except OSError:  # a file system without locks
        os.close(descriptor)
        return -1
    return descriptor


class BuildCache:
    """One build's view of the cache; `BuildCache(None)` is a cache that keeps nothing."""

    def __init__(self, root: Path | None):
        self.folder = root / code_version()[:16] if root is not None else None
        self._stamps: dict[str, tuple[int, int, str]] = {}
        self._stamps_changed = False
        self.memo: dict[str, Any] = {}  # what a module keeps for the rest of this build (cache_patches.py)
        if self.folder is not None:
            self._stamps = self.load("stamps", "files") or {}
            _remove_other_versions(self.folder)

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def file_hash(self, path: Path | str, stat: os.stat_result | None = None) -> str:
        """SHA-1 of a file's bytes; from its stamp when size and mtime are as last seen
        (`stat`: the file's, when the caller has it)."""
        stat = stat or os.stat(path)
        key = str(path)
        known = self._stamps.get(key)
        if known is not None and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return known[2]
        with open(path, "rb") as file:
            sha1 = hashlib.sha1(file.read()).hexdigest()
        if time.time() - stat.st_mtime > RACY_SECONDS:
            self._stamps[key] = (stat.st_size, stat.st_mtime_ns, sha1)
            self._stamps_changed = True
        return sha1

    def load(self, kind: str, key: str) -> Any:
        """The value stored under (kind, key), or None."""
        if self.folder is None:
            return None
        try:
            with open(self._name(kind, key), "rb") as stored:
                return pickle.load(stored)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError):
            return None

    def size(self, kind: str, key: str) -> int:
        """The bytes the value stored under (kind, key) takes (0: none)."""
        try:
            return os.path.getsize(self._name(kind, key)) if self.folder is not None else 0
        except OSError:
            return 0

    def store(self, kind: str, key: str, value: Any) -> int:
        """Keep `value` under (kind, key); return the bytes written (0: nothing kept)."""
        return self._write(kind, key, lambda out: pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL))

    def open_entry(self, kind: str, key: str) -> BinaryIO:
        """The file stored under (kind, key) by `store_written`, to read (OSError: none)."""
        if self.folder is None:
            raise FileNotFoundError(kind)
        return open(self._name(kind, key), "rb")

    def store_written(self, kind: str, key: str, write: Callable[[BinaryIO], object]) -> int:
        """Keep what `write` writes to the file it is given under (kind, key) (`open_entry`
        reads it); return the bytes written (0: nothing kept)."""
        return self._write(kind, key, write)

    def store_pickled(self, kind: str, key: str, pickled: bytes) -> int:
        """`store` a value pickled already (`pickle.dumps(value, pickle.HIGHEST_PROTOCOL)`)."""
        return self._write(kind, key, lambda out: out.write(pickled))

    def _write(self, kind: str, key: str, write: Callable[[BinaryIO], object]) -> int:
        if self.folder is None:
            return 0
        target = Path(self._name(kind, key))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                write(out)
                size = out.tell()
            os.replace(temporary, target)
        except OSError:  # a cache that cannot be written only makes builds slower
            return 0
        return size

    def save(self) -> None:
        """Keep the file stamps learnt in this build."""
        if self._stamps_changed:
            self.store("stamps", "files", self._stamps)
            self._stamps_changed = False

    def _name(self, kind: str, key: str) -> str:
        """The entry's file name (a string: a build loads 10,000 documents, and pathlib's
        joins would cost more than their reads)."""
        assert self.folder is not None
        return f"{self.folder}/{kind}/{key[:2]}/{key}"


def _remove_other_versions(folder: Path) -> None:
    """Entries written by other versions of the code can never be read again."""
    try:
        siblings = [p for p in folder.parent.iterdir() if p.is_dir() and p != folder]
    except OSError:
        return
    for sibling in siblings:
        shutil.rmtree(sibling, ignore_errors=True)
