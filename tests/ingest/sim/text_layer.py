"""The forms wrapped-lines and indented-lines: a text layer's lines as they come. Every
paragraph and closing line is wrapped at the column's width, and no blank line stands
anywhere (``render`` is told); in wrapped-lines every line is flush left, in indented-lines
a paragraph's first line opens with an indent of two ideographic spaces (two places of the
column).

What the text layer cannot show is what the page's articles hold:
- a paragraph cut by a column's or a page's end (column-break, a page foot of colophon)
  runs on in the next line of the stream, the foot set between two lines;
- flush left, a paragraph whose last line fills the column leaves no sign of its end: where
  another paragraph of the same article follows, the page reads right only with the two as
  one (indented, the next paragraph's indent shows it)."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import accumulate

from tests.ingest.sim.corpus import CJK
from tests.ingest.sim.page import Line

_SENTENCE_END = "。！？…”’）》?!)"  # (half-width marks: half-width damage ran before)
_GLYPH = re.compile(r"\(cid:\d+\)|.", re.S)
# what else the column sets at its width: the closing lines (a title, a kicker, a subheading
# and a byline stand on lines of their own, and a summary in its box)
_COLUMN_SET = ("footer",)


def _ends_sentence(text: str) -> bool:
    """(A full stop read as a dot after a Chinese character, of dot-stops, ends one too; so
    does a saying's source after its dash, —— 王阳明: a line of its own.)"""
    return text.endswith(tuple(_SENTENCE_END)) or (text.endswith(".") and CJK.match(text[-2:-1]) is not None) \
        or text.startswith("——")


@dataclass
class _Paragraph:
    """A paragraph as the column sets it: its text, and the lines set inside it (after
    their offset in the text)."""

    text: str
    article: int
    inside: list[tuple[int, Line]] = field(default_factory=list)


_INDENT = "\u3000\u3000"


def wrapped_lines(rng, lines: list[Line], page, indented: bool = False) -> list[str]:
    width = rng.randint(18, 40)
    stream = _stream(lines)
    if not indented:
        ends_unseen = [isinstance(x, _Paragraph) and len(_GLYPH.findall(_wrap(x.text, width)[-1])) >= width
                       and isinstance(y, _Paragraph) and y.article == x.article
                       for x, y in zip(stream, stream[1:], strict=False)]
        _join_unseen_ends(page, stream, ends_unseen)
    out: list[str] = []
    for item in stream:
        out.extend(_set(item, width, indented) if isinstance(item, _Paragraph)
                   else _wrap(item.text, width) if item.role in _COLUMN_SET else [item.text])
    return out


def _stream(lines: list[Line]) -> list[_Paragraph | Line]:
    """The lines with each paragraph's pieces made one paragraph again: a piece that ends
    no sentence goes on in the next paragraph line of its article, whatever page matter
    stands between (kept inside, at the cut)."""
    stream: list[_Paragraph | Line] = []
    between: list[Line] = []  # page matter after an open paragraph
    for line in lines:
        last = next((x for x in reversed(stream) if isinstance(x, _Paragraph)), None)
        open_piece = last is not None and not _ends_sentence(last.text) and stream[-1] is last
        if line.role == "paragraph" and last is not None and last.article == line.article \
                and not _ends_sentence(last.text) and (open_piece or between):
            last.inside += [(len(last.text), x) for x in between]
            last.text += line.text
            between = []
        elif line.role == "furniture" and (open_piece or between):
            between.append(line)
        else:
            stream.extend(between)
            between = []
            stream.append(_Paragraph(line.text, line.article) if line.role == "paragraph" else line)
    return stream + between


def _set(paragraph: _Paragraph, width: int, indented: bool) -> list[str]:
    """The paragraph's lines (indented: its first line opens two places in), each line set
    inside it after the line its cut falls in."""
    indent = len(_INDENT) if indented else 0
    out = _wrap(_INDENT + paragraph.text if indented else paragraph.text, width)
    ends = list(accumulate(len(_GLYPH.findall(line)) for line in out))  # (glyphs up to each line's end)
    # (from the last cut back, and at one cut its lines last first: each goes in at the cut)
    for offset, line in reversed(sorted(paragraph.inside, key=lambda x: x[0])):
        glyphs = indent + len(_GLYPH.findall(paragraph.text[:offset]))
        at = min(len(out), max(1, bisect_left(ends, glyphs) + 1))
        out.insert(at, line.text)
    return out


# closing marks no line opens with: the typesetter squeezes one into the line before (kinsoku)
_LINE_END_ONLY = "，。、；：！？”’）》"


def _wrap(text: str, width: int) -> list[str]:
    """The text's lines at the column's width, a glyph the text layer lost ((cid:685)) one
    character of the printed line; a closing mark that would open a line is squeezed into
    the line before (which then holds a character more)."""
    glyphs = _GLYPH.findall(text)
    lines, k = [], 0
    while k < len(glyphs):
        end = min(k + width, len(glyphs))
        if end < len(glyphs) and glyphs[end] in _LINE_END_ONLY:
            end += 1
        lines.append("".join(glyphs[k:end]))
        k = end
    return lines


def _join_unseen_ends(page, stream: list[_Paragraph | Line], ends_unseen: list[bool]) -> None:
    """Join in `page`'s articles each paragraph whose end the page does not show to the next.
    The laid-out paragraphs are the articles' paragraph blocks in order (an article whose
    count differs, reshaped by another kind, keeps its blocks)."""
    for number, article in enumerate(page.articles):
        laid_out = [k for k, x in enumerate(stream) if isinstance(x, _Paragraph) and x.article == number]
        paragraphs = [k for k, (kind, _) in enumerate(article.blocks) if kind == "paragraph"]
        if len(laid_out) != len(paragraphs):
            continue
        blocks = list(article.blocks)
        for item_at, block_at in reversed(list(zip(laid_out, paragraphs, strict=True))):
            following = block_at + 1
            if item_at < len(ends_unseen) and ends_unseen[item_at] and following < len(blocks) \
                    and blocks[following][0] == "paragraph":
                blocks[block_at:following + 1] = [("paragraph", blocks[block_at][1] + blocks[following][1])]
        article.blocks = blocks
