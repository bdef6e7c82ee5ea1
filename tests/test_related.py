"""Related articles: the pruned search gives what scoring every candidate gives."""
from __future__ import annotations

import random
from collections import defaultdict

from site_builder.analyze import memo, related
from site_builder.model import Article, Entry


def _scored_in_full(entries: list[Entry], tags: dict[str, dict[str, float]], count: int) -> list[list[str]]:
    """The definition: every article sharing a signal word scored, the best `count` by
    (score, URL), then the same topics; written out plainly."""
    sets = {e.key: set(list(tags[e.key])[: related.TOP_KEYWORDS]) for e in entries}
    postings: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        for word in sets[entry.key]:
            postings[word].append(entry)
    limit = max(20, int(len(entries) * related.COMMON_SHARE))
    by_topic: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        for topic in entry.topics:
            by_topic[topic].append(entry)
    result = []
    for entry in entries:
        shared: dict[str, int] = defaultdict(int)
        for word in sets[entry.key]:
            if len(postings[word]) <= limit:
                for other in postings[word]:
                    shared[other.key] += 1
        scored = []
        for other in entries:
            if other is not entry and shared[other.key]:
                overlap = shared[other.key] / max(1, len(sets[entry.key] | sets[other.key]))
                topics = len(set(entry.topics) & set(other.topics))
                scored.append((-(related.KEYWORD_WEIGHT * overlap + related.TOPIC_WEIGHT * topics), other.url, other))
        chosen = [other for _, _, other in sorted(scored, key=lambda s: s[:2])[:count]]
        chosen += related._same_topic(entry, by_topic, chosen, count - len(chosen)) if len(chosen) < count else []
        result.append([e.url for e in chosen])
    return result


TOPICS = ["甲", "乙", "丙", "丁"]


def _random_archive(rng: random.Random, articles: int, vocabulary: int, shuffled_urls: bool):
    """Entries with random topics and keyword sets (the keywords as analyze gives them)."""
    words = [f"词{n}" for n in range(vocabulary)]
    entries = []
    for n in range(articles):
        url = f"/articles/{rng.randrange(10**6):06d}-{n}/" if shuffled_urls else f"/articles/{n:04d}/"
        entry = Entry(key=f"k{n}", slug=f"s{n}", url=url, article=Article(title=f"题{n}", blocks=[]), printings=[])
        entry.topics = rng.sample(TOPICS, rng.randrange(0, 3))
        entries.append(entry)
    tags = {e.key: {w: 1.0 for w in rng.sample(words, rng.randrange(0, 25))} for e in entries}
    return entries, tags, words


def test_related_equals_scoring_every_candidate():
    rng = random.Random(7)
    entries, tags, _ = _random_archive(rng, 300, 400, shuffled_urls=True)
    for count in (1, 5, 12):
        expected = _scored_in_full(entries, tags, count)
        related.link_related(entries, tags, count)
        assert [[r.url for r in e.related] for e in entries] == expected


def test_lists_updated_from_the_last_build_equal_lists_made_anew():
    """After some articles' keywords or topics change (a word moved across the common-word
    limit among them), the lists updated from the last build's are the lists made from
    nothing, for every entry."""
    rng = random.Random(11)
    entries, tags, words = _random_archive(rng, 200, 150, shuffled_urls=False)
    memo.begin(None, reuse=True)
    related.link_related(entries, tags, 5)
    memo.finish()
    updated_some = False
    for _ in range(12):
        for entry in rng.sample(entries, rng.randrange(1, 4)):
            if rng.random() < 0.5:
                entry.topics = rng.sample(TOPICS, rng.randrange(0, 3))
            tags[entry.key] = {w: 1.0 for w in rng.sample(words, rng.randrange(0, 25))}
        memo.begin(None, reuse=True)
        last = memo.last_answer("related")
        related.link_related(entries, tags, 5)
        memo.finish()
        updated_some = updated_some or isinstance(last, related.Lists)
        expected = _scored_in_full(entries, tags, 5)
        wrong = [e.url for e, urls in zip(entries, expected, strict=True) if [r.url for r in e.related] != urls]
        assert wrong == []
    assert updated_some


def _linked_archive(rng: random.Random, words: int):
    """A random archive of 240 entries (URLs in order) with its related lists made once."""
    entries, tags, vocabulary = _random_archive(rng, 240, words, shuffled_urls=False)
    memo.begin(None, reuse=True)
    related.link_related(entries, tags, 5)
    memo.finish()
    return entries, tags, vocabulary


def _count_remakes(monkeypatch) -> list[int]:
    """The numbers of the lists made again from here on, in order."""
    made_again: list[int] = []
    real = related._Ranker.related_urls

    def counted(self, number):
        made_again.append(number)
        return real(self, number)

    monkeypatch.setattr(related._Ranker, "related_urls", counted)
    return made_again


def test_lists_updated_after_entries_added_and_removed_equal_lists_made_anew(monkeypatch):
    """Entries added and removed (the others in the same order): the lists of the others are
    taken by URL from the last build's where no added or removed entry could reach them, and
    every list equals the one made from nothing (`Lists.aligned`)."""
    rng = random.Random(5)
    entries, tags, words = _linked_archive(rng, 150)
    made_again = _count_remakes(monkeypatch)
    for step in range(10):
        for _ in range(rng.randrange(1, 3)):
            if rng.random() < 0.5 and len(entries) > 230:
                entries.pop(rng.randrange(len(entries)))
                continue
            n = 1000 + step * 10 + len(entries) % 10
            added = Entry(key=f"k{n}", slug=f"s{n}", url=f"/articles/x{n}/", article=Article(title="题", blocks=[]),
                          printings=[])
            added.topics = rng.sample(TOPICS, rng.randrange(0, 2))
            tags[added.key] = {w: 1.0 for w in rng.sample(words, rng.randrange(0, 25))}
            entries.insert(rng.randrange(len(entries) + 1), added)
        made_again.clear()
        memo.begin(None, reuse=True)
        related.link_related(entries, tags, 5)
        memo.finish()
        made, total = len(made_again), len(entries)  # (numbers: a failure must not print the entries)
        assert 0 < made < total
        expected = _scored_in_full(entries, tags, 5)
        wrong = [e.url for e, urls in zip(entries, expected, strict=True) if [r.url for r in e.related] != urls]
        assert wrong == []


def test_aligning_the_last_lists_reads_the_new_urls_once(monkeypatch):
    """`Lists.aligned` makes one set of the new URLs, not one per old URL (a quadratic pass:
    seconds of an addition at 10,000 entries)."""
    rng = random.Random(7)
    entries, tags, _ = _random_archive(rng, 200, 150, shuffled_urls=False)
    last = related.related_lists(entries, tags, 5)
    made: list[int] = []

    def counted(*args):
        made.append(1)
        return set(*args)

    monkeypatch.setattr(related, "set", counted, raising=False)
    aligned = last.aligned(tuple(e.url for e in entries[1:]))
    assert aligned is not None and aligned.urls == tuple(e.url for e in entries[1:])
    assert len(made) <= 2


def test_an_entry_added_remakes_only_the_lists_filled_from_its_topics(monkeypatch):
    """An entry added (or removed) changes the lists of the entries it shares a signal word
    with, and of those filled from a topic it has: not every list of its topics (the lists
    with `count` entries by their keywords never read the topics' entries)."""
    rng = random.Random(11)
    entries, tags, _ = _linked_archive(rng, 600)
    made_again = _count_remakes(monkeypatch)
    added = Entry(key="k-new", slug="s-new", url="/articles/0120a/", article=Article(title="题", blocks=[]), printings=[])
    added.topics = ["甲"]
    tags[added.key] = {}  # no keyword: it reaches the other lists through its topic alone
    entries.insert(121, added)
    memo.begin(None, reuse=True)
    related.link_related(entries, tags, 5)
    memo.finish()
    expected = _scored_in_full(entries, tags, 5)
    assert [[r.url for r in e.related] for e in entries] == expected
    with_topic = sum(1 for e in entries if "甲" in e.topics)
    assert 0 < len(made_again) < with_topic / 2


class _CountedSet(frozenset):
    """A keyword set that counts the unions and intersections made of it."""

    operations = 0

    def __or__(self, other):
        _CountedSet.operations += 1
        return frozenset.__or__(self, other)

    def __and__(self, other):
        _CountedSet.operations += 1
        return frozenset.__and__(self, other)


def test_candidates_are_scored_without_a_set_operation_each():
    """A list scores its candidates in arrays (`_Scores`): the keyword sets are combined a
    bounded number of times an entry, not once a candidate (about a thousand an entry at
    10,000 articles), and the lists are the definition's."""
    rng = random.Random(3)
    entries, tags, _ = _random_archive(rng, 300, 200, shuffled_urls=True)  # many candidates each
    sets = tuple(_CountedSet(related.top_words(tags[e.key])) for e in entries)
    ranker = related._Ranker(entries, sets, tuple(frozenset(e.topics) for e in entries), 5)
    _CountedSet.operations = 0
    lists = [list(ranker.related_urls(n)[0]) for n in range(len(entries))]
    assert _CountedSet.operations <= 2 * len(entries)
    assert lists == _scored_in_full(entries, tags, 5)
