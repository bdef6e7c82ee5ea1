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
from site_builder.render import feeds, papers, timeline


class PageKind(enum.Enum):
    HOME = "home"
    ARTICLE = "article"
    ARTICLE_LIST = "article list"  # a page of the list of all articles
    TAXONOMY = "taxonomy"  # the index of a taxonomy's terms (/topics/)
    TERM = "term"  # a page of one term's articles (/topics/x/)
    DATES = "dates"  # every year (/dates/)
    YEAR = "year"  # a year's months (/dates/2024/)
    MONTH = "month"  # a month's days and their articles (/dates/2024/06/)
    DAY = "day"  # one day's articles (/dates/2024/06/20/)
    UNDATED = "undated"  # a page of the list of articles whose date is not known
    PAPERS = "papers"  # every newspaper (/papers/)
    PAPER = "paper"  # a paper's issues (/papers/renmin-ribao/)
    ISSUE = "issue"  # an issue's pages (/papers/renmin-ribao/2024-06-20/)
    PRINTED_PAGE = "printed page"  # one page's articles in page order and its 原文
    SEARCH = "search"
    NOT_FOUND = "not found"
    FEED = "feed"
    TERM_FEED = "term feed"  # the feed of one topic, author or source
    SITEMAP = "sitemap"
    ROBOTS = "robots"


# pages a reader may land on from a search engine: what the sitemap lists
READER_PAGES = frozenset({PageKind.HOME, PageKind.ARTICLE, PageKind.ARTICLE_LIST, PageKind.TAXONOMY,
                          PageKind.TERM, PageKind.DATES, PageKind.YEAR, PageKind.MONTH, PageKind.DAY,
                          PageKind.UNDATED, PageKind.PAPERS, PageKind.PAPER, PageKind.ISSUE,
                          PageKind.PRINTED_PAGE})


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


def plan_site(archive: Archive, config: SiteConfig, found_papers: list[papers.Newspaper] | None = None) -> list[PagePlan]:
    """Every page's plan (`found_papers`: `papers.newspapers` of the archive, when the caller has it)."""
    plans = [_page(PageKind.HOME, "/", "home.html")]
    plans += [_page(PageKind.ARTICLE, e.url, "article.html", {"entry": e}) for e in archive.entries]
    plans += _list_pages("/articles/", PageKind.ARTICLE_LIST, archive.entries, config,
                         {"heading": "全部文章", "term": None, "taxonomy": None})
    for taxonomy in archive.taxonomies.values():
        plans.append(_page(PageKind.TAXONOMY, taxonomy.url, "taxonomy.html", {"taxonomy": taxonomy}))
        for term in taxonomy.terms:
            plans += _term_pages(taxonomy, term, config)
    plans += _date_pages(archive, config) + _paper_pages(archive, found_papers)
    site_feed = feeds.site_feed(archive, config.title)
    plans += [
        _page(PageKind.SEARCH, "/search/", "search.html"),
        PagePlan(PageKind.NOT_FOUND, "/404.html", "404.html", "404.html"),
        PagePlan(PageKind.FEED, site_feed.url, feeds.FEED_NAME, "feed.xml", {"feed": site_feed}),
        PagePlan(PageKind.ROBOTS, "/robots.txt", "robots.txt", "robots.txt"),
    ]
    # the sitemap's URLs in its context: what it shows is then its fingerprint (render/inputs.py)
    urls = [plan.url for plan in plans if plan.kind in READER_PAGES]
    plans.insert(-1, PagePlan(PageKind.SITEMAP, "/sitemap.xml", "sitemap.xml", "sitemap.xml", {"urls": urls}))
    return plans


def _page(kind: PageKind, url: str, template: str, context: dict[str, object] | None = None) -> PagePlan:
    """A page at a folder URL: written as the folder's index.html."""
    return PagePlan(kind, url, _file_of(url), template, context or {})


def _term_pages(taxonomy: Taxonomy, term: Term, config: SiteConfig) -> list[PagePlan]:
    feed = feeds.term_feed(term, taxonomy.label, config.title)
    extra = {"heading": f"{taxonomy.label}：{term.name}", "term": term, "taxonomy": taxonomy, "feed": feed}
    pages = _list_pages(term.url, PageKind.TERM, term.entries, config, extra)
    return [*pages, PagePlan(PageKind.TERM_FEED, feed.url, feed.url.lstrip("/"), "feed.xml", {"feed": feed})]


def _date_pages(archive: Archive, config: SiteConfig) -> list[PagePlan]:
    """/dates/ and every year, month and day with articles; the undated list when there is one."""
    years = timeline.calendar(archive)
    undated = timeline.undated(archive)
    plans = [_page(PageKind.DATES, timeline.DATES_URL, "dates.html", {"years": years, "undated": undated})]
    for newer, year, older in timeline.neighbours(years):
        plans.append(_page(PageKind.YEAR, year.url, "year.html", {"year": year, "newer": newer, "older": older}))
    months = [month for year in reversed(years) for month in year.months]
    for prev_month, month, next_month in timeline.neighbours(months):
        plans.append(_page(PageKind.MONTH, month.url, "month.html",
                           {"month": month, "prev": prev_month, "next": next_month}))
    days = [day for month in months for day in month.days]
    for prev_day, day, next_day in timeline.neighbours(days):
        plans.append(_page(PageKind.DAY, day.url, "day.html", {"day": day, "prev": prev_day, "next": next_day}))
    if undated:
        plans += _list_pages(timeline.UNDATED_URL, PageKind.UNDATED, undated, config,
                             {"heading": "日期不详的文章", "term": None, "taxonomy": None})
    return plans


def _paper_pages(archive: Archive, found: list[papers.Newspaper] | None) -> list[PagePlan]:
    """The newspaper view, when any printing names its paper and date."""
    found = papers.newspapers(archive) if found is None else found
    if not found:
        return []
    plans = [_page(PageKind.PAPERS, papers.PAPERS_URL, "papers.html", {"papers": found})]
    for paper in found:
        plans.append(_page(PageKind.PAPER, paper.url, "paper.html", {"paper": paper}))
        for issue in paper.issues:
            plans.append(_page(PageKind.ISSUE, issue.url, "issue.html", {"issue": issue}))
            plans += [_page(PageKind.PRINTED_PAGE, page.url, "printed_page.html", {"printed": page})
                      for page in issue.pages if page.number is not None]
    return plans


def _list_pages(base_url: str, kind: PageKind, entries: list[Entry], config: SiteConfig,
                extra: dict[str, object]) -> list[PagePlan]:
    """The pages of a paginated list of entries (list.html)."""
    size = config.page_size
    count = max(1, -(-len(entries) // size))
    plans = []
    for number in range(1, count + 1):
        page = Paginator(number, count, entries[(number - 1) * size: number * size], base_url)
        url = page.url_of(number)
        plans.append(_page(kind, url, "list.html", {**extra, "paginator": page, "total": len(entries)}))
    return plans


def _file_of(url: str) -> str:
    return url.strip("/") + "/index.html" if url.strip("/") else "index.html"
