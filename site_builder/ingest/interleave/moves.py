"""The ways to read one unit of the second article's body, and what each is worth.

While one article's column is read and the other article's last piece waits, a unit may
go on the same column ("stay"), start the other article's column ("switch"), be a glued
line holding the end of this column and the start of the other's ("split"), or hold a
whole column of the other article between two of this one's ("bounce"). Each way's gain
is the junction's evidence, the vocabulary's and the layout's, in nats.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from site_builder.ingest import lexicon
from site_builder.ingest.column_grid import INDENT, Move, Owner, Step, other
from site_builder.ingest.interleave.junctions import W
from site_builder.ingest.interleave.junctions import Ending, Junctions
from site_builder.ingest.interleave.layout import Columns
from site_builder.ingest.interleave.splits import SPLIT_MIN, SplitPlaces
from site_builder.ingest.interleave.stream import SplitPoint
from site_builder.ingest.interleave.stream import End, Stream
from site_builder.ingest.interleave.vocabulary import Vocabulary
from site_builder.ingest.lines import Unit

SWITCH = 1.0  # nats for each change of column
SPLIT = 3.0  # nats for a line holding the ends of two columns
SPLIT_TOP = 6  # split points examined in full per unit and waiting cut
LONGER_SECOND = 6.0  # nats for the second article read as holding more text than the first
LAST_COLUMN = 6.0  # nats for a reading that ends in the second article's column though the first has no closing lines
GLUED_MIN = 2 * SPLIT_MIN + 4  # characters: a shorter unit is never a glued line

# each article's piece before its last one (for coherence: a short last piece is read with it)
Earlier = dict[Owner, Unit]


class State(NamedTuple):
    """Where a reading stands between two units."""

    owner: Owner  # whose column is being read
    other: End  # the other article's last piece


START = State("B", End(-1))  # (before the first unit: the second article's column, after its head)


class HeadReading(NamedTuple):
    """One way to read the line before a glued line's head, and what it makes of the head."""

    indent: int  # the head's first line is indented this much
    score: float  # how well the head follows the line before


class Option(NamedTuple):
    """One way to read a unit: the state it leads to, what it is worth, and how."""

    state: State
    gain: float
    move: Move
    split: int | None


class Scorer:
    """The moves of the reading and their worth under one vocabulary and one layout."""

    def __init__(self, stream: Stream, junctions: Junctions, places: SplitPlaces, vocabulary: Vocabulary,
                 columns: Columns):
        self.stream, self.j, self.places = stream, junctions, places
        self.vocabulary, self.columns = vocabulary, columns
        # what a change of column and a glued line cost: nothing where a grid placed every
        # column (its cost counts the layout's rare events; a column ends where it fills,
        # whoever's column comes next)
        self.switch, self.split = (0.0, 0.0) if columns.layout.placed_by_grid else (SWITCH, SPLIT)

    def moves(self, i: int, state: State, earlier: Earlier, wanted: Step | None = None) -> list[Option]:
        """The ways to read unit i from `state` (`earlier`: each article's piece before its
        last one, see earlier_pieces). With `wanted`, only that move, at any split point the
        line allows (for scoring a given reading)."""
        want = wanted.move if wanted else None
        out: list[Option] = []
        if want in (None, "stay"):
            out.append(self._stay(i, state, earlier))
        if i > 0 and want in (None, "switch"):
            out.append(self._switch(i, state, earlier))
        if want in (None, "split"):
            out += self._splits(i, state, earlier, wanted)
        if want in (None, "bounce"):
            out += self._bounces(i, state, earlier, wanted)
        if self.stream.second_ends is not None:
            out = [o for o in out if self._within_second(i, o.state.owner, o.move)]
        return out

    def _mine(self, i: int) -> tuple[Unit | None, Ending]:
        """The unit before unit i and how it ends (the second article's first unit follows its
        title: nothing to join it to)."""
        return (self.stream.units[i - 1], self.stream.ends[i - 1]) if i > 0 else (None, "end")

    def _stay(self, i: int, state: State, earlier: Earlier) -> Option:
        """The same column goes on."""
        mine_prev, mine_cut = self._mine(i)
        voc = self.vocabulary.evidence(i)
        gain = self.j.pair(mine_prev, mine_cut, self.stream.units[i], earlier.get(state.owner)) \
            + (voc if state.owner == "A" else 0.0)
        return Option(state, gain, "stay", None)

    def _switch(self, i: int, state: State, earlier: Earlier) -> Option:
        """The other article's column starts with this unit."""
        s, cols, flip, waiting = self.stream, self.columns, other(state.owner), state.other
        unit, (_, mine_cut) = s.units[i], self._mine(i)
        start = s.stop_of(waiting)
        voc = self.vocabulary.evidence(i)
        gain = self.j.pair(s.end_text(waiting), s.end_kind(waiting), unit, earlier.get(flip)) \
            + (voc if flip == "A" else 0.0) - self.switch \
            - cols.column_fill(start, s.cum[i], mine_cut) - cols.column_resumed(waiting, unit) \
            + cols.resumed_line_end(waiting, unit.text)
        return Option(State(flip, End(i - 1, None, start)), gain, "switch", None)

    def _splits(self, i: int, state: State, earlier: Earlier, wanted: Step | None) -> list[Option]:
        """This line holds the end of my column and the start of the other's."""
        s, cols, flip, waiting = self.stream, self.columns, other(state.owner), state.other
        unit = s.units[i]
        other_cut = s.end_kind(waiting)
        if other_cut == "end" or len(unit.text) < GLUED_MIN:
            return []
        mine_prev, mine_cut = self._mine(i)
        other_unit, start = s.end_text(waiting), s.stop_of(waiting)
        maybe = W.maybe if other_cut == "maybe" else 0.0
        out = []
        for indent, joined in self.head_readings(mine_prev, mine_cut, unit, earlier.get(state.owner)):
            points = self.split_points(i, other_unit, flip, start, indent) if wanted is None \
                else self.split_point_at(i, other_unit, flip, indent, wanted.split)
            for js, k in points:
                gain = joined + js - self.switch - self.split - maybe - cols.column_fill(start, s.cum[i] + k, "cut") \
                    + cols.resumed_line_end(waiting, unit.text[k:])
                out.append(Option(State(flip, End(i, k, start, indent)), gain, "split", k))
        return out

    def _bounces(self, i: int, state: State, earlier: Earlier, wanted: Step | None) -> list[Option]:
        """This line holds a whole column of the other article, and my column resumes (the
        other's column opens a paragraph when its last piece ended one)."""
        s, cols, waiting = self.stream, self.columns, state.other
        unit = s.units[i]
        mine_prev, mine_cut = self._mine(i)
        if mine_prev is None or mine_cut == "end" or len(unit.text) < GLUED_MIN:
            return []
        other_cut = s.end_kind(waiting)
        start, head_start = s.stop_of(waiting), s.cum[i]
        head_indent = INDENT if other_cut == "end" else 0
        enter = self.j.pair(s.end_text(waiting), other_cut, unit, earlier.get(other(state.owner))) \
            - cols.column_fill(start, head_start, mine_cut) \
            - cols.column_resumed(waiting, unit) - 2 * self.switch - self.split + cols.resumed_line_end(waiting, unit.text)
        fill = cols.head_fill(i, head_start, head_indent)
        points = self.split_points(i, mine_prev, state.owner, head_start, head_indent) if wanted is None \
            else self.split_point_at(i, mine_prev, state.owner, head_indent, wanted.split)
        return [Option(State(state.owner, End(i, k, head_start, head_indent)), enter + js - fill(k), "bounce", k)
                for js, k in points]

    def _within_second(self, i: int, owner: Owner, move: Move) -> bool:
        """A way to read unit i that keeps the second article's text before `second_ends`
        and ends it right there."""
        second_ends = self.stream.second_ends
        assert second_ends is not None
        if i >= second_ends:
            return owner == "A" and move in ("stay", "switch")
        return owner == "B" if i == second_ends - 1 else True

    def head_readings(self, prev: Unit | None, prev_end: Ending, unit: Unit,
                      context: Unit | None = None) -> list[HeadReading]:
        """(indent of `unit`'s first line, how well it follows `prev`) for each way to read
        `prev`: after a short unterminated line read as a subheading, `unit` opens an
        indented paragraph; after one read as the first half of a cut sentence, it carries
        on the line unindented."""
        if prev is None:
            return [HeadReading(INDENT, 0.0)]
        if prev_end == "maybe":
            return [HeadReading(INDENT, self.j.pair(prev, "end", unit, context)),
                    HeadReading(0, self.j.pair(prev, "cut", unit, context) - W.maybe)]
        return [HeadReading(INDENT if prev_end == "end" else 0, self.j.pair(prev, prev_end, unit, context))]

    def split_points(self, i: int, waiting_unit: Unit, tail_owner: Owner, start: int,
                     indent: int) -> list[SplitPoint]:
        """Best places to cut unit i so that its tail continues the waiting cut, the column
        that its head closes (begun at `start`) holding a column's worth of text and its
        last line (the head's, opened with `indent`) full."""
        cols = self.columns
        scored = [SplitPoint(sc + cols.line_end(k, indent), k)
                  for sc, k in self._scores(i, waiting_unit, tail_owner)]
        fill = cols.head_fill(i, start, indent)
        ranked = sorted(scored, key=lambda sk: sk.score - fill(sk.at), reverse=True)
        top = ranked[:SPLIT_TOP]
        full = cols.full_column_at(i, start, indent)
        if full is not None:  # (where the column's lines run out, and a character either side)
            top += [sk for sk in ranked[SPLIT_TOP:] if abs(sk.at - full) <= 1]
        return top

    def split_point_at(self, i: int, waiting_unit: Unit, tail_owner: Owner, indent: int,
                       k: int | None) -> list[SplitPoint]:
        """split_points' score of cutting unit i at k, if a column's line may end there."""
        for sc, kk in self._scores(i, waiting_unit, tail_owner):
            if kk == k:
                return [SplitPoint(sc + self.columns.line_end(k, indent), k)]
        return []

    def _scores(self, i: int, waiting_unit: Unit, tail_owner: Owner) -> list[SplitPoint]:
        return self.places.scores(self.vocabulary, i, waiting_unit.text[-lexicon.WINDOW:], tail_owner)

    def earlier_at_start(self) -> Earlier:
        """Each article's piece before its last one before the first unit is read: the
        first article's last but one (the second has no piece yet)."""
        first_body = self.stream.first_body
        return {"A": first_body[-2]} if len(first_body) > 1 else {}

    def earlier_pieces(self, earlier: Earlier, i: int, state: State, move: Move) -> Earlier:
        """Each article's piece before its last one, once unit i is read with `move` from
        `state` (for coherence: a short last piece is read with the one before it)."""
        mine_last = self.stream.units[i - 1] if i > 0 else None
        out = dict(earlier)
        if move in ("stay", "split", "bounce") and mine_last is not None:
            out[state.owner] = mine_last
        if move in ("switch", "split", "bounce"):
            out[other(state.owner)] = self.stream.end_text(state.other)
        return out

    def final(self, state: State, path: Sequence[Step]) -> float:
        """What the end of a reading adds: an article does not end on a cut, and the first
        article's column ends last (side by side, the longer text runs on below the
        shorter, and its closing lines follow it)."""
        s = self.stream
        score = -W.ends_on_cut * ((s.ends[-1] != "end") + (s.end_kind(state.other) != "end"))
        if state.owner == "B" and state.other.index >= 0:
            score -= LAST_COLUMN
        return score - self.longer_second(path)

    def longer_second(self, path: Sequence[Step]) -> float:
        """Columns of equal capacity read in turns, the first article's last: the second
        article holds less text than the first."""
        a = self.stream.column
        b = 0
        prev: Owner = "B"
        for unit, step in zip(self.stream.units, path, strict=True):
            n = len(unit.text)
            if step.split is not None:
                head_owner, _ = step.owners(prev)
                head, tail = step.split, n - step.split
                a, b = a + (head if head_owner == "A" else 0) + (tail if step.owner == "A" else 0), \
                    b + (head if head_owner == "B" else 0) + (tail if step.owner == "B" else 0)
            elif step.owner == "A":
                a += n
            else:
                b += n
            prev = step.owner
        if a == self.stream.column or b <= a:  # (read straight through: no claim on the layout)
            return 0.0
        return LONGER_SECOND * min(1.0, (b - a) / max(1, a)) + LONGER_SECOND
