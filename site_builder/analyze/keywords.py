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
import os
import tempfile
import importlib.util
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from site_builder.analyze import memo
from site_builder.model import Article

# Raise vocabulary terms (e.g. 新质生产力) well above their parts so they cut as one word.
VOCABULARY_FREQ = 20000


class KeywordReader:
    """Reads keywords with a cutter of its own that keeps the site's vocabulary terms whole.

    Its own rjieba.Jieba (jieba's default dictionary, as the module-level functions use):
    the words it is taught never reach the module-level cutter that ingest reads pages with,
    and a rebuild with another vocabulary starts from the plain dictionary. The cutter is
    made on the first text the memo (analyze/memo.py) has no keywords for."""

    def __init__(self, vocabulary: list[str]):
        self._vocabulary = tuple(word for word in vocabulary if len(word) > 1)
        self._vocabulary_key = memo.argument_key("\n".join(self._vocabulary))  # made once, not each lookup
        self._weights: dict[str, float | None] = {}

    def keywords(self, text: str, limit: int = 40) -> dict[str, float]:
        """The text's most characteristic words with their TF-IDF weights, best first."""
        return self.keywords_of(text, lambda: text, limit)

    def keywords_of(self, known_as: object, text_of: Callable[[], str], limit: int = 40) -> dict[str, float]:
        """`keywords` of the text `text_of` gives, remembered under `known_as`: the text, or
        what fixes it (an article's key, analyze/article_keys.py), so that a remembered
        answer needs no text."""
        return memo.lookup("keywords", self.lookup_arguments(known_as, limit), lambda: self._read(text_of(), limit))

    def lookup_arguments(self, known_as: object, limit: int = 40) -> tuple:
        """The memo arguments `keywords_of` looks the answer up by."""
        return (self._vocabulary_key, known_as, limit)

    def prepare(self) -> None:
        """Load the cutter and the IDF table now (before forking workers that share them)."""
        _cutter(self._vocabulary)
        _idf()

    def _read(self, text: str, limit: int) -> dict[str, float]:
        # every word counted (in C), then the distinct words weighed: the same counts as
        # filtering each of the text's words first, at a fraction of the cost
        counts = Counter(_cutter(self._vocabulary).cut(text))
        weights, kept, total = self._weights, [], 0
        for word, count in counts.items():
            try:
                weight = weights[word]
            except KeyError:
                weight = weights[word] = _weight(word)
            if weight is not None:
                kept.append((count, weight, word))
                total += count
        total = total or 1
        # best first, ties by the word (as extract_tags' sort, made independent of order);
        # a weight is negated for the order and back, which is exact
        best = heapq.nsmallest(limit, [(-(count * weight / total), word) for count, weight, word in kept])
        return {word: -negated for negated, word in best}


def keyword_text(article: Article) -> str:
    """The text an article's keywords are read from: its title counted twice, summary, body."""
    title = article.shown_title
    return "\n".join(filter(None, [title, title, article.summary, article.body_text()]))


def keyword_text_key(article: Article, article_key: str | None) -> object:
    """What fixes `keyword_text`: the article's key when it has one (its text is made from
    the article alone, analyze/article_keys.py), else the text itself."""
    return ("article", article_key) if article_key is not None else keyword_text(article)


def _weight(word: str) -> float | None:
    """The word's IDF, or None for a word extract_tags drops (one character, a stop word).
    A reader keeps it per word: a text's words are mostly words other texts had."""
    if len(word.strip()) <= 1 or word.lower() in STOP_WORDS:
        return None
    idf, median = _idf()
    return idf.get(word, median)


# jieba.analyse.tfidf.KeywordExtractor.STOP_WORDS (importing jieba.analyse loads jieba's
# part-of-speech tagger: 0.7 s for a set of 31 words)
STOP_WORDS = frozenset((
    "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are", "by", "be", "as", "on",
    "with", "can", "if", "from", "which", "you", "it", "this", "then", "at", "have", "all", "not",
    "one", "has", "or"))


@lru_cache(maxsize=1)
def _cutter(vocabulary: tuple[str, ...]) -> Any:
    """rjieba's cutter taught the vocabulary (kept while the vocabulary is the same: a preview
    server makes it once)."""
    from site_builder.jieba_rs import jieba_class  # (a dictionary load: only when a text needs it)

    cutter = jieba_class()()
    for word in vocabulary:
        cutter.add_word(word, VOCABULARY_FREQ, None)
    return cutter


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table and its median (read from jieba's package folder without importing
    jieba.analyse), through the memo: unpickling the table costs a third of reading it."""
    path = _idf_path()
    stat = path.stat()
    return memo.lookup("idf", (str(path), stat.st_size, stat.st_mtime_ns), lambda: _read_idf(path))


def idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table and its median."""
    return _idf()


def forget_idf() -> None:
    """Read the table from the memo again on its next use (it may have been an `IdfFile`)."""
    _idf.cache_clear()


class IdfFile:
    """jieba's IDF table in an SQLite file (`write_idf_file`): the few hundred words of one
    text looked up, where unpickling the table's 350,000 costs a tenth of a second."""

    def __init__(self, path: str):
        import sqlite3

        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def median(self) -> float:
        return float(self._db.execute("SELECT v FROM idf WHERE w IS NULL").fetchone()[0])

    def get(self, word: str, default: float) -> float:
        row = self._db.execute("SELECT v FROM idf WHERE w = ?", (word,)).fetchone()
        return default if row is None else float(row[0])


def write_idf_file(path: Path, table: dict[str, float], median: float) -> None:
    """The table as `IdfFile` reads it (the median under a NULL word), written whole or not at all."""
    import sqlite3

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")  # a name of its own: no other writer opens it
    os.close(handle)
    try:
        with sqlite3.connect(partial) as db:
            db.execute("CREATE TABLE idf (w TEXT PRIMARY KEY, v REAL NOT NULL)")
            db.executemany("INSERT INTO idf VALUES (?, ?)", [*table.items(), (None, median)])
        db.close()
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _idf_path() -> Path:
    spec = importlib.util.find_spec("jieba")
    assert spec is not None and spec.origin is not None, "jieba is a dependency"
    return Path(spec.origin).parent / "analyse" / "idf.txt"


def idf_memo_key() -> tuple:
    """The memo's key of jieba's IDF table (`_idf`)."""
    path = _idf_path()
    stat = path.stat()
    return tuple(map(memo.argument_key, (str(path), stat.st_size, stat.st_mtime_ns)))


def _read_idf(path: Path) -> tuple[dict[str, float], float]:
    pairs = (line.split(" ") for line in path.read_text(encoding="utf-8").splitlines())
    table = {pair[0]: float(pair[1]) for pair in pairs if len(pair) == 2}
    median = sorted(table.values())[len(table) // 2]
    return table, median
