"""Damage to the order of a page's lines: heads and bylines printed out of place, page
furniture among the articles."""
from __future__ import annotations

from tests.ingest.sim.compose import KICKERS, name
from tests.ingest.sim.page import Line, first_of, last_of, paragraphs

SLOGANS = ["奋力谱写新时代新篇章！", "坚定信心　真抓实干　推动高质量发展取得新成效！", "凝心聚力　砥砺奋进！"]
MARKS = "■●▲"


def byline_after(rng, lines, page):
    """An article's byline printed after its text (before its closing lines): the whole
    byline, each of its lines (a report's 本报记者 … / 本报通讯员 …) in its order."""
    signed = sorted({x.article for x in lines if x.role == "byline" and x.article >= 0})
    if not signed:
        return lines
    i = rng.choice(signed)
    by = [x for x in lines if x.article == i and x.role == "byline"]
    for x in by:
        lines.remove(x)
    last = last_of(lines, i, ("paragraph", "heading"))
    lines[last + 1:last + 1] = by
    return lines


def title_after(rng, lines, page):
    """An article whose title (and byline) is printed after it, below its closing lines."""
    choices = [i for i in range(1, len(page.articles)) if not page.articles[i].kicker and not page.articles[i].summary
               and not page.articles[i].subtitle and sum(x.article == i and x.role == "byline" for x in lines) == 1
               and not page.articles[i].before]
    if not choices:
        return lines
    i = rng.choice(choices)
    head = [x for x in lines if x.article == i and x.role in ("title", "byline")]
    for x in head:
        lines.remove(x)
    last = last_of(lines, i)
    lines[last + 1:last + 1] = [head[1], head[0]]
    return lines


def kicker_after(rng, lines, page):
    """Every article has a kicker; about half are printed after their title."""
    titled = [i for i, a in enumerate(page.articles) if not a.title_inferred]
    for i in titled:
        a = page.articles[i]
        if not a.kicker:
            a.kicker = rng.choice(KICKERS)
            k = next(n for n, x in enumerate(lines) if x.article == i and x.role == "title")
            lines.insert(k, Line(a.kicker, "kicker", i))
    for i in titled:
        k = next(n for n, x in enumerate(lines) if x.article == i and x.role == "kicker")
        t = next(n for n, x in enumerate(lines) if x.article == i and x.role == "title")
        if rng.random() < 0.5 and k < t:
            lines[k], lines[t] = lines[t], lines[k]
    return lines


def page_furniture(rng, lines, page):
    """A date line, a slogan, a submission notice, a 下转 note and a rule among the articles."""
    if rng.random() < 0.5:
        lines.insert(0, Line(f"{rng.randint(2015, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日 星期三", "furniture", -1))
    lines.append(Line(rng.choice(SLOGANS), "furniture", -1))
    lines.append(Line(f"本版投稿邮箱：{rng.choice(['lilun', 'sixiang', 'pinglun'])}{rng.randint(1, 999)}@example.com",
                      "furniture", -1))
    k = rng.choice(paragraphs(lines))
    lines[k] = Line(lines[k].text + f"（下转第{rng.randint(2, 8)}版）", "paragraph", lines[k].article)
    k = rng.choice(paragraphs(lines))
    lines.insert(k + 1, Line(rng.choice(["———", "* * *", "━━━━━━"]), "furniture", -1))
    return lines


def byline_above(rng, lines, page):
    """Every titled article's byline printed above its title (under its kicker), as some
    layouts set the author's line over the head and a text layer gives it first. The page
    shows the form from its top: the first article is titled and signed."""
    titled = [i for i, a in enumerate(page.articles) if not a.title_inferred]
    if not titled or titled[0] != 0 or not any(x.article == 0 and x.role == "byline" for x in lines):
        return lines
    for i in titled:
        bylines = [x for x in lines if x.article == i and x.role == "byline"]
        for x in bylines:  # (each as printed: marked, a bare line of names, in brackets)
            lines.remove(x)
        t = next(n for n, x in enumerate(lines) if x.article == i and x.role == "title")
        lines[t:t] = bylines
    return lines


# a printed line never opens on a closing mark nor ends on an opening one (kinsoku); a
# half-width quote (damage that ran before) may be either
_NO_LINE_START = "，。、；：？！”’）》」』…—\"'"
_NO_LINE_END = "“‘（《「『\"'"
TWO_LINE_TITLE = 12  # characters: a head this long may be set over two lines


def title_two_lines(rng, lines, page):
    """A long title set over two lines in a narrow head, the text layer giving each line as a
    line of its own: the break falls where the first line fills (a head's first line is the
    longer, or the two are balanced), inside a phrase, never before a closing mark or after
    an opening one. (A title of two parts printed with a space between
    them is set one part a line, and reads as a kicker over a title: not this form.)"""
    for k, line in reversed(list(enumerate(lines))):
        text = line.text
        if line.role != "title" or len(text) < TWO_LINE_TITLE or any(c in text for c in " 　，,"):
            continue
        cuts = [c for c in range(len(text) // 2, len(text) * 3 // 5 + 1)
                if text[c] not in _NO_LINE_START and text[c - 1] not in _NO_LINE_END]
        if cuts:
            cut = rng.choice(cuts)
            lines[k:k + 1] = [Line(text[:cut], "title", line.article), Line(text[cut:], "title", line.article)]
    return lines


TWO_LINE_KICKER = 7  # characters: a column's line this long may be set over two in a narrow head


def kicker_two_lines(rng, lines, page):
    """A column's banner or series line set over two lines in a narrow head (学习贯彻党的 |
    二十大精神), the text layer giving each line as a line of its own, over the title: the
    break falls inside it, where its first line fills, never after an opening mark or before
    a closing one. A page with no such line gives one to an article that has none."""
    if not any(x.role == "kicker" and len(x.text) >= TWO_LINE_KICKER for x in lines):
        _give_kicker(rng, lines, page)
    for k, line in reversed(list(enumerate(lines))):
        text = line.text
        if line.role != "kicker" or len(text) < TWO_LINE_KICKER or any(c in text for c in " 　"):
            continue  # (a web copy's heading mark, ## …, or a kicker of two parts: set a part a line)
        cuts = [c for c in range(len(text) // 2, len(text) * 3 // 5 + 1)
                if text[c] not in _NO_LINE_START + "】" and text[c - 1] not in _NO_LINE_END + "【"]
        if cuts:
            cut = rng.choice(cuts)
            lines[k:k + 1] = [Line(text[:cut], "kicker", line.article), Line(text[cut:], "kicker", line.article)]
    return lines


def _give_kicker(rng, lines, page):
    # (an article whose head opens it: not one whose title another form printed after its text)
    heads = {x.article: k for k, x in enumerate(lines) if x.role == "title" and first_of(lines, x.article) == k}
    bare = [i for i, a in enumerate(page.articles) if i in heads and not a.kicker and not a.before]
    if not bare:
        return
    i = rng.choice(bare)
    page.articles[i].kicker = rng.choice([k for k in KICKERS if len(k) >= TWO_LINE_KICKER])
    lines.insert(heads[i], Line(page.articles[i].kicker, "kicker", i))


def byline_names_two_lines(rng, lines, page):
    """A byline of several names set over two lines in a narrow column (■张华 李明 | 王芳):
    the text layer gives each line as a line of its own, the second names only, unmarked.
    An article signed with one name is given two or three."""
    signed = [i for i, a in enumerate(page.articles) if a.byline is None and a.byline_mark
              and sum(x.article == i and x.role == "byline" for x in lines) == 1]
    if not signed:
        return lines
    i = rng.choice(signed)
    art = page.articles[i]
    while len(art.authors) < rng.choice([2, 3]) or len(art.authors) < 2:
        art.authors.append(name(rng))
    k = next(k for k, x in enumerate(lines) if x.article == i and x.role == "byline")
    cut = rng.randint(1, len(art.authors) - 1)
    lines[k:k + 1] = [Line(art.byline_mark + " ".join(art.authors[:cut]), "byline", i),
                      Line(" ".join(art.authors[cut:]), "byline", i)]
    return lines
