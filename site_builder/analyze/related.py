"""Related articles: overlap of distinctive jieba keywords, then shared topics.

Candidates come from an inverted index of each article's top keywords, leaving out words
so common in the archive that they relate everything to everything (and would make the
work quadratic): a 10,000-article archive then costs seconds, not hours.
"""
from __future__ import annotations

from collections import defaultdict

from site_builder.model import Entry

TOP_KEYWORDS = 20
COMMON_SHARE = 0.05  # a keyword in more than 5 % of the archive (and > 20 articles) is not a signal
TOPIC_WEIGHT = 1.0
KEYWORD_WEIGHT = 4.0


def link_related(entries: list[Entry], tags: dict[str, dict[str, float]], count: int) -> None:
    """Fill `entry.related` with up to `count` entries, most related first (deterministic)."""
    if count == 0:
        return
    keyword_sets = {e.key: set(list(tags.get(e.key, {}))[:TOP_KEYWORDS]) for e in entries}
    by_keyword: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        for word in keyword_sets[entry.key]:
            by_keyword[word].append(entry)
    limit = max(20, int(len(entries) * COMMON_SHARE))
    by_topic: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        for topic in entry.topics:
            by_topic[topic].append(entry)
    for entry in entries:
        mine = keyword_sets[entry.key]
        shared: dict[int, int] = defaultdict(int)
        candidates: dict[int, Entry] = {}
        for word in mine:
            posting = by_keyword[word]
            if len(posting) <= limit:
                for other in posting:
                    shared[id(other)] += 1
                    candidates[id(other)] = other
        scored = []
        for key, other in candidates.items():
            if other is entry:
                continue
            overlap = shared[key] / max(1, len(mine | keyword_sets[other.key]))
            topics = len(set(entry.topics) & set(other.topics))
            scored.append((-(KEYWORD_WEIGHT * overlap + TOPIC_WEIGHT * topics), other.url, other))
        scored.sort(key=lambda s: s[:2])
        related = [other for _, _, other in scored[:count]]
        if len(related) < count:  # too few shared keywords: fill from the same topics, newest first
            related += _same_topic(entry, by_topic, related, count - len(related))
        entry.related = related


def _same_topic(entry: Entry, by_topic: dict[str, list[Entry]], taken: list[Entry], wanted: int) -> list[Entry]:
    found: list[Entry] = []
    for topic in entry.topics:
        for other in by_topic[topic]:  # entries are in archive order (newest first)
            if other is not entry and other not in taken and other not in found:
                found.append(other)
                if len(found) == wanted:
                    return found
    return found
