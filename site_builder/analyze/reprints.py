"""One published entry per article, however many times it was printed.

Printings are grouped by identity key (normalised title) and, for titles printed or damaged
differently on two pages, by the sentences their bodies share. A hand-written Markdown article joins
the group of the extraction it corrects (same title, or a `slug` equal to the group's
permalink slug) and wins: its fields are what the page shows.
"""
from __future__ import annotations

import re

from site_builder.analyze.identity import article_slug, normalise_key
from site_builder.model import Article, Printing

OPENING_CHARS = 40  # normalised body characters that identify an untitled article
MIN_SENTENCE_CHARS = 12
MIN_SHARED_SENTENCES = 3
SHARED_SHARE = 0.6  # of the shorter article's sentences
COMMON_SENTENCE = 20  # a sentence in more articles than this is a quotation, not a reprint
_SENTENCE_END = re.compile(r"[。！？!?；;]")


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
        key = identity_key(article)
        slug = article.slug or article_slug(key, article.title or "")
        for signal in (key, "slug:" + slug):
            if signal in first_by_signal:
                groups.union(first_by_signal[signal], index)
            else:
                first_by_signal[signal] = index
    for a, b in _same_text_pairs(articles):
        groups.union(a, b)
    by_root: dict[int, list[Article]] = {}
    for index, article in enumerate(articles):
        by_root.setdefault(groups.find(index), []).append(article)
    return list(by_root.values())


def _same_text_pairs(articles: list[Article]) -> list[tuple[int, int]]:
    """Pairs of articles whose bodies share most of their sentences (a reprint whose title
    was printed or damaged differently). Sentences found in many articles, such as a quoted
    speech, are left out: they say nothing about two articles being one."""
    sentences = [_sentences(a) for a in articles]
    where: dict[str, list[int]] = {}
    for index, found in enumerate(sentences):
        for sentence in found:
            where.setdefault(sentence, []).append(index)
    pairs = []
    for index, found in enumerate(sentences):
        shared: dict[int, int] = {}
        for sentence in found:
            holders = where[sentence]
            if len(holders) <= COMMON_SENTENCE:
                for other in holders:
                    if other < index:
                        shared[other] = shared.get(other, 0) + 1
        for other, count in shared.items():
            smaller = min(len(found), len(sentences[other]))
            if count >= MIN_SHARED_SENTENCES and count >= SHARED_SHARE * smaller:
                pairs.append((other, index))
    return pairs


def _sentences(article: Article) -> set[str]:
    body = "".join(b.text for b in article.blocks if b.type == "paragraph")
    normalised = (normalise_key(s) for s in _SENTENCE_END.split(body))
    return {s for s in normalised if len(s) >= MIN_SENTENCE_CHARS}


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
    if article.origin is None:  # ingest names the file of every article it reads
        raise ValueError(f"article {article.title!r} reached analysis without its file")
    return Printing(origin=article.origin, origin_kind=article.origin_kind, source=article.source,
                    source_paper=article.source_paper, date=article.date, lines=article.lines)
