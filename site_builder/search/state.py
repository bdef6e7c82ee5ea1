"""The index as the last build left it, kept in the build cache for the next build.

``<page cache>/index/``:
  base-<n>.pkl    ``SavedIndex``: each page's key and what the bundle lists of it, in page
                  number order, the keys of pages with nothing to index, what the bundle
                  was made with (``fingerprint``), each page's stamp, each saved file's
                  bytes and inode;
  state.pkl       the saved index as a ``Patch`` of that base: what changed since it was
                  written (an edit changes a few of its ~130,000 entries at 10,000 articles;
                  pickling them all took ~0.1 s a build). The base is written again when
                  the patch holds more than ``REBASE_SHARE`` of its entries;
  shard-<n>.pkl   each word range's items (``entries.ShardEntries``) and how it was cut;
  files/          the bundle's content-named files (fragments by their SHA-1, text parts and
                  filters by name, index chunks by their content's SHA-1), linked into the
                  next bundle.

state.pkl is removed before a build changes anything else and written after everything
else (its base before it): a build that stops halfway leaves no state, and the next build
indexes from scratch.
"""
from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import KeysView
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder.cache_patches import Changes, applied, changes_of, moved_on
from site_builder.search import gz
from site_builder.search.postings import BLOCK_STEP, SHARD_BOUNDS
from site_builder.search.trash import Trash
from site_builder.search.tokens import BUCKETS

FOLDER = "index"
STATE_FILE = "state.pkl"
BASE_FILES = "base-*.pkl"
REBASE_SHARE = 0.1  # a patch holding more than this share of its base's entries: the base written again
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
Known = tuple[dict[str, Changes], dict[str, Changes]]  # the changes of some kinds' sizes, and inodes
# each filter's values' pages ({name: {value: [page number …]}}) and its file ([[name, file name] …])
Filters = tuple[dict[str, dict[str, list[int]]], list[list[str]]]




@dataclass(frozen=True)
class Patch:
    """A ``SavedIndex`` as the changes made since its base (the file ``base``) was written."""

    fingerprint: tuple
    base: str
    pages: dict[int, PageInfo] | list[PageInfo]  # the pages replaced, by number; or all of them
    skipped: frozenset[str]
    stamps: Changes
    sizes: dict[str, Changes]
    inodes: dict[str, Changes]
    filters: Filters | None
    entries: int  # how many it holds of pages, stamps, sizes and inodes

    @staticmethod
    def between(name: str, base: SavedIndex, saved: SavedIndex, known: Known | None = None) -> Patch:
        """``saved`` as the changes of ``base`` (its file: ``name``). Entries are compared by
        identity first: the unchanged ones are the objects loaded. ``known``: the changes
        of some kinds' sizes and inodes, already known (not compared again)."""
        known_sizes, known_inodes = known or ({}, {})
        if saved is base:
            return Patch(base.fingerprint, name, {}, base.skipped, ({}, frozenset()), {}, {}, base.filters, 0)
        pages: dict[int, PageInfo] | list[PageInfo] = saved.pages
        if len(saved.pages) == len(base.pages):
            pages = {n: page for n, (page, old) in enumerate(zip(saved.pages, base.pages, strict=True))
                     if page is not old and page != old}
        stamps = changes_of(saved.stamps, base.stamps)
        sizes = {kind: known_sizes[kind] if kind in known_sizes else changes_of(found, base.sizes.get(kind, {}))
                 for kind, found in saved.sizes.items()}
        inodes = {kind: known_inodes[kind] if kind in known_inodes else changes_of(found, base.inodes.get(kind, {}))
                  for kind, found in saved.inodes.items()}
        entries = len(pages) + sum(len(changed) + len(lost) for changed, lost in [stamps, *sizes.values(), *inodes.values()])
        return Patch(saved.fingerprint, name, pages, saved.skipped, stamps, sizes, inodes, saved.filters, entries)

    def applied(self, base: SavedIndex) -> SavedIndex:
        pages = self.pages if isinstance(self.pages, list) else list(base.pages)
        if isinstance(self.pages, dict):
            for number, page in self.pages.items():
                pages[number] = page
        return SavedIndex(self.fingerprint, pages, self.skipped, applied(base.stamps, self.stamps),
                          _applied_kinds(base.sizes, self.sizes), _applied_kinds(base.inodes, self.inodes),
                          self.filters)


def _applied_kinds(base: dict[str, dict], changes: dict[str, Changes]) -> dict[str, dict]:
    """Each kind's dict: the base's, changed where the patch lists the kind."""
    return {kind: applied(base.get(kind, {}), changes[kind]) if kind in changes else base[kind]
            for kind in base.keys() | changes.keys()}


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
        self._base: tuple[str, SavedIndex] | None = None  # the base file loaded, by its name
        self._patch: Patch | None = None  # the patch loaded, carried on by ``save``
        self._loaded: dict[str, dict[str, int]] = {}  # each kind's inodes as loaded (``_inodes``' own when unchanged)
        # (field, kind) -> the names this build added (with their values) and dropped, of the
        # saved sizes and inodes: the patch's changes carried on without comparing ~50,000
        # entries of each (~0.05 s an edit at 10,000 articles)
        self._moves: dict[tuple[str, str], tuple[dict[str, int], set[str]]] = {}

    def load(self, expected: tuple) -> SavedIndex | None:
        try:
            with open(self.folder / STATE_FILE, "rb") as stored:
                patch = pickle.load(stored)
            if not isinstance(patch, Patch) or patch.fingerprint != expected:
                return None  # not a state this code saved
            with open(self.folder / patch.base, "rb") as stored:
                base = pickle.load(stored)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError):
            return None
        if not isinstance(base, SavedIndex) or not isinstance(getattr(patch, "filters", None), tuple):
            return None
        saved = patch.applied(base)
        self._base, self._patch, self._moves = (patch.base, base), patch, {}
        # the files' inodes as saved: listing the ~62,000 saved files again took ~0.09 s an edit
        self._inodes = {kind: inodes for kind, inodes in saved.inodes.items()
                        if kind in self._kinds and self._still_holds(kind, inodes)}
        self._sizes, self._loaded = saved.sizes, dict(self._inodes)
        return saved

    def _still_holds(self, kind: str, inodes: dict[str, int]) -> bool:
        """Whether the folder of ``kind`` holds the files whose inodes were saved. A copy of
        the build cache (a restored CI cache, a backup) has the same names under other
        inodes: every bundle file would be found not the saved one and linked again, each
        build, the map never corrected. A copy changes them all, so one file tells."""
        name = next(iter(inodes), None)
        if name is None:
            return True
        try:
            return os.stat(self.stored(kind, name)).st_ino == inodes[name]
        except OSError:
            return False

    def forget(self) -> None:
        """Invalidate the saved index before changing any of it."""
        (self.folder / STATE_FILE).unlink(missing_ok=True)

    def begin(self, trash: Trash | None = None) -> None:
        """Start from nothing (a build from scratch); the old files removed by ``trash`` when
        given."""
        if trash is not None:
            trash.remove(self.folder)
        shutil.rmtree(self.folder, ignore_errors=True)
        self._inodes, self._sizes, self._base, self._patch, self._loaded, self._moves = {}, {}, None, None, {}, {}
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

    def place_files(self, bundle_files: dict[str, dict[str, str]], kinds: tuple[str, ...]) -> None:
        """Link the bundle's files of ``kinds`` (kind -> content name -> its file) the store
        lacks, ahead of ``save`` (which then finds them placed): while other processes
        still work on the index."""
        for kind in kinds:
            self._inodes.pop(kind, None)  # listed again by ``save``
            present = set(os.listdir(self._kinds[kind]))
            for name, path in bundle_files.get(kind, {}).items():
                if name not in present:
                    place(path, self.stored(kind, name))

    def save(self, saved: SavedIndex, bundle_files: dict[str, dict[str, str]], written: dict[str, int]) -> None:
        """Keep the bundle's content-named files (kind -> content name -> its file; the bytes
        of those written by this build: ``written``, by file; the others are the saved
        ones), drop the ones it no longer has, and write state.pkl last."""
        wanted = {kind: self._sizes_of(kind, bundle_files.get(kind, {}), written) for kind in FILE_KINDS}
        inodes = {kind: self._placed(kind, wanted[kind].keys(), bundle_files.get(kind, {})) for kind in FILE_KINDS}
        whole = replace(saved, sizes=wanted, inodes=inodes)
        patch = Patch.between(*self._base, whole, self._known()) if self._base is not None else None
        if patch is None or patch.entries > REBASE_SHARE * _entries(whole):
            patch = self._rebase(whole)
        _write(self.folder / STATE_FILE, patch)
        self._inodes, self._sizes, self._base, self._patch, self._loaded, self._moves = {}, {}, None, None, {}, {}

    def _known(self) -> Known | None:
        """The changes of the sizes and inodes from the base, for the kinds whose moves are
        known: the loaded patch's, moved on."""
        if self._patch is None or self._base is None:
            return None
        base = self._base[1]
        known: Known = ({}, {})
        for (name, kind), (added, dropped) in self._moves.items():
            changes = getattr(self._patch, name).get(kind, ({}, frozenset()))
            (known[1] if name == "inodes" else known[0])[kind] = moved_on(changes, getattr(base, name).get(kind, {}), added, dropped)
        return known

    def _rebase(self, whole: SavedIndex) -> Patch:
        """``whole`` written as the new base, under a name no earlier base had; the others removed."""
        number = max((int(path.stem.partition("-")[2]) for path in self.folder.glob(BASE_FILES)), default=0) + 1
        name = BASE_FILES.replace("*", str(number))
        _write(self.folder / name, whole)
        for old in self.folder.glob(BASE_FILES):
            if old.name != name:
                old.unlink()
        return Patch.between(name, whole, whole)

    def _sizes_of(self, kind: str, paths: dict[str, str], written: dict[str, int]) -> dict[str, int]:
        """Content name -> bytes of each file of ``paths`` (content name -> its file): the
        saved sizes, changed by the names added and dropped (whole dicts: ~62,000 files)."""
        known = self._sizes.get(kind)
        if known is None:
            return dict(zip(paths.keys(), map(written.__getitem__, paths.values()), strict=True))
        sizes, dropped = dict(known), known.keys() - paths.keys()
        for name in dropped:
            del sizes[name]
        added = {name: written[paths[name]] for name in paths.keys() - known.keys()}
        sizes.update(added)
        self._moves["sizes", kind] = (added, dropped)
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
        added = {name: os.stat(self.stored(kind, name)).st_ino for name in new}
        inodes.update(added)
        if known is self._loaded.get(kind):  # (not a listing: its changes from the base are the patch's)
            self._moves["inodes", kind] = (added, set(old))
        return inodes


def _write(path: Path, value: object) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as out:
        pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(path)


def _entries(saved: SavedIndex) -> int:
    return len(saved.pages) + len(saved.stamps) + sum(map(len, saved.sizes.values())) \
        + sum(map(len, saved.inodes.values()))


def place(source: str | Path, target: str | Path) -> None:
    """``target`` with ``source``'s bytes: a hard link, a copy across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
