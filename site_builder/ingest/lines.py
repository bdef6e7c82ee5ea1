"""The line model: raw lines -> units (one printed paragraph, title, byline … each).

A page separates paragraphs with blank lines, or hard-wraps them at a column width with
no blank line between. A unit remembers the raw lines it came from (LineSpan list) and
its raw text, so nothing it holds can be lost on the way to an article.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from site_builder.ingest import metadata
from site_builder.model import LineSpan

# what opens an indented line of a raw page (the layout's indent, two characters, is
# column_grid.INDENT)
INDENT_MARKS = ("\u3000\u3000", "  ", "\t")
# a wrapped line runs to the column edge; a paragraph's last line stops short of it
FULL_LINE_SHARE = 0.8
# a text layer wraps every line of a column at its width: lines this close to the usual
# length (a share of it; half-width digits and Latin letters make a line a little longer)
# count as wrapped, and a page where fewer than half of the lines inside groups are is not
# wrapped at all but prints a paragraph a line with no blank line between (their lengths
# scatter from a few characters to several hundred)
WIDTH_TOLERANCE = 0.15
WRAPPED_SHARE = 0.5


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


def units_from_lines(lines: list[str]) -> list[Unit]:
    """Group raw lines into units: blank lines separate them, hard-wrapped lines are rejoined."""
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
    width = _wrap_width(groups)
    units: list[Unit] = []
    for group in groups:
        units.extend(_unwrap(group, width))
    return units


def _wrap_width(groups: list[list[tuple[int, str]]]) -> int:
    """The column width of hard-wrapped lines: the usual length of lines inside multi-line
    groups; 0 when the page is not wrapped (most of those lines are far from any one width)."""
    lengths = sorted(len(line.strip()) for g in groups if len(g) > 1 for _, line in g[:-1])
    if not lengths:
        return 0
    width = lengths[int(len(lengths) * 0.75)]
    near = sum(1 for length in lengths if abs(length - width) <= WIDTH_TOLERANCE * width)
    return width if near >= WRAPPED_SHARE * len(lengths) else 0


def _unwrap(group: list[tuple[int, str]], width: int) -> list[Unit]:
    units: list[Unit] = []
    piece: list[tuple[int, str]] = []
    for number, line in group:
        starts_paragraph = line.startswith(INDENT_MARKS) or (bool(piece) and _closing_lines(piece[-1][1], line))
        if piece and (starts_paragraph or not _runs_to_edge(piece[-1][1], width)):
            units.append(_unit(piece))
            piece = []
        piece.append((number, line))
    if piece:
        units.append(_unit(piece))
    return units


def _runs_to_edge(line: str, width: int) -> bool:
    return width > 0 and len(line.strip()) >= FULL_LINE_SHARE * width


def _closing_lines(line: str, following: str) -> bool:
    """Two closing lines (author units, reprint lines) printed one under the other: each is
    a unit of its own, however long the first (two articles' footers set together at the
    page foot are never one unit). A closing line wrapped in two never reads as two: its
    second line opens with no lead-in of its own."""
    return _is_closing_line(following.strip()) and _is_closing_line(line.strip())


def _is_closing_line(text: str) -> bool:
    return bool(metadata.parse_affiliation(text) or metadata.parse_source(text))


def _unit(piece: list[tuple[int, str]]) -> Unit:
    raw = "\n".join(line for _, line in piece)
    return Unit(raw, [LineSpan(piece[0][0], piece[-1][0])])
