"""The width of the columns' lines, as the pieces at the columns' feet show it."""
from __future__ import annotations

import math
from collections.abc import Sequence

from site_builder.ingest.column_grid import INDENT, LINE_WIDTHS
from site_builder.ingest.lines import Unit

WIDTH_EVIDENCE = 4.0  # nats before a line width is believed
WIDTH_RIVAL = 3.0  # widths this close to the likeliest are tried too …
WIDTH_CANDIDATES = 2  # … up to this many
WEAK_WIDTHS = 3  # widths below the bar the reading may weigh, when none is above it
FOOT_MIN = 8  # characters: a shorter foot says nothing of a width

# how a foot's length sits against the true line width: a whole number of lines, one
# character off (the break moved off a comma or a full stop), or anything else
_FIT = {"exact": 0.75, "near": 0.2, "other": 0.05}


def line_widths(column_ends: Sequence[Unit | int]) -> list[int]:
    """The width of the columns' lines, when the page shows one (the likeliest first; a
    few pieces may fit more than one width, and the reading then tries each).

    A column whose text runs on into the next one ends where its last line is full, so the
    piece at its foot holds whole lines: its length, plus the indent when it opens a
    paragraph, is a multiple of the line width, or a character off it where the break moved
    off a comma or a full stop (see _fit_evidence). A width that fits (nearly) every such
    piece is believed when the chance of that is small (a wrong width fits a piece about
    two times in `width`); a text layer that keeps no trace of the lines gives none.

    The bar (WIDTH_EVIDENCE) is set by the real sample pages, not by the simulator, whose
    lines are a strict grid: a typesetter compresses punctuation, so real feet fit their
    width less strictly, and three real feet can fit a narrow width by chance (one time in
    64 at 8 characters). At 3 nats the simulator's interleaved pages read 5-8 points
    better, and the real interleaved sample page reads a false width of 8 and fails."""
    lengths = foot_lengths(column_ends)
    if len(lengths) < 3:
        return []
    scored = [(llr, w) for llr, w in width_evidence(lengths) if llr > WIDTH_EVIDENCE]
    return [w for llr, w in scored if llr > scored[0][0] - WIDTH_RIVAL][:WIDTH_CANDIDATES]


def weak_widths(column_ends: Sequence[Unit | int]) -> list[int]:
    """The few widths the feet fit best though none clears the bar (any evidence for them)."""
    return [w for llr, w in width_evidence(foot_lengths(column_ends))[:WEAK_WIDTHS] if llr > 0]


def foot_lengths(column_ends: Sequence[Unit | int]) -> list[int]:
    """The lengths of the pieces at column feet long enough to say something of a width."""
    return [n for n in (u if isinstance(u, int) else len(u.text) for u in column_ends) if n >= FOOT_MIN]


def width_evidence(lengths: list[int]) -> list[tuple[float, int]]:
    """(log-likelihood ratio, width) for every width a column's line may have, the likeliest
    first, from the lengths of pieces at column feet."""
    return sorted(((sum(_fit_evidence(n, w) for n in lengths), w) for w in LINE_WIDTHS), reverse=True)


def _fit_evidence(n: int, width: int) -> float:
    """Log-likelihood ratio, true width against a chance one, of a foot of n characters
    (opening a paragraph or not: the indent is unknown)."""
    off = min(min(m % width, width - m % width) for m in (n, n + INDENT))
    exact, near = 2 / width, 4 / width
    if off == 0:
        return math.log(_FIT["exact"] / exact)
    if off == 1:
        return math.log(_FIT["near"] / near)
    return math.log(_FIT["other"] / (1 - exact - near))
