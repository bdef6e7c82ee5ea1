"""The bundle folder's files, written anew or patched in place.

A build's staging folder may hold an earlier build's bundle (the spare site, ``spare.py``):
most of its ~84,000 files at 10,000 articles are the files the new bundle wants, each a hard
link to the saved index's file of the same content (``state.IndexStore``). Patching it
keeps each such file (the same inode as the saved one: the same bytes), links the saved
files it lacks, writes the new ones and removes the rest, instead of linking every file
into an empty folder.

Nothing is ever written into a file the folder holds (it may be a hard link to the published
site's): a file is removed before one is written at its name, or replaced by a rename.
"""
from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path
from typing import Protocol

import numpy as np

from site_builder.search.state import place
from site_builder.search.trash import Trash

CONTENT_FOLDERS = ("index", "fragment", "filter", "text")  # every file named by its content
META_SUFFIX = ".pf_meta"

Sizes = dict[str, dict[str, int]]  # kind -> content name -> bytes, of the saved files


class SavedFiles(Protocol):
    """The saved index's files (``state.IndexStore``)."""

    def inodes(self, kind: str) -> dict[str, int]: ...  # content name -> inode, of the saved files of ``kind``

    def stored(self, kind: str, name: str) -> str: ...  # the saved file's path


class BundleFiles:
    """The content-named files of one bundle folder, as they are written, and their sizes
    (the bundle's stats need no stat of its ~84,000 files)."""

    def __init__(self, bundle: Path):
        self.bundle = bundle
        self.sizes: dict[str, int] = {}  # path -> bytes of each file written
        self.kept_files = self.kept_bytes = 0  # the saved files kept: how many, their bytes
        self._held: dict[str, int] = {}  # path -> inode of each file it held, not yet decided on
        self._saved: SavedFiles | None = None
        self._saved_sizes: Sizes = {}

    def clear(self, trash: Trash | None = None) -> None:
        """Start from an empty bundle (its engine's fixed-name files stay); the old files
        removed by ``trash`` when given."""
        for folder in CONTENT_FOLDERS:
            if trash is not None:
                trash.remove(self.bundle / folder)
            shutil.rmtree(self.bundle / folder, ignore_errors=True)
            (self.bundle / folder).mkdir(parents=True)
        for meta in self.bundle.glob("*" + META_SUFFIX):
            meta.unlink()
        self._held, self.sizes, self.kept_files, self.kept_bytes = {}, {}, 0, 0

    def patch(self, saved: SavedFiles, saved_sizes: Sizes) -> None:
        """Keep the files the folder holds that are ``saved``'s (their bytes: ``saved_sizes``)."""
        self._saved, self._saved_sizes = saved, saved_sizes
        self._held, self.sizes, self.kept_files, self.kept_bytes = {}, {}, 0, 0
        for folder in CONTENT_FOLDERS:
            (self.bundle / folder).mkdir(parents=True, exist_ok=True)
            with os.scandir(self.bundle / folder) as entries:
                self._held.update((entry.path, entry.inode()) for entry in entries)
        with os.scandir(self.bundle) as entries:
            self._held.update((entry.path, entry.inode()) for entry in entries if entry.name.endswith(META_SUFFIX))

    def write(self, path: str, data: bytes) -> None:
        if self._held.pop(path, None) is not None:
            os.unlink(path)
        with open(path, "xb") as out:
            out.write(data)
        self.sizes[path] = len(data)

    def move(self, source: Path, path: str, size: int) -> None:
        """``source``'s file (of ``size`` bytes) at ``path`` (a rename replaces what the
        folder held there)."""
        self._held.pop(path, None)
        os.replace(source, path)
        self.sizes[path] = size

    def finish(self, kept: dict[str, dict[str, str]]) -> None:
        """Place the saved files ``kept`` (kind -> path -> content name; nothing else is ever
        written at their paths), and remove every held file the new bundle has not kept."""
        self._place_kept(kept)
        for path in self._held:
            os.unlink(path)
        self._held = {}

    def _place_kept(self, kept: dict[str, dict[str, str]]) -> None:
        """Link each kept file, unless the folder holds that very file (the saved inode). In
        bulk, without a Python step a file: an edit keeps ~62,000 files at 10,000 articles."""
        if not any(kept.values()):
            return
        assert self._saved is not None, "files kept from a saved index that was not given (patch)"
        saved, held = self._saved, self._held
        for kind, names in kept.items():
            inode_of, size_of = saved.inodes(kind), self._saved_sizes[kind]
            self.kept_files += len(names)
            self.kept_bytes += sum(map(size_of.__getitem__, names.values()))
            holding = np.fromiter(map(held.pop, names.keys(), itertools.repeat(-1)), np.int64, len(names))
            wanted = np.fromiter(map(inode_of.__getitem__, names.values()), np.int64, len(names))
            if np.array_equal(holding, wanted):
                continue
            paths = list(names)
            for at in np.flatnonzero(holding != wanted).tolist():
                path = paths[at]
                if holding[at] >= 0:
                    os.unlink(path)
                place(saved.stored(kind, names[path]), path)
