"""How an article is cited: where it was printed, its GB/T 7714 newspaper reference, a BibTeX
record, and the schema.org NewsArticle (JSON-LD) and OpenGraph data that other sites read.

GB/T 7714-2015 gives a newspaper article as `主要责任者.题名[N].报纸名,出版日期(版次).`; with
more than three authors the first three are named, followed by `,等`. A part that is not
known is left out with its punctuation, never guessed.
"""
from __future__ import annotations

import json
import re

from markupsafe import Markup

from site_builder.config import SiteConfig
from site_builder.model import Entry, PageInfo

MAX_AUTHORS = 3  # GB/T 7714-2015 8.1.2: the first three, then 等


def printed_at(entry: Entry) -> PageInfo:
    """The printed page an article is cited by: the first of its printings whose page is known;
    else the paper it names (原载《…》) and its own date."""
    for printing in entry.printings:
        page = printing.page
        if page.paper or page.date:
            return PageInfo(page.paper, page.date or entry.date, page.page, page.page_name)
    return PageInfo(paper=entry.sources[0] if entry.sources else None, date=entry.date)


def gbt7714(entry: Entry) -> str:
    """`谢希德.创造学习的思路[N].人民日报,1998-12-25(10).`"""
    at = printed_at(entry)
    authors = entry.article.authors
    named = ",".join(authors[:MAX_AUTHORS]) + (",等" if len(authors) > MAX_AUTHORS else "")
    head = f"{named}.{entry.title}[N]" if named else f"{entry.title}[N]"
    where = ",".join(filter(None, [at.paper, at.date.isoformat() if at.date else None]))
    if at.page is not None:
        where += f"({at.page})"
    return f"{head}.{where}." if where else f"{head}."


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def _bibtex_value(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: "\\textbackslash{}" if m.group(1) == "\\" else "\\" + m.group(1), text)


def bibtex(entry: Entry, config: SiteConfig) -> str:
    """A biblatex @article: journal is the paper, pages the 版次."""
    at = printed_at(entry)
    fields = [("author", " and ".join(entry.article.authors)), ("title", entry.title),
              ("journal", at.paper or ""),
              ("date", at.date.isoformat() if at.date else ""),
              ("year", str(at.date.year) if at.date else ""),
              ("pages", str(at.page) if at.page is not None else ""),
              ("url", config.absolute_url(entry.url)), ("langid", "chinese")]
    lines = [f"  {name} = {{{_bibtex_value(value)}}}," for name, value in fields if value]
    return "@article{" + entry.slug + ",\n" + "\n".join(lines) + "\n}"


def json_ld(entry: Entry, config: SiteConfig, description: str) -> Markup:
    """The NewsArticle as JSON-LD, safe inside <script> (no `<`, `>` or `&` left raw)."""
    at = printed_at(entry)
    url = config.absolute_url(entry.url)
    data: dict[str, object] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": entry.title,
        "url": url, "mainEntityOfPage": url, "inLanguage": config.language, "description": description,
        "author": [{"@type": "Person", "name": name} for name in entry.article.authors],
        "publisher": {"@type": "Organization", "name": at.paper or config.title},
        "isPartOf": _part_of(at, config),
    }
    if at.date:
        data["datePublished"] = at.date.isoformat()
    if at.page is not None:
        data["pageStart"] = str(at.page)
    if entry.topics:
        data["keywords"] = entry.topics
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _part_of(at: PageInfo, config: SiteConfig) -> dict[str, object]:
    """The newspaper issue it was printed in, or, when the paper is not known, this archive."""
    if not at.paper:
        return {"@type": "WebSite", "name": config.title, "url": config.absolute_url("/")}
    newspaper: dict[str, object] = {"@type": "Newspaper", "name": at.paper}
    if not at.date:
        return newspaper
    return {"@type": "PublicationIssue", "datePublished": at.date.isoformat(), "isPartOf": newspaper}

