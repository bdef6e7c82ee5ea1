"""A column grid's readings: a reading that several grids allow is weighed at its cheapest
grid (the same reading under a grid that needs an early column end must not hide it)."""
from __future__ import annotations

from tests.ingest.sim import make_page
from tests.ingest.sim.check import extract_page, page_problems

# a simulator page (interleave) whose true reading the grids (width 9, 11 lines: cost 1) and
# (width 10, 11 lines: cost 0) both allow, and whose wrong reading a third grid allows at cost 0
SEED = 120025


def test_a_reading_is_weighed_at_its_cheapest_grid():
    page = make_page(SEED, "interleave")
    assert page_problems(page, extract_page(page, "grid.txt")) == []
