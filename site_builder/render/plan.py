"""The page plan: every file of the site, decided before anything is written.

Each PagePlan names an output path, a template and its context. The writer refuses two
plans for one path, so two articles (or an article and an index page) can never overwrite
each other silently.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from site_builder.config import SiteConfig
from site_builder.model import Archive, Entry, Taxonomy, Term


@dataclass
class PagePlan:
    path: str  # output path relative to the site root, e.g. "articles/x/index.html"
    template: str
    context: dict = field(default_factory=dict)


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
    plans = [PagePlan("index.html", "home.html", {"page_url": "/"})]
    plans += [PagePlan(_file_of(e.url), "article.html", {"entry": e, "page_url": e.url})
              for e in archive.entries]
    plans += _list_pages("/articles/", "list.html", archive.entries, config,
                         {"heading": "全部文章", "term": None, "taxonomy": None})
    for taxonomy in archive.taxonomies.values():
        plans.append(PagePlan(_file_of(taxonomy.url), "taxonomy.html",
                              {"taxonomy": taxonomy, "page_url": taxonomy.url}))
        for term in taxonomy.terms:
            plans += _term_pages(taxonomy, term, config)
    plans += [
        PagePlan("search/index.html", "search.html", {"page_url": "/search/"}),
        PagePlan("404.html", "404.html", {"page_url": "/404.html"}),
        PagePlan("feed.xml", "feed.xml", {"page_url": "/feed.xml"}),
        PagePlan("sitemap.xml", "sitemap.xml", {"page_url": "/sitemap.xml"}),
        PagePlan("robots.txt", "robots.txt", {"page_url": "/robots.txt"}),
    ]
    return plans


def _term_pages(taxonomy: Taxonomy, term: Term, config: SiteConfig) -> list[PagePlan]:
    extra = {"heading": f"{taxonomy.label}：{term.name}", "term": term, "taxonomy": taxonomy}
    return _list_pages(term.url, "list.html", term.entries, config, extra)


def _list_pages(base_url: str, template: str, entries: list[Entry], config: SiteConfig,
                extra: dict) -> list[PagePlan]:
    size = config.page_size
    count = max(1, -(-len(entries) // size))
    plans = []
    for number in range(1, count + 1):
        page = Paginator(number, count, entries[(number - 1) * size: number * size], base_url)
        url = page.url_of(number)
        plans.append(PagePlan(_file_of(url), template, {**extra, "paginator": page, "page_url": url}))
    return plans


def _file_of(url: str) -> str:
    return url.strip("/") + "/index.html" if url.strip("/") else "index.html"
