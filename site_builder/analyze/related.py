"""Related articles: shared topics first, then overlap of jieba keywords."""
from __future__ import annotations

from site_builder.model import Entry


def link_related(entries: list[Entry], tags: dict[str, dict[str, float]], count: int) -> None:
    """Fill `entry.related` with up to `count` entries, most related first (deterministic)."""
    keyword_sets = {e.key: set(list(tags.get(e.key, {}))[:20]) for e in entries}
    for entry in entries:
        scored = []
        for other in entries:
            if other is entry:
                continue
            shared_topics = len(set(entry.topics) & set(other.topics))
            mine, theirs = keyword_sets[entry.key], keyword_sets[other.key]
            overlap = len(mine & theirs) / max(1, len(mine | theirs))
            score = shared_topics + 4 * overlap
            if score > 0:
                scored.append((-score, other.url, other))
        entry.related = [other for _, _, other in sorted(scored, key=lambda s: s[:2])[:count]]
