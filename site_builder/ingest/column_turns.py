"""Replaying a column grid over several articles whose columns are read in turns.

A page may set three (or more) neighbouring articles one above the other, each in columns
of one grid (W characters a line, L lines a column), and a text layer may read it column by
column across them: the first article's head and first column, the second's head and first
column, the third's, then the first article's next column, the second's, and so on; an
article whose last column has been read drops out of the turns, its closing lines (a
source, an affiliation) printed under that column. The typesetter's rules are those of
column_grid (its Grid places each piece); only the order of the columns differs: the turns
go round the articles still running, and a closing group ends its column's article.
"""
from __future__ import annotations

from dataclasses import dataclass

from site_builder.ingest.column_grid import NUMBER_REACH, Found, Grid, Piece, layouts
from site_builder.ingest.grid_state import Cut, State

RUN_OUT = 1  # an article's columns end with no closing lines under the last one
# states the search of one page may visit over all its grids: a true grid closes columns
# where they fill and leaves few ways open (pages read in turns in the simulator visit at
# most ~11,000); articles printed whole one after another leave hundreds of thousands
BUDGET = 30_000


class _Exhausted(Exception):
    pass


@dataclass(frozen=True)
class TurnReading:
    """One way the grid reads the stream: the article (its index) of each unit."""

    cost: int
    width: int
    height: int
    owners: tuple[int, ...]
    cuts: frozenset[int]  # short unterminated units read as cut text, not subheadings


def readings(firsts: list[list[Piece]], rest: list[Piece], closings: frozenset[int]) -> list[TurnReading]:
    """Every reading of the stream that a grid allows, the cheapest first. `firsts`: the
    first columns of all articles but the last (each closes at the next one's head); `rest`:
    the last article's body and all that follows; `closings`: the indices in the stream
    (firsts, then rest) before which a closing group stands."""
    out: list[TurnReading] = []
    budget = [BUDGET]  # (shared by the grids)
    try:
        for width, height in _layouts(firsts):
            out += _TurnGrid(firsts, rest, closings, width, height, budget).read_turns()
    except _Exhausted:
        return []
    return sorted(out, key=lambda r: r.cost)


def _layouts(firsts: list[list[Piece]]) -> list[tuple[int, int]]:
    """The grids every first column allows."""
    allowed = [set(layouts(first)) for first in firsts]
    return sorted(set.intersection(*allowed))


class _TurnGrid(Grid):
    reach = NUMBER_REACH  # (kinsoku_ok checks that no nearer place allowed a break)

    def __init__(self, firsts: list[list[Piece]], rest: list[Piece], closings: frozenset[int],
                 width: int, height: int, budget: list[int]):
        super().__init__(tuple(p for column in firsts for p in column), tuple(rest), width, height)
        self.budget = budget
        self.k = len(firsts) + 1
        self.head_of: dict[int, int] = {}  # where each article after the first opens: its index
        start = 0
        for article, column in enumerate(firsts, start=1):
            start += len(column)
            self.head_of[start] = article
        self.closings = closings

    def read_turns(self) -> list[TurnReading]:
        start = State(0, 0, 0, self.h, True, cuts=(None,) * self.k, earlies=(-1,) * self.k)
        out = []
        for cost, steps in self.solve(start):
            owners = tuple(owner for _, _, owner, _ in steps)
            cuts = frozenset(i for i, _, _, kind in steps if kind != "heading" and self.stream[i].shape == "maybe")
            out.append(TurnReading(cost, self.w, self.h, owners, cuts))
        return out

    def _solve(self, s: State) -> list[Found]:
        self.budget[0] -= 1
        if self.budget[0] < 0:
            raise _Exhausted
        return super()._solve(s)

    def _blocked(self, s: State) -> bool:
        """An article's head opens its first column; a closing group closes a column."""
        if s.i in self.head_of:
            return not (s.col_first and s.owner == self.head_of[s.i])
        return s.i in self.closings and not s.col_first

    def _next_columns(self, s: State, cut: Cut | None, early: int = -1) -> list[tuple[int, State]]:
        """(cost, state) for each way the stream goes on once the column of `s` closes: in
        the first round at the next article's head; then with the next article still running
        (its closing group, or an end with none, drops the owner out of the turns)."""
        i, owner = s.i + 1, s.owner
        closed = s.closed(cut, early)
        if i <= self.boundary:
            return [(0, closed.column(owner + 1, i, 0, self.h))] if self.head_of.get(i) == owner + 1 else []
        if i == len(self.stream):
            return [(0, closed.column(owner, i, 0, self.h))]
        out = []
        if cut is None:
            out += self._turn(closed._replace(done=closed.done | {owner}), i, 0 if i in self.closings else RUN_OUT)
        if i not in self.closings:
            out += self._turn(closed, i, 0)
        return out

    def _turn(self, s: State, i: int, cost: int) -> list[tuple[int, State]]:
        """The column of the next article still running after the owner of `s`."""
        running = [(s.owner + d) % self.k for d in range(1, self.k + 1)]
        nxt = next((j for j in running if j not in s.done), None)
        return [] if nxt is None else [(cost, s.column(nxt, i, 0, self.h))]

    def _glued(self, s: State, text: str, q: int) -> list[tuple[int, State]]:
        return []  # (a line glued across two articles' columns: not read in turns)

    def _finish(self, s: State) -> list[Found]:
        if any(s.cuts) or s.carry or len(s.done | {s.owner}) < self.k:
            return []
        return [(0, ())]
