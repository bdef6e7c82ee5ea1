"""Writing the planned pages into the staging folder: only what changed is rendered.

A page whose fingerprint (render/inputs.py) equals the one it had in the published site is
not rendered: the published file is hard-linked into the staging folder, or kept when the
staging folder, made from the spare site, holds it already (site_builder/spare.py; no bytes
copied, the published file never written to). Every other page is rendered and written as a new
file. Many pages to render are shared between two processes (fork: they inherit the
environment and the archive); each page is rendered alone, so the bytes are the same
whichever process renders it.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.collector import forked_workers
from site_builder.errors import SiteBuildError, TemplateError
from site_builder.progress import Progress
from site_builder.render.plan import PagePlan
from site_builder.spare import Staged

PARALLEL_FROM = 200  # fewer pages than this are rendered in this process


@dataclass
class WrittenPages:
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (fingerprint, SHA-1)
    rendered: int = 0  # pages rendered by this build (the rest were linked)


RenderPage = Callable[[PagePlan], str]


def write_pages(plans: list[PagePlan], fingerprints: list[str], render_page: RenderPage, staged: Staged,
                published: dict[str, tuple[str, str]], progress: Progress) -> WrittenPages:
    """Each page into the staging folder: the published one when its fingerprint is the one
    `published` (path -> fingerprint, SHA-1) records for it, else rendered."""
    written = WrittenPages()
    dirty: list[int] = []
    for number, (plan, fingerprint) in enumerate(zip(plans, fingerprints, strict=True)):
        old = published.get(plan.path)
        if old is not None and old[0] == fingerprint and staged.take(plan.path):
            written.pages[plan.path] = old
            progress.advance()
        else:
            staged.clear(plan.path)
            dirty.append(number)
    for number, sha1 in _render_all([plans[n] for n in dirty], dirty, render_page, staged.folder, progress):
        written.pages[plans[number].path] = (fingerprints[number], sha1)
    written.rendered = len(dirty)
    return written


def write_page(render_page: RenderPage, plan: PagePlan, out_dir: Path) -> str:
    """Render and write one page; return the SHA-1 of its bytes."""
    data = render_page(plan).encode("utf-8")
    target = out_dir / plan.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return hashlib.sha1(data).hexdigest()


# what forked workers render from: set by the parent before the pool is made
_job: tuple[list[PagePlan], RenderPage, Path] | None = None


def _render_all(plans: list[PagePlan], numbers: list[int], render_page: RenderPage, out_dir: Path,
                progress: Progress) -> list[tuple[int, str]]:
    if len(plans) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        done = []
        for number, plan in zip(numbers, plans, strict=True):
            done.append((number, write_page(render_page, plan, out_dir)))
            progress.advance()
        return done
    global _job
    _job = (plans, render_page, out_dir)
    # the workers collect cycles again (the build pauses the collector): rendering leaves some
    # garbage cycles, about seventy a page
    try:
        with forked_workers(2) as pool:
            done = []
            for index, outcome in pool.imap(_render_in_worker, range(len(plans)), chunksize=16):
                if isinstance(outcome, tuple):
                    raise _error_of(outcome)
                done.append((numbers[index], outcome))
                progress.advance()
            return done
    finally:
        _job = None


def _render_in_worker(index: int) -> tuple[int, str | tuple[str, str, Path | None, int | None]]:
    """A SiteBuildError does not survive pickling with its file and line: send its parts."""
    assert _job is not None
    plans, render_page, out_dir = _job
    try:
        return index, write_page(render_page, plans[index], out_dir)
    except SiteBuildError as exc:
        return index, (type(exc).__name__, exc.message, exc.file, exc.line)


def _error_of(parts: tuple[str, str, Path | None, int | None]) -> SiteBuildError:
    kind, message, file, line = parts
    return (TemplateError if kind == TemplateError.__name__ else SiteBuildError)(message, file, line)
