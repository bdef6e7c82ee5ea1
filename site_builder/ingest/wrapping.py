"""Where a hard-wrapped page's lines end their units: a text layer gives a column's printed
lines, and a paragraph, a title or a byline is one or more of them.

A line that runs to the column's edge goes on in the next; one that stops short ends its
paragraph. A justified column says more: its full lines hold the same number of characters,
so on a page whose text layer keeps neither blank lines nor indents (the paragraphs' ends
are then inside the groups of lines) a line is full or not to the character, and the lines
that open something of their own (a closing line, a numbered subheading, a byline of names
under a title as wide as the column) are told by their form. Where the paragraphs open
indented and no blank line parts them, a subheading stands flush between two paragraphs,
and the same forms tell it from a paragraph's last line.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from site_builder.ingest import closing, heading_forms, lexicon, metadata, shapes

# what opens an indented line of a raw page (the layout's indent, two characters, is
# column_grid.INDENT)
INDENT_MARKS = ("\u3000\u3000", "  ", "\t")
INDENT = 2  # the places an indent takes
# a wrapped line runs to the column edge; a paragraph's last line stops short of it
FULL_LINE_SHARE = 0.8
# a text layer wraps every line of a column at its width: lines this close to the usual
# length (a share of it; half-width digits and Latin letters make a line a little longer)
# count as wrapped, and a page where fewer than half of the lines inside groups are is not
# wrapped at all but prints a paragraph a line with no blank line between (their lengths
# scatter from a few characters to several hundred)
WIDTH_TOLERANCE = 0.15
WRAPPED_SHARE = 0.5
# a typeset column is justified: its full lines hold the same number of characters, give
# or take one (a closing mark squeezed in, a character carried down so that no line opens
# on punctuation; half-width digits only make a line hold more). That usual length shows
# even where most lines are not full (short paragraphs in a wide column, a paragraph's last
# line, titles and bylines set in the same text flow): a share of the lines within one
# character of one length, at least a column's narrowest width. On such a page a line two
# characters short of the edge ends its paragraph, and so does one a character short that
# ends a sentence: the one sign left where the text layer keeps neither blank lines nor
# indents. Justified: of the lines within a few characters of the usual length, most are
# within one.
JUSTIFIED_SLACK = 1
JUSTIFIED_LINE_SHARE = 0.3
JUSTIFIED_NEAR = 3
JUSTIFIED_SHARE = 0.8
COLUMN_MIN = 10
# a column holds no line much longer than its width: a page where more lines are is no
# column (a paragraph a line, its headings of one length)
WIDER_SHARE = 0.1
# blank lines part the paragraphs unless this many paragraphs' ends stand inside a group
ENDS_INSIDE_MIN = 2
INDENTED_MIN = 2
# the longest line of names alone that opens a unit of its own (two names of four characters
# and a space)
NAMES_LINE_MAX = 9
_NAMES = re.compile(r"[\u4e00-\u9fff·]+(?:[ \u3000]+[\u4e00-\u9fff·]+)*")
CLAUSE_MARKS = "，、；：,;:"
# the closing marks a typesetter squeezes in at a full line's end (never a line's first)
_SQUEEZED = tuple("，。、；：！？”’）》」』…,.;:!?)")
# the marks a typesetter keeps off a line's end (and a dash's or an ellipsis's halves together)
_KEPT_DOWN = tuple("“‘（《「『【〔([—…")
_SPACE = re.compile(r"\s")
_MD_HEADING = re.compile(r"\s*#{1,6}\s")  # a Markdown copy's heading line
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff”’]")

Groups = list[list[tuple[int, str]]]


@dataclass(frozen=True)
class Wrapping:
    """A page's wrapping: its column width (0: not wrapped), the length of a justified
    column's full lines (0: not justified), whether its paragraphs' ends show in nothing
    but their lines (flowing: neither blank lines nor indents part them), and whether its
    paragraphs open indented."""

    width: int
    edge: int
    flowing: bool = False
    indented: bool = False  # its paragraphs open indented (a subheading stands flush)

    @classmethod
    def of(cls, groups: Groups) -> "Wrapping":
        width = _wrap_width(groups)
        edge = _justified_edge(groups, width)
        return cls(width, edge, edge > 0 and _flowing(groups, edge), edge > 0 and _indented(groups))

    def breaks_between(self, piece: list[str], line: str) -> bool:
        """Does a unit end between the lines of a unit in the making and the next line of
        its group? (A bracketed piece that closes with its last line, （作者单位：…|…）, ends
        there, however wide that line.)"""
        above = piece[-1]
        return _opens_unit(line, above, self.edge, self.flowing or self.indented) \
            or not _runs_to_edge(above, self.width, self.edge, self.flowing) \
            or (self.flowing and _short_with_nothing_carried(above, line, self.edge)) \
            or (self.edge > 0 and len(piece) == 1 and _heading_at_edge(above, line, self.edge)) \
            or (len(piece) > 1 and piece[0].lstrip().startswith(("（", "("))
                and _bracketed_whole("".join(part.strip() for part in piece)))


def _wrap_width(groups: Groups) -> int:
    """The column width of hard-wrapped lines: the usual length of lines inside multi-line
    groups (or a justified page's full length); 0 when the page is not wrapped (most of
    those lines are far from any one width)."""
    lengths = _inner_lengths(groups)
    if not lengths:
        return 0
    width = sorted(lengths)[int(len(lengths) * 0.75)]
    near = sum(1 for length in lengths if abs(length - width) <= WIDTH_TOLERANCE * width)
    if near >= WRAPPED_SHARE * len(lengths):
        return width
    usual = _usual_length(lengths)
    justified = _within(lengths, usual, JUSTIFIED_SLACK) >= JUSTIFIED_LINE_SHARE * len(lengths)
    wider = sum(1 for length in lengths if length > (1 + WIDTH_TOLERANCE) * usual)
    return usual if justified and usual >= COLUMN_MIN and wider <= WIDER_SHARE * len(lengths) else 0


def _justified_edge(groups: Groups, width: int) -> int:
    """The length of a justified page's full lines (0: not justified)."""
    if not width:
        return 0
    lengths = _inner_lengths(groups)
    usual = _usual_length(lengths)
    near = _within(lengths, usual, JUSTIFIED_SLACK)
    return usual if near >= JUSTIFIED_SHARE * _within(lengths, usual, JUSTIFIED_NEAR) else 0


def _flowing(groups: Groups, edge: int) -> bool:
    """Do the paragraphs' ends show in nothing but their lines? Not where they are indented,
    nor where blank lines part them (then no paragraph's end stands inside a group)."""
    if any(line.startswith(INDENT_MARKS) for g in groups for _, line in g):
        return False
    ends_inside = sum(1 for g in groups for _, line in g[:-1]
                      if _set_length(line) < edge - JUSTIFIED_SLACK and _complete(line))
    return ends_inside >= ENDS_INSIDE_MIN


def _indented(groups: Groups) -> bool:
    """Do the page's paragraphs open indented? (Two indented lines at least: one may be a
    stray space.)"""
    return sum(1 for g in groups for _, line in g if line.startswith(INDENT_MARKS)) >= INDENTED_MIN


def _inner_lengths(groups: Groups) -> list[int]:
    """The lengths of lines that another line of their group follows."""
    return [_set_length(line) for g in groups for _, line in g[:-1]]


def _set_length(line: str) -> int:
    """The line's length as set in its column: a paragraph's indent takes two places."""
    return len(line.strip()) + (INDENT if line.startswith(INDENT_MARKS) else 0)


def _usual_length(lengths: list[int]) -> int:
    """The commonest length (the longer on a tie)."""
    counts = Counter(lengths)
    return max(counts, key=lambda n: (counts[n], n))


def _within(lengths: list[int], length: int, slack: int) -> int:
    return sum(1 for n in lengths if abs(n - length) <= slack)


def _opens_unit(line: str, above: str, edge: int, marked_by_lines: bool) -> bool:
    """Does the line open a unit of its own, whatever the line above? (A page number alone,
    第 3 页 共 9 页, is a unit of its own on either side: a page's foot between two lines.
    `marked_by_lines`: no blank line parts the units, so a subheading or the next title
    follows a paragraph's last line directly.)"""
    if line.startswith(INDENT_MARKS) or line.lstrip().startswith(tuple(metadata.MARKERS)) or _MD_HEADING.match(line) \
            or shapes.PAGE_NUMBER.match(line) or shapes.PAGE_NUMBER.match(above) \
            or _closing_lines(above, line) or (_bracketed_whole(line) and (_complete(above) or _is_closing_line(line))):
        return True
    return edge > 0 and (_names_alone(line, above) or (marked_by_lines and _complete(above) and _opens_after_a_full_end(line, edge)))


def _runs_to_edge(line: str, width: int, edge: int, flowing: bool) -> bool:
    length = _set_length(line)
    if edge and _printed_whole(line, edge):
        return False  # longer than a justified column holds
    if edge and length < edge - JUSTIFIED_SLACK:
        return False  # short of a justified column's edge
    if flowing and length < edge and _complete(line):
        return False  # a character short, and complete
    if edge and (_numbered_heading(line) or _whole_line(line)):
        return False  # (a subheading's, a kicker's or a closing line, as wide as the column)
    if _bracketed_whole(line) or metadata.split_trailing_byline(line):
        return False  # (a bracketed closing line, a title and its byline: nothing goes on after)
    return width > 0 and length >= FULL_LINE_SHARE * width


def _short_with_nothing_carried(above: str, line: str, edge: int) -> bool:
    """A line a character short of a justified edge ends its unit unless something was
    carried down from it: a typesetter carries the last character down with a closing mark
    that may not open a line (…的 | 作用。), keeps an opening mark off a line's end (…提出 |
    “六个坚持”), does not part a dash's or an ellipsis's halves, and does not cut a Latin word
    or a number (…采用 | ChatGPT). So the next line opens on such a mark, a letter or a digit,
    or its second character is a closing mark; otherwise nothing was carried, and the short
    line ends there (a subheading a character short of the column, where no blank line or
    indent marks it)."""
    text = line.strip()
    carried = text[:1] in _SQUEEZED + _KEPT_DOWN or text[1:2] in _SQUEEZED or text[:1].isascii()
    # (a line with spaces in it is not measured to the character: a space the text layer
    # put in, or dropped at the line's end, moves its length)
    return _set_length(above) == edge - 1 and not carried and not _SPACE.search(above)


def _heading_at_edge(above: str, line: str, edge: int) -> bool:
    """A unit's first line exactly as wide as the column is a subheading of the genre's long
    imperative form (推进…，促进…协调发展: two clauses or more, each opening on a verb), not a
    paragraph's first line, where the next line opens a whole sentence of its own: a subject
    and its predicate closed by a full stop before any comma (县城是…的关键纽带。), no word
    of the lexicon running across the break. A wrapped sentence of those clauses would go
    on with its object or its verb's complement, not with a new subject's statement."""
    head, text = above.strip(), line.strip()
    if _set_length(above) != edge or shapes.terminated(head) or head.endswith(tuple(CLAUSE_MARKS)) \
            or not heading_forms.imperative_clauses(head):
        return False
    sentence, stop, _ = text.partition("。")
    if not stop or any(mark in sentence for mark in CLAUSE_MARKS) or lexicon.cohesion(head[-4:], text[:4]) > 0:
        return False
    return _subject_then_predicate(sentence)


def _subject_then_predicate(sentence: str) -> bool:
    """The sentence opens on a noun and its verb right after it (县城|是…), then goes on (a
    noun phrase that completes a verb's object, 政治工作的有效性, has no verb of its own)."""
    tags = lexicon.tag(sentence)
    return len(tags) >= 3 and tags[0][1] in _SUBJECTS and tags[1][1] == "v"


_SUBJECTS = frozenset({"n", "nz", "ns", "nr", "nt"})


def _complete(line: str) -> bool:
    """The line ends a sentence, a bracketed line (（作者单位：…）) or the article's part on
    this page: one character short of a justified edge, it ends its paragraph, where a line
    that a character was carried down from ends anywhere."""
    text = line.strip()
    return shapes.terminated(text) or _bracketed_whole(text) or _dot_stop(text) or _jumps(text)


def _jumps(text: str) -> bool:
    """The line ends on a jump line (…的前提。（下转第6版）): the article goes on elsewhere."""
    return any(jump.end() == len(text) for jump in shapes.JUMP.finditer(text))


def _whole_line(line: str) -> bool:
    """A kicker's line (学习贯彻…精神, 【…】) or a closing line that ends on its unit's name
    (作者单位：…有限公司): whole as it stands, however wide."""
    text = line.strip()
    return metadata.is_kicker(text) or (_is_closing_line(text) and closing.ends_on_unit(text) and _closes_brackets(text))


def _closes_brackets(text: str) -> bool:
    return sum(text.count(c) for c in "（(") <= sum(text.count(c) for c in "）)")


def _dot_stop(text: str) -> bool:
    """The line ends on a full stop read as a dot (…活起来.): a dot after a Chinese character
    at a line's end is no decimal point."""
    return len(text) > 1 and text.endswith(".") and bool(_CJK_CHAR.match(text[-2]))


def _numbered_heading(line: str) -> bool:
    """A numbered subheading's line ((一)…, 二、…) that leaves no clause open: it ends there."""
    text = line.strip()
    return shapes.is_numbered_heading(text) and not shapes.terminated(text) \
        and not text.endswith(tuple(CLAUSE_MARKS))


def _opens_after_a_full_end(line: str, edge: int) -> bool:
    """Under a full line that ends a sentence, a closing line (作者单位：…), a numbered
    subheading (（一）…), a short line that ends no sentence (a subheading, the next title)
    or a line longer than the column holds (printed whole) is no part of that paragraph: a
    paragraph's last line ends a sentence, and its lines are no wider than the column."""
    text = line.strip()
    return _is_closing_line(text) or shapes.is_numbered_heading(text) \
        or (len(text) < edge - JUSTIFIED_SLACK and not _complete(text)) \
        or _printed_whole(line, edge)


def _printed_whole(line: str, edge: int) -> bool:
    """The line is wider than a justified column holds, so no wrap cut it: more than a
    character over the edge, or a character over it without a closing mark at its end (the
    one character a typesetter squeezes into a full line is such a mark, kept off the next
    line's start)."""
    taken = _columns_taken(line)
    return taken > edge + JUSTIFIED_SLACK or (taken >= edge + 1 and not line.rstrip().endswith(_SQUEEZED))


def _columns_taken(line: str) -> float:
    """The line's width in full-width characters (a half-width one takes half)."""
    text = line.strip()
    return _set_length(line) - sum(1 for char in text if char.isascii()) / 2


def _names_alone(line: str, above: str) -> bool:
    """A byline of names alone (何涛刚), or led by the writer's part (主持人：谭志杰), under a
    title as wide as the column: no paragraph of
    a justified column ends on a short line without a sentence's end, and a title (no
    bullet's point) does not end on a clause's or a sentence's mark."""
    text, title = line.strip(), above.strip()
    return ((len(text) <= NAMES_LINE_MAX and _NAMES.fullmatch(text) is not None) or metadata.role_led(text)) \
        and shapes.title_shaped(title) and not title.startswith(tuple(metadata.MARKERS)) \
        and not title.endswith(tuple(CLAUSE_MARKS)) and not shapes.terminated(title) \
        and bool(metadata.parse_byline(text))


def _bracketed_whole(line: str) -> bool:
    """The line is one bracketed piece, （作者单位：…）: nothing carries on after it."""
    text = line.strip()
    if len(text) < 2 or text[0] not in "（(" or text[-1] not in "）)":
        return False
    depth = 0
    for k, char in enumerate(text):
        depth += (char in "（(") - (char in "）)")
        if depth == 0:
            return k == len(text) - 1
    return False


def _closing_lines(line: str, following: str) -> bool:
    """Two closing lines (author units, reprint lines) printed one under the other: each is
    a unit of its own, however long the first (two articles' footers set together at the
    page foot are never one unit). A closing line wrapped in two never reads as two: its
    second line opens with no lead-in of its own."""
    return _is_closing_line(following.strip()) and _is_closing_line(line.strip())


def _is_closing_line(text: str) -> bool:
    return bool(closing.parse_affiliation(text) or closing.parse_source(text))


def join_wrapped(lines: list[str]) -> str:
    """Rejoin a unit's lines. A Chinese page wraps at a character count, so a Latin word
    (a stray "and") or a number (K23ZG32600|50) may be split across two lines: letters and
    digits meeting at a line break with no space either side are one word, and a line
    break next to a Chinese character or mark is no space either. A space printed at the
    break ( and 评审), or a break after Latin punctuation (words,|next), stands for the
    space a Latin text wraps at."""
    out = lines[0].strip() if lines else ""
    for prev, line in zip(lines, lines[1:], strict=False):
        spaced = prev[-1:].isspace() or line[:1].isspace() or (_latin_word_ends(prev) and _latin(line[:1]))
        out += (" " if spaced else "") + line.strip()
    return out


# Latin punctuation a Latin text's line may end on before the space it wraps at
_LATIN_BREAKS = tuple(",.;:!?)")


def _latin_word_ends(line: str) -> bool:
    """The line ends on a Latin word's punctuation (words,): not on a half-width mark after
    a Chinese character (课题:), which stands for a full-width one."""
    return line.endswith(_LATIN_BREAKS) and _latin(line[-2:-1])


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()
