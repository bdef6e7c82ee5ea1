"""Related articles: overlap of distinctive jieba keywords, then shared topics.

Candidates come from an inverted index of each article's top keywords, leaving out words
so common in the archive that they relate everything to everything. An article's score for
another is KEYWORD_WEIGHT × (signal words shared / keywords of both) + TOPIC_WEIGHT × topics
shared; the best `count` are kept, ties broken by URL.

At 10,000 articles an article has about a thousand candidates: they are all scored at
once, in arrays (`_Scores`).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from site_builder import forked
from site_builder.analyze import memo
from site_builder.model import Entry

TOP_KEYWORDS = 20
COMMON_SHARE = 0.05  # a keyword in more than 5 % of the archive (and > 20 articles) is not a signal
TOPIC_WEIGHT = 1.0
KEYWORD_WEIGHT = 4.0
PARALLEL_FROM = 500  # entries whose lists are made: fewer are made here (a worker's start costs more)


def link_related(entries: list[Entry], tags: dict[str, dict[str, float]], count: int) -> None:
    """Fill `entry.related` with up to `count` entries, most related first (deterministic).

    The lists depend only on the entries' order, URLs, topics and top keywords: when none of
    these changed since a build the memo remembers (a template edit, an edit that moves no
    keyword into or out of an article's top), that build's lists are taken again; when only
    some articles' keywords or topics changed, only the lists those could be in are made
    again (`Lists.updated`)."""
    if count == 0:
        return
    relink(entries, related_lists(entries, tags, count))


def related_lists(entries: list[Entry], tags: dict[str, dict[str, float]], count: int) -> Lists:
    """`link_related`'s lists, through the memo."""
    keyword_sets = tuple(top_words(tags.get(e.key, {})) for e in entries)
    inputs = "\n".join(f"{e.url}|{e.topics!r}|{sorted(words)!r}"
                        for e, words in zip(entries, keyword_sets, strict=True))
    last = memo.last_answer("related")
    return memo.lookup("related", (inputs, count), lambda: Lists.updated(
        last if isinstance(last, Lists) else None, entries, keyword_sets, count))


def relink(entries: list[Entry], found: Lists) -> None:
    by_url = {e.url: e for e in entries}
    for entry, urls in zip(entries, found.lists, strict=True):
        entry.related = [by_url[url] for url in urls]


def top_words(tags: dict[str, float]) -> frozenset[str]:
    """What the lists read of an entry's keywords."""
    return frozenset(list(tags)[:TOP_KEYWORDS])


@dataclass(frozen=True)
class Lists:
    """Each entry's related entries' URLs, with what they were made from."""

    urls: tuple[str, ...]
    topics: tuple[tuple[str, ...], ...]  # each entry's, in order: a list is filled from them in turn
    keyword_sets: tuple[frozenset[str], ...]
    signals: frozenset[str]
    count: int
    lists: tuple[tuple[str, ...], ...]
    # (`aligned`) the keywords and topics of entries removed since these lists were made
    removed: tuple[frozenset[str], tuple[str, ...]] = (frozenset(), ())
    added: frozenset[int] = frozenset()  # (`aligned`) the entries added since, by place
    # the entries whose lists were filled from their topics (fewer than `count` shared
    # keywords): only those can change when a topic gains or loses an entry (None: not known)
    filled: frozenset[int] | None = None

    @staticmethod
    def updated(last: Lists | None, entries: list[Entry], keyword_sets: tuple[frozenset[str], ...],
                count: int) -> Lists:
        """The lists of these entries: from the last ones, the lists that a changed entry
        could be in made again, or all made when the entries or their order changed."""
        urls = tuple(e.url for e in entries)
        topics = tuple(tuple(e.topics) for e in entries)
        ranker = _Ranker(entries, keyword_sets, tuple(frozenset(t) for t in topics), count)
        filled: frozenset[int] | None
        if last is not None and last.urls != urls and last.count == count:
            last = last.aligned(urls)  # entries added or removed: the others' lists taken by URL
        if last is None or last.urls != urls or last.count != count:
            made = dict(enumerate(forked.map_items(ranker.related_urls, range(len(entries)), PARALLEL_FROM)))
            lists, filled = tuple(urls for urls, _ in made.values()), frozenset(n for n, (_, f) in made.items() if f)
        else:
            made = {n: ranker.related_urls(n) for n in sorted(last.affected(topics, keyword_sets, ranker.signals))}
            lists = tuple(made[n][0] if n in made else old for n, old in enumerate(last.lists))
            filled = None if last.filled is None else \
                frozenset(n for n in last.filled if n not in made) | {n for n, (_, f) in made.items() if f}
        return Lists(urls, topics, keyword_sets, frozenset(ranker.signals), count, lists, filled=filled)

    def aligned(self, urls: tuple[str, ...]) -> Lists | None:
        """These lists as the last lists of entries with these URLs, when the entries they
        share are in the same order and the common-word limit is the same (else None): an
        entry added stands with no keywords, topics or list, and makes its words and topics
        changed (`affected`); an entry removed leaves its words and topics changed on an
        entry of its own kept here, so every list that could name it is made again."""
        if _limit(len(urls)) != _limit(len(self.urls)):
            return None
        place = {url: n for n, url in enumerate(self.urls)}
        kept = [place[url] for url in urls if url in place]
        if kept != sorted(kept):
            return None
        wanted = set(urls)  # (once: made in the test of each of 10,000 URLs, it took seconds)
        gone = [n for n, url in enumerate(self.urls) if url not in wanted]
        old = [place.get(url) for url in urls]
        keyword_sets = tuple(self.keyword_sets[n] if n is not None else frozenset() for n in old)
        topics = tuple(self.topics[n] if n is not None else () for n in old)
        lists = tuple(self.lists[n] if n is not None else () for n in old)
        # the words and topics of the entries removed, as changes of their own (`affected`)
        removed = (frozenset().union(*(self.keyword_sets[n] for n in gone)),
                   tuple(sorted({t for n in gone for t in self.topics[n]})))
        added = frozenset(number for number, n in enumerate(old) if n is None)
        filled = None if self.filled is None else \
            frozenset(number for number, n in enumerate(old) if n is not None and n in self.filled)
        return Lists(urls, topics, keyword_sets, self.signals, self.count, lists, removed, added, filled)

    def affected(self, topics: tuple[tuple[str, ...], ...], keyword_sets: tuple[frozenset[str], ...],
                 signals: dict[str, list[int]]) -> set[int]:
        """The entries (same URLs, same order: `aligned`) whose lists may differ from the last ones:
        a changed entry; one sharing a signal word with a changed entry's keywords before or
        after (its candidates or their scores changed: a word becomes or ceases to be a
        signal only when a changed entry gains or loses it); one whose list was filled from
        its topics (`filled`) sharing a topic that a changed entry gained or lost. A word that
        is no signal before or after makes no entry a candidate of another."""
        changed = [n for n, (words, mine) in enumerate(zip(keyword_sets, topics, strict=True))
                   if words != self.keyword_sets[n] or mine != self.topics[n] or n in self.added]
        either = self.signals | signals.keys()
        words = {w for n in changed for w in (self.keyword_sets[n] | keyword_sets[n]) & either}
        words |= self.removed[0] & either
        moved = {t for n in changed for t in set(self.topics[n]) ^ set(topics[n])} | set(self.removed[1])
        filled = range(len(topics)) if self.filled is None else self.filled
        return set(changed) | {n for n, (mine, old) in enumerate(zip(keyword_sets, self.keyword_sets, strict=True))
                               if (mine | old) & words} | {n for n in filled if moved.intersection(topics[n])}


class _Ranker:
    """What ranking one entry's related entries reads: the signal words' posting lists (a
    word in more than COMMON_SHARE of the archive is no signal), each topic's entries, and
    the same as arrays (`_Scores`)."""

    def __init__(self, entries: list[Entry], keyword_sets: tuple[frozenset[str], ...],
                 topic_sets: tuple[frozenset[str], ...], count: int):
        self.entries, self.keyword_sets, self.topic_sets, self.count = entries, keyword_sets, topic_sets, count
        by_keyword: dict[str, list[int]] = defaultdict(list)
        for number, words in enumerate(keyword_sets):
            for word in words:
                by_keyword[word].append(number)
        limit = _limit(len(entries))
        self.signals = {word: posting for word, posting in by_keyword.items() if len(posting) <= limit}
        self.by_topic: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            for topic in entry.topics:
                self.by_topic[topic].append(entry)
        self._scores: _Scores | None = None  # (made on the first list: an edit may make none)

    def related_urls(self, number: int) -> tuple[tuple[str, ...], bool]:
        """The URLs of the entry's related list, and whether it was filled from its topics."""
        if self._scores is None:
            self._scores = _Scores(self)
        entry = self.entries[number]
        related = [self.entries[other] for other in self._scores.best(number, self.count)]
        filled = len(related) < self.count
        if filled:  # too few shared keywords: fill from the same topics, newest first
            related += _same_topic(entry, self.by_topic, related, self.count - len(related))
        return tuple(other.url for other in related), filled


def _limit(entries: int) -> int:
    """How many entries a keyword may be in and be a signal."""
    return max(20, int(entries * COMMON_SHARE))


class _Scores:
    """Every candidate of an entry scored at once, in arrays: an article has about a thousand
    candidates at 10,000 articles, which cost a set union and intersection each in Python.

    The candidates and their signal words shared come from one count over the signal words'
    posting lists. A union's size is both sizes less the keywords shared, which are the
    signal words shared and the common words shared: each common word has a row saying which
    entries have it (few words, each in many entries: counting their posting lists would
    read a twentieth of the archive per word), as each topic has. The scores are the float64
    operations of the definition in its order, so equal to it bit for bit, and the order
    (score, then URL) is the definition's."""

    def __init__(self, ranker: _Ranker):
        size = len(ranker.entries)
        self.postings = {word: np.asarray(posting, dtype=np.int64) for word, posting in ranker.signals.items()}
        common = {word for words in ranker.keyword_sets for word in words} - ranker.signals.keys()
        self.common = {word: np.zeros(size, dtype=np.uint8) for word in common}
        self.topics = {topic: np.zeros(size, dtype=np.uint8) for topics in ranker.topic_sets for topic in topics}
        for number, (words, topics) in enumerate(zip(ranker.keyword_sets, ranker.topic_sets, strict=True)):
            for word in words & common:
                self.common[word][number] = 1
            for topic in topics:
                self.topics[topic][number] = 1
        self.sizes = np.array([len(words) for words in ranker.keyword_sets], dtype=np.int64)
        urls = [entry.url for entry in ranker.entries]
        self.url_rank = np.empty(size, dtype=np.int64)
        self.url_rank[sorted(range(size), key=urls.__getitem__)] = np.arange(size)
        self.keyword_sets, self.topic_sets = ranker.keyword_sets, ranker.topic_sets

    def best(self, number: int, count: int) -> list[int]:
        """The `count` best candidates, best first: most related (KEYWORD_WEIGHT x signal
        words shared / keywords of both + TOPIC_WEIGHT x topics shared), then by URL."""
        mine = self.keyword_sets[number]
        lists = [self.postings[w] for w in mine if w in self.postings]
        if not lists:
            return []
        shared = np.bincount(np.concatenate(lists), minlength=len(self.sizes))
        shared[number] = 0
        candidates = np.flatnonzero(shared)
        words = shared[candidates]
        in_common, topics = words.copy(), np.zeros(len(candidates), dtype=np.int64)
        for word in mine:
            if word in self.common:
                in_common += self.common[word][candidates]
        for topic in self.topic_sets[number]:
            topics += self.topics[topic][candidates]
        union = np.maximum(1, len(mine) + self.sizes[candidates] - in_common)
        scores = KEYWORD_WEIGHT * (words / union) + TOPIC_WEIGHT * topics.astype(np.float64)
        if len(scores) > count:  # only those scoring at least the count-th best can be kept
            taken = np.flatnonzero(scores >= np.partition(scores, len(scores) - count)[len(scores) - count])
            candidates, scores = candidates[taken], scores[taken]
        order = np.lexsort((self.url_rank[candidates], -scores))[:count]
        return candidates[order].tolist()


def _same_topic(entry: Entry, by_topic: dict[str, list[Entry]], taken: list[Entry], wanted: int) -> list[Entry]:
    found: list[Entry] = []
    for topic in entry.topics:
        for other in by_topic[topic]:  # entries are in archive order (newest first)
            if other is not entry and other not in taken and other not in found:
                found.append(other)
                if len(found) == wanted:
                    return found
    return found
