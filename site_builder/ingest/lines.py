"""The line model: raw lines -> units (one printed paragraph, title, byline … each).

A page separates paragraphs with blank lines, or hard-wraps them at a column width with
no blank line between (where one line ends a unit: wrapping.py). A unit remembers the raw
lines it came from (LineSpan list) and its raw text, so nothing it holds can be lost on the
way to an article.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from site_builder.ingest.wrapping import Wrapping
from site_builder.model import LineSpan

@dataclass
class Unit:
    raw: str  # the raw text, lines joined with "\n"
    spans: list[LineSpan]
    text: str = ""  # cleaned text (set by typography)
    markdown_heading: bool = False
    kind: str = "text"  # text | source | affiliation | byline | label | kicker | furniture | bullet
    info: dict = field(default_factory=dict)  # what classification parsed out of it
    # set by de-interleaving: the reading took this short unterminated line as the first half
    # of a cut sentence (a column's foot), so reflow must not read it as a subheading
    read_as_cut: bool = False
    # set by segmentation: an unmarked line of names between two passages of text, taken for
    # the byline of an article read in turns with another until de-interleaving confirms it
    names_between_columns: bool = False
    # set by the list of contents: the line prints a title the page's list names
    listed: bool = False
    # set by the pull quotes' removal: a quote's box stood right under this line
    over_pull_quote: bool = False

    @property
    def first_line(self) -> int:
        return self.spans[0].first

    def joined_with(self, other: "Unit", text: str) -> "Unit":
        return Unit(self.raw + "\n" + other.raw, merge_spans(self.spans + other.spans), text,
                    self.markdown_heading, self.kind, dict(self.info), self.read_as_cut)


def merge_spans(spans: list[LineSpan]) -> list[LineSpan]:
    """Sorted, with touching or overlapping spans merged."""
    out: list[LineSpan] = []
    for span in sorted(spans, key=lambda s: (s.first, s.last)):
        if out and span.first <= out[-1].last + 1:
            out[-1] = LineSpan(out[-1].first, max(out[-1].last, span.last))
        else:
            out.append(span)
    return out


def split_lines(text: str) -> list[str]:
    return text.split("\n")


def units_from_lines(lines: list[str], printed: list[str] | None = None) -> list[Unit]:
    """Group raw lines into units: blank lines separate them, hard-wrapped lines are rejoined.
    `printed`: the lines as the page printed them, where they differ (a glyph the text
    layer lost counts as the character it was): where a unit ends is read from those."""
    measured = printed or lines
    groups: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            current.append((number, line))
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    wrapping = Wrapping.of([[(number, measured[number - 1]) for number, _ in group] for group in groups])
    units: list[Unit] = []
    for group in groups:
        units.extend(_unwrap(group, wrapping, measured))
    return units


def _unwrap(group: list[tuple[int, str]], wrapping: Wrapping, measured: list[str]) -> list[Unit]:
    units: list[Unit] = []
    piece: list[tuple[int, str]] = []
    for number, line in group:
        if piece and wrapping.breaks_between([measured[k - 1] for k, _ in piece], measured[number - 1]):
            units.append(_unit(piece))
            piece = []
        piece.append((number, line))
    if piece:
        units.append(_unit(piece))
    return units


def _unit(piece: list[tuple[int, str]]) -> Unit:
    raw = "\n".join(line for _, line in piece)
    return Unit(raw, [LineSpan(piece[0][0], piece[-1][0])])


def next_index(units: list[Unit], i: int, skip: tuple[str, ...]) -> int | None:
    """The next unit after unit i whose kind is not in `skip`."""
    for j in range(i + 1, len(units)):
        if units[j].kind not in skip:
            return j
    return None


def prev_index(units: list[Unit], i: int, skip: tuple[str, ...]) -> int | None:
    """The last unit before unit i whose kind is not in `skip`."""
    for j in range(i - 1, -1, -1):
        if units[j].kind not in skip:
            return j
    return None
