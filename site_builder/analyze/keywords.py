"""Keywords of an article with jieba (TF-IDF), used for topics and related articles.

jieba loads its dictionary once (about a second) and caches it; the cache is kept in the
project's `.cache/` so that a build touches nothing outside the project.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

CACHE_DIR = Path(__file__).resolve().parents[2] / ".cache"


@lru_cache(maxsize=1)
def _analyse():
    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    jieba.dt.tmp_dir = str(CACHE_DIR)
    jieba.dt.cache_file = "jieba.cache"
    return jieba, jieba.analyse


def teach_words(words: list[str]) -> None:
    """Make jieba keep vocabulary terms (e.g. 新质生产力) as single words."""
    jieba, _ = _analyse()
    for word in words:
        if len(word) > 1:
            jieba.add_word(word, freq=20000)


def keywords(text: str, limit: int = 40) -> dict[str, float]:
    """The article's most characteristic words with their TF-IDF weights."""
    _, analyse = _analyse()
    return dict(analyse.extract_tags(text, topK=limit, withWeight=True))
