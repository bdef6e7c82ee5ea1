"""The search stage's page cache: each page's encoded entries (``postings.PagePostings``),
keyed by a SHA-1 of its URL and bytes (file ``<key[:2]>/<key>``), in the build cache's folder
of this code version (``site_builder.cache``), so a changed indexer never reads what an older
one wrote. The saved index (``state``) lives in its subfolder ``index/``.

Entries are pickles (not compressed: a page's ~60 KB would take about as long to compress as
the rest of its caching) written to a temporary name and renamed (a killed build leaves no
half-written entry; one that does not read back is a miss). After a build only
the entries of its pages are kept. One indexer at a time holds the folder (``held``).
"""
from __future__ import annotations

import fcntl
import os
import pickle
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from site_builder.search.entries import dump_unshared
from site_builder.search.postings import PagePostings

FOLDER = "search-pages"
LOCK_FILE = ".lock"


class PageCache:
    """``PageCache(None)`` keeps nothing. Picklable: the indexing processes share it."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    @contextmanager
    def held(self) -> Iterator[None]:
        """The folder to this indexer alone until the block ends: two builds of one content
        folder at once (a preview's and a command's, or two test workers') would each
        rewrite the index the other saves in it; the second waits. A folder that cannot be
        made or locked is used as it is (a cache only makes builds faster)."""
        lock = self._lock()
        try:
            yield
        finally:
            if lock is not None:
                lock.close()  # (closing it releases the lock)

    def _lock(self) -> BinaryIO | None:
        """The folder's lock file, locked (waiting for another holder), or None."""
        if self.folder is None:
            return None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            lock = open(self.folder / LOCK_FILE, "ab")  # (held until the caller closes it)
        except OSError:
            return None
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
        except OSError:
            lock.close()
            return None
        return lock

    def load(self, key: str) -> PagePostings | None:
        if self.folder is None:
            return None
        try:
            page = pickle.loads((self.folder / key[:2] / key).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError):
            return None
        return page if isinstance(page, PagePostings) else None

    def store(self, key: str, page: PagePostings) -> None:
        if self.folder is None:
            return
        target = self.folder / key[:2] / key
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                dump_unshared(page, out)
            os.replace(temporary, target)
        except OSError:  # a cache that cannot be written only makes builds slower
            return

    def keep_only(self, keys: set[str]) -> None:
        """Remove the entries of pages no longer in the site."""
        if self.folder is None or not self.folder.is_dir():
            return
        for sub in self.folder.iterdir():
            for entry in sub.iterdir() if sub.is_dir() and len(sub.name) == 2 else ():
                if entry.name not in keys:
                    entry.unlink(missing_ok=True)
