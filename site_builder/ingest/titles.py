"""Where articles begin: which units are titles.

A title is found by its shape and by what stands around it (a byline or a summary label
after it, a closed article or the page's top before it), not by what it says.
"""
from __future__ import annotations

import re

from site_builder.ingest import dateline, furniture, grammar, metadata, series, shapes
from site_builder.ingest.lines import Unit, next_index, prev_index

DASHES = "—–-－"
LONG_PARAGRAPH = 50  # characters: a body paragraph, not a stray line
COLUMN_NAME_MAX = 10  # characters: a column's name is a word or two (思想纵横, 理论前沿)
# … and where nothing but its place tells it from a title or a piece of text, a short one
# (治理之道, 评论员观察): a title of ten characters is as common
SHORT_COLUMN_NAME_MAX = 6
# what stands between two articles: an article's closing lines, an editor's note heading
# the articles after it
BETWEEN_ARTICLES = ("source", "affiliation", "editor_note")


def is_name(unit: Unit) -> bool:
    return unit.kind == "byline" or (unit.kind == "text" and "names" in unit.info)


def find_titles(units: list[Unit]) -> set[int]:
    """Indexes of the units that open an article as its title."""
    titles: set[int] = set()
    for i, unit in enumerate(units):
        if unit.kind == "kicker" and _kicker_shaped_title(units, i):
            titles.add(i)
            continue
        if unit.kind != "text":
            continue
        if "names" in unit.info and not _names_shaped_title(units, i):
            continue
        if _is_title(units, i, titles):
            titles.add(i)
    heads = _lines_under_bylines(units, titles)
    if heads is not None:
        # on a page that prints bylines above titles, the line under each byline is its
        # title, however short the piece of body under it; and a kicker over a byline, which
        # reads as a title printed over its byline, is the kicker of that title
        titles |= heads
        titles -= {i for i in titles if (units[i].kind == "kicker" or is_column_name(units[i]))
                   and _over_byline_over_title(units, i, titles)}
    return titles


def is_column_name(unit: Unit) -> bool:
    """A short line of words alone, no mark or name in it: a column's name (思想纵横, 理论前沿)
    where it stands over an article's head."""
    words = unit.text.strip("“”《》·")
    return unit.kind == "text" and shapes.cjk_len(words) == len(words) <= COLUMN_NAME_MAX


def _over_byline_over_title(units: list[Unit], i: int, titles: set[int]) -> bool:
    nxt = next_index(units, i, skip=("furniture",))
    return nxt is not None and is_name(units[nxt]) and stands_above_title(units, nxt, titles)


def _is_title(units: list[Unit], i: int, titles: set[int]) -> bool:
    text = units[i].text
    slogan = furniture.is_slogan_shape(text)
    if not shapes.title_shaped(text) and not (slogan and len(text) <= shapes.TITLE_MAX):
        return False
    nxt = next_index(units, i, skip=("kicker", "furniture"))
    if nxt is not None and units[nxt].kind == "text" and shapes.is_saying(units[nxt].text):
        nxt = next_index(units, nxt, skip=("furniture",))  # (an epigraph between the head and the text)
    following = units[nxt] if nxt is not None else None
    if following is None:
        return False
    if is_name(following) or following.kind == "label" or (nxt is not None and unit_line_heads_body(units, nxt)):
        return True
    if slogan or shapes.is_numbered_heading(text):  # (三、… heads a section, not an article)
        return False
    if units[i].listed and following.kind == "text":
        return True  # (the page's list of contents names it)
    if units[i].markdown_heading and following.kind in ("text", "bullet") and not _over_signed_title(units, nxt) \
            and (not _is_subheading_slot(units, i) or _plain_subheadings_above(units, i, titles)):
        return True
    if following.kind == "text" and _under_late_title(units, i, titles):
        return True
    prev = prev_index(units, i, skip=("furniture",))
    if prev is not None and following.kind == "text" and prev not in titles \
            and _column_name_over(units, prev, text, following.text):
        return True  # (a column's name set as plain words, then a title-shaped line: as a kicker)
    if prev is not None and prev not in titles and _first_line_above(units, prev, text):
        # (a title printed on two lines: where it opens is judged above its first line;
        # under a byline, the first line is the title: title_lines reads the second)
        above = prev_index(units, prev, skip=("furniture",))
        prev = prev if above is not None and units[above].kind == "byline" else above
    if prev is not None and _heads_a_title(units, prev) and following.kind == "text" and prev not in titles:
        # a kicker, then a title-shaped line: an article's head, however short the piece of
        # its body a column cut leaves before the next column
        return True
    if following.kind == "text" and prev not in titles and dateline.writers(following.text):
        return True  # (a report's dateline opens its article, whatever ends above the title)
    if following.kind == "text" and prev not in titles and _banner_as_above(units, i, titles):
        return True  # (a column's banner on the line, as an earlier title prints one: a kicker and a title)
    opens_page = prev is None or units[prev].kind in (*BETWEEN_ARTICLES, "kicker") or (prev in titles) \
        or _parts_two_articles(units, i, titles)
    if prev is not None and units[prev].kind == "byline":
        # (a byline over a title: where an article ends, at the page's top, or under the
        # kicker that heads the article, on pages that print the byline above the title);
        # a byline under a title (a kicker printed after it between them) is that title's,
        # and the line under it the first piece of its body, however short a column cut it
        opens_page = after_footer(units, prev, also=("kicker",)) and not _stands_under_title(units, prev, titles)
    return opens_page and following.kind == "text" and prev not in titles \
        and (len(following.text) >= LONG_PARAGRAPH or (nxt is not None and series.opens_a_series(units, nxt, BETWEEN_ARTICLES))
             or _sentences_of_a_body(following.text))


def _banner_as_above(units: list[Unit], i: int, titles: set[int]) -> bool:
    def banner(k: int) -> bool:
        return metadata.split_inline_banner(units[k].text)[0] is not None
    return banner(i) and any(t < i and banner(t) for t in titles)


def _sentences_of_a_body(text: str) -> bool:
    """Two sentences or more, or one and the start of the next that a column's end cuts
    (…。党的): a body's first piece, however short; a caption or a stray line is one."""
    stops = len(re.findall("[。！？]", text.rstrip("。！？”’）)")))
    return stops >= 1 and not shapes.title_shaped(text)



def _over_signed_title(units: list[Unit], k: int | None) -> bool:
    """Unit k is a title-shaped line over a byline or a summary label: the title, and a
    marked line right above it its kicker (a page that marks heads marks kickers too)."""
    below = next_index(units, k, skip=("kicker", "furniture")) if k is not None else None
    return k is not None and _title_shaped_line(units[k]) and below is not None \
        and (is_name(units[below]) or units[below].kind == "label")


def _first_line_above(units: list[Unit], k: int, text: str) -> bool:
    """Unit k, right above a title-shaped line, may be that title's first line: a short
    line that does not end a sentence and makes one title with it."""
    unit = units[k]
    return unit.kind == "text" and "names" not in unit.info and not shapes.terminated(unit.text) \
        and shapes.title_shaped(unit.text + text)


def _under_late_title(units: list[Unit], i: int, titles: set[int]) -> bool:
    """Unit i stands under a title printed after its article: the line above it is
    title-shaped, under a byline set after the closing lines of an article that opened with
    its body (no title, kicker or byline of its own at its head). That byline and title are
    that article's head, printed late; unit i opens the next article, however short the
    piece of body under it. (On a page that prints bylines over titles, each article opens
    with its byline, and the two lines are one article's head.)"""
    above = prev_index(units, i, skip=("furniture",))
    if above is None or units[above].kind != "text" or not _title_shaped_line(units[above]):
        return False
    byline = prev_index(units, above, skip=("furniture",))
    if byline is None or not is_name(units[byline]):
        return False
    closing = prev_index(units, byline, skip=("furniture",))
    if closing is None or units[closing].kind not in ("source", "affiliation"):
        return False
    return closes_headless_article(units, closing, titles)


def closes_headless_article(units: list[Unit], closing: int, titles: set[int]) -> bool:
    """Unit `closing` ends the closing lines of an article that opened with its body right
    under the closing lines of the article before (no title, kicker or byline at its head):
    an article whose head is printed after it. (Not at the page's top: there an untitled
    text is the rest of an article continued from another page.)"""
    k = closing
    while k > 0 and (units[k - 1].kind in ("source", "affiliation", "furniture") or is_name(units[k - 1])):
        k -= 1  # (the article's other closing lines, and its byline printed after its body)
    first = None
    while k > 0 and units[k - 1].kind in ("text", "furniture") and k - 1 not in titles:
        k -= 1
        first = k if units[k].kind == "text" else first
    before = prev_index(units, k, skip=("furniture",)) if k > 0 else None
    return first is not None and _body_shaped(units[first]) \
        and before is not None and units[before].kind in ("source", "affiliation")


def _body_shaped(unit: Unit) -> bool:
    """A piece of body, not a head's line: long, or shaped like no title (a sentence ends
    inside it: the first piece of a paragraph a column's foot cut)."""
    return "names" not in unit.info and (len(unit.text) >= LONG_PARAGRAPH or not shapes.title_shaped(unit.text))


def bylines_above_titles(units: list[Unit], titles: set[int]) -> bool:
    """Does the page print each byline above its title (■王某 / 题目 / 正文)?"""
    heads = _lines_under_bylines(units, titles)
    return heads is not None and heads <= titles


def _lines_under_bylines(units: list[Unit], titles: set[int]) -> set[int] | None:
    """The line under each byline, where the page prints each byline above its title (some
    layouts set the author's line over the head, and a text layer may give it first); None
    where it does not. The page shows it when the line under every byline, marked or a bare
    line of names, is a title or title-shaped, no byline stands right under a title, and the
    first byline stands before any text (at the page's top, under kickers at most): a byline
    between an article's end and the next title may just as well be the first's, printed late."""
    signed = _byline_lines(units, titles)
    # (a column's name over a byline reads as a title over it, the byline its own: on such
    # a page the name stands over the byline as a kicker does, and is no title to stand under)
    named = {i for i in titles if is_column_name(units[i])}
    if not signed or any(unit.kind == "text" for unit in units[:signed[0]]) \
            or any(_stands_under_title(units, i, titles - named) for i in signed):
        return None
    heads = {_head_under(units, i, signed) for i in signed}
    if not all(k is not None and (k in titles or _title_shaped_line(units[k])) for k in heads):
        return None
    return {k for k in heads if k is not None}


def _byline_lines(units: list[Unit], titles: set[int]) -> list[int]:
    """The marked bylines and the bare lines of names that are no title: a short title of
    two parts (以文塑旅 以旅彰文) parses as names too, and is read as a title by its place
    (_names_shaped_title), which leaves it out here. A dash's signature (——王某) closes its text."""
    return [i for i, unit in enumerate(units) if not unit.text.startswith("—")
            and (unit.kind == "byline" or (unit.kind == "text" and "names" in unit.info and i not in titles))]


def _head_under(units: list[Unit], i: int, signed: list[int]) -> int | None:
    for j in range(i + 1, len(units)):
        if units[j].kind not in _HEAD_SKIP and j not in signed and not _name_over_head(units, j):
            return j
    return None


def _name_over_head(units: list[Unit], j: int) -> bool:
    """Unit j is a column's name (治理之道) set between a byline and the title-shaped line
    under it: a kicker, as a marked one would be."""
    nxt = next_index(units, j, skip=("furniture", "kicker"))
    return is_column_name(units[j]) and shapes.cjk_len(units[j].text) <= SHORT_COLUMN_NAME_MAX \
        and nxt is not None and _title_shaped_line(units[nxt]) \
        and not is_name(units[nxt]) and not is_column_name(units[nxt])


def _title_shaped_line(unit: Unit) -> bool:
    return unit.kind == "text" and shapes.title_shaped(unit.text) and not shapes.is_numbered_heading(unit.text)


_HEAD_SKIP = ("furniture", "kicker", "byline")


def stands_above_title(units: list[Unit], i: int, titles: set[int]) -> bool:
    nxt = next_index(units, i, skip=_HEAD_SKIP)
    if nxt is not None and nxt not in titles and _name_over_head(units, nxt):
        nxt = next_index(units, nxt, skip=_HEAD_SKIP)
    return nxt in titles


def _stands_under_title(units: list[Unit], i: int, titles: set[int]) -> bool:
    return prev_index(units, i, skip=_HEAD_SKIP) in titles


def _names_shaped_title(units: list[Unit], i: int) -> bool:
    """A short title of two parts (以文塑旅 以旅彰文, 守正 创新) parses as a line of names:
    where an article opens, with its byline right below, it is the title (a byline's second
    line names its role: 本报通讯员 …, never a bare name above a marked one); or with the
    body right below that runs on to a byline of its own (printed after the body)."""
    prev = prev_index(units, i, skip=("furniture",))
    # (under it, its subtitle ——… or its kicker printed after it may come first)
    nxt = next_index(units, i, skip=("furniture", "kicker"))
    if nxt is None or not shapes.title_shaped(units[i].text):
        return False
    body_below = units[nxt].kind == "text" and "names" not in units[nxt].info \
        and len(units[nxt].text) >= LONG_PARAGRAPH and _byline_ahead(units, nxt)
    if (not is_name(units[nxt]) and not body_below) or _bare_names_over_marked(units, nxt):
        return False
    # (above it, a byline printed away from its article may stand under the closing lines;
    # or its column's name, a short line that parses as names too: a bare name never
    # stands above a marked byline, so over a marked one the two lines are name and title)
    column_name = "names" in units[prev].info and units[nxt].kind == "byline" if prev is not None else False
    return prev is None or units[prev].kind in (*BETWEEN_ARTICLES, "kicker") \
        or ((units[prev].kind == "byline" or column_name) and after_footer(units, prev)) \
        or (units[nxt].kind == "byline" and _ends_body(units[prev]))


def _ends_body(unit: Unit) -> bool:
    """The unit is a body paragraph that ends its sentence: an article printed without
    closing lines ends there, and the next head may follow (a bare line of names right
    over a marked byline is then that head, for a bare name never stands above a marked one)."""
    return unit.kind == "text" and "names" not in unit.info and shapes.terminated(unit.text) \
        and len(unit.text) >= LONG_PARAGRAPH


def _bare_names_over_marked(units: list[Unit], k: int) -> bool:
    """Unit k is a bare line of names with a marked byline under it: a title (a bare name
    never stands above a marked one), so the line above it is no title of its own."""
    below = next_index(units, k, skip=("furniture", "kicker"))
    return units[k].kind == "text" and "names" in units[k].info and below is not None \
        and units[below].kind == "byline"


def is_subtitle_line(text: str) -> bool:
    """A subtitle line: it opens with a dash (——以…为例), or stands whole in brackets and opens
    as a subtitle does (（以…为例）)."""
    return text[:1] in DASHES or (text[:1] in "（(" and metadata.is_subtitle(text))


def is_separator(text: str) -> bool:
    """A row of marks the page sets between two articles (* * *, ＊＊＊, ☆☆☆, ———)."""
    marks = "".join(text.split())
    return len(marks) >= 3 and not any(ch.isalnum() for ch in marks)


def unit_line_heads_body(units: list[Unit], k: int) -> bool:
    """Unit k is an author-unit or reprint line with body text (or a summary label) after it,
    not the next title: printed in a head, under the title (an author-unit line where an
    article has no byline name; a reprint line some papers print under the byline)."""
    nxt = next_index(units, k, skip=("furniture",))
    if units[k].kind not in ("affiliation", "source") or nxt is None:
        return False
    after = units[nxt]
    return after.kind == "label" or (after.kind == "text" and "names" not in after.info
                                     and not shapes.title_shaped(after.text))


def _heads_a_title(units: list[Unit], k: int) -> bool:
    """Unit k is a kicker that stands above a title (a dash subtitle stands below its title)."""
    return units[k].kind == "kicker" and not is_subtitle_line(units[k].text)


def _column_name_over(units: list[Unit], k: int, line: str, below: str) -> bool:
    """Unit k is a column's name set as plain words (思想纵横) where an article opens (the
    page's top, or under closing lines), over `line`: `line` is the title unless it runs on
    into the text under it (a short title's first piece of body would: 海洋是高 | 质量…)."""
    return is_column_name(units[k]) and after_footer(units, k) and not grammar.runs_into(line, below)



def _parts_two_articles(units: list[Unit], i: int, titles: set[int]) -> bool:
    """A separator (* * *, ☆☆☆ …) stands right above unit i, with an article's byline on each
    side of it: the one above has its byline, and unit i's text closes with a byline of its
    own. (A separator between two sections of one article has the one byline.)"""
    j = i - 1
    while j >= 0 and units[j].kind == "furniture" and not is_separator(units[j].text):
        j -= 1
    if j < 0 or units[j].kind != "furniture":
        return False
    last_title = max((t for t in titles if t < j), default=-1)
    return any(is_name(u) for u in units[last_title + 1:j]) and _byline_ahead(units, i)


def _byline_ahead(units: list[Unit], i: int) -> bool:
    """The first unit after unit i that is not body text is a byline that closes that text
    (not one under a title-shaped line further down: the next article's head)."""
    for j in range(i + 1, len(units)):
        if is_name(units[j]):
            above = prev_index(units, j, skip=("furniture",))
            return above == i or above is None or not _title_shaped_line(units[above])
        if units[j].kind not in ("text", "bullet", "furniture"):
            return False
    return False


def _kicker_shaped_title(units: list[Unit], i: int) -> bool:
    """A title that happens to be shaped like a column name or series line (…一线, 贯彻…决定),
    printed right above its byline or its body, where an article opens."""
    if units[i].text.startswith("【") or metadata.is_banner(units[i].text) or is_subtitle_line(units[i].text):
        return False  # (a line opening with a dash is a title's second half, never a title)
    prev = prev_index(units, i, skip=("furniture",))
    nxt = next_index(units, i, skip=("furniture",))
    # above it: a kicker, or nothing of the article yet (the page's top, a closed article)
    opens_article = prev is None or units[prev].kind in ("kicker", *BETWEEN_ARTICLES)
    if not opens_article or nxt is None:
        return False
    if units[nxt].kind == "label" or (is_name(units[nxt]) and not _names_shaped_title(units, nxt)):
        return True
    # straight above the body (its byline printed after it): a title, unless it has the
    # campaign banner's own form (学习贯彻…精神), which heads an article whose title follows
    following = units[nxt]
    return following.kind == "text" and len(following.text) >= LONG_PARAGRAPH \
        and not units[i].text.endswith("精神")


def _is_subheading_slot(units: list[Unit], i: int) -> bool:
    """A markdown heading between two body paragraphs of one article is a subheading."""
    prev = prev_index(units, i, skip=("furniture",))
    return prev is not None and units[prev].kind == "text" and len(units[prev].text) >= LONG_PARAGRAPH \
        and shapes.terminated(units[prev].text)


def _plain_subheadings_above(units: list[Unit], i: int, titles: set[int]) -> bool:
    """The article above unit i prints its subheadings unmarked (two or more: subheadings come
    two or more to an article): the page marks titles alone with #, and the marked unit i is
    the next article's title."""
    start = max((t for t in titles if t < i), default=-1) + 1
    plain = [k for k in range(max(start, 1), i - 1)
             if units[k].kind == "text" and not units[k].markdown_heading and shapes.title_shaped(units[k].text)
             and units[k - 1].kind == "text" and shapes.terminated(units[k - 1].text)
             and units[k + 1].kind == "text" and not shapes.title_shaped(units[k + 1].text)]
    return len(plain) >= 2


def after_footer(units: list[Unit], i: int, also: tuple[str, ...] = ()) -> bool:
    prev = prev_index(units, i, skip=("furniture",))
    return prev is None or units[prev].kind in (*BETWEEN_ARTICLES, *also)
