"""Render: Archive + config -> every file of the site, through Jinja2 templates.

Templates are looked up in the site's own `templates/` folder first, then in the default theme,
`site_builder/templates/`: a user overrides any template (or static file) by dropping in one of that name.
"""
from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2

from site_builder import search
from site_builder.config import SiteConfig
from site_builder.errors import SiteBuildError, TemplateError
from site_builder.model import Archive, Entry, SourceDocument
from site_builder.progress import Progress
from site_builder.render import papers
from site_builder.render.charts import overview_charts
from site_builder.render.context import time_axis_globals
from site_builder.render.inputs import Fingerprints
from site_builder.render.minify import minified
from site_builder.render.partials import memoise_partials
from site_builder.render.plan import READER_PAGES, PagePlan, plan_site
from site_builder.render.writer import WrittenPages, write_pages
from site_builder.spare import Staged


@dataclass
class RenderedSite:
    pages: WrittenPages  # every page: its fingerprint and the SHA-1 of its bytes
    static: list[str]  # the static files' paths in the site

    @property
    def files(self) -> int:
        """Files in the site: pages and static files."""
        return len(self.pages.pages) + len(self.static)


def render_site(archive: Archive, config: SiteConfig, staged: Staged, template_dirs: list[Path],
                fingerprints: Fingerprints, published: dict[str, tuple[str, str]] | None = None,
                progress: Progress | None = None, compiled: Path | None = None,
                later: frozenset[str] = frozenset()) -> RenderedSite:
    """Write every planned page and the static files into the staging folder. A page whose
    fingerprint is the one `published` (path -> fingerprint, SHA-1) records is taken from
    the published site instead of rendered (render/writer.py). What the staging folder holds
    that the site does not have is removed, except `later` (the search stage's to keep or not).
    `compiled`: a folder where the templates' compiled code is kept between builds."""
    progress = progress or Progress(enabled=False)
    # (a template checked once a build, not once a page: ~17 stats a page)
    found_papers = papers.newspapers(archive)  # (made once: the plans and the templates' links use it)
    env = make_environment(archive, config, template_dirs, compiled, auto_reload=False, found_papers=found_papers)
    memoise_partials(env)  # (this environment renders one archive with the same templates)
    plans = plan_site(archive, config, found_papers)
    env.globals["sitemap_urls"] = lambda: _page_urls(plans)
    _refuse_shared_paths(plans)
    static = static_files(template_dirs)
    staged.keep_only({plan.path for plan in plans} | static.keys() | later)
    progress.set_total(len(plans))
    pages = write_pages(plans, [fingerprints.of(plan) for plan in plans],
                        lambda plan: render_page(env, plan, template_dirs), staged, published or {}, progress)
    copy_static(static, staged)
    return RenderedSite(pages, list(static))


def _refuse_shared_paths(plans: list[PagePlan]) -> None:
    seen: set[str] = set()
    for plan in plans:
        if plan.path in seen:
            raise SiteBuildError(f"two pages would be written to {plan.path}")
        seen.add(plan.path)


def make_environment(archive: Archive, config: SiteConfig, template_dirs: list[Path],
                     compiled: Path | None = None, auto_reload: bool = True,
                     found_papers: list[papers.Newspaper] | None = None) -> jinja2.Environment:
    """The templates' environment; with `compiled`, a template whose source is unchanged is
    loaded as the code compiled by an earlier build (Jinja's bytecode cache checks the source).
    `auto_reload`: a template is checked for changes on each use (the preview keeps its
    environment from one save to the next); a build's own environment reads each once."""
    env = jinja2.Environment(
        auto_reload=auto_reload,
        bytecode_cache=_bytecode_cache(compiled),
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    base_path = urlsplit(config.base_url).path.rstrip("/")
    env.globals.update(
        config=config,
        archive=archive,
        taxonomies=archive.taxonomies,
        charts=overview_charts(archive, config.chart_bars),
        # each quoted once: a page links ~35 paths, most of them on every page (navigation,
        # neighbours, lists): ~750,000 calls of `quote` at 10,000 articles for ~60,000 paths
        url=functools.lru_cache(maxsize=None)(lambda path: base_path + quote(path, safe="/#?=&")),
        absolute_url=functools.lru_cache(maxsize=None)(lambda path: config.absolute_url(quote(path, safe="/#?=&"))),
        author_terms=_terms_by_name(archive, "authors"),
        source_terms=_terms_by_name(archive, "sources"),
        topic_terms=_terms_by_name(archive, "topics"),
        raw_lines_of=functools.partial(raw_lines_of, lines_of=_RawLines(archive).of),
    )
    env.globals.update(time_axis_globals(archive, config, found_papers))
    env.globals.update(search.template_globals())
    env.filters["cn_date"] = lambda d: f"{d.year}年{d.month}月{d.day}日" if d else ""
    return env


def _bytecode_cache(folder: Path | None) -> jinja2.BytecodeCache | None:
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a cache that cannot be written only makes builds slower
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def _terms_by_name(archive: Archive, taxonomy: str) -> dict:
    return {term.name: term for term in archive.taxonomies[taxonomy].terms}


def _page_urls(plans: list[PagePlan]) -> list[str]:
    """Site-relative URLs of the HTML pages a reader may land on (for the sitemap)."""
    return [plan.url for plan in plans if plan.kind in READER_PAGES]


class _RawLines:
    """Each raw page's decoded lines, found by its path through an index of the archive's
    documents made once (every article page asks), and made again when a document is no
    longer where the index has it: the preview puts a saved file's new document in its place
    (serve/quick.py)."""

    def __init__(self, archive: Archive):
        self._documents = archive.documents
        self._index: dict[Path, tuple[int, SourceDocument]] = {}

    def of(self, path: Path) -> list[str] | None:
        found = self._index.get(path)
        if found is None or not self._current(*found):
            self._index = {doc.path: (n, doc) for n, doc in enumerate(self._documents)}
            found = self._index.get(path)
        return found[1].raw_lines if found is not None and found[1].kind == "raw" else None

    def _current(self, number: int, document: SourceDocument) -> bool:
        return number < len(self._documents) and self._documents[number] is document


def raw_lines_of(entry: Entry, lines_of: Callable[[Path], list[str] | None]) -> list[tuple[str, list[tuple[int, str]]]]:
    """The raw lines each extracted printing came from, numbered: the page's 原文 view."""
    views = []
    for printing in entry.printings:
        raw = lines_of(printing.origin)
        if raw is None or not printing.lines:
            continue
        numbered = [(n, raw[n - 1]) for span in printing.lines
                    for n in range(span.first, min(span.last, len(raw)) + 1)]
        views.append((printing.origin.name, numbered))
    return views


def render_page(env: jinja2.Environment, plan: PagePlan, template_dirs: list[Path]) -> str:
    """One page's HTML from its plan; a template's error names the template and its line."""
    try:
        return env.get_template(plan.template).render({**plan.context, "page_url": plan.url})
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}", exc.filename or plan.template,
                            exc.lineno) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name} (looked in "
                            f"{', '.join(map(str, template_dirs))})", plan.template) from exc
    except Exception as exc:  # an error raised while rendering: find the template line
        file, line = _template_frame(exc)
        raise TemplateError(f"error while rendering {plan.path}: {type(exc).__name__}: {exc}",
                            file or plan.template, line) from exc


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """Jinja2 rewrites tracebacks so template frames carry the template's file and line."""
    file = line = None
    tb = exc.__traceback__ if exc.__traceback__ is not None else sys.exc_info()[2]
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".txt")):
            file, line = name, tb.tb_lineno
        tb = tb.tb_next
    return file, line


STATIC = "static"


def static_files(template_dirs: list[Path]) -> dict[str, Path]:
    """The files of `static/` in every template folder by their path in the site, the site's
    own winning over the defaults."""
    found: dict[str, Path] = {}
    for folder in reversed(template_dirs):
        static = folder / STATIC
        if static.is_dir():
            found.update((f"{STATIC}/{source.relative_to(static).as_posix()}", source)
                         for source in sorted(static.rglob("*")) if source.is_file())
    return dict(sorted(found.items()))


def copy_static(files: dict[str, Path], staged: Staged) -> None:
    """Copy the static files into the staging folder; one the published site holds with the
    same bytes is taken from there instead, so an unchanged file is not written again."""
    for name, source in files.items():
        data = minified(name, source.read_bytes())
        if not (_same_as_published(data, staged.published, name) and staged.take(name)):
            staged.clear(name)
            destination = staged.folder / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)


def _same_as_published(data: bytes, published: Path | None, name: str) -> bool:
    if published is None:
        return False
    try:
        old = published / name
        return old.stat().st_size == len(data) and old.read_bytes() == data
    except OSError:
        return False
