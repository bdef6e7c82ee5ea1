"""Character accounting: every character of a raw page ends up somewhere in the extraction.

Both sides are reduced to their content characters (Chinese, letters, digits) after folding
width (NFKC), traditional forms (OpenCC) and a stray "and" (read as 和). What the page has
and the extraction lacks may only be the labels the extractor strips on purpose
(内容提要, 作者单位 …); what the extraction has and the page lacks must be nothing.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

import opencc

from site_builder.model import SourceDocument

_T2S = opencc.OpenCC("t2s")
_AND = re.compile(r"(?<=[\u4e00-\u9fff])\s*\band\b\s*(?=[\u4e00-\u9fff])")
LABELS = re.compile(r"内容提要|核心提示|内容摘要|摘要|提要|导读|导语|作者单位系|作者单位为|作者单位是|作者单位"
                    r"|作者系|作者为|作者是|作者|文/|文／")


def content(text: str) -> Counter:
    text = _T2S.convert(unicodedata.normalize("NFKC", _AND.sub("和", text)))
    return Counter(ch for ch in text if ch.isalnum())


def output_texts(doc: SourceDocument) -> list[str]:
    texts: list[str] = []
    for a in doc.articles:
        if a.title and not a.title_inferred:
            texts.append(a.title)
        texts.extend(x for x in (a.kicker, a.affiliation, a.source, a.summary, a.note) if x)
        texts.extend(a.authors)
        texts.extend(b.text for b in a.blocks)
    texts.extend(left.text for left in doc.leftovers)
    return texts


def unaccounted(raw: str, doc: SourceDocument) -> tuple[Counter, Counter]:
    """(characters of the page found nowhere, characters the extraction made up)."""
    # a Latin word split by a line break is one word (the extractor rejoins it)
    have = content(re.sub(r"(?<=[A-Za-z])\n(?=[A-Za-z])", "", raw))
    got = Counter()
    for text in output_texts(doc):
        got += content(text)
    labels = Counter()
    for m in LABELS.finditer(unicodedata.normalize("NFKC", raw)):
        labels += content(m.group(0))
    missing = have - got
    # a source line keeps 原载/据 but its lead-in 作者为… moves to the affiliation: fine either way
    return missing - labels, got - have
