"""The page plan: every file of the site, decided before anything is written.

Each PagePlan names what kind of page it is, its URL and output path, a template and its
context. The writer refuses two plans for one path, so two articles (or an article and an
index page) can never overwrite each other silently.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field

from site_builder.config import SiteConfig
from site_builder.model import Archive, Entry, Taxonomy, Term


class PageKind(enum.Enum):
    HOME = "home"
    ARTICLE = "article"
    ARTICLE_LIST = "article list"  # a page of the list of all articles
    TAXONOMY = "taxonomy"  # the index of a taxonomy's terms (/topics/)
    TERM = "term"  # a page of one term's articles (/topics/x/)
    SEARCH = "search"
    NOT_FOUND = "not found"
    FEED = "feed"
    SITEMAP = "sitemap"
    ROBOTS = "robots"


# pages a reader may land on from a search engine: what the sitemap lists
READER_PAGES = frozenset({PageKind.HOME, PageKind.ARTICLE, PageKind.ARTICLE_LIST, PageKind.TAXONOMY,
                          PageKind.TERM})


@dataclass
class PagePlan:
    kind: PageKind
    url: str  # site-relative, e.g. "/articles/x/" (the template's `page_url`)
    path: str  # output path relative to the site root, e.g. "articles/x/index.html"
    template: str
    context: dict[str, object] = field(default_factory=dict)  # besides `page_url`


@dataclass
class Paginator:
    """One page of a list: its entries and the neighbouring pages' URLs."""

    number: int
    count: int
    entries: list[Entry]
    base_url: str  # URL of page 1

    def url_of(self, number: int) -> str:
        return self.base_url if number == 1 else f"{self.base_url}page/{number}/"

    @property
    def prev_url(self) -> str | None:
        return self.url_of(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url_of(self.number + 1) if self.number < self.count else None


def plan_site(archive: Archive, config: SiteConfig) -> list[PagePlan]:
    plans = [_page(PageKind.HOME, "/", "home.html")]
    plans += [_page(PageKind.ARTICLE, e.url, "article.html", {"entry": e}) for e in archive.entries]
    plans += _list_pages("/articles/", PageKind.ARTICLE_LIST, archive.entries, config,
                         {"heading": "全部文章", "term": None, "taxonomy": None})
    for taxonomy in archive.taxonomies.values():
        plans.append(_page(PageKind.TAXONOMY, taxonomy.url, "taxonomy.html", {"taxonomy": taxonomy}))
        for term in taxonomy.terms:
            plans += _term_pages(taxonomy, term, config)
    plans += [
        _page(PageKind.SEARCH, "/search/", "search.html"),
        PagePlan(PageKind.NOT_FOUND, "/404.html", "404.html", "404.html"),
        PagePlan(PageKind.FEED, "/feed.xml", "feed.xml", "feed.xml"),
        PagePlan(PageKind.SITEMAP, "/sitemap.xml", "sitemap.xml", "sitemap.xml"),
        PagePlan(PageKind.ROBOTS, "/robots.txt", "robots.txt", "robots.txt"),
    ]
    return plans


def _page(kind: PageKind, url: str, template: str, context: dict[str, object] | None = None) -> PagePlan:
    """A page at a folder URL: written as the folder's index.html."""
    return PagePlan(kind, url, _file_of(url), template, context or {})


def _term_pages(taxonomy: Taxonomy, term: Term, config: SiteConfig) -> list[PagePlan]:
    extra = {"heading": f"{taxonomy.label}：{term.name}", "term": term, "taxonomy": taxonomy}
    return _list_pages(term.url, PageKind.TERM, term.entries, config, extra)


def _list_pages(base_url: str, kind: PageKind, entries: list[Entry], config: SiteConfig,
                extra: dict[str, object]) -> list[PagePlan]:
    """The pages of a paginated list of entries (list.html)."""
    size = config.page_size
    count = max(1, -(-len(entries) // size))
    plans = []
    for number in range(1, count + 1):
        page = Paginator(number, count, entries[(number - 1) * size: number * size], base_url)
        url = page.url_of(number)
        plans.append(_page(kind, url, "list.html", {**extra, "paginator": page}))
    return plans


def _file_of(url: str) -> str:
    return url.strip("/") + "/index.html" if url.strip("/") else "index.html"
