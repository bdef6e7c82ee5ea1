"""The newspaper view: paper -> issue (a date) -> printed page (版次), from the printings'
PageInfo. A printed page lists its articles in the order they stand on the raw page, and
shows the raw page's text (its 原文) with each article's lines marked.

URLs: /papers/, /papers/renmin-ribao/, /papers/renmin-ribao/2024-06-20/,
/papers/renmin-ribao/2024-06-20/9/. Printings whose page names no paper or no date are not
in this view (they are in the date view when the article's date is known).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.analyze.taxonomy import _term_slugs as slugs_of  # the same slugs as a term's
from site_builder.model import Archive, Entry, Printing

PAPERS_URL = "/papers/"


# A field that points up the tree (a printed page's issue, an issue's paper): a page's
# fingerprint counts what it reaches through one by its outline (render/inputs.py).
UPWARD = {"upward": True}


@dataclass
class PrintedPage:
    issue: "Issue" = field(metadata=UPWARD)
    number: int | None  # 版次; None: the page is not known (no page view of its own)
    name: str | None = None  # 版名
    items: list[tuple[Entry, Printing]] = field(default_factory=list)  # in page order
    raw_files: list[Path] = field(default_factory=list)  # raw pages holding it, for the 原文 view

    @property
    def url(self) -> str:
        return f"{self.issue.url}{self.number}/" if self.number is not None else self.issue.url

    @property
    def entries(self) -> list[Entry]:
        return [entry for entry, _ in self.items]


@dataclass
class Issue:
    paper: "Newspaper" = field(metadata=UPWARD)
    date: dt.date
    pages: list[PrintedPage] = field(default_factory=list)  # 版次 order, unknown last

    @property
    def url(self) -> str:
        return f"{self.paper.url}{self.date.isoformat()}/"

    @property
    def count(self) -> int:
        return sum(len(p.items) for p in self.pages)


@dataclass
class Newspaper:
    name: str
    slug: str
    issues: list[Issue] = field(default_factory=list)  # newest first

    @property
    def url(self) -> str:
        return f"{PAPERS_URL}{self.slug}/"

    @property
    def count(self) -> int:
        return sum(i.count for i in self.issues)


def newspapers(archive: Archive) -> list[Newspaper]:
    """Every paper with a dated printing, in pinyin order of slug."""
    found: dict[tuple[str, dt.date, int | None], list[tuple[Entry, Printing]]] = {}
    for entry in archive.entries:
        for printing in entry.printings:
            page = printing.page
            if page.paper and page.date:
                found.setdefault((page.paper, page.date, page.page), []).append((entry, printing))
    slugs = slugs_of(sorted({paper for paper, _, _ in found}))
    papers = {name: Newspaper(name, slug) for name, slug in slugs.items()}
    issues: dict[tuple[str, dt.date], Issue] = {}
    for (paper, date, number), items in sorted(found.items(), key=_page_order):
        issue = issues.get((paper, date))
        if issue is None:
            issue = issues[(paper, date)] = Issue(papers[paper], date)
            papers[paper].issues.append(issue)
        issue.pages.append(_printed_page(issue, number, items))
    for newspaper in papers.values():
        newspaper.issues.sort(key=lambda i: i.date, reverse=True)
    return sorted(papers.values(), key=lambda p: p.slug)


def _page_order(item: tuple[tuple[str, dt.date, int | None], object]) -> tuple:
    (paper, date, number), _ = item
    return (paper, date, number is None, number or 0)


def _printed_page(issue: Issue, number: int | None, items: list[tuple[Entry, Printing]]) -> PrintedPage:
    """The page's articles in the order they stand on it: raw file, then first raw line."""
    items = sorted(items, key=lambda item: (str(item[1].origin), item[1].lines[0].first if item[1].lines else 0))
    names = [p.page.page_name for _, p in items if p.page.page_name]
    raw_files = list(dict.fromkeys(p.origin for _, p in items if p.origin_kind == "raw"))
    return PrintedPage(issue, number, names[0] if names else None, items, raw_files)


def paper_urls(papers: list[Newspaper]) -> dict[tuple[str, dt.date | None, int | None], str]:
    """(paper, date, 版次) -> the most precise page of the view that shows it; (paper, None,
    None) -> the paper's page. For links from an article's printed-page line."""
    urls: dict[tuple[str, dt.date | None, int | None], str] = {}
    for newspaper in papers:
        urls[(newspaper.name, None, None)] = newspaper.url
        for issue in newspaper.issues:
            urls[(newspaper.name, issue.date, None)] = issue.url
            for page in issue.pages:
                urls[(newspaper.name, issue.date, page.number)] = page.url
    return urls


RawLine = tuple[int, str, int | None]  # line number, text, 1-based place of its article on the page


def raw_view(printed: PrintedPage, raw_lines: dict[Path, list[str]]) -> list[tuple[str, list[RawLine]]]:
    """Each raw file of the page, numbered, each line marked with the article it belongs to."""
    views = []
    for path in printed.raw_files:
        place: dict[int, int] = {}
        for index, (_, printing) in enumerate(printed.items, start=1):
            if printing.origin == path:
                place.update((n, index) for span in printing.lines for n in range(span.first, span.last + 1))
        lines = raw_lines.get(path, [])
        views.append((path.name, [(n, text, place.get(n)) for n, text in enumerate(lines, start=1)]))
    return views
