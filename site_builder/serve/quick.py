"""The preview's quick path: a save shown in the open pages before the build catches up.

The server keeps the archive of its last good build in memory (the build hands it over
through `BuildOptions.on_archive`). On a save of content files it reads only those files
again and puts their articles into that archive in place of the old ones (same entries,
same URLs); on a template save the templates are read again. It then renders the edited
articles' pages and the pages open in a browser. The server shows these (ahead.py) until
the full build, started at once in the background, has published exactly what
`site-builder build` writes.

What cannot be shown faithfully at once is left to the build (`pages_for` returns None): a
file added or removed, a changed title or slug (a new URL), site.toml, a sidecar, static
files, or no archive in memory yet. A page shown ahead is the build's page except for what
only the whole analysis decides: the topics found from the text, the related articles,
the order after a changed date; the build's pages replace it moments later.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import watchfiles

from site_builder import ingest
from site_builder.analyze.reprints import printing_of
from site_builder.config import SiteConfig
from site_builder.model import Archive, Article, Entry
from site_builder.render import render_page
from site_builder.render import make_environment
from site_builder.render.context import time_axis_globals
from site_builder.render.plan import PagePlan, plan_site

Change = tuple[watchfiles.Change, str]


@dataclass
class _Kept:
    """A build's archive and what the quick path made of it (made when first asked for)."""

    archive: Archive
    config: SiteConfig
    env: jinja2.Environment | None = None
    plans: dict[str, PagePlan] = field(default_factory=dict)  # by URL

    def plan_of(self, page: str) -> PagePlan | None:
        """The plan of the page a browser shows at `page` (a URL path)."""
        if not self.plans:
            self.plans = {plan.url: plan for plan in plan_site(self.archive, self.config)}
        url = page.removesuffix("index.html")
        return self.plans.get(url)


class QuickPages:
    """The last good build's archive, patched by the saves since, and pages rendered from it."""

    def __init__(self, content_dir: Path, template_dirs: list[Path]):
        self.content_dir = content_dir.resolve()
        self.template_dirs = [d.resolve() for d in template_dirs]
        self._lock = threading.Lock()
        self._kept: _Kept | None = None
        self._handed: _Kept | None = None  # what the running build renders from
        self._patched: dict[Path, int] = {}  # content file -> the save it was last read again for

    # -- from the builds (their own thread)

    def hand_over(self, archive: Archive, config: SiteConfig) -> None:
        """`BuildOptions.on_archive`: what the running build renders its pages from."""
        self._handed = _Kept(archive, config)

    def build_done(self, through: int, succeeded: bool) -> None:
        """A build that read the saves up to `through` has ended: when it succeeded its
        archive is the one to patch, with the files saved after it began read again."""
        handed, self._handed = self._handed, None
        if not succeeded or handed is None:
            return
        _warm(handed, self.template_dirs)
        with self._lock:
            later = sorted(path for path, save in self._patched.items() if save > through)
            self._patched = {path: self._patched[path] for path in later}
            try:
                for path in later:
                    _patch(handed, path)
            except Exception:  # noqa: BLE001 - that save's own quick path said what is wrong
                self._kept = None
                return
            self._kept = handed

    # -- from the serve loop

    def pages_for(self, changes: set[Change], open_pages: list[str], save: int) -> dict[str, bytes] | None:
        """The edited articles' pages and the open pages, as they are after `changes`; None
        when the quick path cannot show these changes (the build will). Raises the
        SiteBuildError of a bad file."""
        with self._lock:
            kept = self._kept
            if kept is None:
                return None
            sorted_out = self._sort(changes)
            if sorted_out is None:
                return None
            content, templates_moved = sorted_out
            entries: list[Entry] = []
            for path in content:
                patched = _patch(kept, path)
                if patched is None:
                    self._kept = None  # (maybe patched in part) the next build's archive replaces it
                    return None
                entries += patched
                self._patched[path] = save
            if templates_moved or kept.env is None:
                kept.env = make_environment(kept.archive, kept.config, self.template_dirs)
            elif any(path.suffix == ".txt" for path in content):  # the raw lines of the 原文 view
                kept.env.globals.update(time_axis_globals(kept.archive, kept.config))
            return self._render(kept, entries, open_pages)

    def _sort(self, changes: set[Change]) -> tuple[list[Path], bool] | None:
        """(the content files saved, whether a template file was added or removed); None for
        a change the quick path leaves to the build. An editor that saves by renaming a new
        file into place makes the file "added": a content file that is there counts as saved."""
        content: set[Path] = set()
        templates_moved = False
        for change, name in changes:
            path = Path(name)
            if path.name.startswith("."):  # no build reads it (editor litter, a file being saved)
                continue
            folder = next((d for d in self.template_dirs if path.is_relative_to(d)), None)
            if folder is not None:
                if path.relative_to(folder).parts[:1] == ("static",):
                    return None
                templates_moved |= change != watchfiles.Change.modified
            elif path.parent.parent == self.content_dir and path.is_file() \
                    and (path.parent.name, path.suffix) in (("articles", ".md"), ("raw", ".txt")):
                content.add(path)
            else:
                return None
        return sorted(content), templates_moved

    def _render(self, kept: _Kept, entries: list[Entry], open_pages: list[str]) -> dict[str, bytes]:
        assert kept.env is not None
        plans = [kept.plan_of(entry.url) for entry in entries] + [kept.plan_of(page) for page in open_pages]
        pages: dict[str, bytes] = {}
        for plan in plans:
            if plan is not None and plan.path.endswith(".html") and plan.path not in pages:
                pages[plan.path] = render_page(kept.env, plan, self.template_dirs).encode("utf-8")
        return pages


def _warm(kept: _Kept, template_dirs: list[Path]) -> None:
    """Make the page plans and the templates' code now (in the build's thread), not on the next save."""
    kept.env = make_environment(kept.archive, kept.config, template_dirs)
    kept.plan_of("/")
    for name in kept.env.list_templates(filter_func=lambda name: not name.startswith("static/")):
        try:
            kept.env.get_template(name)
        except (jinja2.TemplateError, UnicodeDecodeError, OSError):  # rendering a page of it will say
            continue


def _patch(kept: _Kept, path: Path) -> list[Entry] | None:
    """Read the file again and put its articles in place of the old ones; the entries that
    show them. None when its articles' titles or slugs changed (new URLs: the build's work)."""
    archive = kept.archive
    number, old = next(((n, d) for n, d in enumerate(archive.documents) if d.path == path), (None, None))
    if number is None or old is None:
        return None
    new = ingest.read_source(path)
    if [_identity(a) for a in new.articles] != [_identity(a) for a in old.articles] \
            or None in (_identity(a) for a in old.articles):
        return None
    new.added = old.added
    archive.documents[number] = new
    return [entry for before, after in zip(old.articles, new.articles, strict=True)
            for entry in _swap_article(archive.entries, before, after)]


def _identity(article: Article) -> tuple[str, str | None] | None:
    """What an article's URL is made from; None for an untitled one (its URL comes from its text)."""
    if not article.title or article.title_inferred:
        return None
    return article.title, article.slug


def _swap_article(entries: list[Entry], before: Article, after: Article) -> list[Entry]:
    """Entries that printed `before` print `after` (and show it, where they showed it)."""
    printed, touched = printing_of(before), []
    for entry in entries:
        if printed not in entry.printings:
            continue
        entry.printings = [printing_of(after) if p == printed else p for p in entry.printings]
        if entry.article is before:
            entry.article = after
            entry.topics = after.topics or entry.topics
        touched.append(entry)
    return touched
