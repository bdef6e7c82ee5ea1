"""Python's cycle collector paused while a build or an indexing runs.

Both make millions of objects that live until they end (documents, entries, plans, postings
lists) and hold next to no cycles; the collector, run each time the heap has grown by a
quarter, would walk all of them again and again (a second or more of CPU of an edit's build
at 10,000 articles). What they drop is freed by reference counting.
"""
from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off inside, and on again after if it was on before (inside a caller
    that paused it already, this changes nothing)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def forked_workers(processes: int) -> Iterator[multiprocessing.pool.Pool]:
    """A pool of forked workers that collect cycles again (their work leaves some), with what
    this process holds frozen while they run: their collector never walks it (millions of
    objects made while it was paused, all in its youngest generation: walked three times,
    their pages copied into each worker)."""
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(processes, initializer=gc.enable) as pool:
            yield pool
    finally:
        gc.unfreeze()
