"""What the last build of an output folder made, and whether that site is still as it left it.

After each successful build a `SiteRecord` is kept in the cache under the output folder's
path: the key of every input that made the site (`build_key`), each file's stamp (size,
mtime_ns, inode) and each folder's mtime, each page's fingerprint and SHA-1, the search
files and what they were made from, and the build's result. The next build of the same
output folder
- does nothing at all when the key is the same and every file and folder of the site is as
  recorded;
- otherwise takes into its staging folder the pages whose fingerprints are unchanged, and the
  search files when no page changed (spare.Staged), and renders the rest.
A site changed by hand since (a file edited, added or removed) is not trusted: the build
renders every page, as a cold one does.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import pickle
import threading
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import Any

from site_builder.cache import BuildCache, code_version, sha1_of
from site_builder.cache_patches import load_patched, store_patched
from site_builder.git_head import checkout_head
from site_builder.lane import Lane, can_fork

Stamp = tuple[int, int, int]  # size, mtime_ns, inode

# what besides the files can change what a build writes
BUILD_ENVIRONMENT = ("SOURCE_DATE_EPOCH", "SITE_SEARCH_SHARD_PAIRS")


@dataclass
class SiteRecord:
    key: str
    files: dict[str, Stamp]
    pages: dict[str, tuple[str, str]]  # page path -> (fingerprint, SHA-1)
    search_key: str | None = None  # what the search files were made from (None: no search)
    search_files: list[str] = field(default_factory=list)
    result: Any = None  # the BuildResult, for a build that finds nothing to do
    folders: dict[str, int] = field(default_factory=dict)  # the mtime of each folder (folder_stamps)
    # the search stage's stats (SearchStats), kept pickled: unpickling them imports the search
    # stage, which a build with nothing to do never needs (`result` holds none: `without_output`)
    search_stats: bytes | None = None

    def recorded_search(self) -> Any:
        """The search stage's stats of the recorded build (None: it had no search)."""
        return pickle.loads(self.search_stats) if self.search_stats is not None else None


def build_key(cache: BuildCache, content_dir: Path, template_dirs: list[Path], with_search: bool) -> BuildKey:
    """Everything a build reads: each file of the content folder and of the template
    folders (name and SHA-1), when each content file entered the archive (an undated
    article's feed date), the code version, the options and environment that matter."""
    content = _listing(str(content_dir))
    hashes: dict[str, str] = {}
    parts = [code_version(), f"search={with_search}",
             _listings_key(cache, [content, *map(_listing, template_dirs)], hashes)]
    times_key, times, touched = _entry_times_key(cache, content_dir, content)
    parts.append(times_key)
    parts += [f"{name}={os.environ.get(name, '')}" for name in BUILD_ENVIRONMENT]
    return BuildKey(sha1_of(*parts), times, {path: hashes[str(path)] for path in times if str(path) in hashes}, touched)


@dataclass
class BuildKey:
    value: str
    # when each content file entered the archive, by its path, in ingest.content_files's
    # order (sources.read_sources takes them instead of listing and working them out again)
    entry_times: dict[Path, dt.datetime | None] | None = None
    # the SHA-1 of each content file, by the same paths (read_sources takes them too)
    hashes: dict[Path, str] = field(default_factory=dict)
    touched: list[Path] = field(default_factory=list)  # the content files whose mtime changed since the last build


@dataclass
class _Listed:
    """A file of a folder: its path from the folder (with '/'), its own path, its stat."""

    relative: str
    path: str
    stat: os.stat_result | None  # None: a dangling link, or a file that cannot be stat'ed


def _listing(folder: str | Path) -> list[_Listed]:
    """Files of a folder, hidden ones (editor litter, the cache itself) left out, folders
    before the files beside them as os.walk gives them, names sorted; links to folders are
    not followed."""
    return [_Listed(relative, entry.path, _stat(entry)) for relative, entry in _walk(folder, ordered=True)]


def _walk(folder: str | Path, *, ordered: bool, under: str = "") -> Iterator[tuple[str, os.DirEntry]]:
    """The files under `folder`, each as (its path in the folder with '/', its entry): a link
    to a folder is not followed, a folder that cannot be listed is passed over. `ordered`:
    names sorted, a folder's files before its subfolders' (as os.walk gives them), hidden
    names left out, a link to a folder given as a file (a content file of that name is an
    error to report); else as scandir gives them, everything (the published site's stamps).
    `under`: only the files of that folder of it (a path with '/', none at its end)."""
    pending = [(os.path.join(folder, under), f"{under}/") if under else (str(folder), "")]
    while pending:
        directory, prefix = pending.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError:
            continue
        if ordered:
            entries = sorted((e for e in entries if not e.name.startswith(".")), key=lambda e: e.name)
        folders = []
        for entry in entries:
            if entry.is_dir():
                if not entry.is_symlink():
                    folders.append((entry.path, f"{prefix}{entry.name}/"))
                    continue
                if not ordered:
                    continue
            yield prefix + entry.name, entry
        pending += reversed(folders) if ordered else folders


def _stat(entry: os.DirEntry) -> os.stat_result | None:
    try:
        return entry.stat()
    except OSError:
        return None


def folders_key(cache: BuildCache, folders: list[Path]) -> str:
    """Each file of the folders (which folder, name and SHA-1), in a fixed order."""
    return _listings_key(cache, [_listing(folder) for folder in folders])


def _listings_key(cache: BuildCache, listings: list[list[_Listed]], hashes: dict[str, str] | None = None) -> str:
    """(`hashes`: filled with each file's SHA-1 by its path, when given.)"""
    parts = []
    for number, files in enumerate(listings):
        for file in files:
            try:
                sha1 = cache.file_hash(file.path, file.stat)
                if hashes is not None:
                    hashes[file.path] = sha1
            except OSError:  # unreadable, or a dangling link: reading it will say which
                sha1 = "unreadable"
            parts.append(f"{number}:{file.relative}={sha1}")
    return sha1_of(*parts)


# The content files among a content folder's files (ingest.content_files, whose module this
# one does not import: a build with nothing to do imports no stage): (folder, suffix).
CONTENT_FILES = (("raw/", ".txt"), ("articles/", ".md"))


def content_files_of(content_dir: Path, listing: list[_Listed]) -> list[_Listed]:
    """The content files of a content folder's listing, in ingest.content_files's order (raw
    pages, then Markdown articles, by name). A content subfolder that is a link to a folder
    is not listed (`_walk`): then ingest lists them, following it."""
    if any(file.relative + "/" == folder for file in listing for folder, _ in CONTENT_FILES):
        from site_builder import ingest

        return [_Listed(path.relative_to(content_dir).as_posix(), str(path), _stat_of(path))
                for path in ingest.content_files(content_dir)]
    return [file for folder, suffix in CONTENT_FILES for file in listing
            if file.relative.startswith(folder) and file.relative.endswith(suffix)
            and "/" not in file.relative[len(folder):]]


def _stat_of(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


@dataclass
class _KnownTimes:
    """When each content file entered the archive, as worked out for the commit checked out
    (`head`) and SOURCE_DATE_EPOCH (`epoch`): by the file's path in the content folder, its
    mtime then and its time."""

    head: str
    epoch: str
    times: dict[str, tuple[int | None, dt.datetime | None]] = field(default_factory=dict)


def _entry_times_key(cache: BuildCache, content_dir: Path,
                     content: list[_Listed]) -> tuple[str, dict[Path, dt.datetime | None], list[Path]]:
    """A digest of when each content file entered the archive (ingest/provenance.py), those
    times, and the files whose mtime is not the one the times were kept with.

    A time follows from the checked-out commit, SOURCE_DATE_EPOCH and, for a file git does
    not know, its mtime; working it out needs ingest (half a second of imports) and git's
    log. So the times are kept, each with its file's mtime, under the commit and
    SOURCE_DATE_EPOCH, and worked out again only for the files whose mtime changed."""
    name = sha1_of(str(content_dir))
    head, epoch = checkout_head(content_dir) or "-", os.environ.get("SOURCE_DATE_EPOCH", "-")
    kept = cache.load("entry-times", name)
    known = kept if isinstance(kept, _KnownTimes) and (kept.head, kept.epoch) == (head, epoch) \
        else _KnownTimes(head, epoch)
    files = content_files_of(content_dir, content)
    changed = [f for f in files if f.relative not in known.times or known.times[f.relative][0] != _mtime(f)]
    touched = [Path(f.path) for f in changed]
    if changed:
        from site_builder.sources import entry_times_of

        found = entry_times_of(content_dir, touched, cache)
        for file in changed:
            known.times[file.relative] = (_mtime(file), found[Path(file.path)])
    if changed or len(known.times) != len(files):
        cache.store("entry-times", name, _KnownTimes(head, epoch, {f.relative: known.times[f.relative] for f in files}))
    times = {f.relative: known.times[f.relative][1] for f in files}
    key = sha1_of(*(f"{path}={when.isoformat() if when else '-'}" for path, when in times.items()))
    return key, {Path(f.path): times[f.relative] for f in files}, touched


def _mtime(file: _Listed) -> int | None:
    return file.stat.st_mtime_ns if file.stat is not None else None


def search_key(pages: dict[str, tuple[str, str]], config_repr: str) -> str:
    """The search files depend on the pages' bytes, the configuration and the code."""
    return sha1_of(code_version(), config_repr, os.environ.get("SITE_SEARCH_SHARD_PAIRS", ""),
                   *(f"{path}={sha1}" for path, (_, sha1) in sorted(pages.items())))


def site_stamps(folder: Path, under: str = "", linked: dict[str, Stamp] | None = None) -> dict[str, Stamp]:
    """Each file's stamp by its path in the folder (as os.walk lists them: a link to a folder
    is not followed, a folder that cannot be listed is passed over); `under`: only the files
    in that folder of it. Paths are built by joining names, not with os.path.relpath, which
    would cost more than the stat. `linked`: stamps of files this folder may hold hard links
    to (the published site's, checked by this build): a file the listing gives with the
    inode `linked` has for its path is that file, and is not stat'ed (size and mtime are
    its inode's)."""
    stamps: dict[str, Stamp] = {}
    known = linked or {}
    for relative, entry in _walk(folder, ordered=False, under=under):
        stamp = known.get(relative)
        if stamp is None or stamp[2] != entry.inode():
            stat = entry.stat()
            stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        stamps[relative] = stamp
    return stamps


def folder_stamps(folder: Path, files: Iterable[str]) -> dict[str, int]:
    """The mtime of the folder and of every folder under it that holds the files (`files`:
    their paths in it), by path ('' for the folder itself, else ending in '/')."""
    folders = {""}
    for name in files:
        parent = name.rpartition("/")[0]
        while parent and parent + "/" not in folders:
            folders.add(parent + "/")
            parent = parent.rpartition("/")[0]
    base = os.path.join(folder, "")
    return {name: os.stat(base + name).st_mtime_ns for name in sorted(folders)}


def load_record(cache: BuildCache, output_dir: Path) -> SiteRecord | None:
    """The record of the site in output_dir, when that site is still exactly as recorded."""
    return RecordCheck(cache, output_dir).result()


class RecordCheck:
    """The record of the site in output_dir, the site checked against it on a thread of its
    own (a stat of each of its files: 72,000 at 10,000 articles), or in a process of its own
    (`apart`: lane.py, the build's second process, which then serves its search stage). A
    build that finds its key unchanged needs the answer at once (`result`); one with changes
    only when it renders, so the check runs while it reads and analyses the content."""

    def __init__(self, cache: BuildCache, output_dir: Path, apart: bool = False):
        record = load_patched(cache, "site", _record_name(output_dir), SiteRecord)
        self.key = record.key if isinstance(record, SiteRecord) else None
        self._record = record if isinstance(record, SiteRecord) and output_dir.is_dir() else None
        self._held: bool | None = False
        self._thread: threading.Thread | None = None
        self.lane: Lane | None = None
        if self._record is not None and apart and can_fork():
            self.lane, self._held = Lane(functools.partial(_check_apart, output_dir, self._record)), None
        elif self._record is not None:
            self._thread = threading.Thread(target=self._check, args=(output_dir, self._record), daemon=True)
            self._thread.start()

    def _check(self, output_dir: Path, record: SiteRecord) -> None:
        self._held = as_recorded(output_dir, record.files, record.folders)

    def result(self) -> SiteRecord | None:
        """The record, when the site is still exactly as recorded (else None)."""
        if self._thread is not None:
            self._thread.join()
        if self._held is None and self.lane is not None:
            self._held = bool(self.lane.answer("first"))
        return self._record if self._held else None

    def close(self, failed: bool = False) -> None:
        """End the lane, if any: after what it was sent, or at once when the build `failed`."""
        if self.lane is not None:
            self.lane.close(abandon=failed)


# in the lane (lane.py): the record of the published site the build was forked with, for its
# later calls (build_search.search_ahead); never set in the build's own process
forked_record: SiteRecord | None = None


def _check_apart(output_dir: Path, record: SiteRecord) -> bool:
    """(The lane's first call) `as_recorded`, the record kept as `forked_record`."""
    global forked_record
    forked_record = record
    return as_recorded(output_dir, record.files, record.folders)


def as_recorded(folder: Path, files: dict[str, Stamp], folders: dict[str, int]) -> bool:
    """Whether every recorded file has its stamp, and every folder its mtime: a file edited,
    replaced or removed changes its own stamp; one added (or a folder) changes the mtime of
    the folder it is added to. A stat by path of each: no folder is listed."""
    base = os.path.join(folder, "")
    try:
        for name, stamp in files.items():
            stat = os.stat(base + name)
            if (stat.st_size, stat.st_mtime_ns, stat.st_ino) != stamp:
                return False
        return all(os.stat(base + name).st_mtime_ns == mtime for name, mtime in folders.items())
    except OSError:
        return False


def store_record(cache: BuildCache, output_dir: Path, record: SiteRecord) -> None:
    """Its stamps, pages and folders kept as the changes of a base (cache_patches.py): the
    spare's, when it was claimed. The site is the spare brought up to date: the same
    folders, most of the same files (the published site's, two builds back, has other
    folders: each folder's mtime would be a change)."""
    store_patched(cache, "site", _record_name(output_dir), record, RECORD_DICTS, like="spare-record")


def forget_record(cache: BuildCache, output_dir: Path) -> None:
    """Before the published site is replaced: a build killed after the swap must not leave a
    record that describes the site before it."""
    cache.store("site", _record_name(output_dir), None)


RECORD_DICTS = ("files", "pages", "folders")


def _record_name(output_dir: Path) -> str:
    return sha1_of(str(output_dir))


def pickled(value: Any) -> bytes | None:
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL) if value is not None else None


def without_output(result: Any, report: bytes | None = None) -> Any:
    """A BuildResult as kept in a record (the skipped files are never kept: such a build is
    never reused), its report pickled apart (`BuildResult.report`; `report`: so pickled)."""
    return dataclasses.replace(result, errors=[], search=None,
                               stored_report=report or pickle.dumps(result.report, pickle.HIGHEST_PROTOCOL))
