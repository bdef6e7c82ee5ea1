"""Topic assignment: an article's jieba keywords matched against the configured vocabulary."""
from __future__ import annotations

from site_builder.config import SiteConfig

# A topic needs at least this much keyword weight (TF-IDF, summed) to be assigned, so that a
# passing mention does not tag an article.
MIN_TOPIC_SCORE = 0.08
TITLE_BONUS = 0.5


def vocabulary_words(config: SiteConfig) -> list[str]:
    return sorted({word for name, words in config.topics.items() for word in [name, *words]})


def assign_topics(title: str, tags: dict[str, float], config: SiteConfig) -> list[str]:
    """At most `topics_per_article` topics, best first; ties broken by topic order in config."""
    scored: list[tuple[float, int, str]] = []
    for order, (topic, words) in enumerate(config.topics.items()):
        signals = {topic, *words}
        score = sum(weight for tag, weight in tags.items() if any(s in tag for s in signals))
        if any(s in title for s in signals):
            score += TITLE_BONUS
        if score >= MIN_TOPIC_SCORE:
            scored.append((-score, order, topic))
    return [topic for _, _, topic in sorted(scored)[: config.topics_per_article]]
