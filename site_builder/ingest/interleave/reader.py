"""The reading of two interleaved articles: the choice between a column grid's reading and
the text's, the text reading's dynamic programme, and applying the reading (see the
package's docstring)."""
from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass, field

from site_builder.ingest import column_grid, lexicon, shapes
from site_builder.ingest.column_grid import INDENT
from site_builder.ingest.interleave.junctions import JUNCTION_WEIGHTS as W
from site_builder.ingest.interleave.junctions import Junctions, bond, ending
from site_builder.ingest.interleave.vocabulary import Background, Profile
from site_builder.ingest.interleave.widths import WEAK_WIDTHS, foot_lengths, line_widths, width_evidence
from site_builder.ingest.lines import Unit
from site_builder.ingest.reflow import heading_candidate
from site_builder.ingest.shapes import opens_with_closer
from site_builder.ingest.segment import Draft
from site_builder.ingest.typography import CJK_RE

VOCAB_WEIGHT = 0.25  # nats of vocabulary evidence are worth this much structure
VOCAB_CAP = 8.0  # … and one unit's vocabulary never outweighs a broken sentence
VOCAB_SHAPE = 0.1  # per nat: a glued line splits where its vocabulary changes hands
LINE_END = 4.0  # a glued line split where the column's last line ends (see line_width)
SWITCH = 1.0  # each change of column
SPLIT = 3.0  # a line holding the ends of two columns
SPLIT_MIN = 8  # characters on each side of a split
SPLIT_TOP = 6  # split points examined in full per unit and waiting cut
ACCEPT = 6.0  # margin over reading the second article straight through
STRUCTURE_MIN = -12.0  # … of which this much without the vocabulary
EM_ROUNDS = 2
BEAM = 24  # readings kept per unit
COLUMN_FIT = 30.0  # per column-length of deviation from the measured column, beyond the band
HEIGHT_CANDIDATES = 3  # column heights tried when the first column ends on a whole sentence
ONE_LINE_OFF = 2.0  # a column a line longer or shorter than the first (a line's end moved to a sentence)
RUN_OF_COLUMNS = 8.0  # each further column in one article's run
COLUMN_LINE_FIT = 6.0  # per line more or less than the first column's, beyond one
COLUMN_BAND = 0.2  # columns side by side hold this much more or less text than each other, freely
LOOSE_BAND = 0.35  # … than a first column that ends on a complete sentence (it may have closed early)
LONGER_SECOND = 6.0  # the second article read as holding more text than the first
LAST_COLUMN = 6.0  # the reading ends in the second article's column though the first has no closing lines
GRID_SLACK = 1  # grid readings costing this much more than the cheapest are weighed too
GRID_COST = 10.0  # per unit of a grid reading's cost (see column_grid)
GRID_ACCEPT = 0.0  # margin a grid reading needs over reading the second article straight through

# marks a typesetter never puts at a line's start: sentence and clause marks and closing
# brackets and quotes (shapes.BRACKET_CLOSERS holds the closing brackets and quotes alone)
NEVER_OPENS_A_LINE = "，、。；：？！…）》」』】”’,.;:?!)"


@dataclass
class Outcome:
    moved: bool
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


# --- the reading -----------------------------------------------------------------------
@dataclass(frozen=True)
class _End:
    """The last piece an article has so far: a whole unit, the head of a split one, or the
    first article's own body (index -1)."""

    index: int
    split: int | None = None  # the head of unit `index` up to this point
    column_start: int = 0  # where the column that this piece closes began (characters into the stream)
    indent: int = 0  # the head's first line is indented this much (it opens a paragraph)

    @property
    def head(self) -> bool:
        return self.split is not None


def deinterleave(first: Draft, second: Draft, vocab: "Background", second_ends: int | None = None) -> Outcome:
    """Move the first article's passages out of the second's body; report what moved.
    `second_ends`: the second article's text ends before this unit of its body (its byline
    printed after its body stands there; what follows is the first article's)."""
    if first.has_footer() or len(second.body) < 3 or not first.body:
        return Outcome(False)
    reader = _Reader(first, second, vocab, second_ends)
    if not reader.plausible():
        return Outcome(False)
    straight = reader.straight_score()
    best, path = reader.read_by_grid(vocab)
    if path is None:
        best, path = reader.read_by_text(vocab, straight)
    # (a grid reading has the layout's word already: it need only read better than none)
    if path is None or best - straight < (GRID_ACCEPT if reader.grid_choice else ACCEPT):
        return Outcome(False)
    # the reading must stand on the text's shape too, not on vocabulary alone
    if best - reader.path_vocab(path) - straight < STRUCTURE_MIN:
        return Outcome(False)
    moved, kept, heads = reader.apply(path)
    if not moved:
        return Outcome(False)
    # the last piece of each column run: a column ends where its space runs out (the head
    # of a split line is one by construction)
    run_ends = {id(reader.a_end)} | {id(reader.units[k]) for k in reader.column_feet(path)} | {id(h) for h in heads}
    for (owner, move, _), (nxt_owner, nxt_move, _), unit in zip(path, path[1:], reader.units):
        if owner != nxt_owner and nxt_move == "switch":
            run_ends.add(id(unit))
    for pieces in ([reader.a_end] + moved, kept):
        reader.j.mark_cuts(pieces, run_ends)
    reader.mark_grid_cuts()
    first.body.extend(moved)
    second.body = kept
    # closing lines follow the text they close: give them to the owner of the last piece
    if second.footer and path[-1][0] == "A":
        first.footer, second.footer = second.footer, []
    lines = sorted({p.first_line for p in moved})
    return Outcome(True, [(lines[0], f"{len(moved)} passage(s) from lines {lines[0]}-{lines[-1]} "
                                     f"put back into the article they were interleaved with")])


class _Reader:
    def __init__(self, first: Draft, second: Draft, vocab: Background, second_ends: int | None = None):
        self.first, self.units = first, second.body
        self.second_ends = second_ends
        page_pairs: Counter = Counter()
        for unit in first.body + second.body:
            t = unit.text
            page_pairs.update(t[i:i + 2] for i in range(len(t) - 1))
        self.j = Junctions(page_pairs)
        self.j.learn_units(first.body + second.body)
        self.a_end = first.body[-1]
        self.ends = [ending(u) for u in self.units]
        self.cum = [0]
        for unit in self.units:
            self.cum.append(self.cum[-1] + len(unit.text))
        self.column = sum(len(u.text) for u in first.body)
        self.a_ending = ending(self.a_end)
        # a first column that stops in mid-sentence was full: it measures the capacity well
        self.band = COLUMN_BAND if self.a_ending == "cut" else LOOSE_BAND
        feet = ([self.a_end] if self.a_ending == "cut" else []) + [u for u, e in zip(self.units, self.ends) if e == "cut"]
        self.feet = feet
        self.opens_paragraph = [k == 0 or self.ends[k - 1] == "end" for k in range(len(self.units))]
        self.first_body = first.body
        self.set_widths(line_widths(feet))
        # vocabulary: the first article's own body against the second's opening (up to its
        # first cut), each pair scored as evidence for the first article
        self.first_texts = [u.text for u in first.body] + ([first.title.text] if first.title else [])
        self.second_title = [second.title.text] if second.title else []
        self.initial_profiles(vocab)
        self._splits: dict[tuple[int, str, str], list[tuple[float, int]]] = {}
        self._junctions: dict[tuple[int, str], list[tuple[float, int]]] = {}
        self._grid_found: list[column_grid.Reading] | None = None
        self._grid_pieces: list[column_grid.Piece] = []  # (the first article's, then the second's units)
        self.layout_known = False  # a grid has placed every column: the reading weighs the text only
        self.grid_choice: column_grid.Reading | None = None

    def read_by_grid(self, vocab: Background):
        """(score, reading) by a column grid that explains the page (see column_grid), the
        vocabularies learnt from it; (None, None) when no grid does."""
        best = self.grid_reading()
        if best is None:
            return None, None
        for _ in range(EM_ROUNDS):
            self.profiles([owner if move not in ("split", "bounce") else None for owner, move, _ in best[1]], vocab)
            best = self.grid_reading()
        return best

    def read_by_text(self, vocab: Background, straight: float):
        """(score, reading) by dynamic programming over the text, for a page whose layout
        no grid explains: under the line widths its column feet show, or those a first
        reading shows, or weighing a few weak ones against reading without lines."""
        best, path = self.best()
        if not self.widths and path is not None:  # the reading may show the lines the page hid
            widths = self.widths_from_reading(path)
            if widths:
                self.set_widths(widths)
                best, path = self.best()
            elif best > straight and self.try_weak_widths():  # (a reading worth weighing)
                return self.weigh_layouts(vocab)
        return self.learn_and_read(best, path, vocab)

    def initial_profiles(self, vocab: Background) -> None:
        """The vocabularies before any reading: the first article's body against the second's
        opening, up to its first cut."""
        seed = next((k + 1 for k, e in enumerate(self.ends) if e != "end"), len(self.units))
        self.profiles(["B" if k < seed else None for k in range(len(self.units))], vocab)

    def set_widths(self, widths: list[int]) -> None:
        self.widths = widths
        self.layouts = [(w, h) for w in widths for h in self._heights_for(w)]
        self.width, self.lines_per_column = self.layouts[0] if self.layouts else (None, None)

    def learn_and_read(self, best: float, path, vocab: Background):
        """Learn the two vocabularies from the reading and read again (EM_ROUNDS times)."""
        for _ in range(EM_ROUNDS):
            if path is None or all(owner == "B" for owner, _, _ in path):
                break
            self.profiles([owner if move not in ("split", "bounce") else None for owner, move, _ in path], vocab)
            best, path = self.best()
        return best, path

    def weigh_layouts(self, vocab: Background):
        """Of the layouts to try, reading without lines or the one whose first reading scores
        best: whichever reads better once each has learnt its own vocabularies. Returns its
        (score, reading) and keeps to it and its vocabularies. (Earlier
        version: the layouts were compared on the first reading, before the vocabularies
        were learnt from it, and the rounds kept to the winner: a true width whose reading
        only the learnt vocabularies confirm lost to reading without lines. Weighing every
        layout that way read no more pages right and took a quarter longer.)"""
        self.best()
        ranked = sorted(self.layout_scores, key=lambda sl: -sl[0])
        contenders = [(None, None)] + [layout for _, layout in ranked if layout[0]][:1]
        readings = []
        for layout in contenders:
            self.set_layout(layout)
            self.initial_profiles(vocab)
            best, path = self.learn_and_read(*self.best(), vocab)
            readings.append((best, path, layout, self.llr_prefix, self._splits))
        best, path, layout, self.llr_prefix, self._splits = max(readings, key=lambda r: r[0])
        self.set_layout(layout)
        return best, path

    def set_layout(self, layout: tuple[int | None, int | None]) -> None:
        """Read with this one layout only."""
        width, _ = layout
        self.widths = [width] if width else []
        self.layouts = [layout] if width else []
        self.width, self.lines_per_column = layout

    def try_weak_widths(self) -> bool:
        """When neither the feet nor the reading show a width clearly, let the reading weigh
        the few widths the feet fit best against reading without lines: under the true
        width the columns' heights confirm the true reading and it scores higher; a wrong
        width finds every reading's columns uneven and loses to the reading without lines.
        (Earlier version: no width below the bar was tried; about half of the simulator's
        interleaved pages that showed none were misread, against one in seven of those that
        showed one.)"""
        weak = [w for llr, w in width_evidence(foot_lengths(self.feet))[:WEAK_WIDTHS] if llr > 0]
        if not weak:
            return False
        self.layouts = [(None, None)] + [(w, h) for w in weak for h in self._heights_for(w)]
        return True

    def widths_from_reading(self, path) -> list[int]:
        """Line widths measured on the column feet a reading found: the cut pieces plus the
        heads of the lines it split (a glued line hides a foot the page alone does not show)."""
        heads = [k for _, move, k in path if move in ("split", "bounce")]
        return line_widths(self.feet + heads)

    def column_feet(self, path) -> list[int]:
        """Units that end a column inside a run of one article's text (its columns follow
        each other once the other article has run out): where the run has filled a column's
        lines, when the page shows them."""
        if not self.lines_per_column:
            return []
        feet: list[int] = []
        start = 0
        for k, (owner, move, split) in enumerate(path):
            if move in ("switch", "split", "bounce") and k > 0:
                start = self.cum[k] + (split or 0)
            if k + 1 < len(path) and path[k + 1][1] != "stay":
                continue
            lines = self.lines_between(start, self.cum[k + 1])
            if lines >= self.lines_per_column:
                # (past it, the column ended inside this unit; a unit that does not fill its
                # last line stopped short: a subheading that moved to the next column's top)
                if lines == self.lines_per_column and self.fills_last_line(k, start):
                    feet.append(k)
                start = self.cum[k + 1]
        return feet

    def fills_last_line(self, k: int, start: int) -> bool:
        """Unit k (in a column begun at `start`) fills its last line, or a character off it:
        a piece cut at a column's foot ran to the end of the column's last line. (Earlier
        version: a short unterminated piece whose lines reached the column's height was
        taken for a foot even when its last line was short: a subheading moved whole to the
        next column's top, whose previous column had a few lines free, read as a cut.)"""
        n = self.cum[k + 1] - max(start, self.cum[k])
        indent = INDENT if start <= self.cum[k] and self.opens_paragraph[k] else 0
        return self.off_line_end(n + indent) <= 1

    def off_line_end(self, n: int) -> int:
        """How many characters n characters (the indent included) stand off the nearest end
        of a line."""
        off = n % self.width
        return min(off, self.width - off)

    def column_heights(self, first_body: list[Unit]) -> list[int]:
        """How many lines a column may hold. The first article's first column, when it stops
        in mid-sentence, was full: its lines are the height. Otherwise the height is one of
        the first column's, or the second article's first column ending at one of its first
        cut pieces (a column begins the stream); the reading picks the best."""
        first = self.first_column_lines(first_body)
        if self.a_ending != "end":
            return [first]
        heights = [first]
        for k, e in enumerate(self.ends[:-1]):
            if e != "end":
                heights.append(self.lines_between(0, self.cum[k + 1]))
            if len(heights) > HEIGHT_CANDIDATES:
                break
        return sorted(set(heights), key=heights.index)

    def first_column_lines(self, body: list[Unit]) -> int:
        total, after_heading = 0, False
        for k, unit in enumerate(body):
            heading = k < len(body) - 1 and ending(unit) == "maybe"
            opens_para = not heading and (k == 0 or after_heading or ending(body[k - 1]) == "end")
            total += self._piece_lines(len(unit.text), opens_para, heading)
            after_heading = heading
        return total

    def profiles(self, member: list[str | None], vocab: Background) -> None:
        """Vocabulary profiles: the first article's body plus the units `member` gives it,
        the second's title plus its units; a unit is scored leaving itself out."""
        prof = {"A": Profile(), "B": Profile()}
        for text in self.first_texts:
            prof["A"].add(text)
        for text in self.second_title:
            prof["B"].add(text)
        for unit, m in zip(self.units, member):
            if m is not None:
                prof[m].add(unit.text)
        pa, pb = prof["A"], prof["B"]
        self.llr_prefix = []
        for unit, m in zip(self.units, member):
            if m is not None:
                prof[m].add(unit.text, -1)
            t, acc, row = unit.text, 0.0, [0.0]
            for i in range(1, len(t)):
                if CJK_RE.match(t[i - 1]) and CJK_RE.match(t[i]):
                    acc += pa.logp(t[i - 1:i + 1], vocab) - pb.logp(t[i - 1:i + 1], vocab)
                row.append(acc)
            self.llr_prefix.append(row)
            if m is not None:
                prof[m].add(unit.text)
        self._splits = {}
        self._cands: dict[int, list[tuple[float, int]]] = getattr(self, "_cands", {})

    def path_vocab(self, path) -> float:
        total = 0.0
        prev = "B"
        for i, (owner, move, k) in enumerate(path):
            if move in ("split", "bounce"):
                head_owner, _ = _piece_owners(prev, owner, move)
                total += self.vocab(i, 0, k + 1) if head_owner == "A" else self.vocab(i, k)
            elif owner == "A":
                total += self.vocab(i)
            prev = owner
        return total

    # vocabulary evidence that a stretch [lo, hi) of unit i belongs to the first article
    def vocab(self, i: int, lo: int = 0, hi: int | None = None) -> float:
        row = self.llr_prefix[i]
        hi = len(row) if hi is None else hi
        v = row[hi - 1] - row[max(0, lo)] if hi - 1 > lo else 0.0
        return max(-VOCAB_CAP, min(VOCAB_CAP, VOCAB_WEIGHT * v))

    def column_fill(self, start: int, stop: int, ending_kind: str) -> float:
        """Penalty for a column that ended (the reading switched away) holding text from
        `start` to `stop`. Side by side columns have one height: a column that stops in
        mid-sentence stopped because its space ran out, so it holds as many lines as the
        first article's first column (when the page shows its line width), or about as much
        text; far less or far more means the reading is wrong."""
        if self.layout_known:  # (a grid reading: the grid has placed every column)
            return 0.0
        if ending_kind == "end" or self.column <= 0:
            return 0.0
        if self.lines_per_column:
            return self.whole_columns(self.lines_between(start, stop))
        ratio = (stop - start) / self.column
        return COLUMN_FIT * max(0.0, abs(ratio - 1) - self.band)

    def column_resumed(self, previous: _End, nxt: Unit) -> float:
        """Penalty when an article's column that ended on a complete sentence is followed by
        another of its columns: it was not its last, so it was full (a column closes
        early only before a subheading, which is never split from its text)."""
        if self.layout_known:  # (a grid reading: the grid has placed every column)
            return 0.0
        if previous.index < 0 or self.column <= 0 or self.end_kind(previous) == "cut":
            return 0.0
        if self.lines_per_column:
            lines = self.lines_between(previous.column_start, self.stop_of(previous))
            slack = 1 + (self._lines(len(nxt.text), 0) + 3 if heading_candidate(nxt) else 0)
            if lines + slack < self.lines_per_column:
                return COLUMN_LINE_FIT * (self.lines_per_column - lines - slack)
            return self.whole_columns(lines) if lines > self.lines_per_column else 0.0
        ratio = (self.stop_of(previous) - previous.column_start) / self.column
        if ratio > 1 + self.band:
            return COLUMN_FIT * (ratio - 1 - self.band)
        if ratio < 1 - 2 * self.band and not heading_candidate(nxt):
            return COLUMN_FIT * (1 - 2 * self.band - ratio)
        return 0.0

    def whole_columns(self, lines: int) -> float:
        """Penalty for a run of one article's text that should fill whole columns: a run of
        several columns happens where the other article has run out, and costs a little."""
        columns = max(1, round(lines / self.lines_per_column))
        off = abs(lines - columns * self.lines_per_column)
        return COLUMN_LINE_FIT * max(0, off - 1) + (ONE_LINE_OFF if off else 0.0) + RUN_OF_COLUMNS * (columns - 1)

    def _lines(self, n: int, indent: int) -> int:
        return -(-(n + indent) // self.width)

    def _piece_lines(self, n: int, opens_paragraph: bool, subheading: bool) -> int:
        """Lines a piece of n characters fills: a paragraph's opening line is indented, and a
        subheading (not at the column's foot) takes a line of space more."""
        return self._lines(n, INDENT if opens_paragraph else 0) + (1 if subheading else 0)

    def lines_between(self, start: int, stop: int) -> int:
        """Lines the stream's text from `start` to `stop` fills as one column: a paragraph
        opens with an indented line and ends with a line of its own; a subheading (a short
        unterminated line with text after it) is not indented, takes a line of space more,
        and the paragraph after it opens indented."""
        total, pos, after_heading = 0, start, False
        j = bisect.bisect_right(self.cum, start) - 1
        while pos < stop and j < len(self.units):
            unit_end = self.cum[j + 1]
            seg_end = min(unit_end, stop)
            whole_start = pos == self.cum[j]
            heading = whole_start and seg_end == unit_end < stop and self.ends[j] == "maybe"
            total += self._piece_lines(seg_end - pos, whole_start and not heading
                                       and (self.opens_paragraph[j] or after_heading), heading)
            pos, j, after_heading = seg_end, j + 1, heading
        return total

    def stop_of(self, end: _End) -> int:
        """Characters into the stream where the piece `end` stops."""
        if end.index < 0:
            return 0
        return self.cum[end.index] + end.split if end.head else self.cum[end.index + 1]

    def plausible(self) -> bool:
        """Worth reading in turns: the first article stops on a cut, or the second holds a cut.
        (A short unterminated line inside the second is no sign by itself: most are its
        subheadings.)"""
        return self.a_ending != "end" or "cut" in self.ends[:-1]

    def end_text(self, end: _End) -> Unit:
        if end.index < 0:
            return self.a_end
        unit = self.units[end.index]
        if end.head:
            return Unit(unit.raw, unit.spans, unit.text[:end.split], False, unit.kind)
        return unit

    def end_kind(self, end: _End) -> str:
        if end.index < 0:
            return self.a_ending
        return "cut" if end.head else self.ends[end.index]

    def straight_score(self) -> float:
        s = 0.0
        for k in range(1, len(self.units)):
            s += self.j.pair(self.units[k - 1], self.ends[k - 1], self.units[k], self.units[k - 2] if k >= 2 else None)
        s -= W.ends_on_cut * ((self.ends[-1] != "end") + (self.a_ending != "end"))
        return s

    def split_points(self, i: int, waiting_unit: Unit, tail_owner: str, start: int,
                     indent: int) -> list[tuple[float, int]]:
        """Best places to cut unit i so that its tail continues the waiting cut, the column
        that its head closes (begun at `start`) holding a column's worth of text and its
        last line (the head's, opened with `indent`) full."""
        scored = [(sc + self.line_end(k, indent), k)
                  for sc, k in self._split_scores(i, waiting_unit.text[-lexicon.WINDOW:], tail_owner)]
        fill = self._head_fill(i, start, indent)
        ranked = sorted(scored, key=lambda sk: sk[0] - fill(sk[1]), reverse=True)
        top = ranked[:SPLIT_TOP]
        full = self._full_column_at(i, start, indent)
        if full is not None:  # (where the column's lines run out, and a character either side)
            top += [sk for sk in ranked[SPLIT_TOP:] if abs(sk[1] - full) <= 1]
        return top

    def split_point_at(self, i: int, waiting_unit: Unit, tail_owner: str, indent: int,
                       k: int | None) -> list[tuple[float, int]]:
        """split_points' score of cutting unit i at k, if a column's line may end there."""
        for sc, kk in self._split_scores(i, waiting_unit.text[-lexicon.WINDOW:], tail_owner):
            if kk == k:
                return [(sc + self.line_end(k, indent), k)]
        return []

    def _full_column_at(self, i: int, start: int, indent: int) -> int | None:
        """How many characters into unit i the column begun at `start` fills its last line
        (its first line opened with `indent`), when the page shows its lines. The split
        points here and a character either side (a mark pushed down, or squeezed in) are
        always read in full, whatever the text alone says of them. (Earlier version: only
        the best SPLIT_TOP by the text's junction, the vocabulary and the column's fill;
        where the text says little, places at the right line but a character off the
        line's end could rank out.)"""
        if not self.lines_per_column or start > self.cum[i]:
            return None
        room = self.lines_per_column - self._lines_before(i, start, indent)
        return room * self.width - indent if room > 0 else None

    def _lines_before(self, i: int, start: int, indent: int) -> int:
        """Lines the column begun at `start` fills before unit i (whose first line opens
        with `indent`)."""
        base = self.lines_between(start, self.cum[i]) if start < self.cum[i] else 0
        if start < self.cum[i] and i > 0 and self.ends[i - 1] == "maybe" and indent:
            base += 1  # (read as a subheading: its line of space, as lines_between counts it)
        return base

    def _head_fill(self, i: int, start: int, indent: int):
        """column_fill for the column begun at `start` and closed k characters into unit i
        (its first line opened with `indent` when the column begins with unit i), as a
        function of k (the lines before unit i counted once)."""
        if not self.lines_per_column or start > self.cum[i]:
            return lambda k: self.column_fill(start, self.cum[i] + k, "cut")
        base = self._lines_before(i, start, indent)
        return lambda k: self.whole_columns(base + self._lines(k, indent))

    def _split_scores(self, i: int, end: str, tail_owner: str) -> list[tuple[float, int]]:
        key = (i, end, tail_owner)
        if key not in self._splits:
            row = self.llr_prefix[i]
            static = self._junction_scores(i, end)
            # where the vocabulary changes hands (uncapped, relative to the best place)
            heads = [row[k] for _, k in static] or [0.0]
            best_head = max(heads) if tail_owner == "B" else min(heads)
            out = []
            for score, k in static:
                v = self.vocab(i, k) if tail_owner == "A" else self.vocab(i, 0, k + 1)
                out.append((score + v - VOCAB_SHAPE * abs(row[k] - best_head), k))
            self._splits[key] = out
        return self._splits[key]

    def _junction_scores(self, i: int, end: str) -> list[tuple[float, int]]:
        """What the text alone says of each place to cut unit i so that its tail continues a
        piece ending in `end` (kept across vocabulary rounds)."""
        key = (i, end)
        if key not in self._junctions:
            text = self.units[i].text
            self._junctions[key] = [
                (glue + W.pair * math.log1p(self.j.pairs[end[-1:] + text[k]]) + bond(end, text[k:k + lexicon.WINDOW])
                 + (W.closer if opens_with_closer(text[k:k + 40]) else 0.0) - W.junction_base, k)
                for glue, k in self._candidates(i)]
        return self._junctions[key]

    def line_end(self, k: int, indent: int) -> float:
        """Evidence that a column's last line ends k characters into a piece opened with
        `indent`: the piece then fills whole lines."""
        if self.layout_known:  # (a grid reading: the grid has placed every column)
            return 0.0
        if not self.width:
            return 0.0
        off = self.off_line_end(k + indent)
        return LINE_END if off == 0 else (LINE_END / 4 if off == 1 else 0.0)

    def resumed_line_end(self, head: _End, continuation: str) -> float:
        """What the text that resumes a split head's article adds to its line-end evidence.
        A line may not open with a comma or a full stop: where the column's last line would
        end just before one, the typesetter pushes the line's last character down to the
        next line, and the head stops a character short of the line's end. That is the
        place's own evidence once the continuation shows the mark second (line_end could
        count it only as a near miss while the continuation was unknown)."""
        if self.layout_known:  # (a grid reading: the grid has placed every column)
            return 0.0
        if not self.width or not head.head or len(continuation) < 2 or continuation[1] not in NEVER_OPENS_A_LINE:
            return 0.0
        if (head.split + head.indent + 1) % self.width == 0:
            return LINE_END - LINE_END / 4
        return 0.0

    def _candidates(self, i: int) -> list[tuple[float, int]]:
        """Where unit i may hold a column's end: anywhere inside a sentence (a line of a
        column ends at any character), less likely inside a word of the lexicon or at a
        pair of characters the page writes elsewhere (a glued junction is a new one)."""
        if i in self._cands:
            return self._cands[i]
        text = self.units[i].text
        out = []
        for k in range(SPLIT_MIN, len(text) - SPLIT_MIN):
            if not CJK_RE.match(text[k]) or text[k - 1] in shapes.SENTENCE_END + "：:" \
                    or (text[k - 1] in shapes.CLOSERS and text[k - 2] in shapes.SENTENCE_END):
                continue
            glue = -W.pair * math.log1p(self.j.pairs[text[k - 1:k + 1]] - 1) if CJK_RE.match(text[k - 1]) else 0.0
            out.append((glue - bond(text[:k], text[k:]), k))
        self._cands[i] = out
        return out

    def moves(self, i: int, owner: str, other: _End, earlier: dict | None = None,
              wanted: tuple[str, int | None] | None = None
              ) -> list[tuple[tuple[str, _End], float, str, int | None]]:
        """The ways to read unit i while `owner`'s column is read and the other article's last
        piece is `other` (`earlier`: each article's piece before its last one, see
        earlier_pieces): (next state, gain, move, split point). With `wanted` (a move and its
        split point), only that way, at any split point the line allows (for scoring a
        given reading)."""
        earlier = earlier or {}
        want = wanted[0] if wanted else None
        unit = self.units[i]
        # (the second article's first unit follows its title: nothing to join it to)
        mine_prev, mine_cut = (self.units[i - 1], self.ends[i - 1]) if i > 0 else (None, "end")
        flip = "A" if owner == "B" else "B"
        mine_before, other_before = earlier.get(owner), earlier.get(flip)
        voc = self.vocab(i)
        other_unit, other_cut = self.end_text(other), self.end_kind(other)
        out: list[tuple[tuple[str, _End], float, str, int | None]] = []
        # 1. the same column goes on
        if want in (None, "stay"):
            out.append(((owner, other),
                        self.j.pair(mine_prev, mine_cut, unit, mine_before) + (voc if owner == "A" else 0.0),
                        "stay", None))
        # 2. the other article's column starts with this unit
        start = self.stop_of(other)
        if i > 0 and want in (None, "switch"):
            gain = self.j.pair(other_unit, other_cut, unit, other_before) + (voc if flip == "A" else 0.0) - SWITCH \
                - self.column_fill(start, self.cum[i], mine_cut) - self.column_resumed(other, unit) \
                + self.resumed_line_end(other, unit.text)
            out.append(((flip, _End(i - 1, None, start)), gain, "switch", None))
        # 3. this line holds the end of my column and the start of the other's
        if other_cut != "end" and len(unit.text) >= 2 * SPLIT_MIN + 4 and want in (None, "split"):
            maybe = W.maybe if other_cut == "maybe" else 0.0
            for indent, joined in self.head_readings(mine_prev, mine_cut, unit, mine_before):
                points = self.split_points(i, other_unit, flip, start, indent) if wanted is None \
                    else self.split_point_at(i, other_unit, flip, indent, wanted[1])
                for js, k in points:
                    gain = joined + js - SWITCH - SPLIT - maybe - self.column_fill(start, self.cum[i] + k, "cut") \
                        + self.resumed_line_end(other, unit.text[k:])
                    out.append(((flip, _End(i, k, start, indent)), gain, "split", k))
        # 4. this line holds a whole column of the other article, and my column resumes
        #    (the other's column opens a paragraph when its last piece ended one)
        if i > 0 and mine_cut != "end" and len(unit.text) >= 2 * SPLIT_MIN + 4 and want in (None, "bounce"):
            head_start = self.cum[i]
            head_indent = INDENT if other_cut == "end" else 0
            enter = self.j.pair(other_unit, other_cut, unit, other_before) \
                - self.column_fill(start, head_start, mine_cut) \
                - self.column_resumed(other, unit) - 2 * SWITCH - SPLIT + self.resumed_line_end(other, unit.text)
            fill = self._head_fill(i, head_start, head_indent)
            points = self.split_points(i, mine_prev, owner, head_start, head_indent) if wanted is None \
                else self.split_point_at(i, mine_prev, owner, head_indent, wanted[1])
            for js, k in points:
                out.append(((owner, _End(i, k, head_start, head_indent)), enter + js - fill(k), "bounce", k))
        if self.second_ends is not None:
            out = [o for o in out if self._within_second(i, o[0][0], o[2])]
        return out

    def _within_second(self, i: int, owner: str, move: str) -> bool:
        """A way to read unit i that keeps the second article's text before `second_ends`
        and ends it right there."""
        if i >= self.second_ends:
            return owner == "A" and move in ("stay", "switch")
        return owner == "B" if i == self.second_ends - 1 else True

    def head_readings(self, prev: Unit | None, prev_end: str, unit: Unit,
                      context: Unit | None = None) -> list[tuple[int, float]]:
        """(indent of `unit`'s first line, how well it follows `prev`) for each way to read
        `prev`: after a short unterminated line read as a subheading, `unit` opens an
        indented paragraph; after one read as the first half of a cut sentence, it carries
        on the line unindented. (Earlier version: one reading, unindented, so a split after a
        subheading was measured two characters off its line's end.)"""
        if prev is None:
            return [(INDENT, 0.0)]
        if prev_end == "maybe":
            return [(INDENT, self.j.pair(prev, "end", unit, context)),
                    (0, self.j.pair(prev, "cut", unit, context) - W.maybe)]
        return [(INDENT if prev_end == "end" else 0, self.j.pair(prev, prev_end, unit, context))]

    def final(self, owner: str, other: _End, path) -> float:
        """What the end of a reading adds: an article does not end on a cut, and the first
        article's column ends last (side by side, the longer text runs on below the
        shorter, and its closing lines follow it)."""
        score = -W.ends_on_cut * ((self.ends[-1] != "end") + (self.end_kind(other) != "end"))
        if owner == "B" and other.index >= 0:
            score -= LAST_COLUMN
        return score - self.longer_second(path)

    def best(self):
        """The best reading over the candidate layouts: line widths and column heights (see
        line_widths and column_heights)."""
        results = []
        for layout in self.layouts or [(None, None)]:
            self.width, self.lines_per_column = layout
            score, path = self._best()
            results.append((score, path, layout))
        self.layout_scores = [(score, layout) for score, _, layout in results]
        score, path, (self.width, self.lines_per_column) = max(results, key=lambda r: r[0])
        return score, path

    def earlier_at_start(self) -> dict:
        """Each article's piece before its last one before the first unit is read: the
        first article's last but one (the second has no piece yet)."""
        return {"A": self.first_body[-2]} if len(self.first_body) > 1 else {}

    def earlier_pieces(self, earlier: dict, i: int, key, move: str) -> dict:
        """Each article's piece before its last one, once unit i is read with `move` from
        state `key` (for coherence: a short last piece is read with the one before it)."""
        owner, other = key
        flip = "A" if owner == "B" else "B"
        mine_last = self.units[i - 1] if i > 0 else None
        out = dict(earlier)
        if move in ("stay", "split", "bounce") and mine_last is not None:
            out[owner] = mine_last
        if move in ("switch", "split", "bounce"):
            out[flip] = self.end_text(other)
        return out

    def _heights_for(self, width: int) -> list[int]:
        self.width = width
        return self.column_heights(self.first_body)

    def _best(self):
        """Dynamic programming over (unit, owner, the other article's last piece)."""
        layers: list[dict] = [{("B", _End(-1)): (0.0, None, self.earlier_at_start())}]  # before the first unit
        for i in range(len(self.units)):
            layer: dict = {}
            for key, (score, _, earlier) in layers[-1].items():
                for new_key, gain, move, k in self.moves(i, *key, earlier):
                    _keep(layer, new_key, score + gain, (key, move, k),
                          lambda: self.earlier_pieces(earlier, i, key, move))
            if len(layer) > BEAM:
                layer = dict(sorted(layer.items(), key=lambda kv: -kv[1][0])[:BEAM])
            layers.append(layer)
        finals = []
        for (owner, other), (score, _, _) in layers[-1].items():
            path = self._walk_back(layers, (owner, other))
            finals.append((score + self.final(owner, other, path), path))
        if not finals:
            return -math.inf, None
        return max(finals, key=lambda fp: fp[0])

    def grid_reading(self):
        """(score, reading) of the best reading a column grid allows (see column_grid), the
        text choosing among the grid's readings (their cost weighed against it); None when no
        grid explains the page, and the reader then reads by the text alone."""
        if self._grid_found is None:
            first = [_grid_piece(u, ending(u)) for u in self.first_body]
            units = [_grid_piece(u, e) for u, e in zip(self.units, self.ends)]
            self._grid_pieces = first + units
            self._grid_found = [r for layout in column_grid.layouts(first)
                                for r in column_grid.readings(first, units, *layout, self.second_ends)]
        found = self._grid_found
        self.layout_known, self.grid_choice = bool(found), None
        floor = min((r.cost for r in found), default=0)
        scored, seen = [], set()
        for r in found:
            if r.cost > floor + GRID_SLACK or r.path in seen:
                continue
            seen.add(r.path)
            self.width, self.lines_per_column = r.width, r.height
            score = self.score_of(list(r.path))[0]
            if score > -math.inf:  # (a reading the text forbids: a split inside a word's mark)
                scored.append((score - GRID_COST * r.cost, list(r.path), r))
        if not scored:
            self.layout_known = False
            self.set_widths(line_widths(self.feet))  # (as the page's feet show them)
            return None
        score, path, self.grid_choice = max(scored, key=lambda s: s[0])
        self.set_layout((self.grid_choice.width, self.grid_choice.height))
        return score, path

    def mark_grid_cuts(self) -> None:
        """Where a grid read the page, it has set every short unterminated line: as cut text
        (a column's foot, or a paragraph the text layer broke) or as a subheading."""
        if self.grid_choice is None:
            return
        for k, (unit, piece) in enumerate(zip(self.first_body + self.units, self._grid_pieces)):
            if piece.shape != "maybe":
                continue
            if k in self.grid_choice.cuts:
                unit.read_as_cut = True
            else:
                unit.read_as_cut = False

    def score_of(self, path) -> tuple[float, list[str]]:
        """The score of a given reading (a grid's, or one to diagnose), step by step."""
        key, total, steps = ("B", _End(-1)), 0.0, []
        earlier = self.earlier_at_start()
        for i in range(len(self.units)):
            owner, move, k = path[i]
            match = [(nk, g) for nk, g, m, kk in self.moves(i, *key, earlier, wanted=(move, k))
                     if m == move and kk == k and nk[0] == owner]
            if not match:
                steps.append(f"{i}: no move {move} {k} from {key}")
                return -math.inf, steps
            earlier = self.earlier_pieces(earlier, i, key, move)
            key, gain = max(match, key=lambda kg: kg[1])
            total += gain
            steps.append(f"{i}: {move} {gain:+.2f}")
        end = self.final(*key, path)
        steps.append(f"final {end:+.2f}")
        return total + end, steps

    def longer_second(self, path) -> float:
        """Columns of equal capacity read in turns, the first article's last: the second
        article holds less text than the first."""
        a = self.column
        b = 0
        prev = "B"
        for unit, (owner, move, k) in zip(self.units, path):
            n = len(unit.text)
            if move in ("split", "bounce"):
                head_owner, _ = _piece_owners(prev, owner, move)
                head, tail = k, n - k
                a, b = a + (head if head_owner == "A" else 0) + (tail if owner == "A" else 0), \
                    b + (head if head_owner == "B" else 0) + (tail if owner == "B" else 0)
            elif owner == "A":
                a += n
            else:
                b += n
            prev = owner
        if a == self.column or b <= a:  # (read straight through: no claim on the layout)
            return 0.0
        return LONGER_SECOND * min(1.0, (b - a) / max(1, a)) + LONGER_SECOND

    @staticmethod
    def _walk_back(layers, key):
        path: list[tuple[str, str, int | None]] = []
        for i in range(len(layers) - 1, -1, -1):
            score, back, _ = layers[i][key]
            if back is None:
                break
            prev_key, move, k = back
            path.append((key[0], move, k))
            key = prev_key
        path.reverse()
        return path

    def apply(self, path):
        """(pieces of the first article, pieces kept by the second, the heads of split
        lines: each ends a column) from a reading."""
        moved: list[Unit] = []
        kept: list[Unit] = []
        heads: list[Unit] = []
        owner_of_prev = "B"
        for i, (owner, move, k) in enumerate(path):
            unit = self.units[i]
            if move in ("split", "bounce"):
                head, tail = _split_unit(unit, k)
                heads.append(head)
                head_owner, _ = _piece_owners(owner_of_prev, owner, move)
                (moved if head_owner == "A" else kept).append(head)
                (moved if owner == "A" else kept).append(tail)
            else:
                (moved if owner == "A" else kept).append(unit)
            owner_of_prev = owner
        return moved, kept, heads


def _grid_piece(unit: Unit, end: str) -> column_grid.Piece:
    """The unit as the grid sees it (`end`: how it ends, see ending)."""
    return column_grid.Piece(unit.text, "heading" if shapes.is_numbered_heading(unit.text) else end)


def _piece_owners(previous: str, owner: str, move: str) -> tuple[str, str]:
    """Who owns the head and the tail of a line read with `move`: a split line ends the
    previous owner's column and starts the other's; a bounced line holds a whole column of
    the other article between two of the owner's."""
    if move == "bounce":
        return ("A" if owner == "B" else "B"), owner
    if move == "split":
        return previous, owner
    return owner, owner


def _keep(layer: dict, key, score: float, back, earlier) -> None:
    """Keep the best way into each state (with what `earlier()` says it leaves behind)."""
    old = layer.get(key)
    if old is None or score > old[0]:
        layer[key] = (score, back, earlier())


def _split_unit(unit: Unit, k: int) -> tuple[Unit, Unit]:
    head = Unit(unit.raw, list(unit.spans), unit.text[:k], unit.markdown_heading, unit.kind, dict(unit.info),
                unit.read_as_cut)
    tail = Unit("", list(unit.spans), unit.text[k:], False, unit.kind, {"split_from": unit.first_line})
    return head, tail
