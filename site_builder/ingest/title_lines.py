"""A title's lines as the text layer gives them: a title printed on two lines.

A title printed on two lines: the text layer gives each line of a long headline as a line
of its own (a blank line between, as between every printed line), and only the second,
right above the byline, reads as the title; the first would be left over as a fragment.
The first line is the title's first half when it stands where a title's head stands (the
page's top, after an article's end, or under its byline on a page that prints bylines over
heads), is unfinished, the two make a title no longer than the genre's, and the break cuts
a word or a phrase, or falls where the head filled its first line:
  * a word of the lexicon, or a pair of characters the page writes elsewhere, spans it;
  * the first line ends on a comma, a conjunction or a particle, or leaves a quote open;
  * the first opens a preposition whose verb is below (以高质量党建 | 引领…) or a frame
    with no predicate after it (在守正创新中 | 推动…);
  * the second opens bound to what precedes it (的, 们, 和 …);
  * the first line is the longer, or the two are balanced (a kicker is set smaller over a
    longer title; one far longer than the line under it is a kicker too).
Where the title-finder took the first line for the whole title (the body right under the
head, its byline printed elsewhere), the second stands where the body's first paragraph
would: a short unfinished line over the body that makes one head with the first by the
same evidence is its second line.
Right after a paragraph (no closing lines between), where articles read in turns set a
column's foot above the next article's head as often, only a word across the break, the
first line's own form (a phrase with no predicate: 以人民为中心，) or a bound second line
counts: a clause with its own subject and predicate that stops on a comma or a function
word (…定位不同，, …平台把) is a sentence's first half. After a sentence's end (an article
printed with no closing lines), a first line the head filled counts too, unless it has a
column foot's forms (a mark inside, a phrase stopped short) or goes on elsewhere on the page: a word of the lexicon runs from its end into the start of
another line (…平台把交 | 通、水务…), the top of the column where its paragraph goes on.
A kicker or a column's name above a title ends at a phrase's end and stays what it is; so
does a line that ends on a verb whose object seems to open the next (全面加强 | 知识产权…),
for a column's name is as often a noun and a verb (思想纵横 | 小区治理…).

(A byline on its title's line: byline_lines.py.)
"""
from __future__ import annotations

from collections.abc import Callable
from functools import cache

from site_builder.ingest import grammar, heading_forms, lexicon, series, shapes
from site_builder.ingest.evidence import TYPICAL_HEADING, WORD_CUT_NATS, PageStats
from site_builder.ingest.lines import Unit
from site_builder.ingest.typography import balance_quotes
from site_builder.ingest.titles import (
    BETWEEN_ARTICLES,
    LONG_PARAGRAPH,
    after_footer,
    bylines_above_titles,
    closes_headless_article,
    find_titles,
    is_name,
)

# what may stand right above a title's first line: a page's top, the page's furniture, a
# kicker, or an article's closing lines (not a byline: a title under a byline printed after
# its article's body is that article's, printed late, and a whole title of its own)
_ABOVE = ("furniture", "kicker", "source", "affiliation")
# a pair of characters the page writes this often elsewhere binds the two lines (once may
# be chance: 城镇化 | 办好 meets 化办 in 现代化办学)
PAIR_SEEN = 2
_CLAUSE_BREAKS = "，；：,;:"
_FOOT_MARKS = "、，,；;：:"
_RUN_ON_MARKS = "，。、；：？！”’）》」』…,.;:?!)"  # no paragraph opens on these
# characters: a balanced head of an odd length sets its second line one longer
BALANCED_SLACK = 1
FILLED_RATIO = 2  # a head's first line is at most this many times its second


def join_title_lines(units: list[Unit]) -> list[Unit]:
    """The units with each title printed on two lines made one unit (its lines' spans): the
    titles printed after their articles first, for the next article's head may stand under
    one."""
    titles = find_titles(units)
    if not titles:
        return units
    stats = cache(lambda: PageStats.of([u.text for u in units]))  # (counted once a line asks)
    late: list[int] = []
    for k in range(len(units) - 1):
        if (not late or late[-1] < k - 1) and _late_title_lines(units, k, titles, stats):
            late.append(k)
    if late:
        units = _joined(units, late)
        titles = find_titles(units)
    # a byline stands over a head only on a page that prints its bylines so: elsewhere a
    # byline after an article's closing lines is that article's, printed late with its title
    bylines_over = bylines_above_titles(units, titles)
    firsts: list[int] = []  # where a title's two lines start, each unit in one pair at most
    for i in sorted(titles):
        taken = firsts[-1] + 1 if firsts else -1  # (the last pair's second line)
        if i > 0 and i - 1 > taken and _first_line(units, i - 1, i, stats, bylines_over, titles) \
                and not series.opens_a_series(units, i, BETWEEN_ARTICLES):
            firsts.append(i - 1)
        elif i > taken and i + 1 < len(units) and i + 1 not in titles and _second_line(units, i, stats) \
                and not series.opens_a_series(units, i + 1, BETWEEN_ARTICLES):
            firsts.append(i)
    return _joined(units, firsts)


def _joined(units: list[Unit], firsts: list[int]) -> list[Unit]:
    """The units with each unit at `firsts` (in order, no two adjacent) joined to the next."""
    joined = list(units)
    for k in reversed(firsts):  # (from the end: the indexes before stay valid)
        joined[k:k + 2] = [_one_title(joined[k], joined[k + 1])]
    return joined


def _one_title(first: Unit, second: Unit) -> Unit:
    title = first.joined_with(second, balance_quotes(first.text + second.text))
    # (the line break is no gap in the title: its raw text, where a title keeps a printed
    # space, runs on from one line to the next)
    title.raw = first.raw.rstrip() + second.raw.lstrip()
    title.markdown_heading = second.markdown_heading
    return title


def _second_line(units: list[Unit], title: int, stats: Callable[[], PageStats]) -> bool:
    """Unit title + 1, right under the title at ``title`` and over the article's body or
    byline, is the title's second line: a head set over two lines whose first line the
    title-finder took for the whole (the second stands where the body's first paragraph
    would, short and unfinished). (The caller has made sure it is no title itself: a title
    printed after its article stands right over the next article's.)"""
    k = title + 1
    head, rest = units[title].text.strip(), units[k].text.strip()
    below = units[k + 1] if k + 1 < len(units) else None
    if units[k].kind != "text" or units[k].info or units[title].kind != "text" or shapes.terminated(rest) \
            or not _one_head_shaped(head, rest) or below is None:
        return False
    opens_body = is_name(below) or (below.kind == "text" and len(below.text) >= LONG_PARAGRAPH
                                    and not _runs_on(rest, below.text, stats()))
    return opens_body and (_word_spans(head, rest, stats()) or _filled_first_line(head, rest))


def _runs_on(line: str, below: str, stats: PageStats) -> bool:
    """The text under `line` goes on with its sentence: `line` is the few words of body a
    column's cut leaves under a title (the text under it opens on a mark no line of a new
    paragraph opens on, on the copula 是, whose subject stands before it, or on a character
    bound to what precedes it (的, 们 …), or a word runs across)."""
    return below.lstrip()[:1] in _RUN_ON_MARKS or _word_spans(line, below, stats) \
        or grammar.opens_on_copula(below.lstrip()) or grammar.starts_bound(below.lstrip())


def _first_line(units: list[Unit], k: int, title: int, stats: Callable[[], PageStats], bylines_over: bool,
                titles: set[int]) -> bool:
    """Unit k, right above the title at ``title``, is that title's first line."""
    head, rest = units[k].text.strip(), units[title].text.strip()
    if units[k].kind != "text" or units[k].info or shapes.cjk_len(head) < 2 or _clause_inside(head) \
            or _column_foot(head) or shapes.terminated(head) or not _one_head_shaped(head, rest):
        return False
    head_slot = _under_late_title(units, k, titles) or _under_displaced_byline(units, k, titles)
    if not (head_slot or _where_a_head_stands(units, k, bylines_over)) or _late_title_slot(units, k, titles):
        return False
    if not head_slot and _after_text(units, k, bylines_over):
        return _headline_part(head, rest, stats()) or (
            shapes.terminated(units[k - 1].text) and _filled_first_line(head, rest)
            and not _foot_shaped(head) and not _goes_on_elsewhere(units, k))
    return _cut_across(head, rest, stats())


def _late_title_lines(units: list[Unit], k: int, titles: set[int], stats: Callable[[], PageStats]) -> bool:
    """Units k and k + 1 are a late title set over two lines: k stands where a title printed
    after its article stands (under its closing lines, or under its byline set after them),
    the two make one head whose break cuts a word or a phrase or fills the first line, and
    what follows is no body of theirs (the page's end, its furniture, or the next head)."""
    head, rest = units[k].text.strip(), units[k + 1].text.strip()
    if any(u.kind != "text" or u.info for u in units[k:k + 2]) or shapes.terminated(head) or shapes.terminated(rest) \
            or not _one_head_shaped(head, rest) or not _under_late_head(units, k, titles):
        return False
    below = k + 2
    while below < len(units) and units[below].kind in ("furniture", "kicker"):
        below += 1
    if below >= len(units):
        return _cut_across(head, rest, stats())
    if below not in titles and not _title_shaped_line(units[below]):
        return False
    # (under a whole late title, the next title may be set over two lines, k + 1 its first
    # line, where no kicker stands between: read so unless the break after k cuts a word or a
    # phrase and the one after k + 1 does not)
    nxt = units[below].text.strip()
    rival = below == k + 2 and below in titles and _one_head_shaped(rest, nxt) and _cut_across(rest, nxt, stats())
    if rival:
        return _cuts_a_phrase(head, rest, stats()) and not _cuts_a_phrase(rest, nxt, stats())
    return _cut_across(head, rest, stats())


def _under_displaced_byline(units: list[Unit], k: int, titles: set[int]) -> bool:
    """Unit k stands right under a byline set after the closing lines of an article that has
    its head: a byline printed away from its article (or over its title), never that
    article's own, so a head opens under it."""
    above = k - 1
    if above < 0 or not is_name(units[above]):
        return False
    closing = above - 1
    while closing >= 0 and units[closing].kind == "furniture":
        closing -= 1
    return closing >= 0 and units[closing].kind in ("source", "affiliation") \
        and not closes_headless_article(units, closing, titles)


def _title_shaped_line(unit: Unit) -> bool:
    """A plain title-shaped line (no names, no closing line)."""
    return unit.kind == "text" and not unit.info and shapes.title_shaped(unit.text)


def _under_late_title(units: list[Unit], k: int, titles: set[int]) -> bool:
    """Unit k stands right under a late title: a title-shaped line where a title printed
    after its article stands (the next article's head may follow it)."""
    above = k - 1
    return above >= 0 and units[above].kind == "text" and not units[above].info \
        and shapes.title_shaped(units[above].text) and _under_late_head(units, above, titles)


def _under_late_head(units: list[Unit], k: int, titles: set[int]) -> bool:
    """Unit k stands under the closing lines of an article that opened with its body, or
    under a byline set right after them."""
    above = k - 1
    while above >= 0 and units[above].kind == "furniture":
        above -= 1
    if above >= 0 and is_name(units[above]):
        return _late_title_slot(units, above, titles)
    return _late_title_slot(units, k, titles)


def _late_title_slot(units: list[Unit], k: int, titles: set[int]) -> bool:
    """Unit k stands right under the closing lines of an article that opened with its body:
    where that article's title, printed after it, stands (a whole title of its own, over
    the next article's head)."""
    above = k - 1
    while above >= 0 and units[above].kind == "furniture":
        above -= 1
    return above >= 0 and units[above].kind in ("source", "affiliation") \
        and closes_headless_article(units, above, titles)


def _after_text(units: list[Unit], k: int, bylines_over: bool) -> bool:
    """Unit k follows a paragraph, not closing lines, a kicker, page matter or the page's top:
    where articles are read in turns, a column's foot stands there above the next article's
    head as often as a headline's first line does."""
    return k > 0 and not _head_over(units, k - 1, bylines_over) and not _under_plain_kicker(units, k, bylines_over)


def _head_over(units: list[Unit], j: int, bylines_over: bool) -> bool:
    """Unit j is what stands right over an article's head: closing lines, page matter, a
    kicker, or, on a page that prints its bylines over its heads, a byline (after an
    article's end or the page's top)."""
    return units[j].kind in _ABOVE \
        or (bylines_over and units[j].kind == "byline" and after_footer(units, j, also=("kicker",)))


def _foot_shaped(head: str) -> bool:
    """The line has the forms a column's foot has and a head's line has not: a mark inside
    it or at its end (a series, a clause's comma), or a phrase stopped short (a bare
    preposition or verb after its subject: …平台把)."""
    return any(mark in head for mark in _FOOT_MARKS) or shapes.ends_open(head) or grammar.phrase_stops_short(head)


def _goes_on_elsewhere(units: list[Unit], k: int) -> bool:
    """Unit k is a column's foot whose paragraph goes on at the top of another column: a
    word of the lexicon runs from its end into the start of some other line of the page
    (…平台把交 | 通、水务…)."""
    head = units[k].text.strip()
    return any(lexicon.cohesion(head[-4:], unit.text.lstrip()[:4]) >= WORD_CUT_NATS
               for j, unit in enumerate(units) if j not in (k, k + 1) and unit.kind == "text")


def _headline_part(head: str, rest: str, stats: PageStats) -> bool:
    """The break cuts a word, or the first line is a headline's part by its own form: a
    preposition's or a frame's phrase with no predicate (以人民为中心，| 完善…), or the
    second opens bound to it. A line that stops on a comma or a function word after its own
    subject and predicate (…定位不同，, …平台把) is a sentence's first half: a column's foot."""
    return _word_spans(head, rest, stats) or grammar.opens_without_predicate(head) \
        or heading_forms.closes_frame(head) or grammar.starts_bound(rest)


def _word_spans(head: str, rest: str, stats: PageStats) -> bool:
    return lexicon.cohesion(head[-4:], rest[:4]) >= WORD_CUT_NATS or stats.junction(head, rest) >= PAIR_SEEN


def _clause_inside(head: str) -> bool:
    """A clause ends inside the line and another begins: a sentence's first half (a title
    broken at its comma ends its first line on it)."""
    return any(mark in head[:-1] for mark in _CLAUSE_BREAKS)


def _column_foot(head: str) -> bool:
    """The line is one clause longer than most subheadings, let alone a title's line (a
    column's foot cut after a sentence's first clause: …等数据汇聚起来，), or it stops inside
    a series (…把交通、水务、): a headline breaks between its parts, at a space or a
    clause's comma, never inside a list of items. Either is a column's foot."""
    return shapes.cjk_len(head) > TYPICAL_HEADING or head.endswith("、")


def _where_a_head_stands(units: list[Unit], k: int, bylines_over: bool) -> bool:
    """Unit k opens a head: at the page's top, under what stands over a head, after a
    sentence's end, or under a plain kicker (a column's name set as text) standing so."""
    return k == 0 or _head_over(units, k - 1, bylines_over) or shapes.terminated(units[k - 1].text) \
        or _under_plain_kicker(units, k, bylines_over)


def _under_plain_kicker(units: list[Unit], k: int, bylines_over: bool) -> bool:
    above = units[k - 1]
    plain_kicker = above.kind == "text" and not above.info and shapes.title_shaped(above.text)
    return plain_kicker and (k == 1 or _head_over(units, k - 2, bylines_over))


def _cut_across(head: str, rest: str, stats: PageStats) -> bool:
    """The break between the title's lines cuts a word or a phrase, or falls where a head's
    first line fills."""
    return _cuts_a_phrase(head, rest, stats) or _filled_first_line(head, rest)


def _cuts_a_phrase(head: str, rest: str, stats: PageStats) -> bool:
    """The break between two lines cuts a word or a phrase: a word spans it, the first line
    is unfinished, or the second opens bound to it."""
    first_unfinished = shapes.ends_open(head) or grammar.left_open(head) or grammar.phrase_stops_short(head) \
        or grammar.opens_without_predicate(head) or heading_forms.closes_frame(head)
    return _word_spans(head, rest, stats) or first_unfinished or grammar.starts_bound(rest)


def _one_head_shaped(head: str, rest: str) -> bool:
    """The two lines make one title's shape, its quotes set in turn again: half-width quotes
    are turned line by line, so a quotation the break cuts (…更"聪 | 明"更有"温度") comes
    out with its marks the wrong way round."""
    return shapes.title_shaped(balance_quotes(head + rest))


def _filled_first_line(head: str, rest: str) -> bool:
    """A head set over two lines fills its first line: the first is the longer, or the two
    are balanced. A kicker is mostly the shorter line, set smaller over its title; one far
    longer than the line under it (坚持以人民为中心的发展思想 | 让城市更宜居) is a kicker too,
    for a two-line head is cut near its middle."""
    first, second = _printed_width(head), _printed_width(rest)
    return second - BALANCED_SLACK <= first <= FILLED_RATIO * second


def _printed_width(line: str) -> float:
    """How much of a line the head fills, in character cells: a Chinese character or a
    full-width mark (a banner's 【】 too) takes one, a half-width character half of one."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in line if not ch.isspace())
