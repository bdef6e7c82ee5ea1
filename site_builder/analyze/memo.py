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

In the build cache (`load`, `save`) the tables are kept whole, and the answers computed
since apart: an edit adds a few answers to tables of 20 MB at 10,000 articles, which took
0.4 s to write again. When those kept apart weigh a tenth of the whole (`REWRITE_SHARE`),
the tables are written whole again, with only the answers the build used.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from site_builder import forked
from site_builder.cache import BuildCache

Answer = TypeVar("Answer")
LONG_TEXT = 96  # characters: a longer argument is kept by its digest

REWRITE_SHARE = 0.1

Tables = dict[str, dict[tuple, Any]]
_tables: Tables = {}
_used: Tables = {}
_computed: Tables = {}  # the answers computed by this build


@dataclass
class _Kept:
    """What a build cache (`folder`) holds: the tables written whole (named by `token`, of
    `size` bytes), and the answers computed since (`added`)."""

    folder: Path | None
    token: str
    size: int
    added: Tables = field(default_factory=dict)


_kept: _Kept | None = None  # (None: unknown, or no cache)
_borrowed = False  # the tables are a few kinds lent for one build (`borrow`), not the memo


def begin(stored: dict[str, dict[tuple, Any]] | None, reuse: bool = True) -> None:
    """A build starts: answers from `stored` (what an earlier build kept) unless this process
    already holds some; with `reuse` false (a build without a cache) from none at all."""
    global _tables
    if not reuse:
        _tables = {}
    elif not _tables and stored:
        _tables = stored
    _used.clear()
    _computed.clear()


def finish() -> dict[str, dict[tuple, Any]]:
    """A build ends: the answers it used, which become the tables the next build starts from."""
    global _tables
    _tables = {kind: dict(table) for kind, table in _used.items()}
    _used.clear()
    return _tables


def lookup(kind: str, arguments: tuple, compute: Callable[[], Answer]) -> Answer:
    """The answer of `kind` for these arguments: remembered, or computed and remembered."""
    key = tuple(map(argument_key, arguments))
    table = _tables.setdefault(kind, {})
    try:
        answer = table[key]
    except KeyError:
        answer = table[key] = _computed.setdefault(kind, {})[key] = compute()
    _used.setdefault(kind, {})[key] = answer
    return answer


def known(kind: str, arguments: tuple) -> bool:
    """Whether the answer of `kind` for these arguments is remembered (nothing is marked used)."""
    return tuple(map(argument_key, arguments)) in _tables.get(kind, {})


def take_computed() -> Tables:
    """The answers this process computed since the build began (a worker's, to hand to the
    process that forked it), forgotten as computed here."""
    computed = {kind: dict(answers) for kind, answers in _computed.items()}
    _computed.clear()
    return computed


def add_computed(answers: Tables) -> None:
    """Answers another process computed for this build (`take_computed`), as if computed here:
    the lookups that use them find them, and the cache keeps those used."""
    for kind, table in answers.items():
        _tables.setdefault(kind, {}).update(table)
        _computed.setdefault(kind, {}).update(table)


def load(cache: BuildCache) -> None:
    """`begin` a build with what the cache keeps (tables whole, and the answers added since);
    from nothing without a cache."""
    global _kept, _borrowed
    forked.settle()  # (an earlier build of this process may be writing the tables)
    if not cache.enabled:
        _kept = None
        begin(None, reuse=False)
        return
    if _borrowed:
        forget()
        _borrowed = False
    if _tables:  # a long-running process holds them already
        begin(None)
        return
    whole, added = cache.load("memo", "analysis"), cache.load("memo", "added")
    _kept = None
    if isinstance(whole, tuple) and len(whole) == 2:
        token, tables = whole
        _kept = _Kept(cache.folder, token, cache.size("memo", "analysis"))
        if isinstance(added, tuple) and len(added) == 2 and added[0] == token:
            _kept.added = added[1]
            for kind, answers in _kept.added.items():  # after the older answers (last_answer)
                tables.setdefault(kind, {}).update(answers)
        begin(tables)
    else:
        begin(None)


def save(cache: BuildCache) -> None:
    """`finish` the build and keep its answers in the cache: the answers it computed added to
    those kept apart, or, once those weigh a tenth of the tables, the tables whole again."""
    global _kept
    # the answers computed and used (a worker may have computed some no lookup needed)
    computed = {kind: {key: answer for key, answer in answers.items() if key in _used.get(kind, {})}
                for kind, answers in _computed.items()}
    computed = {kind: answers for kind, answers in computed.items() if answers}
    used = finish()
    if not cache.enabled:
        return
    if _kept is not None and _kept.folder == cache.folder:
        if not computed:
            return
        if _kept.size < 0:  # (written in the background: its size is known once it is written)
            forked.settle()
            _kept.size = cache.size("memo", "analysis")
        added = {kind: dict(answers) for kind, answers in _kept.added.items()}
        for kind, answers in computed.items():
            added.setdefault(kind, {}).update(answers)
        size = cache.store("memo", "added", (_kept.token, added))
        if 0 < size <= REWRITE_SHARE * _kept.size:
            _kept.added = added
            return
    token = os.urandom(8).hex()
    _kept = _Kept(cache.folder, token, -1)
    forked.in_background(lambda: _store_whole(cache, token, used))


def _store_whole(cache: BuildCache, token: str, tables: Tables) -> None:
    """The tables written whole (in a process of its own: the parent renders meanwhile)."""
    cache.store("memo", "added", None)
    cache.store("memo", "analysis", (token, tables))


def borrow(tables: Tables) -> None:
    """Look answers up in `tables` for this build (analyze/carry.py: a build that analyses
    nothing but a few articles loads no memo). A process that holds the memo keeps it."""
    global _tables, _borrowed
    if _tables and not _borrowed:
        for kind, answers in tables.items():
            _tables.setdefault(kind, {}).update(answers)
    else:
        _tables, _borrowed = tables, True
    _used.clear()
    _computed.clear()


def tables() -> Tables:
    """The answers this process holds."""
    return _tables


def forget(keeping: tuple[Callable, ...] = ()) -> None:
    """Drop the tables from this process (one that builds no more: the tables, a million
    objects at 10,000 articles, would only be walked by the cycle collector); `keeping`:
    but the tables of these `remembered` functions."""
    global _tables, _borrowed
    if not keeping:  # (the build's end: the process that writes them ends before it does)
        forked.settle()
    kept = {kind_of(function) for function in keeping}
    _borrowed = _borrowed and bool(kept)
    _tables = {kind: table for kind, table in _tables.items() if kind in kept}


def kind_of(function: Callable) -> str:
    """The kind a `remembered` function's answers are kept as."""
    return f"{function.__module__}.{function.__qualname__}"


def last_answer(kind: str) -> Any:
    """The answer of `kind` the tables got last (for a kind with one answer a build: the last
    build's), or None: a start from which a changed input's answer can be updated."""
    return next(reversed(_tables.get(kind, {}).values()), None)


def remembered(function: Callable[..., Answer]) -> Callable[..., Answer]:
    """`function` (of hashable arguments, whose answer depends on nothing else) through `lookup`."""
    kind = kind_of(function)

    @wraps(function)
    def through_memo(*arguments: Any) -> Answer:
        return lookup(kind, arguments, lambda: function(*arguments))

    return through_memo


def argument_key(argument: Any) -> Any:
    """What an argument is kept by: a long text by its digest, anything else as it is. (A
    caller that passes one long text for every lookup makes its key once.)"""
    return _digest(argument) if isinstance(argument, str) and len(argument) > LONG_TEXT else argument


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
