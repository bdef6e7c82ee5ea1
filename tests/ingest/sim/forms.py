"""Kinds of issue 15 that damage or add to the laid-out lines: page heads, captions,
separators, control characters, bylines and closing lines out of place, a second article
starting mid-page, text that normalisation must leave alone.

Each takes (rng, lines, page) and returns the lines (and notes what the page must give back)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from tests.ingest.sim import corpus
from tests.ingest.sim.compose import KICKERS, has_trap, name
from tests.ingest.sim.damage_text import cut_point, s2t, traditional_chars
from tests.ingest.sim.page import Line, first_of, last_of, paragraphs

SEPARATORS = ["* * *", "＊＊＊", "——", "※　※　※"]
CONTROL = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85]]
CONTROL_PATTERN = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85]"  # (CR is a line ending: not sprinkled)
WEEKDAYS = "一二三四五六日"
HEADS = [
    "{paper} {y}年{m}月{d}日 星期{w} 第{p}版 理论",
    "{y}年{m}月{d}日 星期{w} 理论周刊 {p}",
    "{paper} {y}-{m:02}-{d:02} 第{p}版：理论",
    "{paper}　{y}年{m}月{d}日　星期{w}　第{p:02}版　思想理论",
    "第{p}版 理论·观点 {y}年{m}月{d}日 星期{w}",
    "{paper} {y}.{m:02}.{d:02} 星期{w} {p}版 评论",
    "{paper} {y}年{m}月{d}日 星期{w} {p} 理论",
    "{paper} {y}年{m}月{d}日 第A{p}版 理论周刊",
    "A{p} 思想周刊 {y}年{m}月{d}日 星期{w}",
]
PAPERS = ["人民日报", "光明日报", "经济日报", "学习时报", "解放日报", "中国青年报", "南方日报"]
MORE_KICKERS = ["理论前沿", "思想纵横", "学思践悟", "治理之道", "理论视点"]


def page_head(rng, lines, page):
    """A page head naming the paper, the date and the page: never in a body; its date is
    every article's date."""
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    head = rng.choice(HEADS).format(paper=rng.choice(PAPERS), y=day.year, m=day.month, d=day.day,
                                    w=WEEKDAYS[day.weekday()], p=rng.randint(5, 16))
    page.date = day.isoformat()
    for art in page.articles:
        art.date = page.date
    page.absent.append(head)
    lines.insert(0, Line(head, "furniture", -1))
    return lines


def separator(rng, lines, page):
    """A rule line between neighbouring articles."""
    for i in range(len(page.articles) - 1, 0, -1):
        if rng.random() < 0.7 or i == 1:
            lines.insert(first_of(lines, i), Line(rng.choice(SEPARATORS), "furniture", -1))
    return lines


def caption(rng, lines, page):
    """One to three photo or chart captions between paragraphs: page matter, never body text."""
    for _ in range(rng.randint(1, 3)):
        text = rng.choice(corpus.captions()).format(name=name(rng))
        k = rng.choice([k for k, x in enumerate(lines) if x.role == "paragraph"])
        lines.insert(k + 1, Line(text, "furniture", -1))
        page.leftovers.append((None, text))
        page.absent.append(text)
    return lines


def control_chars(rng, lines, page):
    """Control characters (C0 but tab and newline, DEL, NEL) sprinkled into the text."""
    page.forbidden.append(CONTROL_PATTERN)
    for _ in range(rng.randint(3, 8)):
        x = rng.choice(lines)
        p = rng.randrange(len(x.text) + 1)
        x.text = x.text[:p] + rng.choice(CONTROL) + x.text[p:]
    return lines


def lost_glyphs(rng, lines, page):
    """Glyphs a PDF-to-text step could not map, left in the text: pdfminer's (cid:123) and
    private use characters. They are removed (with a warning); the text around them reads on."""
    for _ in range(rng.randint(2, 6)):
        x = rng.choice([line for line in lines if line.role == "paragraph"])
        p = rng.choice([k for k in range(1, len(x.text)) if "\u4e00" <= x.text[k - 1] <= "\u9fff"] or [0])
        glyph = f"(cid:{rng.randint(1, 9999)})" if rng.random() < 0.6 else chr(rng.randint(0xE000, 0xF8FF))
        x.text = x.text[:p] + glyph + x.text[p:]
    page.forbidden.append(r"\(cid:\d+\)|[\ue000-\uf8ff]")
    return lines


def set_apart(lines, i: int) -> bool:
    """Article i's lines stand together, no other article's line (nor a glued line) among
    them: its columns are not read in turns with another's. A displaced byline or a column
    cut a few characters into a first paragraph belongs to such an article: interleaved
    columns have the grid's one height, and a byline printed below the next article has
    no place inside two articles' columns read in turns."""
    at = [k for k, x in enumerate(lines) if x.article == i]
    return not at or all(x.article in (i, -1) and x.role != "glued" for x in lines[at[0]:at[-1] + 1])


def byline_displaced(rng, lines, page):
    """An article's byline printed after the next article (below its closing lines)."""
    signed = [i for i in range(len(page.articles) - 1)
              if any(x.article == i and x.role == "byline" for x in lines)
              and set_apart(lines, i) and set_apart(lines, i + 1)]
    if not signed:
        return lines
    i = rng.choice(signed)
    moved = [x for x in lines if x.article == i and x.role == "byline"]
    lines = [x for x in lines if x not in moved]
    at = last_of(lines, i + 1) + 1
    return lines[:at] + moved + lines[at:]


def joint_footers(rng, lines, page):
    """Two articles' closing lines (作者单位…, 原载…) printed together below the second."""
    pairs = [i for i in range(len(page.articles) - 1) if page.articles[i].footer and page.articles[i + 1].footer]
    if not pairs:
        return lines
    i = rng.choice(pairs)
    moved = [x for x in lines if x.article == i and x.role == "footer"]
    lines = [x for x in lines if x not in moved]
    at = first_of(lines, i + 1, ("footer",))
    return lines[:at] + moved + lines[at:]


def mid_page_kicker(rng, lines, page):
    """A later article starts mid-page with a kicker, then its title; a column ends a few
    characters into its first paragraph."""
    apart = [i for i in range(1, len(page.articles)) if set_apart(lines, i)]
    if not apart:
        return lines
    i = rng.randrange(1, len(page.articles)) if len(apart) == len(page.articles) - 1 else rng.choice(apart)
    art = page.articles[i]
    if not art.kicker:
        art.kicker = rng.choice(KICKERS + MORE_KICKERS)
        lines.insert(first_of(lines, i, ("title",)), Line(art.kicker, "kicker", i))
    k = first_of(lines, i, ("paragraph",))
    text = lines[k].text
    spots = [p for p in range(4, min(16, len(text) - 10)) if re.match(r"[\u4e00-\u9fff]", text[p - 1] + text[p])
             and text[p - 1] not in "。！？"]
    if spots:
        p = rng.choice(spots)
        lines[k:k + 1] = [Line(text[:p], "paragraph", i), Line(text[p:], "paragraph", i)]
    return lines


def keep_text(rng, lines, page):
    """Paragraphs whose correct text a careless normalisation changes (……, single quotes
    printed as ASCII ', which must come back as ‘…’,
    毕昇, 乾县) get one stray traditional character elsewhere: repairs must touch only it."""
    for x in lines:
        if x.role == "paragraph" and has_trap(x.text):
            x.text = x.text.replace("‘", "'").replace("’", "'")
            safe = [p for p, c in enumerate(x.text) if s2t().convert(c) != c
                    and not has_trap(x.text[max(0, p - 3):p + 4])]
            if safe:
                p = rng.choice(safe)
                x.text = x.text[:p] + traditional_chars(rng, x.text[p], 1.0) + x.text[p + 1:]
    return lines


def number_spaces(rng, lines, page):
    """Spaces left inside numbers at old wrap points: 20 19年, 8 9%."""
    page.forbidden.append(r"\d[ \u3000]+\d")
    for x in lines:
        numbers = [m for m in re.finditer(r"\d[\d.]*\d", x.text)] if x.role == "paragraph" else []
        for m in sorted(rng.sample(numbers, min(len(numbers), 2)), key=lambda m: -m.start()):
            p = rng.randrange(m.start() + 1, m.end())  # one wrap point a number
            x.text = x.text[:p] + " " + x.text[p:]
    return lines


# ideographs a font may map to a radical's code point (the Kangxi block's, by NFKC, and a few
# of the supplement's simplified forms), and the invisible characters a text layer leaves
_RADICAL_OF = {unicodedata.normalize("NFKC", chr(code)): chr(code) for code in range(0x2F00, 0x2FD6)}
_RADICAL_OF.update({"见": "\u2ec5", "长": "\u2ed3", "门": "\u2ed4", "青": "\u2ed8", "风": "\u2edb", "马": "\u2ee2",
                    "龙": "\u2ef0", "车": "\u2ecb", "贝": "\u2ec9", "页": "\u2eda", "西": "\u2ec4", "黄": "\u2ee9"})
_INVISIBLE = ["\u200b", "\u00ad", "\ufeff", "\u200c", "\u2060"]
_FULL_WIDTH = {code: code + 0xFEE0 for code in [*range(0x30, 0x3A), *range(0x41, 0x5B), *range(0x61, 0x7B)]}


def layer_chars(rng, lines, page):
    """Characters a PDF's text layer gives in place of the printed ones: some ideographs as
    the radicals their font maps them to (every occurrence on the page: the font does it),
    invisible characters between characters of a few paragraphs, a form feed where the
    converter's page ended (before a paragraph, and at the end), full-width digits, letters
    and a full stop in a paragraph or two, and a title or subheading of a bold face drawn
    twice (each character twice)."""
    mapped = rng.sample(sorted(_RADICAL_OF), 12)
    table = str.maketrans({ch: _RADICAL_OF[ch] for ch in mapped})
    for x in lines:
        x.text = x.text.translate(table)
    for x in rng.sample(paragraph_lines(lines), min(3, len(paragraph_lines(lines)))):
        chars = list(x.text)
        for k in sorted(rng.sample(range(1, len(chars)), min(4, len(chars) - 1)), reverse=True):
            chars.insert(_outside_lost_glyph(x.text, k), rng.choice(_INVISIBLE))
        x.text = "".join(chars)
    x = rng.choice(paragraph_lines(lines))
    x.text = "\f" + x.text
    lines[-1].text += "\f"
    for x in rng.sample(paragraph_lines(lines), min(2, len(paragraph_lines(lines)))):
        # (another width: full-width digits and Latin letters, a full-width full stop)
        x.text = "".join(part if k % 2 else part.translate(_FULL_WIDTH)
                         for k, part in enumerate(_LOST_GLYPH.split(x.text))).replace("。", "．", 1)
    bold = [x for x in lines if x.role in ("title", "heading")]
    for x in rng.sample(bold, min(len(bold), rng.randint(0, 2))):
        x.text = "".join(ch * 2 if not ch.isspace() else ch for ch in x.text)  # (drawn twice)
    page.forbidden.append("[\u2e80-\u2fdf\u200b-\u200f\u00ad\ufeff\u2060]")
    return lines


# a glyph the converter could not map, as it writes it (lost-glyphs, drawn before): the text
# layer's own characters never fall inside it
_LOST_GLYPH = re.compile(r"(\(cid:\d+\))")


def _outside_lost_glyph(text: str, k: int) -> int:
    """Place k of the text, or the start of the lost glyph's marker it falls inside."""
    return next((m.start() for m in _LOST_GLYPH.finditer(text) if m.start() < k < m.end()), k)


def paragraph_lines(lines):
    return [x for x in lines if x.role == "paragraph"]


def pull_quote(rng, lines, page):
    """A sentence of an article set again alone, large, a few paragraphs from where it is
    printed (a pull quote): between two paragraphs, or between two lines of one where the
    box interrupts the column. It is page matter (a leftover copy), never body text."""
    for _ in range(rng.randint(1, 2)):
        sources = [k for k in paragraphs(lines, 40) if _quotable(lines[k].text)]
        if not sources:
            break
        k = rng.choice(sources)
        quote, article = rng.choice(_quotable(lines[k].text)), lines[k].article
        near = [j for j in paragraphs(lines, 40) if lines[j].article == article and 1 <= abs(j - k) <= 4]
        if not near:
            continue
        j = rng.choice(near)
        boxed = [Line(piece, "furniture", -1) for piece in _box_lines(rng, quote)]
        cut = cut_point(rng, lines[j].text) if rng.random() < 0.5 else None
        if cut is None:
            lines[j + 1:j + 1] = boxed
        else:
            line = lines[j]
            lines[j:j + 1] = [Line(line.text[:cut], "paragraph", article), *boxed,
                              Line(line.text[cut:], "paragraph", article)]
        page.leftovers.append(("duplicate", quote))
    return lines


def _box_lines(rng, quote: str) -> list[str]:
    """The quote as one line, or as the short lines of a narrow box (8 to 14 characters),
    broken as a typesetter breaks them: no line opens on a closing mark or ends on an
    opening one (the break moves back a character)."""
    if rng.random() < 0.5:
        return [quote]
    width = rng.randint(8, 14)
    pieces, rest = [], quote
    while len(rest) > width:
        cut = width
        while cut > 1 and (rest[cut] in _CLOSING_MARKS or rest[cut - 1] in _OPENING_MARKS):
            cut -= 1
        pieces.append(rest[:cut])
        rest = rest[cut:]
    return pieces + [rest]


_CLOSING_MARKS = "，。、；：！？”’）》」』…"
_OPENING_MARKS = "“‘（《「『"


def _quotable(text: str) -> list[str]:
    """The paragraph's whole sentences a pull quote could be: 14 to 40 characters."""
    return [s for s in re.findall(r"[^。！？]+[。！？]", text)
            if 14 <= len(s) <= 40 and s.count("“") == s.count("”") and not s.startswith(("”", "’"))]


SUMMARY_LABELS = ["内容提要", "核心提示", "核心阅读", "阅读提示", "【内容提要】"]


def head_order(rng, lines, page):
    """Heads in the orders other papers print them: the summary under another paper's label
    (核心阅读, 阅读提示), the byline under the summary instead of over it, the reprint line
    (原载…) under the byline instead of after the body."""
    for i in {x.article for x in lines if x.role == "label"}:
        label = next(k for k, x in enumerate(lines) if x.article == i and x.role == "label")
        lines[label].text = rng.choice(SUMMARY_LABELS)
        bylines = [k for k, x in enumerate(lines) if x.article == i and x.role == "byline"]
        if bylines and rng.random() < 0.5:
            moved = [lines[k] for k in bylines]
            rest = [x for k, x in enumerate(lines) if k not in bylines]
            after = last_of(rest, i, ("summary",)) + 1
            lines = rest[:after] + moved + rest[after:]
    reprinted = [k for k, x in enumerate(lines) if x.role == "footer" and x.text.startswith("（原载")]
    for k in sorted(rng.sample(reprinted, min(len(reprinted), rng.randint(0, 2))), reverse=True):
        i, line = lines[k].article, lines.pop(k)
        heads = [j for j, x in enumerate(lines) if x.article == i and x.role in ("title", "byline")]
        if heads:
            lines.insert(heads[-1] + 1, line)
    return lines


AFTERWORDS = ["基层是一切工作的落脚点。这篇文章讲的经验，值得各地结合实际学习借鉴。",
              "发展的路子对了，群众的日子就有奔头。期待更多地方把好经验转化为好做法。",
              "治理千头万绪，关键在人。读罢此文，我们更能体会到实干二字的分量。",
              "改革贵在落实。文章所谈的几点思考，希望能为读者带来一些启发。"]


def afterword(rng, lines, page):
    """An editor's afterword after an article (【编后】 on its own line over its paragraph,
    or 编后：… on one line), and a column host's credit ((本栏目主持：王某)): page matter,
    never body text."""
    i = rng.choice(sorted({x.article for x in lines if x.article >= 0}))
    at = last_of(lines, i) + 1
    text = rng.choice(AFTERWORDS)
    if rng.random() < 0.5:
        label = rng.choice(["【编后】", "编后", "编后语", "【编后语】"])
        added = [Line(label, "furniture", -1), Line(text, "furniture", -1)]
        page.leftovers += [("editor_note", label), ("editor_note", text)]
    else:
        note = rng.choice(["编后：", "编后　", "【编后】"]) + text
        added = [Line(note, "furniture", -1)]
        page.leftovers.append(("editor_note", note))
    if rng.random() < 0.5:
        host = f"（{rng.choice(['本栏目主持', '本版主持', '栏目主持'])}：{name(rng)}）"
        added.append(Line(host, "furniture", -1))
        page.leftovers.append(("notice", host))
    lines[at:at] = added
    return lines


SHORT_PARAGRAPHS = ["怎么办？", "答案是肯定的。", "实践证明，这条路走对了。", "这是多么深刻的变化！",
                    "问题出在哪里？", "事实上，办法总比困难多。", "路在何方？", "总之，关键在落实。",
                    "道理很简单。", "这绝非偶然。", "群众是最好的裁判。", "机遇前所未有。", "路就在脚下。"]


def short_paragraphs(rng, page):
    """A paragraph of one short sentence, as commentary writes them: a question, an
    exclamation, a sentence led by its connective (实践证明，…), a plain statement (答案是肯定的。).
    It is body text. A page prints different ones (the same paragraph twice on a page reads as
    a paragraph printed twice)."""
    for text in rng.sample(SHORT_PARAGRAPHS, rng.randint(1, 2)):
        art = rng.choice(page.articles)
        # between two paragraphs, or after the last (a short closing line of the argument)
        spots = [k for k in range(1, len(art.blocks) + 1) if art.blocks[k - 1][0] == "paragraph"
                 and (k == len(art.blocks) or art.blocks[k][0] == "paragraph")]
        if spots:
            art.blocks.insert(rng.choice(spots), ("paragraph", text))
