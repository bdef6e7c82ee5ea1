"""The per-article answers of an analysis, computed on two processes when many are missing.

Most of a cold analysis is a handful of functions of one article each: its keywords
(rjieba and TF-IDF), its body's sentence digests (reprint grouping) and the pinyin of its
title (slug and sort key): about 15 s on one core at 10,000 articles. When the memo
(analyze/memo.py) lacks them for many articles (a first build, another code version), the
articles are shared between forked workers that make those answers through the same
memo lookups the analysis makes, and the answers are added to this process's memo. The
analysis then finds each one there: its result is the one it gives alone.
"""
from __future__ import annotations

from collections.abc import Callable

from site_builder import forked
from site_builder.analyze import memo
from site_builder.analyze.article_keys import ArticleKeys
from site_builder.analyze.identity import SLUG_SYLLABLES, normalise_key, pinyin_slug, pinyin_sort_key
from site_builder.analyze.keywords import KeywordReader, keyword_text, keyword_text_key
from site_builder.analyze.reprints import sentences_of
from site_builder.model import Article

WARM_FROM = 200  # articles missing answers: fewer cost less than starting the workers


def warm_memo(articles: list[Article], keys: ArticleKeys, reader: KeywordReader) -> int:
    """Make the missing per-article answers on two processes when enough are missing; the
    number of articles warmed (0 when the analysis is left to make them itself)."""
    missing = [article for article in articles if not _all_known(article, keys, reader)]
    if len(missing) < WARM_FROM or forked.workers() < 2:
        return 0
    _load_tables(reader)
    for answers in forked.map_items(lambda article: _answers(article, keys, reader), missing, WARM_FROM):
        memo.add_computed(answers)
    return len(missing)


def _lookups(article: Article, keys: ArticleKeys, reader: KeywordReader) -> list[tuple[str, tuple, Callable]]:
    """The article's per-article lookups (kind, arguments, how to make the answer), as the
    analysis makes them (analyze.analyze, reprints.group_articles, identity.article_slug)."""
    key = keys.of(article)
    found: list[tuple[str, tuple, Callable]] = [
        ("sentences", (("article", key),), lambda: sentences_of(article, key)),
        (memo.kind_of(pinyin_sort_key), (article.shown_title,), lambda: pinyin_sort_key(article.shown_title)),
        ("keywords", reader.lookup_arguments(keyword_text_key(article, key)),
         lambda: reader.keywords_of(keyword_text_key(article, key), lambda: keyword_text(article)))]
    if not article.slug:
        title = article.title or ""
        found.append((memo.kind_of(pinyin_slug), (title, SLUG_SYLLABLES), lambda: pinyin_slug(title, SLUG_SYLLABLES)))
    return found


def _all_known(article: Article, keys: ArticleKeys, reader: KeywordReader) -> bool:
    if keys.of(article) is None:
        return False  # known by its body's text, which is not read to tell
    return all(memo.known(kind, arguments) for kind, arguments, _ in _lookups(article, keys, reader))


def _answers(article: Article, keys: ArticleKeys, reader: KeywordReader) -> memo.Tables:
    """In a worker: the article's answers, through the memo; what it computed."""
    for _, _, make in _lookups(article, keys, reader):
        make()
    return memo.take_computed()


def _load_tables(reader: KeywordReader) -> None:
    """What every answer needs loaded once here, so that each worker inherits it instead of
    loading it again: rjieba's cutter, jieba's IDF table, OpenCC, pypinyin's dictionaries."""
    reader.prepare()
    normalise_key("预热")
    pinyin_sort_key.__wrapped__("预热")  # type: ignore[attr-defined]
