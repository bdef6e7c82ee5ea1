"""Regressions of de-interleaving on simulator pages (interleave), each of one rule."""
from __future__ import annotations

from tests.ingest.sim import KINDS, make_page
from tests.ingest.sim.check import extract_page, page_problems


def _problems(seed: int, kind: str = "interleave") -> list[str]:
    page = make_page(seed, kind)
    return page_problems(page, extract_page(page, f"{kind}-{seed}.txt"))


def test_a_reading_is_weighed_at_its_cheapest_grid():
    """The true reading is allowed by grids (width 9, 11 lines: cost 1) and (width 10, 11
    lines: cost 0), a wrong one by a third at cost 0: weighed at its cost under the first
    grid found, the true reading lost."""
    assert _problems(120025) == []


def test_two_short_unterminated_lines_in_a_row_are_worth_reading_in_turns():
    """No piece of the second article ends in mid-sentence at a comma or in a long line: its
    one column foot is a short unterminated line right above a subheading (two subheadings
    never stand together, so one of the two is a cut)."""
    assert _problems(1000 * ["clean", *KINDS].index("interleave") + 37) == []


def test_the_text_reads_a_page_whose_grid_reading_does_not_convince():
    """A grid fits each of these pages, but its best reading reads worse than reading the
    second article straight through (a grid that fits by chance: the true layout holds a
    piece no grid rule places); the text's own reading is the true one and clears the
    text's margin."""
    assert [seed for seed in (320076, 620040, 620133) if _problems(seed)] == []


def test_a_grid_reading_that_beats_reading_straight_through_is_kept():
    """Each page's best grid reading is the true one and reads better than the second
    article straight through, but its text alone (without the vocabulary) reads worse: the
    layout placed every column, so the text's shape is no further condition."""
    assert [seed for seed in (14024, 14036, 740139) if _problems(seed, "combined")] == []
