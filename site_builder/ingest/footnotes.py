"""An article's notes (注释：①… / 参考文献：[1]…), printed under its closing lines: never
body text and never an article of their own, but the article's, for its reader (the ① in
its text points to them): `attach` adds them to the note of the article printed above them.
The block opens with its label; each note after it opens with its number (①, [1], 〔1〕, 1.)."""
from __future__ import annotations

import re

from site_builder.ingest.lines import Unit, merge_spans
from site_builder.model import Article, LeftoverKind

LEFTOVER: LeftoverKind = "other"  # (the contract's kinds have none for notes)
_LABEL = re.compile(r"^[【\[〔]?\s*(?:注释|注|参考文献|文献)\s*[】\]〕]?\s*[:：]?\s*(?=$|[①-⑳\[〔(（0-9])")
_NUMBERED = re.compile(r"^\s*(?:[①-⑳]|[\[〔(（]\d{1,2}[\]〕)）]|\d{1,2}[.．、]\s*\D)")


def is_notes_label(text: str) -> bool:
    return bool(_LABEL.match(text.strip()))


def mark_note_runs(units: list[Unit]) -> None:
    """The numbered units after a notes label are notes too."""
    in_notes = False
    for unit in units:
        if unit.kind == "furniture" and is_notes_label(unit.text):
            in_notes = True
            unit.info["footnote"] = True
        elif in_notes and unit.kind in ("text", "bullet") and _NUMBERED.match(unit.text):
            unit.kind, unit.info = "furniture", {"leftover": LEFTOVER, "footnote": True}
        elif unit.kind != "furniture":
            in_notes = False


def attach(notes: list[Unit], articles: list[Article]) -> list[Unit]:
    """Add each block of notes (a label, then its numbered notes, in page order) to the note
    of the last article that starts above it; the units no article stands above are returned."""
    unplaced: list[Unit] = []
    for unit in notes:
        above = [a for a in articles if a.lines and a.lines[0].first < unit.first_line]
        if not above:
            unplaced.append(unit)
            continue
        article = max(above, key=lambda a: a.lines[0].first)
        joiner = "；" if article.note and is_notes_label(unit.text) else ""
        article.note = (article.note or "") + joiner + unit.text
        article.lines = merge_spans(article.lines + unit.spans)
    return unplaced
