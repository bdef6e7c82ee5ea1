"""A title printed on two lines: the text layer gives each line of a long headline as a
line of its own (a blank line between, as between every printed line), and only the second,
right above the byline, reads as the title; the first is left over as a fragment.

The first line is the title's first half when it stands where a title's head stands (at
the page's top, or after an article's end), is title-shaped and unfinished, the two make
a title no longer than the genre's, and the break cuts a word or a phrase: a word of the
lexicon or a pair of characters the page writes elsewhere spans it, or a side cannot stand
alone (the first ends on a comma; the second opens with 的, 们, 和 …; the first leaves a quote
or bracket open, ends on
a one-character word, or opens a preposition whose verb is on the next line: 以高质量党建 |
引领…, 把稳就业 | 摆在…), closes a frame with no predicate after it (在守正创新中 | 推动…),
or ends on a verb whose object opens the next (全面加强 | 知识产权…). A kicker or column name above a title ends at a phrase's end and
stays what it is.
"""
from __future__ import annotations

from site_builder.ingest import grammar, heading_forms, lexicon, shapes
from site_builder.ingest.evidence import WORD_CUT_NATS, PageStats
from site_builder.ingest.lines import Unit
from site_builder.ingest.titles import find_titles

# what may stand right above a title's first line: a page's top, the page's furniture, a
# kicker, or an article's closing lines
_ABOVE = ("furniture", "kicker", "source", "affiliation", "byline")
_CLAUSE_BREAKS = "，；：,;:"


def join_title_lines(units: list[Unit]) -> list[Unit]:
    """The units with each title printed on two lines made one unit (its lines' spans)."""
    titles = find_titles(units)
    if not titles:
        return units
    stats = PageStats.of([u.text for u in units])
    joined = list(units)
    for i in sorted(titles, reverse=True):  # (from the end: the indexes before stay valid)
        if i > 0 and _first_line(joined, i - 1, i, stats):
            first, second = joined[i - 1], joined[i]
            title = first.joined_with(second, first.text + second.text)
            # (the line break is no gap in the title: its raw text, where a title keeps a
            # printed space, runs on from one line to the next)
            title.raw = first.raw.rstrip() + second.raw.lstrip()
            title.markdown_heading = second.markdown_heading
            joined[i - 1:i + 1] = [title]
    return joined


def _first_line(units: list[Unit], k: int, title: int, stats: PageStats) -> bool:
    """Unit k, right above the title at ``title``, is that title's first line."""
    head, rest = units[k].text.strip(), units[title].text.strip()
    if units[k].kind != "text" or units[k].info or shapes.cjk_len(head) < 2 or _clause_inside(head) \
            or shapes.terminated(head) or not shapes.title_shaped(head + rest):
        return False
    return _where_a_head_stands(units, k) and _cut_across(head, rest, stats)


def _clause_inside(head: str) -> bool:
    """A clause ends inside the line and another begins: a sentence's first half (a title
    broken at its comma ends its first line on it)."""
    return any(mark in head[:-1] for mark in _CLAUSE_BREAKS)


def _where_a_head_stands(units: list[Unit], k: int) -> bool:
    above = units[k - 1] if k > 0 else None
    return above is None or above.kind in _ABOVE or shapes.terminated(above.text)


def _cut_across(head: str, rest: str, stats: PageStats) -> bool:
    """The break between the title's lines cuts a word or a phrase."""
    return shapes.ends_open(head) or lexicon.cohesion(head[-4:], rest[:4]) >= WORD_CUT_NATS or stats.junction(head, rest) > 0 \
        or grammar.starts_bound(rest) or grammar.left_open(head) or grammar.ends_on_single_character(head) \
        or grammar.stops_short(head) or grammar.opens_without_predicate(head) \
        or heading_forms.closes_frame(head) or _verb_before_its_object(head, rest)


def _verb_before_its_object(head: str, rest: str) -> bool:
    """The first line ends on a verb and the second opens on a noun: its object (全面加强 |
    知识产权保护工作)."""
    last, first = lexicon.tag(head[-8:]), lexicon.tag(rest[:8])
    return bool(last and first) and last[-1][1] == "v" and first[0][1].startswith("n")
