"""Topic assignment: an article's jieba keywords matched against the configured vocabulary."""
from __future__ import annotations

import re
from functools import lru_cache

from site_builder.config import SiteConfig

# A topic needs at least this much keyword weight (TF-IDF, summed) to be assigned, so that a
# passing mention does not tag an article.
MIN_TOPIC_SCORE = 0.08
TITLE_BONUS = 0.5


def vocabulary_words(config: SiteConfig) -> list[str]:
    return sorted({word for name, words in config.topics.items() for word in [name, *words]})


def assign_topics(title: str, tags: dict[str, float], config: SiteConfig) -> list[str]:
    """At most `topics_per_article` topics, best first; ties broken by topic order in config.
    A topic scores the weights of the keywords holding one of its words (its name or one
    of its words), and TITLE_BONUS when the title holds one."""
    scored: list[tuple[float, int, str]] = []
    topics = tuple((t, tuple(w)) for t, w in config.topics.items())
    signals = _signals(topics)
    weights: list[list[float]] = [[] for _ in signals]  # each topic's matching keywords', in the tags' order
    known = _keyword_topics(topics)
    for tag, weight in tags.items():
        orders = known.get(tag)
        if orders is None:
            orders = known[tag] = tuple(n for n, (_, pattern) in enumerate(signals) if pattern.search(tag))
        for order in orders:
            weights[order].append(weight)
    for order, (topic, pattern) in enumerate(signals):
        score = sum(weights[order])
        if pattern.search(title):
            score += TITLE_BONUS
        if score >= MIN_TOPIC_SCORE:
            scored.append((-score, order, topic))
    return [topic for _, _, topic in sorted(scored)[: config.topics_per_article]]


@lru_cache(maxsize=4)
def _keyword_topics(topics: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, tuple[int, ...]]:
    """Each keyword seen: the topics (by order) one of whose words it holds. Searched once a
    keyword, not once an article: the archive's keywords are mostly the same few thousand."""
    return {}


@lru_cache(maxsize=4)
def _signals(topics: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[str, re.Pattern[str]]]:
    """Each topic with one pattern finding any of its words in a text (a search in C, where
    testing each word in turn took most of the analysis of a cold build)."""
    return [(topic, re.compile("|".join(re.escape(word) for word in sorted({topic, *words}))))
            for topic, words in topics]
