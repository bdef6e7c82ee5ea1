"""Python's cycle collector paused while a build or an indexing runs.

Both make millions of objects that live until they end (documents, entries, plans, postings
lists) and hold next to no cycles; the collector, run each time the heap has grown by a
quarter, would walk all of them again and again (a second or more of CPU of an edit's build
at 10,000 articles). What they drop is freed by reference counting.
"""
from __future__ import annotations

import gc
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
