"""Replaying a column grid over two interleaved articles.

A newspaper sets an article's columns on a grid: every line of a column holds the same
number of characters (W) and every column the same number of lines (L). When the text
layer reads two articles' columns in turns, the grid says exactly where each column must
end, so for a given (W, L) the stream of pieces can be read in only a few ways. This
module finds those ways; interleave.py lets the text choose among them.

The typesetter's rules replayed here (the simulator's `_columns` sets text by the same
ones, and they are the ordinary rules of a grid):
  * a paragraph's first line is indented two characters and its last line may be short;
    the rest of a paragraph cut at a column's foot opens the article's next column flush;
  * a subheading takes its lines plus a line of space and keeps with the text after it:
    where fewer than two lines would follow it, it moves to the next column, and that
    column ends early; a subheading is never cut;
  * a paragraph that does not fit is cut where the column's last line ends, the break
    moved a character or two where a line may not start (kinsoku: not before a mark);
    a paragraph that would leave only a few characters is squeezed in whole, and one that
    would put only a few characters in the column starts in the next one (it ends early);
  * the last line of a column and the first line of the next may be read as one line (a
    glued line): it splits where the first column's last line ends.
Reading order: the first article's first column, the second's head and first column, then
columns in turns; once one article has run out the other's columns follow each other.

A wrong (W, L) rarely explains a whole page: each cut must fall at a line's end and each
column must close at its last line. Text layers that keep no trace of a grid (a
typesetter who compresses punctuation) give no reading, and interleave.py reads the page
from its text alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


INDENT = 2  # a paragraph's first line is indented two characters
FEW = 8  # characters: a paragraph leaving fewer is squeezed in; a column with room for fewer is left
KINSOKU = 2  # a cut moves at most this many characters off its line's end
KEEP_WITH_NEXT = 2  # lines of text a subheading needs after it in its column
MAX_EARLY = 6  # lines a column may leave empty when it ends early
KEEP = 6  # readings kept per state
WIDTHS = range(8, 25)

# costs of the events a true layout shows only now and then (a reading's cost is their sum)
OFF_LINE_END = 1  # a cut a character or two off its line's end
RUN = 1  # the second article's last columns follow each other
FIRST_ENDS_FIRST = 1  # the stream ends in the second article's column


@dataclass(frozen=True)
class Piece:
    """What the grid needs of a unit: its length and how it ends."""

    length: int
    shape: str  # "end" (a complete sentence), "cut" (in mid-sentence), "maybe" (a short
    #             unterminated line: a subheading or a cut), "heading" (a numbered subheading)
    text: str


@dataclass(frozen=True)
class Reading:
    """One way the grid reads the second article's units: per unit, (owner of its tail,
    move, split point) as interleave's readings are written."""

    cost: int
    width: int
    height: int
    path: tuple


def layouts(first: list[Piece]) -> list[tuple[int, int]]:
    """The (W, L) a page may have: for every width, the heights the first column allows
    (its lines, one fewer where it squeezed its last piece, a few more where it ended
    early)."""
    out = []
    for width in WIDTHS:
        lines = column_lines(first, width)
        out += [(width, h) for h in range(max(2, lines - 1), lines + MAX_EARLY + 1)]
    return out


def column_lines(pieces: list[Piece], width: int) -> int:
    """Lines a run of whole pieces fills as one column."""
    total = 0
    for k, p in enumerate(pieces):
        heading = p.shape == "heading" or (p.shape == "maybe" and k < len(pieces) - 1)
        total += _lines(p.length, 0 if heading else INDENT, width) + (1 if heading else 0)
    return total


def _lines(n: int, indent: int, width: int) -> int:
    return -(-(n + indent) // width)


def readings(first: list[Piece], units: list[Piece], width: int, height: int) -> list[Reading]:
    """The readings of `units` (the stream after the second article's head) that the grid
    (width, height) allows, the cheapest first; the first column holds `first` exactly."""
    grid = _Grid(tuple(first), tuple(units), width, height)
    out = grid.read()
    grid.clear()
    return out


class _Grid:
    def __init__(self, first: tuple, units: tuple, width: int, height: int):
        self.stream = first + units
        self.boundary = len(first)  # the second article's head stands here
        self.w, self.h = width, height
        self.solve = lru_cache(maxsize=None)(self._solve)

    def clear(self) -> None:
        self.solve.cache_clear()

    def read(self) -> list[Reading]:
        start = _State(0, 0, "A", self.h, True, False, False, False, -1, -1, "turns")
        found = self.solve(start)
        out = []
        for cost, steps in found:
            path = self._path(steps)
            if path is not None:
                out.append(Reading(cost, self.w, self.h, path))
        return out

    # --- the search: each call reads one piece, returns the cheapest ways to go on ------
    def _solve(self, s: "_State") -> list[tuple[int, tuple]]:
        if s.i == len(self.stream):
            return self._finish(s)
        if s.i == self.boundary and s.off == 0 and not (s.col_first and s.owner == "B"):
            return []  # the first column closes at the second article's head
        piece = self.stream[s.i]
        n = piece.length - s.off
        options: list[tuple[int, tuple, "_State"]] = []  # (cost, step, next state)
        for kind, indent in self._kinds(s, piece):
            options += self._place(s, piece, n, kind, indent)
        best: list[tuple[int, tuple]] = []
        for cost, step, nxt in options:
            for c, rest in (self.solve(nxt) if nxt is not None else [(0, ())]):
                best.append((cost + c, (step,) + rest))
        best.sort(key=lambda cs: cs[0])
        out, seen = [], set()
        for cost, steps in best:
            if steps not in seen:
                seen.add(steps)
                out.append((cost, steps))
        return out[:KEEP]

    def _kinds(self, s: "_State", piece: Piece) -> list[tuple[str, int]]:
        if s.col_first and s.pending(s.owner) and s.off == 0:
            return [("rest", 0)]
        if s.off > 0:
            return [("rest", 0)]
        if piece.shape == "heading":
            return [("heading", 0)]
        if piece.shape == "maybe":
            return [("heading", 0), ("para", INDENT)]
        return [("para", INDENT)]

    def _place(self, s: "_State", piece: Piece, n: int, kind: str, indent: int):
        w = self.w
        step = (s.i, s.off, s.owner)
        if s.col_first and not self._early_ok(s, piece, kind, n):
            return []
        s = s.opened()
        lines = _lines(n, indent, w) + (1 if kind == "heading" else 0)
        if kind == "heading":
            if lines + KEEP_WITH_NEXT > s.room and not s.col_first_was:
                return []
            if s.room - lines <= 0:
                return []
            return [(0, step, s.advance(s.i + 1, s.room - lines, after_heading=True))]
        cut = piece.shape != "end" and piece.shape != "heading"
        if lines <= s.room:
            room = s.room - lines
            if room == 0:  # the column closes at its last line
                foot = (n + indent) % w
                cost = 0
                if cut and foot:
                    if w - foot > KINSOKU:
                        return []
                    cost = OFF_LINE_END
                return [(cost + c, step, nxt) for c, nxt in self._next_columns(s, s.i + 1, cut)]
            if cut:
                return []  # a piece stopping in mid-sentence inside a column
            out = [(0, step, s.advance(s.i + 1, room))]
            # or the column ends early here (checked when its article's next column opens)
            out += [(c, step, nxt) for c, nxt in self._next_columns(s, s.i + 1, False, early=room)]
            return out
        q = s.room * w - indent
        out = []
        if n - q < FEW and not cut:  # squeezed in whole
            out += [(c, step, nxt) for c, nxt in self._next_columns(s, s.i + 1, False)]
        if cut and n - q <= KINSOKU:  # a cut a character or two past its line's end
            out += [(OFF_LINE_END + c, step, nxt) for c, nxt in self._next_columns(s, s.i + 1, True)]
        if q < FEW:
            return out
        other = s.other()
        if not s.pending(other) or (other == "B" and s.phase != "turns") or s.i < self.boundary:
            return out
        # (split where the line ends; the text picks the character, see interleave)
        if n - q >= FEW:
            out.append((0, step, s.switched(other, s.i, s.off + q, self.h, cut_owner=s.owner)))
        return out

    def _early_ok(self, s: "_State", piece: Piece, kind: str, n: int) -> bool:
        """A column that ended early ended before a subheading that did not fit, or a
        paragraph that would have put only a few characters in it."""
        room = s.early_of(s.owner)
        if room < 0:
            return True
        if kind == "heading":
            return _lines(n, 0, self.w) + 1 + KEEP_WITH_NEXT > room
        return room * self.w - INDENT < FEW

    def _next_columns(self, s: "_State", i: int, cut: bool, early: int = -1):
        """(cost, state) for each way the stream goes on after the column of `s` closes
        before unit i (its last piece `cut` in mid-sentence or not)."""
        owner, other = s.owner, s.other()
        out = []
        if i == self.boundary:
            if owner == "A":
                out.append((0, s.closed(cut, early).switched("B", i, 0, self.h)))
            return out
        if i < self.boundary:
            return []
        closed = s.closed(cut, early)
        if s.phase == "turns":
            out.append((0, closed.switched(other, i, 0, self.h)))
            if owner == "B" and not cut:  # the second article has run out
                out.append((0, s.closed(cut, -1).switched("A", i, 0, self.h, phase="after")))
            if owner == "B" and early < 0:  # its last columns follow each other
                out.append((RUN, closed.switched("B", i, 0, self.h, phase="run")))
        elif s.phase == "run":
            out.append((0, closed.switched("B", i, 0, self.h, phase="run")))
            if not cut:
                out.append((0, s.closed(cut, -1).switched("A", i, 0, self.h, phase="after")))
        else:  # "after": the first article's columns follow each other
            out.append((0, closed.switched("A", i, 0, self.h)))
        return out

    def _finish(self, s: "_State") -> list[tuple[int, tuple]]:
        if s.pending("A") or s.pending("B"):
            return []
        if s.phase == "turns" and s.owner == "B":
            return [(FIRST_ENDS_FIRST, ())]
        if s.phase == "run":
            return []
        return [(0, ())]

    def _path(self, steps: tuple) -> tuple | None:
        """Interleave's reading (per unit of the second article: owner, move, split) from
        the pieces' owners."""
        parts: dict[int, list[tuple[int, str]]] = {}
        for i, off, owner in steps:
            parts.setdefault(i, []).append((off, owner))
        path, prev = [], "B"
        for i in range(self.boundary, len(self.stream)):
            own = sorted(parts.get(i, []))
            if not own:
                return None
            if len(own) == 1:
                o = own[0][1]
                path.append((o, "stay" if o == prev or i == self.boundary else "switch", None))
                prev = o
            elif len(own) == 2:
                (_, head), (k, tail) = own
                path.append((tail, "split" if head == prev or i == self.boundary else "bounce", k))
                prev = tail
            else:
                return None
        return tuple(path)


@dataclass(frozen=True)
class _State:
    i: int
    off: int
    owner: str
    room: int
    col_first: bool
    after_heading: bool
    pend_a: bool
    pend_b: bool
    early_a: int
    early_b: int
    phase: str  # "turns", "run" (the second's last columns in a row), "after" (the first's)
    col_first_was: bool = False

    def other(self) -> str:
        return "A" if self.owner == "B" else "B"

    def pending(self, owner: str) -> bool:
        return self.pend_a if owner == "A" else self.pend_b

    def early_of(self, owner: str) -> int:
        return self.early_a if owner == "A" else self.early_b

    def opened(self) -> "_State":
        """The state once the column's first piece is placed (its checks done)."""
        if not self.col_first:
            return _replace(self, col_first_was=False)
        upd = {"early_a": -1} if self.owner == "A" else {"early_b": -1}
        upd.update({"pend_a": False} if self.owner == "A" else {"pend_b": False})
        return _replace(self, col_first=False, col_first_was=True, **upd)

    def advance(self, i: int, room: int, after_heading: bool = False) -> "_State":
        return _replace(self, i=i, off=0, room=room, after_heading=after_heading, col_first_was=False)

    def closed(self, cut: bool, early: int) -> "_State":
        """The state once the owner's column closed (on a cut or not, `early` lines left)."""
        if self.owner == "A":
            return _replace(self, pend_a=cut, early_a=early)
        return _replace(self, pend_b=cut, early_b=early)

    def switched(self, owner: str, i: int, off: int, height: int, phase: str | None = None,
                 cut_owner: str | None = None) -> "_State":
        s = self
        if cut_owner is not None:
            s = s.closed(True, -1)
        return _replace(s, i=i, off=off, owner=owner, room=height, col_first=True, after_heading=False,
                        phase=phase or s.phase, col_first_was=False)


def _replace(s: _State, **changes) -> _State:
    from dataclasses import replace
    return replace(s, **changes)
