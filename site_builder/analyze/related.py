"""Related articles: overlap of distinctive jieba keywords, then shared topics.

Candidates come from an inverted index of each article's top keywords, leaving out words
so common in the archive that they relate everything to everything. An article's score for
another is KEYWORD_WEIGHT × (signal words shared / keywords of both) + TOPIC_WEIGHT × topics
shared; the best `count` are kept, ties broken by URL.

Scoring every candidate costs a set union and intersection each: at 10,000 articles an
article has about a thousand candidates. So candidates are taken by the number of signal
words shared, most first, and once the places are filled a candidate is scored only when it
could pass the last one kept: with n words shared, the score is at most KEYWORD_WEIGHT × n /
(the article's own keywords) + TOPIC_WEIGHT × (topics shared, or all its own topics for the
rest of the candidates). Those never scored could not have been kept, so the result is the
one scoring them all gives.
"""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain

from site_builder import forked
from site_builder.analyze import memo
from site_builder.model import Entry

TOP_KEYWORDS = 20
COMMON_SHARE = 0.05  # a keyword in more than 5 % of the archive (and > 20 articles) is not a signal
TOPIC_WEIGHT = 1.0
KEYWORD_WEIGHT = 4.0
PARALLEL_FROM = 500  # entries whose lists are made: fewer are made here (a worker's start costs more)
MARGIN = 1e-9  # bounds are compared with this margin, so rounding can never cut a tie


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
    word in more than COMMON_SHARE of the archive is no signal), each topic's entries."""

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

    def related_urls(self, number: int) -> tuple[tuple[str, ...], bool]:
        """The URLs of the entry's related list, and whether it was filled from its topics."""
        entry, signals = self.entries[number], self.signals
        shared = Counter(chain.from_iterable(signals[w] for w in self.keyword_sets[number] if w in signals))
        shared.pop(number, None)
        best = _best(number, shared, self.keyword_sets, self.topic_sets, self.entries, self.count)
        related = [self.entries[other] for _, _, other in best]
        filled = len(related) < self.count
        if filled:  # too few shared keywords: fill from the same topics, newest first
            related += _same_topic(entry, self.by_topic, related, self.count - len(related))
        return tuple(other.url for other in related), filled


def _limit(entries: int) -> int:
    """How many entries a keyword may be in and be a signal."""
    return max(20, int(entries * COMMON_SHARE))


def _best(number: int, shared: Counter[int], keyword_sets: tuple[frozenset[str], ...],
          topic_sets: tuple[frozenset[str], ...], entries: list[Entry], count: int) -> list[tuple[float, str, int]]:
    """The `count` best (score key, URL, index) of the candidates, in order. Candidates come
    most words shared first; once `count` are kept, one whose score cannot pass the last kept
    is not scored, and when no later one can, the search stops."""
    mine, my_topics = keyword_sets[number], topic_sets[number]
    mine_size, topic_room = max(1, len(mine)), TOPIC_WEIGHT * len(my_topics)
    kept: list[tuple[float, str, int]] = []
    floor = 0.0  # with `count` kept: a score must exceed this to be kept
    for other, words in shared.most_common():
        full = len(kept) == count
        if full and KEYWORD_WEIGHT * words / mine_size + topic_room < floor:
            break
        topics = len(my_topics & topic_sets[other])
        if full and KEYWORD_WEIGHT * words / mine_size + TOPIC_WEIGHT * topics < floor:
            continue
        overlap = words / max(1, len(mine | keyword_sets[other]))
        scored = (-(KEYWORD_WEIGHT * overlap + TOPIC_WEIGHT * topics), entries[other].url, other)
        if not full or scored < kept[-1]:
            bisect.insort(kept, scored)
            del kept[count:]
            floor = -kept[-1][0] - MARGIN
    return kept


def _same_topic(entry: Entry, by_topic: dict[str, list[Entry]], taken: list[Entry], wanted: int) -> list[Entry]:
    found: list[Entry] = []
    for topic in entry.topics:
        for other in by_topic[topic]:  # entries are in archive order (newest first)
            if other is not entry and other not in taken and other not in found:
                found.append(other)
                if len(found) == wanted:
                    return found
    return found
