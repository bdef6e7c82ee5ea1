"""Character accounting: every character of a raw page ends up somewhere in the extraction.

Both sides are reduced to their content characters (Chinese, letters, digits) after folding
width (NFKC), traditional forms (OpenCC) and a stray "and" (read as 和). What the page has
and the extraction lacks may only be the labels the extractor strips on purpose
(内容提要, 作者单位 …); what the extraction has and the page lacks must be nothing.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from functools import lru_cache

import opencc

from site_builder.model import SourceDocument

_T2S = opencc.OpenCC("t2s")
# (its letters may be full-width: a text layer's, which the extractor folds before it reads it)
_AND = re.compile(r"(?<=[\u4e00-\u9fff])\s*[aａ][nｎ][dｄ]\s*(?=[\u4e00-\u9fff])")
# label words the extractor drops on purpose: a summary's label, an affiliation's lead-in, a staff
# byline's role (本报记者 苏雁 gives the author 苏雁), an editor's note's 编者按, an
# author's note's lead-in and the writer's name it repeats (作者简介：王某，), a byline's
# square marker that OCR read as a character (口李奕), the writers' parts of a byline
# (read from the extractor when a page is checked, not when the simulator composes one)
@lru_cache(maxsize=1)
def _labels() -> re.Pattern:
    from site_builder.ingest.metadata import STAFF_ROLE
    from site_builder.ingest.writer_roles import PARTS

    # the writers' parts a byline labels them by (口述：王某　整理：李某, 王某/文, 王某　整理),
    # and 等 after a byline's names (王某　李某　等)
    parts = "|".join(PARTS)
    writer_parts = (rf"(?:{parts})\s*[:：｜|丨]|[/／]\s*(?:{parts}|文)(?=\s|$)|(?<=\s)(?:{parts})(?=\s|$)"
                    rf"|[（(](?:{parts})[）)]|(?<=[\u4e00-\u9fff])[ \u3000]+等(?=\n|$)|")
    return re.compile(writer_parts + r"内容提要|核心提示|核心阅读|阅读提示|内容摘要|摘要|提要|导读|导语|作者单位系|作者单位为|作者单位是|作者单位"
                      r"|[【\[〔]?(?:作者|专家)(?:简介|介绍)[】\]〕]?[:：]?\s*[\u4e00-\u9fff·]{2,5}[，,]"
                      r"|作者系|作者为|作者是|分别为|分别系|分别是|本文作者|(?:撰?文(?:[·・、/／]?图)?|图文|作者)\s*[/／｜|丨:：]|作者|编者按|主持人|"
                      + STAFF_ROLE.pattern)


def _ocr_markers(raw: str) -> Counter:
    """The byline markers OCR read as 口 or ロ, which the extractor drops (the lines it reads so)."""
    from site_builder.ingest.metadata import read_ocr_marker

    lines = (line.strip() for line in raw.split("\n"))
    return Counter(line[0] for line in lines if line and read_ocr_marker(line) != line)


def content(text: str) -> Counter:
    text = _T2S.convert(unicodedata.normalize("NFKC", _AND.sub("和", text)))
    return Counter(ch for ch in text if ch.isalnum())


def output_texts(doc: SourceDocument) -> list[str]:
    from site_builder.ingest import dateline

    texts: list[str] = []
    for a in doc.articles:
        if a.title and not a.title_inferred:
            texts.append(a.title)
        texts.extend(x for x in (a.kicker, a.affiliation, a.source, a.summary, a.note) if x)
        # (a news report's writers are read from its dateline, which stays its text)
        texts.extend(name for name in a.authors if name not in dateline.opening_writers([b.text for b in a.blocks[:2]]))
        texts.extend(b.text for b in a.blocks)
    texts.extend(left.text for left in doc.leftovers)
    return texts


def unaccounted(raw: str, doc: SourceDocument) -> tuple[Counter, Counter]:
    """(characters of the page found nowhere, characters the extraction made up)."""
    from site_builder.ingest.decode import CONTROL, LOST_GLYPH
    from site_builder.ingest.layer_repairs import INVISIBLE, fold_doubled, fold_radicals

    # removed or read otherwise by the extractor, with a warning (listed repairs)
    raw = fold_doubled(fold_radicals(INVISIBLE.sub("", LOST_GLYPH.sub("", CONTROL.sub("", raw)))))
    # a Latin word split by a line break is one word (the extractor rejoins it)
    have = content(re.sub(r"(?<=[A-Za-z])\n(?=[A-Za-z])", "", raw))
    got = Counter()
    for text in output_texts(doc):
        got += content(text)
    labels = Counter()
    for m in _labels().finditer(unicodedata.normalize("NFKC", raw)):
        labels += content(m.group(0))
    labels += _ocr_markers(raw)
    missing = have - got
    # a source line keeps 原载/据 but its lead-in 作者为… moves to the affiliation: fine either way
    return missing - labels, got - have


# --- no character altered but by the listed repairs ------------------------------------
# Every character the extraction gives must stand in the raw page, with the characters
# around it in its own text, once both sides are read through the repairs the extractor may
# make: width (NFKC: full-width punctuation, digits, letters), stray traditional characters
# (the extractor's own table: only a traditional-only or ambiguous character may become one
# of its candidates), markdown marks, spaces and line breaks, control characters, quotes
# (straight or curly, either direction), middle dots, the full stop after Chinese, the stray
# "and" (和), the ellipsis (three or more ASCII dots, or a lone …, as ……), and the text
# layer's repairs (layer_repairs: invisible characters removed, radicals as ideographs, a
# line drawn twice read once).
# A character is explained by a run of GRAM characters of its text found in the page;
# a text shorter than that must be found whole. A rewritten character (坏 -> 坯, 昇 -> 升,
# …… -> ………) breaks every run through it.
GRAM = 4
_JOINS = re.compile(r"[；\n]")  # the extractor joins two affiliations, sources or notes with ；
_QUOTES = str.maketrans({c: '"' for c in "“”‘’'"})
_MIDDLE_DOTS = str.maketrans({c: "·" for c in "\u30fb\u2022\u2027\u2219\uff65"})
_GAPS = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")
_MARKS = re.compile(r"[*#_]")
_LONE_ELLIPSIS = re.compile(r"(?<!…)…(?!…)")
_DOT_RUN = re.compile(r"\.{3,}")
_ELLIPSES = re.compile(r"(…+)")
_TOKENS = re.compile(r"…+|.", re.S)
_RUN_MARKS = 0xE000  # private-use code points: U+E000 + n stands for a run of n ellipses


def _fold(text: str) -> str:
    """The text as the listed repairs leave it, whichever of them the extractor applied."""
    # (NFKC reads … as three dots: a run of ellipses is kept as one mark saying its length,
    # so that runs of characters found in the page cannot make ……… of ……)
    pieces = _ELLIPSES.split(text)
    text = "".join(unicodedata.normalize("NFKC", piece) if k % 2 == 0 else chr(_RUN_MARKS + len(piece))
                   for k, piece in enumerate(pieces))
    from site_builder.ingest.layer_repairs import fold_radicals

    text = fold_radicals(text).translate(_QUOTES).translate(_MIDDLE_DOTS)
    return _MARKS.sub("", text).replace("。", ".")


def _raw_readings(raw: str) -> list[str]:
    """For each character of the folded page, the characters the extraction may print for it."""
    from site_builder.ingest.layer_repairs import INVISIBLE, fold_doubled
    from site_builder.ingest.traditional_table import AMBIGUOUS, TRADITIONAL_ONLY

    text = _GAPS.sub("", _AND.sub("和", fold_doubled(INVISIBLE.sub("", raw))))
    text = _LONE_ELLIPSIS.sub("……", _DOT_RUN.sub("……", text))
    readings = []
    for token in _TOKENS.findall(text):  # a run of ellipses, or one character
        folded = _fold(token)
        options = TRADITIONAL_ONLY.get(token, "") + AMBIGUOUS.get(token, "")
        readings.extend(folded[:-1])
        readings.append(folded[-1:] + options if folded else "")
    return [r for r in readings if r]


class _Page:
    def __init__(self, raw: str):
        readings = _raw_readings(raw)
        self.grams: set[str] = set()
        for n in range(1, GRAM + 1):
            for i in range(len(readings) - n + 1):
                window = readings[i:i + n]
                if all(len(r) == 1 for r in window):
                    self.grams.add("".join(window))
                else:
                    self.grams.update("".join(p) for p in itertools.product(*window))

    def unexplained(self, text: str) -> list[int]:
        """Positions of the folded text no run of GRAM characters found in the page covers."""
        if len(text) < GRAM:
            return [] if text in self.grams else list(range(len(text)))
        found = [text[a:a + GRAM] in self.grams for a in range(len(text) - GRAM + 1)]
        return [j for j in range(len(text))
                if not any(found[a] for a in range(max(0, j - GRAM + 1), min(j, len(text) - GRAM) + 1))
                and not self._edge_run(text, j)]

    def _edge_run(self, text: str, j: int) -> bool:
        """A character near either end of its text, in a run of two or more reaching that end
        found in the page: the last words of a column carried to the article they continue
        (律师 | 费。) stand in the page only up to the column's foot."""
        tail, head = text[j:], text[:j + 1]
        return (2 <= len(tail) < GRAM and tail in self.grams) or (2 <= len(head) < GRAM and head in self.grams)


def altered(raw: str, doc: SourceDocument) -> list[str]:
    """The characters of the extraction that no listed repair of the raw page explains, each
    shown in its text ([x] marks it); empty when every character is the page's own."""
    page = _Page(raw)
    problems: list[str] = []
    joined = {x for a in doc.articles for x in (a.affiliation, a.source, a.note) if x}
    for text in output_texts(doc):
        # (only fields the extractor joins with ； are split there: a body's ； is printed)
        for part in (_JOINS.split(text) if text in joined else text.split("\n")):
            folded = _fold(_GAPS.sub("", part))
            for j in page.unexplained(folded):
                problems.append(_shown(f"{folded[max(0, j - 8):j]}[{folded[j]}]{folded[j + 1:j + 9]}"))
    return problems


def _shown(text: str) -> str:
    return re.sub("[\ue001-\ue0ff]", lambda m: f"…×{ord(m.group(0)) - _RUN_MARKS}", text)
