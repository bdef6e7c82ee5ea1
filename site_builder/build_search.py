"""The build's search files: the published site's taken again, made in the build's process,
or made by its second process (lane.py) while the build makes what it stores after; and
the stamps of every file of the staged site."""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder.config import SiteConfig, load_config
from site_builder import incremental
from site_builder.incremental import SiteRecord, Stamp, folder_stamps, search_key, site_stamps
from site_builder.lane import Lane
from site_builder.progress import Progress
from site_builder.spare import InFolder, Staged

if TYPE_CHECKING:
    from site_builder.render import RenderedSite
    from site_builder.search import SearchStats


@dataclass
class SearchFiles:
    stats: SearchStats | None  # (None while the lane makes them: `finish`)
    key: str  # what they were made from
    files: list[str] | None  # their paths in the site (None until publish for files made now)
    stale: bool = False  # made from other pages than these
    lane: Lane | None = None  # the process making them, until `finish`
    saving: bool = False  # the lane saves the index after `finish` (until `settle`)

    def finish(self, progress: Progress) -> None:
        """Wait for the lane's search stage (its failure raised here)."""
        if self.lane is not None:
            with progress.stage("search"):
                self.stats = self.lane.answer("build_index")
            if not self.saving:
                self.lane = None

    def settle(self) -> None:
        """Wait for the lane's saving of the index (its failure raised here)."""
        if self.lane is not None and self.saving:
            self.lane.answer("save_search_state")
        self.lane, self.saving = None, False


def prepare_search(content_dir: Path) -> None:
    """(In the lane, while the build reads: search.prepare of the site's configuration.)"""
    from site_builder import search

    search.prepare(load_config(content_dir))


def run_search(staged: Staged, config: SiteConfig, pages: dict[str, tuple[str, str]], record: SiteRecord | None,
               progress: Progress, may_lag: bool, use_cache: bool, lane: Lane | None = None) -> SearchFiles:
    """The search files: taken from the published site when no page changed (or when they
    may lag behind the pages), else made (with the build cache's page cache, when used):
    the HTML pages are the rendered ones and any static file's (the staging folder holds
    nothing else but search files), so the site is not walked. `lane`: a second process
    that was sent `prepare_search`, which then makes them (`SearchFiles.finish`)."""
    from site_builder.render import STATIC
    from site_builder.search import BUNDLE_DIR, build_index

    with progress.stage("search"):
        key = search_key(pages, repr(dataclasses.replace(config, path=None)))
        recorded = record.recorded_search() if record is not None else None
        if record is not None and record.search_key is not None and (record.search_key == key or may_lag) \
                and recorded is not None:
            staged.keep_only(set(record.search_files))
            if staged.take_all(record.search_files):
                return SearchFiles(recorded, record.search_key, record.search_files, stale=record.search_key != key)
        # the search files are made anew, never written into; the spare's bundle is patched in
        # place (search/inplace.py): most of its files are the new bundle's
        staged.keep_only(InFolder(BUNDLE_DIR))
        static = [path.relative_to(staged.folder).as_posix() for path in (staged.folder / STATIC).rglob("*.html")]
        if lane is not None:
            lane.answer("prepare_search")  # prepare_search's (its failure: Pagefind's, say)
            if record is not None and pages.keys() == record.pages.keys():  # (an edit's: the lane has them)
                not_taken = [path for path in [*pages, *static] if path not in staged.taken]
                lane.send(index_as_recorded, staged.folder, config, use_cache, static, not_taken, name="build_index")
                lane.send(save_search_state)
                return SearchFiles(None, key, None, lane=lane, saving=True)
            lane.send(build_index, staged.folder, config, use_cache, [*pages, *static], dict(staged.taken))
            return SearchFiles(None, key, None, lane=lane)
        stats = build_index(staged.folder, config, cache=use_cache, pages=[*pages, *static], known=staged.taken)
        return SearchFiles(stats, key, None)


@dataclass
class _Listed:
    static: list[str]  # the static HTML files of the published site
    pages: list[tuple[str, str]]  # its pages and those, as the search stage lists them
    stamps: dict[str, Stamp]  # the stamp of each, as recorded


_ahead: _Listed | None = None  # (in the lane) the published site's pages listed, by `search_ahead`


def search_ahead() -> None:
    """(In the lane, while the build renders) the published site's pages listed as the
    search stage lists them (~0.07 s at 10,000 articles), with their recorded stamps: an
    edit's pages are the same (`index_as_recorded`)."""
    from site_builder.render import STATIC
    from site_builder.search import _listed_pages

    global _ahead
    record = incremental.forked_record
    assert record is not None, "search_ahead runs in the lane"
    static = [path for path in record.files if path.startswith(STATIC + "/") and path.endswith(".html")]
    listed = _listed_pages([*record.pages, *static])
    _ahead = _Listed(static, listed, {path: record.files[path] for path, _ in listed if path in record.files})


def index_as_recorded(folder: Path, config: SiteConfig, use_cache: bool, static: list[str],
                      not_taken: list[str]) -> SearchStats:
    """(In the lane) `build_index` of the staged site whose pages are the published record's
    (`incremental.forked_record`) and `static` (its static HTML files), all taken from the
    published site with their recorded stamps but `not_taken`."""
    from site_builder.search import _listed_pages, build_index
    from site_builder.search.update import saving_later

    record = incremental.forked_record
    assert record is not None, "index_as_recorded runs in the lane"
    if _ahead is not None and set(_ahead.static) == set(static):
        listed, known = _ahead.pages, dict(_ahead.stamps)
    else:
        listed = _listed_pages([*record.pages, *static])
        known = {path: record.files[path] for path, _ in listed if path in record.files}
    for path in not_taken:
        known.pop(path, None)
    with saving_later():  # (saved by `save_search_state` while the build publishes)
        return build_index(folder, config, cache=use_cache, known=known, listed=listed)


def save_search_state() -> None:
    """(In the lane, after `index_as_recorded` answered) the patched index saved for the next
    build (its ranges' changes, the saved files linked: ~0.1 s at 10,000 articles), while the
    build stamps the site; the build waits for it before it publishes (`SearchFiles.settle`)."""
    from site_builder.search.update import save_pending

    save_pending()


def page_stamps(staged: Staged, site: RenderedSite) -> tuple[dict[str, Stamp], dict[str, int]]:
    """The stamps of the pages and static files of the staged site, and the mtimes of their
    folders but the site's own: the search stage writes in none of those (only in its
    bundle's folder and at the top), so they are what is published."""
    files = staged.stamps([*site.pages.pages, *site.static])
    folders = folder_stamps(staged.folder, files)
    del folders[""]
    return files, folders


def all_stamps(staged: Staged, made: tuple[dict[str, Stamp], dict[str, int]], search_made: SearchFiles | None,
               published: dict[str, Stamp]) -> tuple[dict[str, Stamp], dict[str, int]]:
    """The stamp of every file of the staged site and the mtime of each folder, from those of
    its pages (`page_stamps`) and the search files': those it took from the published site
    by the published site's record (`published`); those the search stage made anew are
    listed (and named in `search_made`). The lane's saving of the index (`save_search_state`)
    is waited for after: the site is published next."""
    files, folders = made
    if search_made is not None and search_made.files is None:
        search = _search_stamps(staged.folder, files, published)
        search_made.files = sorted(search)
    else:
        search = staged.stamps(search_made.files if search_made is not None and search_made.files is not None else [])
    stamps = files | search, folders | folder_stamps(staged.folder, search)
    if search_made is not None:
        search_made.settle()
    return stamps


def _search_stamps(folder: Path, known: dict[str, Stamp], published: dict[str, Stamp]) -> dict[str, Stamp]:
    """The stamps of the files the search stage made (it writes nowhere else): its bundle
    folder's, and those at the top of the site that are not the pages or static files
    (`known`). A bundle file that is the published one (its inode: most are) has its stamp."""
    from site_builder.search import BUNDLE_DIR

    made = site_stamps(folder, under=BUNDLE_DIR, linked=published)
    with os.scandir(folder) as entries:
        top = [entry for entry in entries if entry.name not in known and not entry.is_dir()]
    for entry in top:
        stat = entry.stat()
        made[entry.name] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    return made
