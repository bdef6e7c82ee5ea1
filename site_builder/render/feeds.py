"""Atom feeds: the site's and one per topic, author and source, every entry with a real date.

An entry's date is its publication date where known; otherwise the time its earliest file
entered the archive (SourceDocument.added, which ingest reads from git or the file system),
else that file's modification time. Nothing is dated by the build's clock, so two builds of
the same checkout write the same feeds.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from site_builder.model import Archive, Entry, Term

FEED_SIZE = 50  # entries per feed, newest first
FEED_NAME = "feed.xml"


@dataclass
class Feed:
    title: str
    url: str  # of the feed itself
    html_url: str  # the page it follows
    entries: list[Entry]


def site_feed(archive: Archive, title: str) -> Feed:
    return Feed(title, "/" + FEED_NAME, "/", archive.entries[:FEED_SIZE])


def term_feed(term: Term, label: str, site_title: str) -> Feed:
    return Feed(f"{label}：{term.name} · {site_title}", feed_url_of(term.url), term.url,
                term.entries[:FEED_SIZE])


def feed_url_of(page_url: str) -> str:
    return page_url + FEED_NAME


class FeedDates:
    """When each entry was published or, failing that, entered the archive (UTC)."""

    def __init__(self, archive: Archive):
        self._added = {doc.path: doc.added for doc in archive.documents}

    def of(self, entry: Entry) -> dt.datetime:
        if entry.date:
            return dt.datetime.combine(entry.date, dt.time(), tzinfo=dt.UTC)
        return min(self._added_of(p.origin) for p in entry.printings)

    def _added_of(self, path: Path) -> dt.datetime:
        added = self._added.get(path)
        if added is None:
            added = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).replace(microsecond=0)
        return added if added.tzinfo else added.replace(tzinfo=dt.UTC)

    def updated(self, feed: Feed) -> dt.datetime:
        """The feed's <updated>: its newest entry's date (the Unix epoch for an empty feed)."""
        return max((self.of(e) for e in feed.entries), default=dt.datetime.fromtimestamp(0, tz=dt.UTC))


def atom_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
