"""Regression pages frozen from the simulator's earlier generator (corpus/frozen/): the
pages that regression tests were written for, kept as text with the articles they hold."""
from __future__ import annotations

import json
from functools import lru_cache

from tests.ingest.sim.compose import Article
from tests.ingest.sim.corpus import CORPUS
from tests.ingest.sim.page import Page


@lru_cache(maxsize=1)
def _pages() -> dict[tuple[int, tuple[str, ...]], Page]:
    data = json.loads((CORPUS / "frozen" / "interleave-regressions.json").read_text(encoding="utf-8"))
    return {(p["seed"], tuple(p["kinds"])): Page(p["text"], [Article(**a) for a in p["articles"]], p["kinds"])
            for p in data["pages"]}


def frozen_page(seed: int, kinds: list[str]) -> Page:
    """The frozen page of this seed and these kinds (KeyError when none was frozen)."""
    return _pages()[(seed, tuple(kinds))]
