"""The search stage's page cache: each page's encoded entries (``postings.PagePostings``),
keyed by a SHA-1 of its URL and bytes, in the build cache's folder of this code version
(``site_builder.cache``), so a changed indexer never reads what an older one wrote. The
saved index (``state``) lives in its subfolder ``index/``.

Pages are stored in packs, a batch of pages to a file (``packs/<name>``: their pickles one
after another, not compressed: a page's ~40 KB would take about as long to compress as the
rest of its caching), and found by the folder's directory (``directory.pkl``: key -> pack,
offset, length; with the gzip codec its pages' files were made with). One file a page cost
a build from scratch at 10,000 articles 10,000 file creations and as many failed opens
(every page is looked up first). A pack is written whole before the directory names it,
and the directory is written whole (``keep_only``, at the end of each indexing) to a
temporary name and renamed: a killed build leaves packs no directory names, removed by the
next. A pack is removed once none of its pages is kept. One indexer at a time holds the
folder (``held``).
"""
from __future__ import annotations

import fcntl
import io
import os
import pickle
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, cast

from site_builder.search.entries import dump_unshared, load_pickle, save_pickle
from site_builder.search.gz import CODEC
from site_builder.search.postings import PagePostings

FOLDER = "search-pages"
LOCK_FILE = ".lock"
PACKS = "packs"
DIRECTORY = "directory.pkl"

Place = tuple[str, int, int]  # a page's pack, and its pickle's offset and length there


class PageCache:
    """``PageCache(None)`` keeps nothing. Picklable: the indexing processes share it (each
    reads the directory once, when it first looks a page up, and hands the places of the
    pages it stored back with ``stored``)."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self._directory: dict[str, Place] | None = None  # as saved, loaded when first used
        self.stored: dict[str, Place] = {}  # the pages this object stored, not yet in the directory

    def __getstate__(self) -> dict:
        return {"folder": self.folder, "_directory": None, "stored": {}}

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

    def directory(self) -> dict[str, Place]:
        if self._directory is None:
            self._directory = _load_directory(self.folder) if self.folder is not None else {}
        return self._directory

    def load(self, key: str) -> PagePostings | None:
        place = self.stored.get(key) or self.directory().get(key)
        if place is None or self.folder is None:
            return None
        name, offset, length = place
        try:
            with open(self.folder / PACKS / name, "rb") as pack:
                pack.seek(offset)
                page = pickle.loads(pack.read(length))
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, ValueError):
            return None
        return page if isinstance(page, PagePostings) else None

    def store(self, key: str, page: PagePostings) -> None:
        self.store_all([(key, page)])

    def store_all(self, pages: list[tuple[str, PagePostings]]) -> None:
        """Store ``pages`` (key, entries) in one pack."""
        if self.folder is None or not pages:
            return
        buffer, places = io.BytesIO(), []
        for key, page in pages:
            start = buffer.tell()
            dump_unshared(page, buffer)
            places.append((key, start, buffer.tell() - start))
        # a name no other pack had: a pack is never written over while the directory names it
        name = f"{pages[0][0][:12]}-{os.getpid()}-{time.time_ns()}"
        try:
            (self.folder / PACKS).mkdir(parents=True, exist_ok=True)
            temporary = self.folder / PACKS / f".tmp-{name}"
            with open(temporary, "wb") as out:
                out.write(buffer.getbuffer())
            os.replace(temporary, self.folder / PACKS / name)
        except OSError:  # a cache that cannot be written only makes builds slower
            return
        self.stored.update((key, (name, start, length)) for key, start, length in places)

    def adopt(self, stored: dict[str, Place]) -> None:
        """Take the places of pages another process stored (its ``stored``)."""
        self.stored.update(stored)

    def keep_only(self, keys: Iterable[str]) -> None:
        """Keep the entries of ``keys`` (the site's pages) alone, in the directory saved, and
        remove the packs none of them is in."""
        if self.folder is None:
            return
        known = self.directory() | self.stored
        kept = {key: known[key] for key in keys if key in known}
        try:
            save_pickle(self.folder / DIRECTORY, (CODEC, kept))
        except OSError:
            return
        self._directory, self.stored = kept, {}
        used = {name for name, _, _ in kept.values()}
        packs = self.folder / PACKS
        for entry in os.scandir(packs) if packs.is_dir() else ():
            if entry.name not in used:
                os.unlink(entry.path)


def _load_directory(folder: Path) -> dict[str, Place]:
    """The saved directory; none when its pages' files were compressed by another codec than
    this process's (``gz.CODEC``: its bundle would not be the one a build from scratch makes)."""
    try:
        codec, directory = cast(tuple[object, object], load_pickle(folder / DIRECTORY))
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, ValueError, TypeError):
        return {}
    return directory if codec == CODEC and isinstance(directory, dict) else {}
