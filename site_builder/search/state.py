"""The index as the last build left it, kept in the build cache for the next build.

``<page cache>/index/``:
  state.pkl       ``SavedIndex``: each page's key and what the bundle lists of it, in page
                  number order, the keys of pages with nothing to index, and what the bundle
                  was made with (``fingerprint``);
  shard-<n>.pkl   each word range's items (``entries.ShardEntries``) and how it was cut;
  files/          the bundle's content-named files (fragments by their SHA-1, text parts and
                  filters by name, index chunks by their content's SHA-1), linked into the
                  next bundle.

state.pkl is removed before a build changes anything else and written after everything
else: a build that stops halfway leaves no state, and the next build indexes from scratch.
"""
from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import KeysView
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder.search import gz
from site_builder.search.postings import BLOCK_STEP, SHARD_BOUNDS
from site_builder.search.tokens import BUCKETS

FOLDER = "index"
STATE_FILE = "state.pkl"
FILE_KINDS = ("fragment", "text", "index", "filter")
LIST_FROM = 2000  # more files placed at once are listed with their folder's, not stat'ed each


@dataclass(frozen=True)
class PageInfo:
    """What the bundle lists of one page, apart from its words."""

    key: str  # its page cache key (URL and bytes)
    url: str
    fragment_hash: str
    date: str
    word_count: int
    filters: dict[str, list[str]]
    parts: tuple[str, ...]  # its text parts' names


@dataclass(frozen=True)
class SavedIndex:
    fingerprint: tuple
    pages: list[PageInfo]  # in page number order
    skipped: frozenset[str]  # keys of pages with nothing to index
    stamps: dict[str, Stamp]  # each page's path in the site -> its stamp (neither read again)
    sizes: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> content name -> bytes of its files
    inodes: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> content name -> inode of its files
    filters: Filters | None = None  # the bundle's filters and their files (``writer.BundleIndex.filter_files``)


Stamp = tuple[int, int, str]  # a file's size, modification time (ns) and page key
# each filter's values' pages ({name: {value: [page number …]}}) and its file ([[name, file name] …])
Filters = tuple[dict[str, dict[str, list[int]]], list[list[str]]]


def stamp(path: Path, key: str) -> Stamp:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns, key


def fingerprint(language: str, version: str, *chunking: int) -> tuple:
    """What a saved index must have been made with to be patched (the code itself: the build
    cache keeps each code version's apart; the gzip codec, which is not code: ``gz``)."""
    return (language, version, chunking, SHARD_BOUNDS, BUCKETS, BLOCK_STEP, gz.CODEC)


class IndexStore:
    """The saved index of one page cache folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._kinds = {kind: folder / "files" / kind for kind in FILE_KINDS}  # each kind's folder
        self._inodes: dict[str, dict[str, int]] = {}  # each kind's saved files' inodes, once asked
        self._sizes: dict[str, dict[str, int]] = {}  # each kind's saved files' bytes, as loaded

    def load(self, expected: tuple) -> SavedIndex | None:
        try:
            with open(self.folder / STATE_FILE, "rb") as stored:
                saved = pickle.load(stored)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError):
            return None
        if not isinstance(saved, SavedIndex) or not isinstance(getattr(saved, "filters", None), tuple):
            return None  # not a state this code saved
        if saved.fingerprint != expected:
            return None
        # the files' inodes as saved: listing the ~62,000 saved files again took ~0.09 s an edit
        self._inodes = {kind: inodes for kind, inodes in saved.inodes.items() if kind in self._kinds}
        self._sizes = saved.sizes
        return saved

    def forget(self) -> None:
        """Invalidate the saved index before changing any of it."""
        (self.folder / STATE_FILE).unlink(missing_ok=True)

    def begin(self) -> None:
        """Start from nothing (a build from scratch)."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self._inodes, self._sizes = {}, {}
        for kind in FILE_KINDS:
            self.files(kind).mkdir(parents=True, exist_ok=True)

    def shard_path(self, shard: int) -> Path:
        return self.folder / f"shard-{shard}.pkl"

    def files(self, kind: str) -> Path:
        return self._kinds[kind]

    def stored(self, kind: str, name: str) -> str:
        return f"{self._kinds[kind]}/{name}"

    def inodes(self, kind: str) -> dict[str, int]:
        """Content name -> inode of each saved file of ``kind`` (as the saved index lists them,
        or as listed; only ``save`` changes the files)."""
        inodes = self._inodes.get(kind)
        if inodes is None:
            with os.scandir(self._kinds[kind]) as entries:  # a whole folder's inodes at once, no stat a file
                inodes = self._inodes[kind] = {entry.name: entry.inode() for entry in entries}
        return inodes

    def save(self, saved: SavedIndex, bundle_files: dict[str, dict[str, str]], written: dict[str, int]) -> None:
        """Keep the bundle's content-named files (kind -> content name -> its file; the bytes
        of those written by this build: ``written``, by file; the others are the saved
        ones), drop the ones it no longer has, and write state.pkl last."""
        wanted = {kind: self._sizes_of(kind, bundle_files.get(kind, {}), written) for kind in FILE_KINDS}
        inodes = {kind: self._placed(kind, wanted[kind].keys(), bundle_files.get(kind, {})) for kind in FILE_KINDS}
        temporary = self.folder / (STATE_FILE + ".tmp")
        with open(temporary, "wb") as out:
            pickle.dump(replace(saved, sizes=wanted, inodes=inodes), out, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(self.folder / STATE_FILE)
        self._inodes, self._sizes = {}, {}

    def _sizes_of(self, kind: str, paths: dict[str, str], written: dict[str, int]) -> dict[str, int]:
        """Content name -> bytes of each file of ``paths`` (content name -> its file): the
        saved sizes, changed by the names added and dropped (whole dicts: ~62,000 files)."""
        known = self._sizes.get(kind)
        if known is None:
            return dict(zip(paths.keys(), map(written.__getitem__, paths.values()), strict=True))
        sizes = dict(known)
        for name in known.keys() - paths.keys():
            del sizes[name]
        for name in paths.keys() - known.keys():
            sizes[name] = written[paths[name]]
        return sizes

    def _placed(self, kind: str, names: KeysView[str], paths: dict[str, str]) -> dict[str, int]:
        """Link the files of ``names`` (their bundle files: ``paths``) the store lacks, remove
        the ones not in ``names``; the inode of each file kept."""
        known = self._inodes.get(kind)
        present = known.keys() if known is not None else set(os.listdir(self._kinds[kind]))  # no stat a file
        new, old = names - present, present - names
        for name in new:
            place(paths[name], self.stored(kind, name))
        for name in old:
            os.unlink(self.stored(kind, name))
        if known is None or len(new) > LIST_FROM:
            self._inodes.pop(kind, None)
            return dict(self.inodes(kind))
        inodes = dict(known)
        for name in old:
            del inodes[name]
        inodes.update((name, os.stat(self.stored(kind, name)).st_ino) for name in new)
        return inodes


def place(source: str | Path, target: str | Path) -> None:
    """``target`` with ``source``'s bytes: a hard link, a copy across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
