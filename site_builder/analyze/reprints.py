"""One published entry per article, however many times it was printed.

Printings are grouped by identity key (normalised title) and, for titles damaged
differently on two pages, by the opening of the body. A hand-written Markdown article joins
the group of the extraction it corrects (same title, or a `slug` equal to the group's
permalink slug) and wins: its fields are what the page shows.
"""
from __future__ import annotations

from site_builder.analyze.identity import article_slug, normalise_key
from site_builder.model import Article, Printing

OPENING_CHARS = 40  # normalised body characters that identify the same text printed twice


def identity_key(article: Article) -> str:
    if article.title and not article.title_inferred:
        return normalise_key(article.title)
    return "body:" + _opening(article)


def _opening(article: Article) -> str:
    return normalise_key("".join(b.text for b in article.blocks if b.type == "paragraph"))[:OPENING_CHARS]


class _Groups:
    """Union-find over article indexes."""

    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group_printings(articles: list[Article]) -> list[list[Article]]:
    """Articles grouped so that each group is one article; groups in first-seen order."""
    groups = _Groups(len(articles))
    first_by_signal: dict[str, int] = {}
    for index, article in enumerate(articles):
        signals = [identity_key(article)]
        opening = _opening(article)
        if len(opening) >= OPENING_CHARS // 2:
            signals.append("opening:" + opening)
        if article.slug:
            signals.append("slug:" + article.slug)
        else:
            signals.append("slug:" + article_slug(identity_key(article), article.title or ""))
        for signal in signals:
            if signal in first_by_signal:
                groups.union(first_by_signal[signal], index)
            else:
                first_by_signal[signal] = index
    by_root: dict[int, list[Article]] = {}
    for index, article in enumerate(articles):
        by_root.setdefault(groups.find(index), []).append(article)
    return list(by_root.values())


def winner(printings: list[Article]) -> Article:
    """The printing whose fields the page shows: a hand correction, else the most complete."""

    def rank(article: Article) -> tuple:
        filled = sum(bool(x) for x in (article.kicker, article.affiliation, article.summary,
                                       article.source_paper, article.authors))
        return (article.origin_kind == "markdown", not article.title_inferred, filled,
                -len(article.warnings))

    best = max(printings, key=rank)
    return best


def printing_of(article: Article) -> Printing:
    return Printing(origin=article.origin, origin_kind=article.origin_kind, source=article.source,
                    source_paper=article.source_paper, date=article.date, lines=article.lines)
