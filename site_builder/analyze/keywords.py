"""Keywords of an article: jieba's TF-IDF, with jieba-rs (rjieba) doing the cutting.

`jieba.analyse.extract_tags` spends nearly all its time in jieba's pure-Python cutter
(~190,000 characters/s; 33 million characters in a 10,000-article archive). rjieba is a
binding of jieba-rs with jieba's own dictionary and ~20 times faster; the weighting below is
extract_tags' own (term frequency × jieba's IDF table, median IDF for unknown words, words of
one character and jieba's stop words dropped), with ties broken by the word so that the
result never depends on dictionary iteration order.
"""
from __future__ import annotations

import heapq
import importlib
import importlib.resources
from collections import Counter
from functools import lru_cache

# Raise vocabulary terms (e.g. 新质生产力) well above their parts so they cut as one word.
VOCABULARY_FREQ = 20000


class KeywordReader:
    """Reads keywords with a cutter of its own that keeps the site's vocabulary terms whole.

    Its own rjieba.Jieba (jieba's default dictionary, as the module-level functions use):
    the words it is taught never reach the module-level cutter that ingest reads pages with,
    and a rebuild with another vocabulary starts from the plain dictionary."""

    def __init__(self, vocabulary: list[str]):
        import rjieba  # loading it takes a sixth of a second: only when a build needs it

        self._cutter = rjieba.Jieba()
        for word in vocabulary:
            if len(word) > 1:
                self._cutter.add_word(word, VOCABULARY_FREQ, None)

    def keywords(self, text: str, limit: int = 40) -> dict[str, float]:
        """The text's most characteristic words with their TF-IDF weights, best first."""
        idf, median, stop_words = _idf()
        words = self._cutter.cut(text)
        counts = Counter(w for w in words if len(w.strip()) > 1 and w.lower() not in stop_words)
        total = sum(counts.values()) or 1
        weighted = ((count * idf.get(word, median) / total, word) for word, count in counts.items())
        best = heapq.nsmallest(limit, weighted, key=lambda item: (-item[0], item[1]))
        return {word: weight for weight, word in best}


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float, frozenset[str]]:
    """jieba's IDF table, its median and its stop words."""
    tfidf = importlib.import_module("jieba.analyse.tfidf")  # the package shadows it with a function
    idf_text = importlib.resources.files("jieba.analyse").joinpath("idf.txt").read_text(encoding="utf-8")
    pairs = (line.split(" ") for line in idf_text.splitlines())
    table = {pair[0]: float(pair[1]) for pair in pairs if len(pair) == 2}
    median = sorted(table.values())[len(table) // 2]
    return table, median, frozenset(tfidf.KeywordExtractor.STOP_WORDS)
