"""What the templates of the time axis use: where an article was printed and how to cite it,
links into the date and newspaper views, and the feeds' dates."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from site_builder.config import SiteConfig
from site_builder.model import Archive, Entry, PageInfo
from site_builder.render import cite, feeds, papers, timeline


def time_axis_globals(archive: Archive, config: SiteConfig,
                      found_papers: list[papers.Newspaper] | None = None) -> dict[str, object]:
    """(`found_papers`: `papers.newspapers` of the archive, when the caller has it.)"""
    found = papers.newspapers(archive) if found_papers is None else found_papers
    urls = papers.paper_urls(found)
    raw_lines: dict[Path, list[str]] = {d.path: d.raw_lines for d in archive.documents if d.kind == "raw"}
    dates = feeds.FeedDates(archive)

    def printed_page_of(entry: Entry) -> PageInfo | None:
        """The printed page of the first printing that names its paper or date."""
        return next((p.page for p in entry.printings if p.page.paper or p.page.date), None)

    def view_url(paper: str | None, date: dt.date | None = None, number: int | None = None) -> str | None:
        return urls.get((paper, date, number)) if paper else None

    return {
        "printed_page_of": printed_page_of,
        "view_url": view_url,
        "day_url": timeline.day_url,
        "citation": cite.gbt7714,
        "bibtex": lambda entry: cite.bibtex(entry, config),
        "json_ld": lambda entry, description: cite.json_ld(entry, config, description),
        "feed_time": lambda entry: feeds.atom_time(dates.of(entry)),
        "feed_updated": lambda feed: feeds.atom_time(dates.updated(feed)),
        "feed_url_of": feeds.feed_url_of,
        "raw_view": lambda printed: papers.raw_view(printed, raw_lines),
        "has_papers": bool(found),
        "dates_url": timeline.DATES_URL,
        "papers_url": papers.PAPERS_URL,
        "undated_url": timeline.UNDATED_URL,
    }
