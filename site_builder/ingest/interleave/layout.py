"""The columns' layout as the text reading weighs it: columns side by side have one height,
so a column that stops in mid-sentence holds as many lines as the first article's first
column (when the page shows its line width) or about as much text, and a glued line
splits where a line ends.

A `Layout` is one candidate (line width, lines per column); `Columns` measures the
stream's text under it. Every penalty is in nats, on the junctions' scale.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from site_builder.ingest.column_grid import INDENT, Step, lines_of
from site_builder.ingest.interleave.junctions import Ending, ending
from site_builder.ingest.interleave.stream import End, Stream
from site_builder.ingest.lines import Unit
from site_builder.ingest.reflow import heading_candidate

LINE_END = 4.0  # nats for a glued line split where the column's last line ends (a character off: a quarter)
COLUMN_FIT = 30.0  # nats per column-length of deviation from the measured column, beyond the band
ONE_LINE_OFF = 2.0  # nats for a column a line longer or shorter than the first (a line's end moved to a sentence)
RUN_OF_COLUMNS = 8.0  # nats for each further column in one article's run
COLUMN_LINE_FIT = 6.0  # nats per line more or less than the first column's, beyond one
COLUMN_BAND = 0.2  # columns side by side hold this much more or less text than each other, freely
LOOSE_BAND = 0.35  # … than a first column that ends on a complete sentence (it may have closed early)
HEIGHT_CANDIDATES = 3  # column heights tried when the first column ends on a whole sentence
# marks a typesetter never puts at a line's start: sentence and clause marks and closing
# brackets and quotes (shapes.BRACKET_CLOSERS holds the closing brackets and quotes alone)
NEVER_OPENS_A_LINE = "，、。；：？！…）》」』】”’,.;:?!)"


@dataclass(frozen=True)
class Layout:
    """One candidate layout of the page's columns (0: not known)."""

    width: int = 0  # characters on a column's line
    lines_per_column: int = 0
    placed_by_grid: bool = False  # a grid has placed every column: the reading weighs the text only


NO_LAYOUT = Layout()


@dataclass(frozen=True)
class Columns:
    """The stream's text measured in the lines and columns of one layout."""

    stream: Stream
    layout: Layout

    @property
    def band(self) -> float:
        # a first column that stops in mid-sentence was full: it measures the capacity well
        return COLUMN_BAND if self.stream.a_ending == "cut" else LOOSE_BAND

    def lines(self, n: int, indent: int) -> int:
        return lines_of(n, indent, self.layout.width)

    def piece_lines(self, n: int, opens_paragraph: bool, subheading: bool) -> int:
        """Lines a piece of n characters fills: a paragraph's opening line is indented, and a
        subheading (not at the column's foot) takes a line of space more."""
        return self.lines(n, INDENT if opens_paragraph else 0) + (1 if subheading else 0)

    def lines_between(self, start: int, stop: int) -> int:
        """Lines the stream's text from `start` to `stop` fills as one column: a paragraph
        opens with an indented line and ends with a line of its own; a subheading (a short
        unterminated line with text after it) is not indented, takes a line of space more,
        and the paragraph after it opens indented."""
        s = self.stream
        total, pos, after_heading = 0, start, False
        j = bisect.bisect_right(s.cum, start) - 1
        while pos < stop and j < len(s.units):
            unit_end = s.cum[j + 1]
            seg_end = min(unit_end, stop)
            whole_start = pos == s.cum[j]
            heading = whole_start and seg_end == unit_end < stop and s.ends[j] == "maybe"
            total += self.piece_lines(seg_end - pos, whole_start and not heading
                                      and (s.opens_paragraph[j] or after_heading), heading)
            pos, j, after_heading = seg_end, j + 1, heading
        return total

    def off_line_end(self, n: int) -> int:
        """How many characters n characters (the indent included) stand off the nearest end
        of a line."""
        off = n % self.layout.width
        return min(off, self.layout.width - off)

    def fills_last_line(self, k: int, start: int) -> bool:
        """Unit k (in a column begun at `start`) fills its last line, or a character off it:
        a piece cut at a column's foot ran to the end of the column's last line."""
        cum = self.stream.cum
        n = cum[k + 1] - max(start, cum[k])
        indent = INDENT if start <= cum[k] and self.stream.opens_paragraph[k] else 0
        return self.off_line_end(n + indent) <= 1

    def whole_columns(self, lines: int) -> float:
        """Penalty for a run of one article's text that should fill whole columns: a run of
        several columns happens where the other article has run out, and costs a little."""
        height = self.layout.lines_per_column
        columns = max(1, round(lines / height))
        off = abs(lines - columns * height)
        return COLUMN_LINE_FIT * max(0, off - 1) + (ONE_LINE_OFF if off else 0.0) + RUN_OF_COLUMNS * (columns - 1)

    def column_fill(self, start: int, stop: int, ending_kind: Ending) -> float:
        """Penalty for a column that ended (the reading switched away) holding text from
        `start` to `stop`. Side by side columns have one height: a column that stops in
        mid-sentence stopped because its space ran out, so it holds as many lines as the
        first article's first column (when the page shows its line width), or about as much
        text; far less or far more means the reading is wrong."""
        if self.layout.placed_by_grid:
            return 0.0
        if ending_kind == "end" or self.stream.column <= 0:
            return 0.0
        if self.layout.lines_per_column:
            return self.whole_columns(self.lines_between(start, stop))
        ratio = (stop - start) / self.stream.column
        return COLUMN_FIT * max(0.0, abs(ratio - 1) - self.band)

    def column_resumed(self, previous: End, nxt: Unit) -> float:
        """Penalty when an article's column that ended on a complete sentence is followed by
        another of its columns: it was not its last, so it was full (a column closes
        early only before a subheading, which is never split from its text)."""
        s, height, band = self.stream, self.layout.lines_per_column, self.band
        if self.layout.placed_by_grid:
            return 0.0
        if previous.index < 0 or s.column <= 0 or s.end_kind(previous) == "cut":
            return 0.0
        if height:
            lines = self.lines_between(previous.column_start, s.stop_of(previous))
            slack = 1 + (self.lines(len(nxt.text), 0) + 3 if heading_candidate(nxt) else 0)
            if lines + slack < height:
                return COLUMN_LINE_FIT * (height - lines - slack)
            return self.whole_columns(lines) if lines > height else 0.0
        ratio = (s.stop_of(previous) - previous.column_start) / s.column
        if ratio > 1 + band:
            return COLUMN_FIT * (ratio - 1 - band)
        if ratio < 1 - 2 * band and not heading_candidate(nxt):
            return COLUMN_FIT * (1 - 2 * band - ratio)
        return 0.0

    def line_end(self, k: int, indent: int) -> float:
        """Evidence that a column's last line ends k characters into a piece opened with
        `indent`: the piece then fills whole lines."""
        if self.layout.placed_by_grid or not self.layout.width:
            return 0.0
        off = self.off_line_end(k + indent)
        return LINE_END if off == 0 else (LINE_END / 4 if off == 1 else 0.0)

    def resumed_line_end(self, head: End, continuation: str) -> float:
        """What the text that resumes a split head's article adds to its line-end evidence.
        A line may not open with a comma or a full stop: where the column's last line would
        end just before one, the typesetter pushes the line's last character down to the
        next line, and the head stops a character short of the line's end. That is the
        place's own evidence once the continuation shows the mark second (line_end could
        count it only as a near miss while the continuation was unknown)."""
        if self.layout.placed_by_grid or not self.layout.width or head.split is None:
            return 0.0
        if len(continuation) < 2 or continuation[1] not in NEVER_OPENS_A_LINE:
            return 0.0
        if (head.split + head.indent + 1) % self.layout.width == 0:
            return LINE_END - LINE_END / 4
        return 0.0

    def full_column_at(self, i: int, start: int, indent: int) -> int | None:
        """How many characters into unit i the column begun at `start` fills its last line
        (its first line opened with `indent`), when the page shows its lines. The split
        points here and a character either side (a mark pushed down, or squeezed in) are
        always read in full, whatever the text alone says of them."""
        if not self.layout.lines_per_column or start > self.stream.cum[i]:
            return None
        room = self.layout.lines_per_column - self.lines_before(i, start, indent)
        return room * self.layout.width - indent if room > 0 else None

    def lines_before(self, i: int, start: int, indent: int) -> int:
        """Lines the column begun at `start` fills before unit i (whose first line opens
        with `indent`)."""
        cum = self.stream.cum
        base = self.lines_between(start, cum[i]) if start < cum[i] else 0
        if start < cum[i] and i > 0 and self.stream.ends[i - 1] == "maybe" and indent:
            base += 1  # (read as a subheading: its line of space, as lines_between counts it)
        return base

    def head_fill(self, i: int, start: int, indent: int) -> Callable[[int], float]:
        """column_fill for the column begun at `start` and closed k characters into unit i
        (its first line opened with `indent` when the column begins with unit i), as a
        function of k (the lines before unit i counted once)."""
        head_start = self.stream.cum[i]
        if not self.layout.lines_per_column or start > head_start:
            return lambda k: self.column_fill(start, head_start + k, "cut")
        base = self.lines_before(i, start, indent)
        return lambda k: self.whole_columns(base + self.lines(k, indent))

    def column_feet(self, path: Sequence[Step]) -> list[int]:
        """Units that end a column inside a run of one article's text (its columns follow
        each other once the other article has run out): where the run has filled a column's
        lines, when the page shows them."""
        height, cum = self.layout.lines_per_column, self.stream.cum
        if not height:
            return []
        feet: list[int] = []
        start = 0
        for k, step in enumerate(path):
            if step.move in ("switch", "split", "bounce") and k > 0:
                start = cum[k] + (step.split or 0)
            if k + 1 < len(path) and path[k + 1].move != "stay":
                continue
            lines = self.lines_between(start, cum[k + 1])
            if lines >= height:
                # (past it, the column ended inside this unit; a unit that does not fill its
                # last line stopped short: a subheading that moved to the next column's top)
                if lines == height and self.fills_last_line(k, start):
                    feet.append(k)
                start = cum[k + 1]
        return feet


def column_heights(stream: Stream, width: int) -> list[int]:
    """How many lines a column of `width` characters a line may hold. The first article's
    first column, when it stops in mid-sentence, was full: its lines are the height.
    Otherwise the height is one of the first column's, or the second article's first column
    ending at one of its first cut pieces (a column begins the stream); the reading picks
    the best."""
    columns = Columns(stream, Layout(width))
    first = first_column_lines(columns, stream.first_body)
    if stream.a_ending != "end":
        return [first]
    heights = [first]
    for k, e in enumerate(stream.ends[:-1]):
        if e != "end":
            heights.append(columns.lines_between(0, stream.cum[k + 1]))
        if len(heights) > HEIGHT_CANDIDATES:
            break
    return sorted(set(heights), key=heights.index)


def first_column_lines(columns: Columns, body: list[Unit]) -> int:
    """Lines the first article's first column fills."""
    total, after_heading = 0, False
    for k, unit in enumerate(body):
        heading = k < len(body) - 1 and ending(unit) == "maybe"
        opens_para = not heading and (k == 0 or after_heading or ending(body[k - 1]) == "end")
        total += columns.piece_lines(len(unit.text), opens_para, heading)
        after_heading = heading
    return total


def layouts_for(stream: Stream, widths: list[int]) -> list[Layout]:
    """Every layout the widths allow: each with the column heights it implies."""
    return [Layout(w, h) for w in widths for h in column_heights(stream, w)]
