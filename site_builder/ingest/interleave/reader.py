"""Choosing the reading of two interleaved articles: by a column grid that explains the
page (see column_grid), or else by the text under the layouts its column feet show, each
time with the vocabularies learnt from the reading (EM)."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from site_builder.ingest import column_grid, shapes
from site_builder.ingest.column_grid import Owner, Step
from site_builder.ingest.interleave import search
from site_builder.ingest.interleave.junctions import Ending, Junctions, ending
from site_builder.ingest.interleave.layout import NO_LAYOUT, Columns, Layout, layouts_for
from site_builder.ingest.interleave.moves import Scorer
from site_builder.ingest.interleave.splits import SplitPlaces
from site_builder.ingest.interleave.stream import Stream
from site_builder.ingest.interleave.vocabulary import (EM_ROUNDS, Background, Texts, Vocabulary, learn,
                                                       members)
from site_builder.ingest.interleave.widths import line_widths, weak_widths
from site_builder.ingest.lines import Unit
from site_builder.ingest.segment import Draft

GRID_SLACK = 1  # grid readings costing this much more than the cheapest are weighed too
GRID_COST = 10.0  # nats per unit of a grid reading's cost (see column_grid)
# nats against each article whose subheadings a grid reading numbers in part: more than a
# full bond (a heading set in the wrong article)
MIXED_HEADINGS = 6.0
RIVALS = GRID_COST  # nats: grid readings this close to the best are its rivals (a grid cost's worth)


@dataclass(frozen=True)
class Choice:
    """A reading and what it was read under."""

    score: float
    path: list[Step] | None
    layout: Layout
    vocabulary: Vocabulary
    grid: column_grid.Reading | None = None  # the grid reading it is, if any


class Reader:
    """The readings of one pair of articles: the first's body, then the second's body read
    in turns with columns of the first."""

    def __init__(self, first: Draft, second: Draft, background: Background, second_ends: int | None = None):
        self.stream = Stream.of(first, second, second_ends)
        self.background = background
        page_pairs: Counter = Counter()
        for unit in first.body + second.body:
            t = unit.text
            page_pairs.update(t[i:i + 2] for i in range(len(t) - 1))
        self.junctions = Junctions(page_pairs)
        self.junctions.learn_units(first.body + second.body)
        self.places = SplitPlaces(self.stream.units, self.junctions)
        self.texts = Texts([u.text for u in first.body] + ([first.title.text] if first.title else []),
                           [second.title.text] if second.title else [], self.stream.units,
                           (first.title.text if first.title else "", second.title.text if second.title else ""))

    # --- vocabulary ----------------------------------------------------------------------
    def learn(self, member: Sequence[Owner | None]) -> Vocabulary:
        return learn(self.texts, member, self.background)

    def initial_vocabulary(self) -> Vocabulary:
        """The vocabularies before any reading: the first article's body against the second's
        opening, up to its first cut."""
        ends = self.stream.ends
        seed = next((k + 1 for k, e in enumerate(ends) if e != "end"), len(ends))
        return self.learn(["B" if k < seed else None for k in range(len(ends))])

    def scorer(self, layout: Layout, vocabulary: Vocabulary) -> Scorer:
        return Scorer(self.stream, self.junctions, self.places, vocabulary, Columns(self.stream, layout))

    def straight_score(self) -> float:
        return search.straight_score(self.stream, self.junctions)

    # --- the grid reading ------------------------------------------------------------------
    def read_by_grid(self) -> Choice | None:
        """The best reading a column grid allows (see column_grid), the vocabularies learnt
        from it; None when no grid explains the page."""
        found = self.grid_readings()
        scored = self.scored_grid_readings(found, self.initial_vocabulary())
        for _ in range(EM_ROUNDS):
            if not scored:
                return None
            scored = self.scored_grid_readings(found, self.learn(_members(_best(scored))))
        if not scored:
            return None
        # vocabularies learnt from one reading favour it where its rivals differ (a passage
        # it gives the wrong article brings that article the passage's words): learnt again
        # from what the close readings agree on, the text alone judges where they differ
        best = _best(scored)
        close = [_members(c) for c in scored if c.score > best.score - RIVALS]
        agreed = [m if all(c[k] == m for c in close) else None for k, m in enumerate(_members(best))]
        return _best(self.scored_grid_readings(found, self.learn(agreed))) if len(close) > 1 else best

    @cached_property
    def grid_pieces(self) -> list[column_grid.Piece]:
        """The first article's units, then the second's, as the grid sees them (before the
        reading marks any unit as cut text)."""
        s = self.stream
        return [_grid_piece(u, ending(u)) for u in s.first_body] \
            + [_grid_piece(u, e) for u, e in zip(s.units, s.ends, strict=True)]

    def grid_readings(self) -> list[column_grid.Reading]:
        """Every reading of every layout the first column allows."""
        pieces = self.grid_pieces
        first, units = pieces[:len(self.stream.first_body)], pieces[len(self.stream.first_body):]
        return [r for width, height in column_grid.layouts(first)
                for r in column_grid.readings(first, units, width, height, self.stream.second_ends)]

    def scored_grid_readings(self, found: list[column_grid.Reading], vocabulary: Vocabulary) -> list[Choice]:
        """The cheapest grid readings the text allows, each scored by the text (its cost
        weighed against it)."""
        floor = min((r.cost for r in found), default=0)
        scored: list[Choice] = []
        seen = set()
        for r in sorted(found, key=lambda r: r.cost):  # (a reading found under several grids: at its cheapest)
            if r.cost > floor + GRID_SLACK or r.path in seen:
                continue
            seen.add(r.path)
            layout = Layout(r.width, r.height, placed_by_grid=True)
            path = list(r.path)
            score = search.score_of(self.scorer(layout, vocabulary), path)
            if score > -math.inf:  # (a reading the text forbids: a split inside a word's mark)
                score -= GRID_COST * r.cost + MIXED_HEADINGS * self.mixed_headings(r)
                scored.append(Choice(score, path, layout, vocabulary, r))
        return scored

    def mixed_headings(self, reading: column_grid.Reading) -> int:
        """The articles whose subheadings, as the reading sets them, are some numbered and
        some not (an article numbers all its subheadings or none)."""
        first: list[Owner | None] = ["A" for _ in self.stream.first_body]
        owners = first + [None if step.split is not None else step.owner for step in reading.path]
        forms: dict[Owner, set[bool]] = {"A": set(), "B": set()}
        for k, (piece, owner) in enumerate(zip(self.grid_pieces, owners, strict=True)):
            if owner is not None and (piece.shape == "heading" or (piece.shape == "maybe" and k not in reading.cuts)):
                forms[owner].add(piece.shape == "heading")
        return sum(len(f) == 2 for f in forms.values())

    def mark_grid_cuts(self, grid: column_grid.Reading) -> None:
        """Where a grid read the page, it has set every short unterminated line: as cut text
        (a column's foot, or a paragraph the text layer broke) or as a subheading."""
        s = self.stream
        for k, (unit, piece) in enumerate(zip(s.first_body + s.units, self.grid_pieces, strict=True)):
            if piece.shape == "maybe":
                unit.read_as_cut = k in grid.cuts

    # --- the text reading ------------------------------------------------------------------
    def read_by_text(self, straight: float) -> Choice:
        """The reading by dynamic programming over the text, for a page whose layout no grid
        explains: under the line widths its column feet show, or those a first reading
        shows, or weighing a few weak ones against reading without lines."""
        widths = line_widths(self.stream.feet)
        layouts = layouts_for(self.stream, widths)
        best = self.best(layouts, self.initial_vocabulary())
        if not widths and best.path is not None:  # the reading may show the lines the page hid
            widths = self.widths_from_reading(best.path)
            weak = [] if widths else weak_widths(self.stream.feet)
            if widths:
                layouts = layouts_for(self.stream, widths)
                best = self.best(layouts, best.vocabulary)
            elif best.score > straight and weak:  # (a reading worth weighing)
                return self.weigh_layouts([NO_LAYOUT] + layouts_for(self.stream, weak), best.vocabulary)
        return self.learn_and_read(best, layouts)

    def readings(self, layouts: list[Layout], vocabulary: Vocabulary) -> list[Choice]:
        """The best reading under each layout (reading without lines when there is none)."""
        out = []
        for layout in layouts or [NO_LAYOUT]:
            score, path = search.best_reading(self.scorer(layout, vocabulary))
            out.append(Choice(score, path, layout, vocabulary))
        return out

    def best(self, layouts: list[Layout], vocabulary: Vocabulary) -> Choice:
        """The best reading over the candidate layouts (see layout.column_heights)."""
        return max(self.readings(layouts, vocabulary), key=lambda c: c.score)

    def learn_and_read(self, best: Choice, layouts: list[Layout]) -> Choice:
        """Learn the two vocabularies from the reading and read again (EM_ROUNDS times)."""
        for _ in range(EM_ROUNDS):
            if best.path is None or all(step.owner == "B" for step in best.path):
                break
            best = self.best(layouts, self.learn(members(best.path)))
        return best

    def weigh_layouts(self, layouts: list[Layout], vocabulary: Vocabulary) -> Choice:
        """When neither the feet nor a reading show a width clearly, the reading weighs the
        few widths the feet fit best against reading without lines: under the true width the
        columns' heights confirm the true reading and it scores higher; a wrong width finds
        every reading's columns uneven and loses to the reading without lines. Of reading
        without lines and the layout whose first reading scores best, the one that reads
        better once each has learnt its own vocabularies is kept."""
        ranked = sorted(self.readings(layouts, vocabulary), key=lambda c: -c.score)
        contenders = [NO_LAYOUT] + [c.layout for c in ranked if c.layout.width][:1]
        found = []
        for layout in contenders:
            own = [layout] if layout.width else []
            found.append(self.learn_and_read(self.best(own, self.initial_vocabulary()), own))
        return max(found, key=lambda c: c.score)

    def widths_from_reading(self, path: list[Step]) -> list[int]:
        """Line widths measured on the column feet a reading found: the cut pieces plus the
        heads of the lines it split (a glued line hides a foot the page alone does not show)."""
        heads = [step.split for step in path if step.split is not None]
        feet: list[Unit | int] = [*self.stream.feet, *heads]
        return line_widths(feet)


def _grid_piece(unit: Unit, end: Ending) -> column_grid.Piece:
    """The unit as the grid sees it (`end`: how it ends, see junctions.ending)."""
    return column_grid.Piece(unit.text, "heading" if shapes.is_numbered_heading(unit.text) else end)


def _best(choices: list[Choice]) -> Choice:
    return max(choices, key=lambda c: c.score)


def _members(choice: Choice) -> list[Owner | None]:
    return members(choice.path or [])
