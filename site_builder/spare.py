"""The spare site: the site published before the current one, kept to be made into the next.

A build writes the whole site into a staging folder and swaps it into place (build.py). Made
empty, that folder needs every unchanged page hard-linked into it from the published site:
two system calls a page, seconds at 10,000 articles, for an edit that changes thirty pages.
So the site a swap retires is not deleted but kept in the build cache (`spare_folder`), with
a record of its files (`SpareSite`). The next build claims it as its staging folder by
renaming it (one build wins: a rename is atomic), checks it is as recorded (the mtime of
each folder: `claim_spare` says why that is enough), and brings it up to date (`Staged`): a file that
already is the published one (the same inode: the two sites share every file neither build
changed) stays, any other is replaced, one the new site has not is removed. A build that
retires no site it can keep (a cold build, or one replacing a site changed by hand) links
its own as the spare (`link_as_spare`). Nothing is
ever written into a file the staging folder holds: it may be a hard link to the published
file, which readers are reading; it is removed and a new one made.

The published site is never touched, so the swap stays the one moment the site changes. A
build killed after claiming the spare leaves it as a staging folder of a dead build (the
next build removes it and starts from an empty one); a spare that is not as recorded, or
has no record, is deleted like a retired site. A cache on another file system than the
output folder keeps no spare (a rename cannot move it).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Collection, Container, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.cache import BuildCache, sha1_of
from site_builder.cache_patches import load_patched, store_patched
from site_builder.incremental import Stamp, as_recorded, folder_stamps


@dataclass
class SpareSite:
    """What the spare folder holds: each file's stamp, each folder's mtime, the search files."""

    files: dict[str, Stamp]
    folders: dict[str, int]
    search_files: list[str] = field(default_factory=list)


def spare_folder(cache: BuildCache, output_dir: Path) -> Path | None:
    """Where the spare site of output_dir is kept (None without a cache)."""
    return cache.folder / "spare-site" / _name(output_dir) if cache.folder is not None else None


def load_spare(cache: BuildCache, output_dir: Path) -> SpareSite | None:
    spare = load_patched(cache, "spare-record", _name(output_dir), SpareSite)
    return spare if isinstance(spare, SpareSite) else None


def store_spare(cache: BuildCache, output_dir: Path, spare: SpareSite | None) -> None:
    """(Kept as the changes of a base: mostly the site record's it was, cache_patches.py.)"""
    store_patched(cache, "spare-record", _name(output_dir), spare, ("files", "folders"))


def _name(output_dir: Path) -> str:
    return sha1_of(str(output_dir))


def spare_as_recorded(folder: Path | None, folders: dict[str, int] | None) -> bool:
    """Whether the spare site in `folder` has the recorded mtime of each folder (`folders`:
    its record's), checked where it is kept (`claim_spare`; a rename moves the folders as
    they are): by the build's second process (lane.py) while the build reads, before it
    claims it."""
    return folder is not None and folders is not None and folder.is_dir() and as_recorded(folder, {}, folders)


def claim_spare(staging: Path, folder: Path | None, spare: SpareSite | None,
                retire: Callable[[Path], None], checked: bool = False) -> dict[str, Stamp]:
    """Put the spare site (in `folder`) in place of the empty staging folder, when `spare`
    records it; return the files it holds by their stamps (none when it was not claimed: the
    staging folder is then empty). A claimed spare that is not as recorded is handed to
    `retire` (which moves it away and deletes it) and the staging folder made again, empty.

    It is checked by the mtime of each folder, not by a stat of each file too (a third of an
    edit's stats at 10,000 articles): a file added, removed or replaced in it by hand changes
    its folder's mtime. One written into in place keeps its inode: when that is the
    published file's, the published site changed, its record does not hold and the spare
    is not claimed (build._staged); else it is not the published file, and a held file is
    only ever kept when it is (`Staged.take`), so it is replaced. The search stage keeps a
    bundle file by its inode the same way (search/inplace.py). `checked`: it was, where it is
    kept (`spare_as_recorded`)."""
    if folder is None or spare is None or not folder.is_dir():
        return {}
    try:
        os.rename(folder, staging)  # fails when another build has claimed it first
    except OSError:
        return {}
    if checked or as_recorded(staging, {}, spare.folders):
        return dict(spare.files)
    retire(staging)
    os.mkdir(staging, 0o700)
    return {}


def keep_as_spare(retired: Path, folder: Path | None, retire: Callable[[Path], None]) -> bool:
    """Move the site a swap retired to `folder`; False when it cannot be (no cache, or one
    on another file system): then it is the caller's to delete. A spare left there by a
    build killed before recording it is retired first."""
    if folder is None:
        return False
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        if folder.exists():
            retire(folder)
        os.rename(retired, folder)
    except OSError:
        return False
    return True


class InFolder:
    """The names of the files in a folder of the site."""

    def __init__(self, folder: str):
        self.prefix = folder + "/"

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.startswith(self.prefix)


def link_as_spare(published: Path, folder: Path | None, files: Collection[str],
                  retire: Callable[[Path], None]) -> dict[str, int] | None:
    """Make `folder` the spare of a site no earlier site can be (a cold build's, or one that
    replaced a site changed by hand): a hard link to each of the published site's `files`.
    Its next build then finds every unchanged file in place, as after any other build,
    instead of linking each into an empty staging folder. Return the mtime of each of its
    folders (`folder_stamps`), or None when it cannot be made (no cache, a file system
    without hard links): then there is no spare. The caller records it only once it is
    whole, so a spare left half-made by a killed build has no record and is not used."""
    if folder is None:
        return None
    base, target = os.path.join(published, ""), os.path.join(folder, "")
    made = {""}
    try:
        if folder.exists():
            retire(folder)
        folder.parent.mkdir(parents=True, exist_ok=True)
        os.mkdir(folder, 0o700)
        for name in files:
            parent = name.rpartition("/")[0]
            if parent not in made:
                os.makedirs(target + parent, exist_ok=True)
                made.add(parent)
            os.link(base + name, target + name)
        return folder_stamps(folder, files)
    except OSError:
        if folder.exists():
            retire(folder)
        return None


class Staged:
    """A build's staging folder: the files it holds that this build has not written (`held`:
    the spare site's; none in a folder made empty), and the published site, whose unchanged
    files it takes (`take`)."""

    def __init__(self, folder: Path, published: Path | None, published_files: dict[str, Stamp],
                 held: dict[str, Stamp] | None = None):
        self.folder = folder
        self.published = published
        self.held = held or {}
        self._base = os.path.join(folder, "")
        self._published_base = os.path.join(published, "") if published is not None else ""
        self._published_files = published_files
        self._folders = {""} | {name.rpartition("/")[0] for name in self.held}  # known to exist
        self._taken: dict[str, Stamp] = {}  # the published files it holds, by their stamps

    def take(self, name: str) -> bool:
        """Make `name` the published site's file (a hard link to it): nothing to do when the
        folder holds that very file. False when it cannot be linked (gone, or a file system
        without hard links): the folder then holds nothing at `name`."""
        if self.published is None:
            return False
        published = self._published_files.get(name)
        if published is not None and self.held.get(name, (0, 0, -1))[2] == published[2]:
            del self.held[name]
            self._taken[name] = published
            return True
        self.clear(name)
        parent = name.rpartition("/")[0]
        if parent not in self._folders:
            os.makedirs(self._base + parent, exist_ok=True)
            self._folders.add(parent)
        try:
            os.link(self._published_base + name, self._base + name)
        except OSError:
            return False
        if published is not None:
            self._taken[name] = published
        return True

    @property
    def taken(self) -> Mapping[str, Stamp]:
        """The published site's files it holds, by their stamps (as the site's record has them)."""
        return self._taken

    def take_all(self, names: list[str]) -> bool:
        """`take` each; when one cannot be taken, those taken are removed and False returned."""
        for number, name in enumerate(names):
            if not self.take(name):
                for taken in names[:number]:
                    os.unlink(self._base + taken)
                    self._taken.pop(taken, None)
                return False
        return True

    def clear(self, name: str) -> None:
        """Before a new file is made at `name`: the one held there is removed, never written
        into (it may be the published file)."""
        self._taken.pop(name, None)
        if self.held.pop(name, None) is not None:
            os.unlink(self._base + name)

    def stamps(self, names: Iterable[str]) -> dict[str, Stamp]:
        """The stamps of the files `names` (all it holds): a file taken from the published
        site has the stamp the site's record gives it (a hard link is the same file), one
        this build wrote is stat'ed."""
        stamps = {}
        for name in names:
            stamp = self._taken.get(name)
            if stamp is None:
                stat = os.stat(self._base + name)
                stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
            stamps[name] = stamp
        return stamps

    def keep_only(self, wanted: Container[str]) -> None:
        """Remove each held file not `wanted`, and the folders that leaves empty (a clean
        build has no empty folder)."""
        for name in [name for name in self.held if name not in wanted]:
            del self.held[name]
            os.unlink(self._base + name)
            self._remove_empty_parents(name)

    def _remove_empty_parents(self, name: str) -> None:
        parent = name.rpartition("/")[0]
        while parent:
            try:
                os.rmdir(self._base + parent)
            except OSError:  # not empty
                return
            self._folders.discard(parent)
            parent = parent.rpartition("/")[0]
