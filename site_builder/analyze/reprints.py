"""One published entry per article, however many times it was printed.

Printings are grouped by identity key (normalised title) and, for titles printed or damaged
differently on two pages, by the sentences their bodies share. A hand-written Markdown article joins
the group of the extraction it corrects (same title, or a `slug` equal to the group's
permalink slug) and wins: its fields are what the page shows. Otherwise the page shows the
fields of the printing with the most of them and the most complete text of all printings (a
page may print an article cut), and says which printings' texts were passed over.

A title is not an article, though: two different articles may share one. Printings with the
same title are one article only when their texts are the same (see `same_text`); otherwise
they are published apart, with a warning naming both files (see `split_same_titles`).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from itertools import chain
from collections.abc import Set
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder.analyze.completeness import completeness, first_cut
from site_builder.analyze.identity import article_slug, namesake_key, normalise_key
from site_builder.analyze import memo
from site_builder.analyze.article_keys import ArticleKeys
from site_builder.analyze.memo import remembered
from site_builder.errors import display_path
from site_builder.model import Article, Printing, Warning_

OPENING_CHARS = 40  # normalised body characters that identify an untitled article
MIN_SENTENCE_CHARS = 12
MIN_SHARED_SENTENCES = 3
SHARED_SHARE = 0.6  # of the shorter article's sentences
COMMON_SENTENCE = 20  # a sentence in more articles than this is a quotation, not a reprint
FINGERPRINT_CHARS = 200  # normalised body characters that tell two same-titled articles apart
_SENTENCE_END = re.compile(r"[。！？!?；;]")


def identity_key(article: Article) -> str:
    if article.title and not article.title_inferred:
        return _title_key(article.title)
    return "body:" + _opening(article)


_title_key = remembered(normalise_key)


def _opening(article: Article) -> str:
    return _body_key(article)[:OPENING_CHARS]


def _body_key(article: Article) -> str:
    return normalise_key("".join(b.text for b in article.blocks if b.type == "paragraph"))


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


# --- one title, several articles --------------------------------------------------------------

@dataclass
class Edition:
    """Printings with one title and the same text (indexes into the article list)."""

    key: str  # the title's identity key; for a second article of that title, with its text's hash
    members: list[int] = field(default_factory=list)
    sentences: set[bytes] = field(default_factory=set)
    has_markdown: bool = False


def same_text(a: Set[bytes], body_a: str, b: Set[bytes], body_b: str) -> bool:
    """Whether two printings are one text: a reprint agrees with its original nearly everywhere,
    up to OCR damage in some sentences and a cut end. So: most (SHARED_SHARE) of the shorter
    text's sentences are sentences of the other; a text too short to have sentences of
    MIN_SENTENCE_CHARS must be contained in the other whole (normalised)."""
    if a and b:
        return len(a & b) >= SHARED_SHARE * min(len(a), len(b))
    if a or b:
        return False
    shorter, longer = sorted((body_a, body_b), key=len)
    return shorter in longer


def split_same_titles(articles: list[Article], sentences: list[frozenset[bytes]]) -> tuple[list[Edition], list[Warning_]]:
    """Every article in one edition: articles of one title are one edition when their texts
    are the same; a Markdown file whose text matches none corrects the first edition that has
    no Markdown file yet. The first edition of a title (in file order: raw pages, then Markdown,
    by name) keeps the title's key, so a newly added namesake never moves a published URL; each
    other edition's key adds a hash of its text's opening (the same on every build)."""
    by_title: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        by_title.setdefault(identity_key(article), []).append(index)
    texts = _Texts(sentences, articles)
    editions: list[Edition] = []
    warnings: list[Warning_] = []
    for key, indexes in by_title.items():
        if len(indexes) == 1:  # most titles: one article, one edition
            article = articles[indexes[0]]
            editions.append(Edition(key, indexes, set(sentences[indexes[0]]), article.origin_kind == "markdown"))
            continue
        found = texts.editions(articles, indexes)
        for extra in found[1:]:
            extra.key = namesake_key(key, texts.body(extra.members[0])[:FINGERPRINT_CHARS])
            warnings.append(_namesake_warning(articles, found[0], extra))
        editions += found
    return editions, warnings


@dataclass
class _Texts:
    """Each article's sentences and normalised body; makes the editions of one title."""

    sentences: list[frozenset[bytes]]
    articles: list[Article]
    _bodies: dict[int, str] = field(default_factory=dict)

    def body(self, index: int) -> str:
        """The normalised body, made when asked for: most articles never need theirs."""
        if index not in self._bodies:
            self._bodies[index] = _body_key(self.articles[index])
        return self._bodies[index]

    def editions(self, articles: list[Article], indexes: list[int]) -> list[Edition]:
        found: list[Edition] = []
        holders: dict[bytes, list[int]] = {}  # sentence -> editions (positions in found) holding it
        for index in indexes:
            article = articles[index]
            place = self._same_text_edition(index, found, holders)
            if place is None and article.origin_kind == "markdown":
                place = next((n for n, e in enumerate(found) if not e.has_markdown), None)
            if place is None:
                place = len(found)
                found.append(Edition(key=identity_key(article)))
            edition = found[place]
            edition.members.append(index)
            for sentence in self.sentences[index] - edition.sentences:
                holders.setdefault(sentence, []).append(place)
            edition.sentences |= self.sentences[index]
            edition.has_markdown |= article.origin_kind == "markdown"
        return found

    def _same_text_edition(self, index: int, found: list[Edition], holders: dict[bytes, list[int]]) -> int | None:
        """The first edition whose text is this article's (see same_text), found by counting
        the sentences it shares with each edition; for a text with no sentences, among those
        with none."""
        mine = self.sentences[index]
        if not mine:
            return next((n for n, e in enumerate(found) if not e.sentences
                         and same_text(mine, self.body(index), e.sentences, self.body(e.members[0]))), None)
        shared = Counter(n for s in mine for n in holders.get(s, ()))
        return min((n for n, count in shared.items()
                    if count >= SHARED_SHARE * min(len(mine), len(found[n].sentences))), default=None)


def _namesake_warning(articles: list[Article], first: Edition, extra: Edition) -> Warning_:
    kept, other = articles[first.members[0]], articles[extra.members[0]]
    slug = other.slug or article_slug(extra.key, other.title or "")
    line = other.lines[0].first if other.lines else None
    return Warning_(_file_of(other), f"two different articles are titled '{other.title}' "
                    f"(the other is in {display_path(_file_of(kept))}): published apart, this one at /articles/{slug}/",
                    line, "same-title")


# --- groups of printings -----------------------------------------------------------------------

@dataclass
class Group:
    """The printings of one article and the identity key its permalink is made from."""

    key: str
    printings: list[Article]


def group_articles(articles: list[Article], keys: ArticleKeys | None = None) -> tuple[list[Group], list[Warning_]]:
    """Articles grouped so that each group is one article (groups in first-seen order), and a
    warning for every title that two different articles share (`keys`: the articles' keys,
    when known: their sentences are remembered under them)."""
    sentences = [sentences_of(a, keys.of(a) if keys is not None else None) for a in articles]
    editions, warnings = split_same_titles(articles, sentences)
    groups = _Groups(len(editions))
    edition_of = {index: e for e, edition in enumerate(editions) for index in edition.members}
    first_by_slug: dict[str, int] = {}
    for e, edition in enumerate(editions):
        for index in edition.members:
            article = articles[index]
            slug = article.slug or article_slug(edition.key, article.title or "")
            groups.union(first_by_slug.setdefault(slug, e), e)
    for a, b in _same_text_pairs(sentences):
        groups.union(edition_of[a], edition_of[b])
    by_root: dict[int, list[int]] = {}
    for e in range(len(editions)):
        by_root.setdefault(groups.find(e), []).append(e)
    result = []
    for members in sorted(by_root.values(), key=lambda m: min(i for e in m for i in editions[e].members)):
        indexes = sorted(i for e in members for i in editions[e].members)
        shown = max(indexes, key=lambda i: _rank(articles[i]))
        result.append(Group(editions[edition_of[shown]].key, [articles[i] for i in indexes]))
    return result, warnings


def _same_text_pairs(sentences: list[frozenset[bytes]]) -> list[tuple[int, int]]:
    """Pairs of articles whose bodies share most of their sentences (a reprint whose title
    was printed or damaged differently). Sentences found in many articles, such as a quoted
    speech, are left out: they say nothing about two articles being one. Most sentences are
    in one article only: they are counted first (in C) and only the others indexed."""
    counts = Counter(chain.from_iterable(sentences))
    telling = {sentence for sentence, count in counts.items() if 1 < count <= COMMON_SENTENCE}
    where: dict[bytes, list[int]] = {}
    for index, found in enumerate(sentences):
        for sentence in found & telling:
            where.setdefault(sentence, []).append(index)
    pairs = []
    for index, found in enumerate(sentences):
        shared: dict[int, int] = {}
        for sentence in found & telling:
            for other in where[sentence]:
                if other < index:
                    shared[other] = shared.get(other, 0) + 1
        for other, count in shared.items():
            smaller = min(len(found), len(sentences[other]))
            if count >= MIN_SHARED_SENTENCES and count >= SHARED_SHARE * smaller:
                pairs.append((other, index))
    return pairs


def sentences_of(article: Article, key: str | None = None) -> frozenset[bytes]:
    """The digests of the body's sentences (normalised, of MIN_SENTENCE_CHARS or more): two
    bodies share a sentence exactly when they share its digest (128 bits: never by chance),
    and the memo keeps 16 bytes a sentence. Remembered under the article's key (`key`,
    analyze/article_keys.py) when it has one, else under its body."""
    def body() -> str:
        return "".join(b.text for b in article.blocks if b.type == "paragraph")

    return memo.lookup("sentences", (("article", key) if key is not None else body(),),
                       lambda: _sentence_digests(body()))


def _sentence_digests(body: str) -> frozenset[bytes]:
    normalised = (normalise_key(s) for s in _SENTENCE_END.split(body))
    return frozenset(hashlib.blake2b(s.encode("utf-8"), digest_size=16).digest()
                     for s in normalised if len(s) >= MIN_SENTENCE_CHARS)


def _rank(article: Article) -> tuple:
    filled = sum(bool(x) for x in (article.kicker, article.affiliation, article.summary,
                                   article.source_paper, article.authors))
    return (article.origin_kind == "markdown", not article.title_inferred, filled, -len(article.warnings))


def winner(printings: list[Article]) -> Article:
    """The printing whose fields the page shows: a hand correction, else the most complete."""
    return max(printings, key=_rank)


def shown_article(printings: list[Article]) -> tuple[Article, list[Warning_]]:
    """What the page shows: the winner's fields with the most complete text of the printings,
    and a warning on every printing whose text is less complete than the one shown (naming
    the file the shown text is from). A hand-corrected Markdown article is shown as written."""
    shown = winner(printings)
    if shown.origin_kind == "markdown" or len(printings) < 2:
        return shown, []
    measured = [(completeness(p), p) for p in printings]
    best_measure, best = max(measured, key=lambda pair: pair[0].order())
    text_from, text_measure = shown, completeness(shown)
    if best_measure.beats(text_measure):
        text_from, text_measure = best, best_measure
        shown = replace(shown, blocks=list(best.blocks), warnings=list(shown.warnings))
    warnings = [_less_complete_warning(p, text_from) for m, p in measured
                if p is not text_from and text_measure.beats(m)]
    return shown, warnings


def _less_complete_warning(printing: Article, text_from: Article) -> Warning_:
    cut = first_cut(printing)
    how = f"stops in mid-sentence after '…{cut}'" if cut else "is shorter"
    line = printing.lines[0].first if printing.lines else None
    return Warning_(_file_of(printing), f"'{printing.title}' is printed again in {display_path(_file_of(text_from))}: this "
                    f"printing's text {how}; the site shows the text printed in {_file_of(text_from).name}",
                    line, "reprint-text")


def printing_of(article: Article) -> Printing:
    return Printing(origin=_file_of(article), origin_kind=article.origin_kind, source=article.source,
                    source_paper=article.source_paper, date=article.date, lines=article.lines,
                    page=article.page)


def _file_of(article: Article) -> Path:
    if article.origin is None:  # ingest names the file of every article it reads
        raise ValueError(f"article {article.title!r} reached analysis without its file")
    return article.origin
