"""The build: ingest -> analyze -> render -> search, into a staging folder, then swap.

Nothing is written to the output folder until every stage has succeeded: the site is built
in a sibling staging folder and renamed into place, so a failed (or killed) build leaves the
previous good site exactly as it was, and readers never see a half-written one. The staging
folder is made first (see `staging`), so an output folder that cannot be written fails
before the ingest.
"""
from __future__ import annotations

import atexit
import ctypes
import functools
import os
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from site_builder import analyze, ingest, render, search
from site_builder.config import SiteConfig, load_config
from site_builder.errors import ContentError, SiteBuildError, StrictModeError
from site_builder.model import Archive, Warning_
from site_builder.progress import Progress
from site_builder.search import SearchStats
from site_builder.staging import claim_staging


@dataclass
class BuildOptions:
    content_dir: Path
    output_dir: Path
    strict: bool = False  # warnings are failures
    keep_going: bool = False  # publish the good files even when some input files are bad
    with_search: bool = True
    progress: Progress | None = None  # per-stage progress; None: a terminal shows it, else quiet


@dataclass
class BuildResult:
    output_dir: Path
    articles: int = 0
    pages_written: int = 0
    warnings: list[Warning_] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)  # skipped bad files (keep_going)
    search: SearchStats | None = None
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage, in order


def build_site(options: BuildOptions) -> BuildResult:
    """Build the site; raises SiteBuildError (output untouched) when it cannot."""
    started = time.perf_counter()
    content_dir, output_dir = options.content_dir.resolve(), options.output_dir.resolve()
    if not content_dir.is_dir():
        raise SiteBuildError("content folder does not exist", content_dir)
    _refuse_dangerous_output(content_dir, output_dir)
    progress = options.progress or Progress()
    staging = claim_staging(output_dir)  # first: an output folder that cannot be written fails now
    try:
        config, archive, skipped = _read_and_analyze(content_dir, options.keep_going, progress)
        if options.strict and archive.warnings:
            raise StrictModeError(f"--strict: {len(archive.warnings)} warning(s), first: {archive.warnings[0]}")
        with progress.stage("render") as stage:
            pages = render.render_site(archive, config, staging, template_dirs(content_dir), stage)
        stats = None
        if options.with_search:
            with progress.stage("search"):
                stats = search.build_index(staging, config)
        with progress.stage("publish"):
            retired = _swap_into_place(staging, output_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if retired is not None:
        remove_in_background(retired)
    return BuildResult(output_dir=output_dir, articles=len(archive.entries), pages_written=pages,
                       warnings=archive.warnings, errors=skipped, search=stats,
                       seconds=time.perf_counter() - started, stages=dict(progress.seconds))


def template_dirs(content_dir: Path) -> list[Path]:
    """Template search path: the site's own `templates/` first, then the project's defaults."""
    own = content_dir / "templates"
    return ([own] if own.is_dir() else []) + [DEFAULT_TEMPLATES]


DEFAULT_TEMPLATES = Path(__file__).resolve().parent / "templates"  # the default theme, shipped in the package


def load_archive(content_dir: Path) -> tuple[SiteConfig, Archive]:
    """Ingest and analyze only (used by tools and tests that do not need files written)."""
    config, archive, _ = _read_and_analyze(content_dir, False, Progress(enabled=False))
    return config, archive


def _read_and_analyze(content_dir: Path, keep_going: bool,
                      progress: Progress) -> tuple[SiteConfig, Archive, list[ContentError]]:
    """Config, every content file, the analysis; bad files fail it unless keep_going (then
    they are returned, left out of the archive)."""
    config = load_config(content_dir)
    with progress.stage("ingest"):
        loaded = ingest.load_content(content_dir)
    if loaded.errors and not keep_going:
        raise _combined(loaded.errors)
    with progress.stage("analyze"):
        archive = analyze.analyze(loaded.documents, config)
    return config, archive, list(loaded.errors)


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
    _remove_leftovers(output_dir)
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


_removals: list[threading.Thread] = []


def remove_in_background(folder: Path) -> None:
    """Delete a retired site while the caller goes on (thousands of files take seconds);
    `finish_removals` waits for it before the process ends."""
    thread = threading.Thread(target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True},
                              name=f"remove {folder.name}")
    thread.start()
    _removals.append(thread)


def finish_removals() -> None:
    while _removals:
        _removals.pop().join()


atexit.register(finish_removals)


def _remove_leftovers(output_dir: Path) -> None:
    """Retired sites a killed build left behind (never a staging folder: one may be in use)."""
    for leftover in output_dir.parent.glob(f".{output_dir.name}.old-*"):
        if leftover.is_dir() and not any(t.name == f"remove {leftover.name}" for t in _removals):
            shutil.rmtree(leftover, ignore_errors=True)
