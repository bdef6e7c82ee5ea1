"""The build: ingest -> analyze -> render -> search, into a staging folder, then swap.

Nothing is written to the output folder until every stage has succeeded: the site is built
in a sibling staging folder and renamed into place, so a failed (or killed) build leaves the
previous good site exactly as it was, and readers never see a half-written one. The staging
folder is made first (see `staging`), so an output folder that cannot be written fails
before the ingest.
"""
from __future__ import annotations

import ctypes
import dataclasses
import functools
import os
import pickle
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING, cast

from site_builder import collector, keywords_ahead
from site_builder.cache import BuildCache, cache_root, code_version, held, sha1_of
from site_builder.config import SiteConfig, load_config
from site_builder.errors import ContentError, SiteBuildError, StrictModeError
from site_builder.build_search import all_stamps, page_stamps, prepare_search, run_search, search_ahead
from site_builder.lane import Lane
from site_builder.incremental import (BuildKey, SiteRecord, build_key, forget_record, RecordCheck, pickled, store_record,
                                      without_output)
from site_builder.model import Archive, Warning_
from site_builder.progress import Progress
from site_builder.spare import (SpareSite, Staged, claim_spare, keep_as_spare, link_as_spare, load_spare, spare_as_recorded,
                                spare_folder, store_spare)
from site_builder.staging import claim_staging, remove_in_background, remove_leftovers, retire

# The stages (jieba, pypinyin, Jinja2, Pagefind: seconds of imports) are imported where they
# run, so that a build with nothing to do, which runs none of them, starts at once.
if TYPE_CHECKING:
    from site_builder.analyze.article_keys import ArticleKeys
    from site_builder.analyze.carry import State
    from site_builder.build_report import FileReport
    from site_builder.render.template_keys import TemplateKeys
    from site_builder.search import SearchStats


@dataclass
class BuildOptions:
    content_dir: Path
    output_dir: Path
    strict: bool = False  # warnings are failures
    keep_going: bool = False  # publish the good files even when some input files are bad
    with_search: bool = True
    progress: Progress | None = None  # per-stage progress; None: a terminal shows it, else quiet
    cache: bool = True  # read and keep earlier builds' results (site_builder/cache.py)
    # publish changed pages with the last build's search files when the index would need
    # remaking (`BuildResult.search_stale`); a build without this flag then remakes it
    search_may_lag: bool = False
    # given what the pages are rendered from, before they are (the preview keeps it: serve/quick.py)
    on_archive: Callable[[Archive, SiteConfig], None] | None = None
    # a process that builds again (the preview server): the documents read and the analysis
    # memo stay in memory for its next build; else they are dropped as the build ends
    long_running: bool = False
    # the search stage (and the check of the published site) in a second process forked as the
    # build starts (lane.py: the other core), while this one reads, renders and stores
    search_apart: bool = False


@dataclass
class BuildResult:
    output_dir: Path
    articles: int = 0
    pages_written: int = 0  # files in the site
    pages_rendered: int = 0  # pages this build rendered (the others were unchanged)
    unchanged: bool = False  # nothing had changed: the build wrote nothing
    carried: bool = False  # the last build's analysis was taken again (analyze/carry.py)
    search_stale: bool = False  # the search files are an earlier build's (search_may_lag)
    warnings: list[Warning_] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)  # skipped bad files (keep_going)
    search: SearchStats | None = None  # (None in a recorded result: SiteRecord.recorded_search)
    searchable: int | None = None  # pages in the search index (None: built without search)
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage, in order
    # per content file (build_report.py); kept pickled in a recorded result until read, since
    # reading it imports the ingest modules, which a build with nothing to do never needs
    stored_report: list[FileReport] | bytes = field(default_factory=list, repr=False)

    @property
    def report(self) -> list[FileReport]:
        if isinstance(self.stored_report, bytes):
            self.stored_report = pickle.loads(self.stored_report)
        return cast(list["FileReport"], self.stored_report)


def build_site(options: BuildOptions) -> BuildResult:
    """Build the site; raises SiteBuildError (output untouched) when it cannot."""
    progress = options.progress or Progress()
    waiting = functools.partial(progress.note, "waiting for another build of this content to finish")
    with collector.paused(), held(cache_root(options.content_dir) if options.cache else None, waiting):
        try:
            return _build(options, progress)
        finally:
            if not options.long_running:
                _forget_memo()


def _forget_memo() -> None:  # (a build that analysed nothing never imported it)
    if (memo := sys.modules.get("site_builder.analyze.memo")) is not None:
        memo.forget()


def _build(options: BuildOptions, progress: Progress) -> BuildResult:
    started = time.perf_counter()
    content_dir, output_dir = options.content_dir.resolve(), options.output_dir.resolve()
    if not content_dir.is_dir():
        raise SiteBuildError("content folder does not exist", content_dir)
    _refuse_dangerous_output(content_dir, output_dir)
    cache = BuildCache(cache_root(content_dir) if options.cache else None)
    templates = template_dirs(content_dir)
    staging = claim_staging(output_dir)  # first write: an output folder that cannot be written fails now
    checking = None
    try:
        with progress.stage("check"):
            checking = RecordCheck(cache, output_dir, options.search_apart) if cache.enabled else None
            key = build_key(cache, content_dir, templates, options.with_search)
            record = checking.result() if checking is not None and checking.key == key.value else None
        if record is not None and isinstance(record.result, BuildResult) \
                and (options.search_may_lag or not record.result.search_stale):
            staging.rmdir()
            remove_leftovers(output_dir)
            return _unchanged(record.result, options, started, progress)
        lane = checking.lane if checking is not None and options.with_search and cache.folder is not None else None
        spare = load_spare(cache, output_dir) if cache.enabled else None
        if lane is not None:
            _send_ahead(lane, key, content_dir, cache, spare_folder(cache, output_dir), spare)
        from site_builder import render
        from site_builder.render import reach
        from site_builder.render.inputs import Fingerprints

        read = _read_and_analyze(content_dir, options.keep_going, progress, cache, key, options.long_running, lane)
        if lane is not None:
            lane.send(prepare_search, content_dir)
        config, archive, skipped = read.config, read.archive, read.skipped
        if options.strict and archive.warnings:
            raise _strict(archive.warnings)
        if options.on_archive is not None:
            options.on_archive(archive, config)
        fingerprints = Fingerprints(archive, _render_keys(cache, config, templates), read.hashes, read.keys)
        record = checking.result() if checking is not None else None
        spare_checked = _spare_checked(lane, record)
        reach.take_again(cache, output_dir, fingerprints, read.state)
        with progress.stage("render") as stage:
            staged, later = _staged(staging, output_dir, record, cache, spare, options.with_search, spare_checked)
            compiled = cache.folder / "templates" if cache.folder is not None else None
            site = render.render_site(archive, config, staged, templates, fingerprints,
                                      record.pages if record is not None else None, stage, compiled, later)
        search_made = run_search(staged, config, site.pages.pages, record, progress, options.search_may_lag,
                                 cache.enabled, lane) if options.with_search else None
        with progress.stage("publish"):  # (what needs no search files: while the lane makes them)
            made, report = page_stamps(staged, site), _report(read)
            # (facts of the content, true whether or not this build is published)
            reach.keep(cache, output_dir, fingerprints, read.state if not skipped else None)
            cache.save()
        if search_made is not None:
            search_made.finish(progress)
        with progress.stage("publish"):
            files, folders = all_stamps(staged, made, search_made, record.files if record is not None else {})
            forget_record(cache, output_dir)
            store_spare(cache, output_dir, None)
            retired = _swap_into_place(staging, output_dir)
    except BaseException:
        if checking is not None:  # (its lane may be writing into staging: ended first, not waited for)
            checking.close(failed=True)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if checking is not None:
            checking.close()
    # the site it replaced is kept as the next build's spare when the record says what it holds
    spare_kept = retired is not None and record is not None and not skipped \
        and keep_as_spare(retired, spare_folder(cache, output_dir), retire)
    if retired is not None and not spare_kept:
        remove_in_background(retired)
    stats = search_made.stats if search_made else None
    result = BuildResult(output_dir=output_dir, articles=len(archive.entries), pages_written=site.files,
                         pages_rendered=site.pages.rendered, warnings=archive.warnings, errors=skipped,
                         search=stats, stored_report=report[0], searchable=stats.pages if stats else None,
                         search_stale=search_made.stale if search_made else False, carried=read.carried,
                         seconds=time.perf_counter() - started, stages=dict(progress.seconds))
    search_files = (search_made.files or []) if search_made else []
    if not skipped:
        store_record(cache, output_dir, SiteRecord(
            key.value, files, site.pages.pages, search_made.key if search_made else None,
            search_files, without_output(result, report[1]), folders, pickled(stats)))
    if spare_kept and record is not None:
        store_spare(cache, output_dir, SpareSite(record.files, record.folders, record.search_files))
    elif not skipped and (linked := link_as_spare(output_dir, spare_folder(cache, output_dir), files, retire)):
        store_spare(cache, output_dir, SpareSite(files, linked, search_files))  # no site to keep: a copy by links
    cache.save()
    return result


def _report(read: _Read) -> tuple[list[FileReport], bytes]:
    """The build report (build_report.py), and pickled as the record keeps it (`BuildResult.report`)."""
    from site_builder.build_report import report_of

    report = report_of(read.archive, read.corrections)
    return report, pickle.dumps(report, pickle.HIGHEST_PROTOCOL)


def _staged(staging: Path, output_dir: Path, record: SiteRecord | None, cache: BuildCache, spare: SpareSite | None,
            with_search: bool, checked: bool = False) -> tuple[Staged, frozenset[str]]:
    """The staging folder, made from the spare site when there is one as recorded
    (site_builder/spare.py; `checked`: it was found so), and the files of it the search
    stage decides on."""
    if record is None:
        return Staged(staging, None, {}), frozenset()
    held = claim_spare(staging, spare_folder(cache, output_dir), spare, retire, checked)
    later = frozenset(spare.search_files) if spare is not None and held and with_search else frozenset()
    return Staged(staging, output_dir, record.files, held), later


def _unchanged(recorded: BuildResult, options: BuildOptions, started: float, progress: Progress) -> BuildResult:
    """Nothing the site is made from has changed, and the site is as it was left: nothing to do."""
    if options.strict and recorded.warnings:
        raise _strict(recorded.warnings)
    return dataclasses.replace(recorded, pages_rendered=0, unchanged=True, seconds=time.perf_counter() - started,
                               stages=dict(progress.seconds))


def _strict(warnings: list[Warning_]) -> StrictModeError:
    listing = "".join(f"\n  {warning}" for warning in warnings)
    return StrictModeError(f"--strict: {len(warnings)} warning(s):{listing}")


def _render_keys(cache: BuildCache, config: SiteConfig, templates: list[Path]) -> TemplateKeys:
    """What renders a page of each template: the code, the configuration, the template files
    it is made from (render/template_keys.py)."""
    from site_builder.render.template_keys import TemplateKeys

    return TemplateKeys(cache, templates, sha1_of(code_version(), repr(dataclasses.replace(config, path=None))))


def template_dirs(content_dir: Path) -> list[Path]:
    """Template search path: the site's own `templates/` first, then the project's defaults."""
    own = content_dir / "templates"
    return ([own] if own.is_dir() else []) + [DEFAULT_TEMPLATES]


DEFAULT_TEMPLATES = Path(__file__).resolve().parent / "templates"  # the default theme, shipped in the package


def load_archive(content_dir: Path, use_cache: bool = False, long_running: bool = False) -> tuple[SiteConfig, Archive]:
    """Ingest and analyze only (used by tools and tests that do not need files written, and
    by the preview, through the build cache, for a site that needed no build;
    `long_running`: as BuildOptions.long_running)."""
    root = cache_root(content_dir) if use_cache else None
    with collector.paused(), held(root):
        read = _read_and_analyze(content_dir, False, Progress(enabled=False), BuildCache(root), keep=long_running)
    if not long_running:
        _forget_memo()
    return read.config, read.archive


@dataclass
class _Read:
    config: SiteConfig
    archive: Archive
    skipped: list[ContentError]  # bad files left out (keep_going)
    hashes: dict[Path, str]  # SHA-1 of each content file
    keys: ArticleKeys  # each article's key (analyze/article_keys.py)
    corrections: list  # the hand corrections that apply (corrections.py)
    carried: bool = False  # the analysis was the last build's (analyze/carry.py)
    state: State | None = None  # of the analysis (analyze/carry.py; None: not kept)


def _read_and_analyze(content_dir: Path, keep_going: bool, progress: Progress, cache: BuildCache,
                      key: BuildKey | None = None, keep: bool = False, lane: Lane | None = None) -> _Read:
    """Config, every content file (through the cache), the analysis; bad files fail it
    unless keep_going (then they are returned, left out of the archive). `key`: the build's,
    when the caller has it (each content file's entry time and SHA-1: sources.py); `keep`:
    the documents and the memo stay in memory for this process's next build; else the memo
    is dropped but the slugs, which rendering looks up too (the caller's `_forget_memo`);
    `lane`: the build's second process, sent `keywords_ahead.warm` when files were touched."""
    from site_builder import analyze
    from site_builder.analyze import memo
    from site_builder.analyze.article_keys import ArticleKeys
    from site_builder.analyze.carry import carried_archive, carry
    from site_builder.analyze.identity import pinyin_slug
    from site_builder.corrections import remembered_corrections, stale_corrections
    from site_builder.sources import read_sources

    config = load_config(content_dir)
    with progress.stage("ingest") as stage:
        sources = read_sources(content_dir, cache, stage, key.entry_times if key else None, keep,
                               key.hashes if key else None)
    if sources.errors and not keep_going:
        raise _combined(sources.errors)
    with progress.stage("analyze"):
        ahead = keywords_ahead.ahead_of(lane, sources, key.touched) if lane is not None and key is not None else None
        taken = carried_archive(cache, sources.documents, sources.keys, config, ahead) if cache.enabled else None
        state: State | None = None
        if taken is not None:
            archive, keys, corrections, state = taken.archive, taken.keys, taken.corrections, taken.state
        else:
            memo.load(cache)
            keys = ArticleKeys(sources.documents, sources.keys)
            archive = analyze.analyze(sources.documents, config, keys)
            corrections = [found for document in sources.documents for found in remembered_corrections(document, sources.keys)]
            state = carry(cache, archive, sources.keys, keys, config, corrections)
            memo.save(cache)
            if not keep:
                memo.forget(keeping=(pinyin_slug,))
    archive.warnings += stale_corrections(corrections, sources.hashes)
    return _Read(config, archive, list(sources.errors), sources.hashes, keys, corrections, taken is not None, state)


def _send_ahead(lane: Lane, key: BuildKey, content_dir: Path, cache: BuildCache, spare_at: Path | None,
                spare: SpareSite | None) -> None:
    """What the lane does while the build reads: the cutter for the keywords of the files an
    edit touched (keywords_ahead.py), the check of the spare site (spare.py)."""
    if key.touched:
        lane.send(keywords_ahead.warm, content_dir, cache.folder)
    lane.send(spare_as_recorded, spare_at, spare.folders if spare is not None else None)


def _spare_checked(lane: Lane | None, record: SiteRecord | None) -> bool:
    """Whether the lane found the spare site as recorded (`_send_ahead`); it then lists the
    published site's pages for the search stage while the build renders (`search_ahead`)."""
    if lane is None:
        return False
    checked = bool(lane.answer("spare_as_recorded"))
    if record is not None:
        lane.send(search_ahead)
    return checked


def _combined(errors: list[ContentError]) -> SiteBuildError:
    if len(errors) == 1:
        return errors[0]
    listing = "\n  ".join(str(e) for e in errors)
    return SiteBuildError(f"{len(errors)} content files could not be read:\n  {listing}")


def _refuse_dangerous_output(content_dir: Path, output_dir: Path) -> None:
    """The output folder is replaced whole: never let it be, or contain, the content."""
    if output_dir == content_dir or content_dir.is_relative_to(output_dir) or output_dir == Path.home():
        raise SiteBuildError(f"refusing to use {output_dir} as output: it would replace the content")
    if output_dir.exists() and not output_dir.is_dir():
        raise SiteBuildError("output path exists and is not a folder", output_dir)


def _swap_into_place(staging: Path, output_dir: Path) -> Path | None:
    """Put staging in output_dir's place; return the old site's new name (or None).

    On Linux the two folders trade places in one atomic step (renameat2 RENAME_EXCHANGE), so
    a server reading output_dir never finds it missing; elsewhere two renames do it."""
    os.chmod(staging, 0o755)
    remove_leftovers(output_dir)
    if not output_dir.exists():
        staging.rename(output_dir)
        return None
    retired = output_dir.with_name(f".{output_dir.name}.old-{os.getpid()}-{time.monotonic_ns()}")
    if _exchange(staging, output_dir):
        staging.rename(retired)  # staging now holds the old site
        return retired
    output_dir.rename(retired)
    try:
        staging.rename(output_dir)
    except BaseException:
        retired.rename(output_dir)
        raise
    return retired


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux renameat2(RENAME_EXCHANGE); False where unsupported."""
    renameat2 = getattr(_libc(), "renameat2", None) if sys.platform.startswith("linux") else None
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


@functools.lru_cache(maxsize=1)
def _libc():
    return ctypes.CDLL(None, use_errno=True)
