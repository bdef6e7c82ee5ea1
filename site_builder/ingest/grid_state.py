"""Where a search over a column grid stands: the unit it reads next, whose column, the
room left in it, and how each article's last column closed (see column_grid)."""
from __future__ import annotations

from typing import NamedTuple

# (named tuples, not frozen dataclasses: the search makes and hashes a few hundred thousand
# states a page, and a tuple is built and hashed several times faster)


class Cut(NamedTuple):
    """A column's foot that stopped in mid-sentence: its last characters and how far it
    stands off its line's end (negative: short of it)."""

    tail: str
    off: int
    head: int  # characters of the paragraph (or of its rest) in the cut's column


class State(NamedTuple):
    i: int  # the unit read next …
    off: int  # … from this character (the tail of a glued line)
    owner: int  # whose column is being read (an article's index)
    room: int  # lines left in it
    col_first: bool  # the column's first piece comes next
    cuts: tuple[Cut | None, ...] = (None, None)  # an article's last column stopped in mid-sentence
    earlies: tuple[int, ...] = (-1, -1)  # lines an article's last column left empty (it ended early)
    phase: str = "turns"  # "turns"; "run" (the second's last columns in a row), then "last"
    #                       (the first's last column); "after" (the first's columns in a row)
    carry: int = 0  # characters of a paragraph read so far in this column (a break inside it)
    done: frozenset[int] = frozenset()  # articles whose last column has been read (column_turns)

    def other(self) -> int:
        """The other article of two."""
        return 1 - self.owner

    def cut_of(self, owner: int) -> Cut | None:
        return self.cuts[owner]

    def early_of(self, owner: int) -> int:
        return self.earlies[owner]

    def opened(self) -> "State":
        """The state once the column's first piece is read (its checks done)."""
        if not self.col_first:
            return self
        return State(self.i, self.off, self.owner, self.room, False, _put(self.cuts, self.owner, None),
                     _put(self.earlies, self.owner, -1), self.phase, self.carry, self.done)

    def advance(self, room: int, carry: int = 0) -> "State":
        return State(self.i + 1, 0, self.owner, room, self.col_first, self.cuts, self.earlies, self.phase, carry,
                     self.done)

    def closed(self, cut: Cut | None, early: int = -1) -> "State":
        """The state once the owner's column closed (on a cut or not, `early` lines left)."""
        return State(self.i, self.off, self.owner, self.room, self.col_first, _put(self.cuts, self.owner, cut),
                     _put(self.earlies, self.owner, early), self.phase, self.carry, self.done)

    def column(self, owner: int, i: int, off: int, height: int, phase: str | None = None) -> "State":
        """The state as `owner`'s next column opens at unit i, character off."""
        return State(i, off, owner, height, True, self.cuts, self.earlies, phase or self.phase, 0, self.done)


def _put(values: tuple, k: int, value: object) -> tuple:
    return values[:k] + (value,) + values[k + 1:]
