"""The index as the last build left it, kept in the build cache for the next build.

``<page cache>/index/``:
  state.pkl       ``SavedIndex``: each page's key and what the bundle lists of it, in page
                  number order, the keys of pages with nothing to index, and what the bundle
                  was made with (``fingerprint``);
  shard-<n>.pkl   each word range's items (``entries.ShardEntries``) and how it was cut;
  files/          the bundle's content-named files (fragments by their SHA-1, text parts by
                  name, index chunks by their content's SHA-1), linked into the next bundle.

state.pkl is removed before a build changes anything else and written after everything
else: a build that stops halfway leaves no state, and the next build indexes from scratch.
"""
from __future__ import annotations

import os
import pickle
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder.search.postings import BLOCK_STEP, SHARD_BOUNDS
from site_builder.search.tokens import BUCKETS

FOLDER = "index"
STATE_FILE = "state.pkl"
FILE_KINDS = ("fragment", "text", "index")


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


Stamp = tuple[int, int, str]  # a file's size, modification time (ns) and page key


def stamp(path: Path, key: str) -> Stamp:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns, key


def fingerprint(language: str, version: str, *chunking: int) -> tuple:
    """What a saved index must have been made with to be patched (the code itself: the build
    cache keeps each code version's apart)."""
    return (language, version, chunking, SHARD_BOUNDS, BUCKETS, BLOCK_STEP)


class IndexStore:
    """The saved index of one page cache folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._kinds = {kind: folder / "files" / kind for kind in FILE_KINDS}  # each kind's folder
        self._inodes: dict[str, dict[str, int]] = {}  # each kind's saved files' inodes, once asked

    def load(self, expected: tuple) -> SavedIndex | None:
        try:
            with open(self.folder / STATE_FILE, "rb") as stored:
                saved = pickle.load(stored)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError):
            return None
        if not isinstance(saved, SavedIndex) or not isinstance(getattr(saved, "sizes", None), dict):
            return None  # not a state this code saved
        return saved if saved.fingerprint == expected else None

    def forget(self) -> None:
        """Invalidate the saved index before changing any of it."""
        (self.folder / STATE_FILE).unlink(missing_ok=True)

    def begin(self) -> None:
        """Start from nothing (a build from scratch)."""
        shutil.rmtree(self.folder, ignore_errors=True)
        for kind in FILE_KINDS:
            self.files(kind).mkdir(parents=True, exist_ok=True)

    def shard_path(self, shard: int) -> Path:
        return self.folder / f"shard-{shard}.pkl"

    def files(self, kind: str) -> Path:
        return self._kinds[kind]

    def stored(self, kind: str, name: str) -> str:
        return f"{self._kinds[kind]}/{name}"

    def inodes(self, kind: str) -> dict[str, int]:
        """Content name -> inode of each saved file of ``kind``."""
        inodes = self._inodes.get(kind)
        if inodes is None:
            with os.scandir(self._kinds[kind]) as entries:  # a whole folder's inodes at once, no stat a file
                inodes = self._inodes[kind] = {entry.name: entry.inode() for entry in entries}
        return inodes

    def _names(self, kind: str) -> set[str]:
        """The names of the saved files of ``kind`` (listed once: only ``save`` changes them)."""
        listed = self._inodes.get(kind)
        return set(listed) if listed is not None else set(os.listdir(self._kinds[kind]))  # no stat a file

    def save(self, saved: SavedIndex, bundle_files: dict[str, tuple[str, str]], sizes: dict[str, int]) -> None:
        """Keep the bundle's content-named files ({file: (kind, name)}, their bytes:
        ``sizes``), drop the ones it no longer has, and write state.pkl last."""
        wanted: dict[str, dict[str, int]] = {kind: {} for kind in FILE_KINDS}
        paths: dict[str, dict[str, str]] = {kind: {} for kind in FILE_KINDS}  # kind -> name -> a bundle file
        for path, (kind, name) in bundle_files.items():
            wanted[kind][name] = sizes[path]
            paths[kind][name] = path
        for kind, names in wanted.items():
            present = self._names(kind)
            for new in names.keys() - present:
                place(paths[kind][new], self.stored(kind, new))
            for old in present - names.keys():
                os.unlink(self.stored(kind, old))
        temporary = self.folder / (STATE_FILE + ".tmp")
        with open(temporary, "wb") as out:
            pickle.dump(replace(saved, sizes=wanted), out, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(self.folder / STATE_FILE)
        self._inodes = {}


def place(source: str | Path, target: str | Path) -> None:
    """``target`` with ``source``'s bytes: a hard link, a copy across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
