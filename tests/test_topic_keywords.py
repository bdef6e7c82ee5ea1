"""Topic assignment searches each keyword once, not once an article, and scores as before."""
from __future__ import annotations

import random

from site_builder.analyze import topics
from site_builder.config import SiteConfig


class _CountingPattern:
    def __init__(self, pattern, searched):
        self._pattern, self._searched = pattern, searched

    def search(self, text):
        self._searched.append(text)
        return self._pattern.search(text)


def _assigned_plainly(title: str, tags: dict[str, float], config: SiteConfig) -> list[str]:
    """The definition, written out: each topic's score summed over the tags in their order."""
    scored = []
    for order, (topic, pattern) in enumerate(topics._signals(tuple((t, tuple(w)) for t, w in config.topics.items()))):
        score = sum(weight for tag, weight in tags.items() if pattern.search(tag))
        if pattern.search(title):
            score += topics.TITLE_BONUS
        if score >= topics.MIN_TOPIC_SCORE:
            scored.append((-score, order, topic))
    return [topic for _, _, topic in sorted(scored)[: config.topics_per_article]]


def test_each_keyword_is_searched_once_across_articles(monkeypatch):
    config = SiteConfig(topics={"经济": ["市场", "增长"], "教育": ["学校"], "科技": ["创新", "数字"]}, topics_per_article=2)
    rng = random.Random(4)
    words = ["市场经济", "学校教育", "数字经济", "创新驱动", "文化", "增长点", "乡村", "人民", "教师", "科技创新"]
    articles = [(f"题{n}", {w: rng.random() / 10 for w in rng.sample(words, 6)}) for n in range(40)]
    expected = [_assigned_plainly(title, tags, config) for title, tags in articles]
    searched: list[str] = []
    key = tuple((t, tuple(w)) for t, w in config.topics.items())
    counted = [(t, _CountingPattern(p, searched)) for t, p in topics._signals(key)]
    monkeypatch.setattr(topics, "_signals", lambda _: counted)
    if hasattr(topics, "_keyword_topics"):  # (what an earlier test's configuration left)
        topics._keyword_topics.cache_clear()
    assert [topics.assign_topics(title, tags, config) for title, tags in articles] == expected
    by_keyword = [text for text in searched if text in words]
    assert len(by_keyword) == len(words) * len(counted)  # each keyword by each topic's pattern, once
