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

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from site_builder.search.state import place

CONTENT_FOLDERS = ("index", "fragment", "filter", "text")  # every file named by its content
META_SUFFIX = ".pf_meta"

Inode = Callable[[str, str], int | None]  # (kind, content name) -> the saved file's inode, None when not saved
Sizes = dict[str, dict[str, int]]  # kind -> content name -> bytes, of the saved files


class BundleFiles:
    """The content-named files of one bundle folder, as they are written, and their sizes
    (the bundle's stats need no stat of its ~84,000 files)."""

    def __init__(self, bundle: Path):
        self.bundle = bundle
        self.sizes: dict[str, int] = {}  # path -> bytes of each file written or kept
        self._held: dict[str, int] = {}  # path -> inode of each file it held, not yet decided on
        self._saved_inode: Inode = lambda kind, name: None
        self._saved_sizes: Sizes = {}

    def clear(self) -> None:
        """Start from an empty bundle (its engine's fixed-name files stay)."""
        for folder in CONTENT_FOLDERS:
            shutil.rmtree(self.bundle / folder, ignore_errors=True)
            (self.bundle / folder).mkdir(parents=True)
        for meta in self.bundle.glob("*" + META_SUFFIX):
            meta.unlink()
        self._held = {}
        self.sizes = {}

    def patch(self, saved_inode: Inode, saved_sizes: Sizes) -> None:
        """Keep the files the folder holds that are the saved index's (``saved_inode``; their
        bytes: ``saved_sizes``)."""
        self._saved_inode, self._saved_sizes = saved_inode, saved_sizes
        self._held = {}
        self.sizes = {}
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

    def link_saved(self, source: str, kind: str, name: str, path: str) -> None:
        """The saved file ``source`` (of ``kind``, content ``name``) at ``path``: nothing to do
        when the folder holds that very file."""
        self.sizes[path] = self._saved_sizes[kind][name]
        held = self._held.pop(path, None)
        if held is not None:
            if held == self._saved_inode(kind, name):
                return
            os.unlink(path)
        place(source, path)

    def finish(self) -> None:
        """Remove every held file the new bundle has not kept."""
        for path in self._held:
            os.unlink(path)
        self._held = {}
