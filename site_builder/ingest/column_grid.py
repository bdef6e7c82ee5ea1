"""Replaying a column grid over two interleaved articles.

A newspaper sets an article's columns on a grid: every line of a column holds the same
number of characters (W) and every column the same number of lines (L). When the text
layer reads two articles' columns in turns, the grid says where each column must end, so
for a given (W, L) the stream of pieces can be read in only a few ways. This module finds
those ways; the interleave package lets the text choose among them.

The typesetter's rules replayed here (the ordinary rules of a grid; the simulator's
`_columns` sets text by them too):
  * a paragraph's first line is indented two characters and its last line may be short;
    the rest of a paragraph cut at a column's foot opens the article's next column flush;
  * a subheading takes its lines plus a line of space and keeps with the text after it:
    where fewer than two lines would follow it, it moves to the next column, which ends
    the column early; a subheading is never cut;
  * a paragraph that does not fit is cut where the column's last line ends, moved to the
    nearest place a line may break (kinsoku: the next line does not open with a mark, and
    a cut never falls at a sentence's end), checked once the rest of the paragraph shows;
    a paragraph that would leave only a few characters is squeezed in whole, and one that
    would put only a few in the column starts in the next one (the column ends early);
  * the last line of a column and the first line of the next may be read as one line (a
    glued line): it splits where the first column's last line ends;
  * the text layer may break a paragraph inside a column (a page break it added): the
    paragraph's lines are counted whole.
Reading order: the first article's first column, the second's head and first column, then
columns in turns; once one article has run out the other's columns follow each other.

A wrong (W, L) rarely explains a whole page: every cut must fall at a line's end and every
column close at its last line. A text layer that keeps no trace of a grid (a typesetter
who compresses punctuation: the real sample pages) gives no reading, and the interleave
package reads such a page from its text alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from site_builder.ingest import shapes
from site_builder.ingest.grid_state import Cut, State
from site_builder.ingest.typography import CJK_RE

_Cut = Cut  # (the name tests/ingest/test_column_grid.py imports)

INDENT = 2  # characters: a paragraph's first line is indented this much (the text reading's too)
LINE_WIDTHS = range(8, 25)  # characters a column's line may hold (the text reading tries the same)
FEW = 8  # characters: a paragraph leaving fewer is squeezed in; a column with room for fewer is left
KINSOKU = 2  # a cut moves at most this many characters off its line's end …
NUMBER_REACH = 6  # … or this many where a number (never broken) stands there (column_turns)
KEEP_WITH_NEXT = 2  # lines of text a subheading needs after it in its column
MAX_EARLY = 6  # lines a column may leave empty when it ends early
KEEP = 16  # readings kept per state
_WINDOW = 2 * NUMBER_REACH + 2  # characters either side of a cut that kinsoku looks at

# what a reading costs: events a true layout shows only now and then (a cost of 1 weighs
# GRID_COST nats of the text's evidence in interleave.reader)
RUN = 0  # the second article's last columns follow each other (no rarer than not: it happens
#          whenever the second has as many columns as the first; costing it misread more pages)
FIRST_ENDS_FIRST = 1  # the stream ends in the second article's column
JOIN = 1  # a paragraph broken inside a column

Owner = Literal["A", "B"]  # the first article (whose column opens the stream) or the second
Move = Literal["stay", "switch", "split", "bounce"]


def other(owner: Owner) -> Owner:
    return "A" if owner == "B" else "B"


_A, _B = 0, 1  # the search's index of each article


@dataclass(frozen=True)
class Step:
    """How a reading (a step per unit) takes one unit of the second article's body: whose
    text its tail is, and how: the column goes on ("stay"), the other article's column
    starts with it ("switch"), or it is a glued line, split `split` characters in, holding
    the end of one article's column and the start of the other's ("split") or a whole
    column of the other article between two of the owner's ("bounce")."""

    owner: Owner
    move: Move
    split: int | None = None

    def owners(self, previous: Owner) -> tuple[Owner, Owner]:
        """Who owns the head and the tail of the unit when `previous` owns the unit before:
        a split line ends the previous owner's column and starts the other's; a bounced line
        holds a whole column of the other article between two of the owner's."""
        if self.move == "bounce":
            return other(self.owner), self.owner
        if self.move == "split":
            return previous, self.owner
        return self.owner, self.owner


@dataclass(frozen=True)
class Piece:
    """What the grid needs of a unit: its text and how it ends."""

    text: str
    shape: str  # "end" (a complete sentence), "cut" (in mid-sentence), "maybe" (a short
    #             unterminated line: a subheading or a cut), "heading" (a numbered subheading)


@dataclass(frozen=True)
class Reading:
    """One way the grid reads the second article's units: a step per unit, as the text
    reading writes its readings."""

    cost: int
    width: int
    height: int
    path: tuple[Step, ...]
    cuts: frozenset[int] = frozenset()  # short unterminated units read as cut text, not subheadings (stream indices)


def layouts(first: list[Piece]) -> list[tuple[int, int]]:
    """The (W, L) a page may have: for every width, the heights its first column allows (its
    lines, one fewer where it squeezed its last piece, a few more where it ended early)."""
    out = []
    for width in LINE_WIDTHS:
        lines = column_lines(first, width)
        out += [(width, h) for h in range(max(2, lines - 1), lines + MAX_EARLY + 1)]
    return out


def column_lines(pieces: list[Piece], width: int) -> int:
    """Lines a run of whole pieces fills as one column."""
    total = 0
    for k, p in enumerate(pieces):
        heading = p.shape == "heading" or (p.shape == "maybe" and k < len(pieces) - 1)
        total += lines_of(len(p.text), 0 if heading else INDENT, width) + (1 if heading else 0)
    return total


def readings(first: list[Piece], units: list[Piece], width: int, height: int,
             second_ends: int | None = None) -> list[Reading]:
    """The readings of `units` (the stream after the second article's head) that the grid
    (width, height) allows, the cheapest first; the first column holds `first` exactly, and
    the second article's text ends before unit `second_ends` when it is given."""
    grid = Grid(tuple(first), tuple(units), width, height, second_ends)
    return grid.read()


def lines_of(n: int, indent: int, width: int) -> int:
    """Lines n characters fill at `width` characters a line, the first indented `indent`."""
    return -(-(n + indent) // width)


def _breakable(p: str, j: int) -> bool:
    """A line may break before p[j]: the next line opens with a character, not a mark, and
    the break is not at a sentence's end (nor after a quote closed at one: 。”)."""
    return 0 < j < len(p) and bool(CJK_RE.match(p[j])) and not shapes.terminated(p[:j])


def kinsoku_ok(cut: "Cut", rest: str, rest_len: int) -> bool:
    """The cut stands where a typesetter puts it: at the breakable place nearest its line's
    end (the earlier of two as near) that keeps at least FEW characters in its column and
    leaves more than FEW to the next (a paragraph that would leave fewer is squeezed in
    instead), judged on the cut's last characters and the first ones of the rest of its
    paragraph (`rest_len` characters long)."""
    p = cut.tail + rest[:_WINDOW]
    k = len(cut.tail)
    q = k - cut.off

    def fits(j: int) -> bool:
        return _breakable(p, j) and cut.head - (k - j) >= FEW and rest_len - (j - k) > FEW

    if not fits(k):
        return False
    reach = abs(cut.off)
    nearer = [j for j in range(q - reach, q + reach + 1) if (abs(j - q), j) < (reach, k)]
    return not any(fits(j) for j in nearer)


# a piece as the search placed it: (its unit, from which character, whose column, set as
# which kind: see Grid._kinds)
Placed = tuple[int, int, int, str]
# (cost, the pieces placed) of one way on from a state
Found = tuple[int, tuple[Placed, ...]]


class Grid:
    reach = KINSOKU  # characters a column's last cut may stand off its line's end

    def __init__(self, first: tuple[Piece, ...], units: tuple[Piece, ...], width: int, height: int, second_ends: int | None = None):
        self.stream = first + units
        self.boundary = len(first)  # the second article's head stands here
        # (… and its byline, printed after its body, here: the rest is the first article's)
        self.second_ends = len(self.stream) if second_ends is None else self.boundary + second_ends
        self.w, self.h = width, height
        self.solve = lru_cache(maxsize=None)(self._solve)

    def read(self) -> list[Reading]:
        out = []
        for cost, steps in self.solve(State(0, 0, _A, self.h, True)):
            path = self._path(steps)
            if path is not None:
                cuts = frozenset(i for i, off, _, kind in steps
                                 if kind != "heading" and self.stream[i].shape == "maybe")
                out.append(Reading(cost, self.w, self.h, path, cuts))
        return out

    # --- the search: each call reads one piece and returns the cheapest ways on ---------
    def _solve(self, s: State) -> list[Found]:
        if s.i == len(self.stream):
            return self._finish(s)
        if self._blocked(s):
            return []
        piece = self.stream[s.i]
        found: list[Found] = []
        for kind, indent in self._kinds(s, piece):
            for cost, nxt in self._place(s, piece, kind, indent):
                for c, steps in self.solve(nxt):
                    found.append((cost + c, ((s.i, s.off, s.owner, kind),) + steps))
        found.sort(key=lambda cs: cs[0])
        out, seen = [], set()
        for cost, steps in found:
            if steps not in seen:
                seen.add(steps)
                out.append((cost, steps))
        return out[:KEEP]

    def _blocked(self, s: State) -> bool:
        """The stream cannot go on from `s`: the first column closes at the second article's
        head, and the second article's text has ended at `second_ends`."""
        if s.i == self.boundary and s.off == 0 and not (s.col_first and s.owner == _B):
            return True
        return s.i >= self.second_ends and (s.owner == _B or bool(s.cuts[_B]) or s.phase == "run")

    def _kinds(self, s: State, piece: Piece) -> list[tuple[str, int]]:
        """How the piece may be set: the rest of a cut paragraph (flush), the rest of one
        broken inside the column, a subheading, or a paragraph (indented)."""
        if s.carry:
            return [("join", 0)]
        if s.off > 0 or (s.col_first and s.cut_of(s.owner)):
            return [("rest", 0)]
        if piece.shape == "heading":
            return [("heading", 0)]
        if piece.shape == "maybe":
            return [("heading", 0), ("para", INDENT)]
        return [("para", INDENT)]

    def _place(self, s: State, piece: Piece, kind: str, indent: int) -> list[tuple[int, State]]:
        """(cost, next state) for each way the piece can be set in the column of `s`."""
        text = piece.text[s.off:]
        if s.col_first and not self._opens_well(s, text, kind, piece):
            return []
        first_in_column = s.col_first
        s = s.opened()
        if kind == "heading":
            lines = lines_of(len(text), 0, self.w) + 1
            if (lines + KEEP_WITH_NEXT > s.room and not first_in_column) or s.room <= lines:
                return []
            return [(0, s.advance(s.room - lines))]
        cut = piece.shape not in ("end", "heading")
        n = s.carry + len(text)  # (the paragraph's characters on this column so far)
        lines = lines_of(n, indent, self.w)
        q = s.room * self.w - indent - s.carry  # characters of this piece that fill the column
        if lines <= s.room:
            room = s.room - lines
            if room == 0:  # the column closes at its last line
                if not cut:
                    return self._next_columns(s, None)
                off = len(text) - q
                return self._next_columns(s, Cut(text[-_WINDOW:], off, n)) if off >= -self.reach else []
            if cut:  # in mid-sentence inside a column: a break the text layer added
                return [(JOIN, s.advance(s.room, carry=n + indent))]
            return [(0, s.advance(room))] + self._next_columns(s, None, early=room)
        out = []
        if not cut and len(text) - q < FEW:  # squeezed in whole
            out += self._next_columns(s, None)
        if cut and len(text) - q <= self.reach:  # a cut a character or two past its line's end
            out += self._next_columns(s, Cut(text[-_WINDOW:], len(text) - q, n))
        if q >= FEW:
            out += self._glued(s, text, q)
        return out

    def _glued(self, s: State, text: str, q: int) -> list[tuple[int, State]]:
        """A line that holds the foot of this column and the head of the other article's
        next column (which resumes a cut paragraph): split where the line ends."""
        other = s.other()
        if not s.cut_of(other) or (other == _B and s.phase != "turns") or s.i < self.boundary:
            return []
        out = []
        for off in range(-KINSOKU, KINSOKU + 1):
            k = q + off
            if k < FEW or len(text) - k < FEW or text[k - 1] in shapes.SENTENCE_END:
                continue
            nxt = s.closed(Cut(text[max(0, k - _WINDOW):k], off, s.carry + k)).column(other, s.i, s.off + k, self.h)
            out.append((0, nxt))
        return out

    def _opens_well(self, s: State, text: str, kind: str, piece: Piece) -> bool:
        """A column's first piece: the rest of a cut paragraph resumes it where kinsoku put
        the cut; after a column that ended early, what did not fit there."""
        cut = s.cut_of(s.owner)
        rest_len = len(text) if piece.shape == "end" else len(text) + FEW  # (cut again: longer)
        if cut is not None and not kinsoku_ok(cut, text, rest_len):
            return False
        room = s.early_of(s.owner)
        if room < 0:
            return True
        if kind == "heading":
            return lines_of(len(text), 0, self.w) + 1 + KEEP_WITH_NEXT > room
        return room * self.w - INDENT < FEW

    def _next_columns(self, s: State, cut: Cut | None, early: int = -1) -> list[tuple[int, State]]:
        """(cost, state) for each way the stream goes on once the column of `s` closes after
        the current unit (its last piece stopping in mid-sentence: `cut`; `early` lines
        left empty)."""
        i, owner = s.i + 1, s.owner
        if i < self.boundary:
            return []
        closed = s.closed(cut, early)
        if i == self.boundary:
            return [(0, closed.column(_B, i, 0, self.h))] if owner == _A else []
        ran_out = s.closed(cut).column(_A, i, 0, self.h, phase="after")  # (nothing left to check)
        if s.phase == "turns":
            out = [(0, closed.column(s.other(), i, 0, self.h))]
            if owner == _B and cut is None:  # the second article has run out
                out.append((0, ran_out))
            if owner == _B:  # its last columns follow each other (one may end early: a subheading moved on)
                out.append((RUN, closed.column(_B, i, 0, self.h, phase="run")))
            return out
        if s.phase == "run":  # (after it, the first article's last column)
            last = s.closed(cut).column(_A, i, 0, self.h, phase="last")
            return [(0, closed.column(_B, i, 0, self.h))] + ([(0, last)] if cut is None else [])
        if s.phase == "last":  # (the stream ends with it)
            return [(0, closed.column(_A, i, 0, self.h))] if i == len(self.stream) else []
        return [(0, closed.column(_A, i, 0, self.h))]  # "after": the first's columns in a row

    def _finish(self, s: State) -> list[Found]:
        if any(s.cuts) or s.carry or s.phase == "run":
            return []
        return [(FIRST_ENDS_FIRST if s.phase == "turns" and s.owner == _B else 0, ())]

    def _path(self, steps: tuple[Placed, ...]) -> tuple[Step, ...] | None:
        """The reading (a step per unit of the second article) from the owners of the pieces."""
        parts: dict[int, list[tuple[int, Owner]]] = {}
        for i, off, index, _ in steps:
            parts.setdefault(i, []).append((off, "A" if index == _A else "B"))
        path: list[Step] = []
        prev: Owner = "B"
        for i in range(self.boundary, len(self.stream)):
            own = sorted(parts.get(i, []))
            if len(own) == 1:
                owner = own[0][1]
                path.append(Step(owner, "stay" if owner == prev or i == self.boundary else "switch"))
            elif len(own) == 2:
                (_, head), (k, owner) = own
                path.append(Step(owner, "split" if head == prev or i == self.boundary else "bounce", k))
            else:
                return None
            prev = owner
        return tuple(path)
