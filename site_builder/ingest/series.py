"""An article's subheadings form a series: parallel phrases, alike in length and often in
their opening (让物业服务有人管 / 让居民议事有平台 / 让志愿服务有活力; 坚定理想信念 /
练就过硬本领 / 锤炼品德修为). A line shaped like the other subheadings of its article is
one of them, whatever a break or a short opening sentence after it suggests. An article
that numbers its subheadings (一、… 二、…, （一）…) numbers every one of the series: an
unnumbered line among them is none of it."""
from __future__ import annotations

from collections.abc import Sequence

from site_builder.ingest import shapes
from site_builder.ingest.lines import Unit

# Chinese characters by which two subheadings of one series may differ when they open alike
LENGTH_SLACK = 1


def subheading_shaped(text: str) -> bool:
    """Short, unterminated, no sentence inside: a line that could be a subheading."""
    return shapes.title_shaped(text, limit=shapes.HEADING_MAX) and shapes.dangling(text)


def headings_among(units: Sequence[Unit]) -> list[str]:
    """The lines among `units` shaped like subheadings and followed by a line that is not
    (a subheading stands over its paragraph)."""
    return [u.text for u, nxt in zip(units, units[1:], strict=False)
            if subheading_shaped(u.text) and not subheading_shaped(nxt.text)]


def opens_alike(text: str, other: str) -> bool:
    """The two open with one character and are about as long (a series' shared frame)."""
    return text[:1] == other[:1] and abs(shapes.cjk_len(text) - shapes.cjk_len(other)) <= LENGTH_SLACK


def in_series(text: str, others: Sequence[str]) -> bool:
    """`text` opens like one of the article's other subheadings."""
    return any(opens_alike(text, other) for other in others if other is not text)


def one_length_series(text: str, others: Sequence[str]) -> bool:
    """Two subheadings or more, all as long as `text` (坚定理想信念 / 练就过硬本领 /
    锤炼品德修为): a series of one length, of which `text` is one more."""
    return len(others) >= 2 and all(shapes.cjk_len(other) == shapes.cjk_len(text) for other in others)


def of_the_series(text: str, others: Sequence[str]) -> bool:
    """`text` opens like one of the article's subheadings, or has the one length they all
    have; never where they are numbered and it is not."""
    return (in_series(text, others) or one_length_series(text, others)) and not out_of_numbered_series(text, others)


def out_of_numbered_series(text: str, others: Sequence[str]) -> bool:
    """The article numbers its subheadings (two of the others at least, and most of them, are
    numbered) and `text` is not numbered. (Most, not all: a cut piece of body read as a
    subheading on its own evidence stands among the others too.)"""
    numbered = sum(1 for other in others if shapes.is_numbered_heading(other))
    return numbered >= 2 and 2 * numbered > len(others) and not shapes.is_numbered_heading(text)


def opens_a_series(units: Sequence[Unit], k: int, ends: tuple[str, ...]) -> bool:
    """Unit k opens like a subheading of the text below it, up to the next unit of a kind in
    `ends` (an article's closing lines): 让物业服务有人管 over 让居民议事有平台, 让志愿服务有活力,
    the first of its article's series, set right under the title of an article with no lede.
    (Over text: a line over a byline is a title, however like the subheadings under it.)"""
    end = next((j for j in range(k + 1, len(units)) if units[j].kind in ends), len(units))
    over_text = k + 1 < end and units[k + 1].kind == "text" and "names" not in units[k + 1].info
    return over_text and units[k].kind == "text" and in_series(units[k].text.strip(), headings_among(units[k + 1:end]))
