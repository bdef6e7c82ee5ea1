"""Answers of the analysis's per-article functions, kept between builds.

The costly parts of the analysis are functions of one article's text or one name (keywords,
a body's sentences, pinyin keys and slugs) whose answer depends only on their arguments. Each
answer is kept under its function's name and its arguments (a long text by its digest), so
an unchanged article costs a lookup instead of jieba and pypinyin, and a build's result is
the one a build without the memo would give.

The tables live in this process: a long-running preview keeps them from one build to the
next. A build starts with `begin` (the tables the cache kept, when the process has none) and
ends with `finish`, which returns the answers this build used (only those are kept, so
answers for texts no longer in the content do not pile up).
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

Answer = TypeVar("Answer")
LONG_TEXT = 96  # characters: a longer argument is kept by its digest

_tables: dict[str, dict[tuple, Any]] = {}
_used: dict[str, dict[tuple, Any]] = {}


def begin(stored: dict[str, dict[tuple, Any]] | None, reuse: bool = True) -> None:
    """A build starts: answers from `stored` (what an earlier build kept) unless this process
    already holds some; with `reuse` false (a build without a cache) from none at all."""
    global _tables
    if not reuse:
        _tables = {}
    elif not _tables and stored:
        _tables = stored
    _used.clear()


def finish() -> dict[str, dict[tuple, Any]]:
    """A build ends: the answers it used, which become the tables the next build starts from."""
    global _tables
    _tables = {kind: dict(table) for kind, table in _used.items()}
    _used.clear()
    return _tables


def lookup(kind: str, arguments: tuple, compute: Callable[[], Answer]) -> Answer:
    """The answer of `kind` for these arguments: remembered, or computed and remembered."""
    key = tuple(_digest(a) if isinstance(a, str) and len(a) > LONG_TEXT else a for a in arguments)
    table = _tables.setdefault(kind, {})
    try:
        answer = table[key]
    except KeyError:
        answer = table[key] = compute()
    _used.setdefault(kind, {})[key] = answer
    return answer


def last_answer(kind: str) -> Any:
    """An answer of `kind` the tables hold (for a kind with one answer a build: the last
    build's), or None: a start from which a changed input's answer can be updated."""
    return next(iter(_tables.get(kind, {}).values()), None)


def remembered(function: Callable[..., Answer]) -> Callable[..., Answer]:
    """`function` (of hashable arguments, whose answer depends on nothing else) through `lookup`."""
    kind = f"{function.__module__}.{function.__qualname__}"

    @wraps(function)
    def through_memo(*arguments: Any) -> Answer:
        return lookup(kind, arguments, lambda: function(*arguments))

    return through_memo


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
