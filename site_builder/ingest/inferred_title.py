"""A title for an article the page prints without one (a continued article's top, text
before the page's first title): the first clause of its text that could stand as a title.
Never a bare year or date, a jump line or an editor's note: those open text without naming
what it is about."""
from __future__ import annotations

import re

from site_builder.ingest import shapes

INFERRED_TITLE_MAX = 24
CLAUSE_MIN = 4  # Chinese characters: fewer name nothing (近年来, 同时)
_CLAUSE_END = re.compile(r"[，。！？；]")
_NUMERAL = r"[0-9０-９〇○零一二三四五六七八九十百]"
_DATE = re.compile(rf"^(?:公元)?{_NUMERAL}+年(?:{_NUMERAL}+月(?:{_NUMERAL}+日)?)?"
                   r"(?:以来|以后|之后|前后|起|初|底|末|春|夏|秋|冬)?$"
                   rf"|^{_NUMERAL}+月(?:{_NUMERAL}+日)?(?:以来|起)?$")
_JUMP = re.compile(rf"^[（(]?\s*{shapes.JUMP_VERB}\s*第?\s*{_NUMERAL}+\s*版")
_EDITOR_NOTE = re.compile(r"^[【\[〔（(]?\s*编者按")


def inferred_title(paragraphs: list[str]) -> str | None:
    """The first clause of the first paragraph that can stand as a title, cut to a title's
    length (marked with …), or None when none can (or the text opens with a clause mark:
    the tail of a sentence names nothing)."""
    clauses = [c.strip() for c in _CLAUSE_END.split(paragraphs[0])] if paragraphs else []
    if not clauses or not clauses[0]:
        return None
    clause = next((c for c in clauses if _names_something(c)), None)
    if clause is None:
        return None
    return clause if len(clause) <= INFERRED_TITLE_MAX else clause[:INFERRED_TITLE_MAX] + "…"


def _names_something(clause: str) -> bool:
    return shapes.cjk_len(clause) >= CLAUSE_MIN and not _DATE.match(clause) \
        and not _JUMP.match(clause) and not _EDITOR_NOTE.match(clause)
