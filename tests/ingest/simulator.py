"""The damage simulator's names as older tests import them; the simulator is the package
tests/ingest/sim/ (clean text from tests/ingest/corpus/)."""
from __future__ import annotations

import random

# tests/conftest.py patches this name (the simulator once read the sample pages); nothing here
# calls it. Drop it when conftest.py no longer does.
from site_builder.ingest.raw_page import extract_raw_page  # noqa: F401
from tests.ingest.sim import KINDS, PENDING_KINDS, Article, Line, Page, differences, expected, got, make_page
from tests.ingest.sim.corpus import heading_pool, sentence_pool
from tests.ingest.sim.interleave import _columns

__all__ = ["KINDS", "PENDING_KINDS", "Article", "Line", "Page", "_columns", "_heading", "clause_pool",
           "differences", "expected", "got", "make_page", "sentence_pool"]


def clause_pool() -> list[str]:
    """Phrases that stand as subheadings."""
    return heading_pool()


def _heading(rng: random.Random, clauses: list[str]) -> str:
    return rng.choice(clauses)
