"""The two articles as a reading sees them: the first article's body (its first column), and
the second article's body units (the stream read in turns), with how each unit ends and
where it stands in the stream."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from site_builder.ingest import shapes
from site_builder.ingest.interleave.junctions import Ending, ending
from site_builder.ingest.lines import Unit
from site_builder.ingest.segment import Draft


@dataclass(frozen=True)
class End:
    """The last piece an article has so far: a whole unit, the head of a split one, or the
    first article's own body (index -1)."""

    index: int
    split: int | None = None  # the head of unit `index` up to this point
    column_start: int = 0  # where the column that this piece closes began (characters into the stream)
    indent: int = 0  # the head's first line is indented this much (it opens a paragraph)

    @property
    def head(self) -> bool:
        return self.split is not None


@dataclass(frozen=True)
class Stream:
    """The first article's body and the second's, as measured once before any reading."""

    first_body: list[Unit]
    units: list[Unit]  # the second article's body
    ends: list[Ending]  # how each unit ends
    cum: list[int]  # characters into the stream where each unit starts (and, last, its length)
    opens_paragraph: list[bool]  # each unit opens a paragraph (the unit before ends a sentence)
    a_ending: Ending  # how the first article's body ends
    column: int  # characters in the first article's first column
    # the second article's text ends before this unit (its byline printed after its body
    # stands there; what follows is the first article's)
    second_ends: int | None = None

    @classmethod
    def of(cls, first: Draft, second: Draft, second_ends: int | None = None) -> Stream:
        units = second.body
        ends = [ending(u) for u in units]
        cum = [0]
        for unit in units:
            cum.append(cum[-1] + len(unit.text))
        opens_paragraph = [k == 0 or ends[k - 1] == "end" for k in range(len(units))]
        return cls(first.body, units, ends, cum, opens_paragraph, ending(first.body[-1]),
                   sum(len(u.text) for u in first.body), second_ends)

    @property
    def a_end(self) -> Unit:
        """The first article's last piece before the stream."""
        return self.first_body[-1]

    @property
    def feet(self) -> list[Unit]:
        """The pieces that stop in mid-sentence: each ends a column (see widths.line_widths)."""
        first = [self.a_end] if self.a_ending == "cut" else []
        return first + [u for u, e in zip(self.units, self.ends, strict=True) if e == "cut"]

    def plausible(self) -> bool:
        """Worth reading in turns: the first article stops on a cut, or the second holds a cut.
        (A short unterminated line inside the second is no sign by itself: most are its
        subheadings; but two in a row, or one beside a numbered subheading, are not two
        subheadings, which always have text between them: one is a column's foot.)"""
        ends = self.ends
        heading = [e == "maybe" or shapes.is_numbered_heading(u.text) for u, e in zip(self.units, ends, strict=True)]
        return self.a_ending != "end" or "cut" in ends[:-1] or self._two_numberings() \
            or any(heading[k] and heading[k + 1] and "maybe" in ends[k:k + 2] for k in range(len(ends) - 1))

    def _two_numberings(self) -> bool:
        """A numbered series of subheadings (（一）… （二）…) with plain subheading-shaped lines
        between its members, or one numbered subheading with plain ones on both sides: an
        article numbers all its subheadings of a level or none, so the plain ones are another
        article's, read in turns with it."""
        numbered = [k for k, u in enumerate(self.units) if shapes.is_numbered_heading(u.text)]
        plain = [k for k, (u, e) in enumerate(zip(self.units, self.ends, strict=True))
                 if e == "maybe" and k not in numbered]
        if len(numbered) == 1:
            return any(k < numbered[0] for k in plain) and any(k > numbered[0] for k in plain)
        return len(numbered) >= 2 and any(numbered[0] < k < numbered[-1] for k in plain)

    def stop_of(self, end: End) -> int:
        """Characters into the stream where the piece `end` stops."""
        if end.index < 0:
            return 0
        return self.cum[end.index] + end.split if end.split is not None else self.cum[end.index + 1]

    def end_text(self, end: End) -> Unit:
        if end.index < 0:
            return self.a_end
        unit = self.units[end.index]
        if end.split is not None:
            return Unit(unit.raw, unit.spans, unit.text[:end.split], False, unit.kind)
        return unit

    def end_kind(self, end: End) -> Ending:
        if end.index < 0:
            return self.a_ending
        return "cut" if end.head else self.ends[end.index]


class SplitPoint(NamedTuple):
    """A place to split a glued unit, and what the evidence says of it."""

    score: float  # nats
    at: int  # characters into the unit
