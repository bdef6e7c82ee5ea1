"""Damage to the text of lines: what OCR and PDF text layers do to characters and breaks.

Each function takes (rng, lines, page) and returns the damaged lines; the expected output
stays the clean articles (extraction repairs all of it)."""
from __future__ import annotations

import re
from functools import lru_cache

import opencc

from tests.ingest.sim.corpus import CJK
from tests.ingest.sim.page import Line, paragraphs

FULL_TO_HALF = {"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")", "“": '"', "”": '"'}


def cut_point(rng, text: str) -> int | None:
    spots = [p for p in range(10, len(text) - 10) if CJK.match(text[p - 1]) and CJK.match(text[p])]
    return rng.choice(spots) if spots else None


def column_break(rng, lines, page):
    """A paragraph broken in two where a column ends (one to three on the page)."""
    paras = paragraphs(lines, 40)
    for i in sorted(rng.sample(paras, min(len(paras), rng.randint(1, 3))), reverse=True):
        p = cut_point(rng, lines[i].text)
        if p is not None:
            line = lines[i]
            lines[i:i + 1] = [Line(line.text[:p], "paragraph", line.article), Line(line.text[p:], "paragraph", line.article)]
    return lines


def duplicate(rng, lines, page):
    i = rng.choice(paragraphs(lines, 40))
    form = rng.randrange(3)
    if form == 0:  # the whole paragraph printed twice
        lines.insert(i + 1, Line(lines[i].text, "paragraph", lines[i].article))
    elif form == 1:  # a stretch repeated back to back
        text = lines[i].text
        s = rng.randrange(0, len(text) - 30)
        n = rng.randint(15, min(40, len(text) - s))
        lines[i] = Line(text[:s + n] + text[s:s + n] + text[s + n:], "paragraph", lines[i].article)
    else:  # a closing line printed again at the foot of the page
        foot = [line for line in lines if line.role == "footer"]
        if foot:
            lines.append(Line(rng.choice(foot).text, "furniture", -1))
    return lines


def half_width(rng, lines, page):
    table = str.maketrans(FULL_TO_HALF)
    return [Line(x.text.translate(table) if rng.random() < 0.8 else x.text, x.role, x.article) for x in lines]


def spaces(rng, lines, page):
    out = []
    for x in lines:
        if x.role in ("paragraph", "summary"):
            chars = list(x.text)
            for p in sorted(rng.sample(range(1, len(chars)), max(1, len(chars) // 20)), reverse=True):
                if CJK.match(chars[p - 1]) and CJK.match(chars[p]):
                    chars.insert(p, " ")
            out.append(Line("".join(chars), x.role, x.article))
        elif x.role == "byline" and len(x.text.lstrip("■●▲")) == 2:
            mark = x.text[:len(x.text) - 2]
            out.append(Line(mark + " ".join(x.text[-2:]), x.role, x.article))
        else:
            out.append(x)
    return out


def markdown(rng, lines, page):
    out = []
    for x in lines:
        if x.role in ("title", "kicker") and rng.random() < 0.8:
            out.append(Line("## " + x.text, x.role, x.article))
        elif x.role == "paragraph" and rng.random() < 0.2:
            m = re.match(r"[^。]+。", x.text)
            out.append(Line(f"**{m.group(0)}**{x.text[m.end():]}" if m else x.text, x.role, x.article))
        else:
            out.append(x)
    return out


def dot_stops(rng, lines, page) -> list[Line]:
    """OCR reads some full stops as ASCII dots (改革.高校, 卡点.”高校), never one before a
    number (a dot there is a decimal point: the extractor leaves it)."""
    for x in lines:
        if x.role != "paragraph":
            continue
        spots = [m.start() for m in re.finditer("。(?![0-9])", x.text)]
        for at in rng.sample(spots, min(len(spots), rng.randint(0, 2))):
            x.text = x.text[:at] + "." + x.text[at + 1:]
    return lines


def no_blank_lines(rng, lines, page) -> list[Line]:
    """A line a paragraph with no blank line between (``render`` leaves them out); half the
    pages indent the paragraphs, as a text layer that keeps the indent does."""
    if rng.random() < 0.5:
        return lines
    return [Line("\u3000\u3000" + x.text, x.role, x.article, x.glued) if x.role == "paragraph" else x
            for x in lines]


def hard_wrap(rng, lines) -> list[str]:
    """Paragraphs wrapped at a fixed width (the text layer's lines), indented or not. A glyph
    the text layer lost ((cid:685), of lost-glyphs) held one place of the printed line."""
    width = rng.randint(18, 40)
    indent = rng.random() < 0.5
    out: list[str] = []
    block: list[str] = []
    for x in lines:
        glyphs = _GLYPH.findall(x.text)
        if x.role == "paragraph" and len(glyphs) > width:
            wrapped = wrap(glyphs, width)
            if indent:  # (the indent takes two of the first line's places)
                wrapped = ["\u3000\u3000" + "".join(glyphs[:width - 2]), *wrap(glyphs[width - 2:], width)]
                block.extend(wrapped)
                continue
            out.append("\n".join(wrapped))
        else:
            if block:
                out.append("\n".join(block))
                block = []
            out.append(("\u3000\u3000" if indent and x.role == "paragraph" else "") + x.text)
    if block:
        out.append("\n".join(block))
    return out


_GLYPH = re.compile(r"\(cid:\d+\)|.", re.S)


def wrap(glyphs: list[str], width: int) -> list[str]:
    return ["".join(glyphs[k:k + width]) for k in range(0, len(glyphs), width)]


@lru_cache(maxsize=1)
def s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def traditional_chars(rng, text: str, share: float) -> str:
    """`text` with about `share` of its characters in their traditional form."""
    conv = s2t()
    chars = [conv.convert(c) if rng.random() < share else c for c in text]
    return "".join(c if len(c) == 1 else o for c, o in zip(chars, text, strict=True))


def traditional(rng, lines, page):
    return [Line(traditional_chars(rng, x.text, 0.05), x.role, x.article)
            if x.role in ("paragraph", "heading", "title") else x for x in lines]


def stray_and(rng, lines, page):
    out = []
    for x in lines:
        spots = [m.start() for m in re.finditer(r"(?<=[\u4e00-\u9fff])和(?=[\u4e00-\u9fff])", x.text)]
        if x.role == "paragraph" and spots and rng.random() < 0.5:
            p = rng.choice(spots)
            out.append(Line(x.text[:p] + " and " + x.text[p + 1:], x.role, x.article))
        else:
            out.append(x)
    return out
