"""The keywords of the articles an edit changed, read by the build's second process (lane.py)
while the build reads the rest.

A build that carries the analysis (analyze/carry.py) reads the keywords of each changed
article again: its first text makes rjieba's cutter (jieba's whole dictionary, a tenth of a
second that holds the interpreter) on the build's one chain of work. The second process is
idle then: it makes the cutter while the build reads the content (`warm`), reads the
changed articles' keywords once the build has read them (`keywords_of`), and the build puts
the answers in its memo before it looks them up (analyze/memo.py: answers are a function of
the article's key, the vocabulary and jieba's tables, whichever process computes them).
"""
from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from site_builder.config import load_config
from site_builder.model import SourceDocument

if TYPE_CHECKING:
    from site_builder.lane import Lane
    from site_builder.sources import Sources

_readers: list[Any] = []  # (in the second process: the reader `warm` made)


def warm(content_dir: Path, cache_folder: Path) -> None:
    """(In the second process.) The keyword reader of the site's vocabulary, its cutter made
    and jieba's IDF table opened as the build's own analysis opens it (the cache's copy)."""
    from site_builder.analyze import keyword_reader
    from site_builder.analyze.carry import borrow_memo
    from site_builder.analyze.keywords import idf_memo_key

    # (what borrow_memo reads of a cache and of a carried analysis: the IDF table's copy)
    cache: Any = SimpleNamespace(folder=cache_folder)
    carried: Any = SimpleNamespace(slugs={}, idf_key=idf_memo_key())
    borrow_memo(cache, carried, need_idf=True)
    reader = keyword_reader(load_config(content_dir))
    reader.prepare()
    _readers[:] = [reader]


def keywords_of(documents: list[SourceDocument], document_keys: dict[Path, str]) -> dict[str, dict]:
    """(In the second process, after `warm`.) The memo's answers of the keywords of these
    documents' articles (`memo.take_computed`)."""
    from site_builder.analyze import entry_tags, memo
    from site_builder.analyze.article_keys import ArticleKeys

    from site_builder.analyze.keywords import _cutter

    keys = ArticleKeys(documents, document_keys)
    for document in documents:
        for article in document.articles:
            entry_tags(article, keys, _readers[0])
    _readers.clear()
    _cutter.cache_clear()  # (its dictionary, ~35 MB, not held while the search stage runs here)
    return {kind: answers for kind, answers in memo.take_computed().items() if kind == "keywords"}


def ahead_of(lane: Lane, sources: Sources, touched: list[Path]) -> Callable[[], None] | None:
    """(In the build.) Send the lane, sent `warm` before, the documents of the touched files
    (`keywords_of`); what puts its answers in the memo, for analyze/carry.py to call before
    it looks them up (an answer that failed: they are read there)."""
    from site_builder.analyze import memo
    from site_builder.analyze.carry import MOST_CHANGED

    paths = set(touched)
    documents = [document for document in sources.documents if document.path in paths]
    if not documents or len(documents) > MOST_CHANGED:  # (then the full analysis runs: the lane's time is the search's)
        return None
    try:
        lane.send(keywords_of, documents, {d.path: sources.keys[d.path] for d in documents if d.path in sources.keys})
    except (pickle.PicklingError, TypeError, AttributeError):  # (a document that cannot be sent is read here)
        return None

    def put() -> None:
        try:
            memo.add_computed(lane.answer("keywords_of"))
        except Exception:  # noqa: BLE001 - looked up as if never read ahead
            pass

    return put
