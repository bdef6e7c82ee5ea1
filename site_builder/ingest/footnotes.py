"""An article's notes (注释：①… / 参考文献：[1]…), printed under its closing lines: page
matter, never body text and never an article of their own. The block opens with its label;
each note after it opens with its number (①, [1], 〔1〕, 1.)."""
from __future__ import annotations

import re

from site_builder.ingest.lines import Unit

LEFTOVER = "other"  # (the contract's kinds have none for notes)
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
        elif in_notes and unit.kind in ("text", "bullet") and _NUMBERED.match(unit.text):
            unit.kind, unit.info = "furniture", {"leftover": LEFTOVER}
        elif unit.kind != "furniture":
            in_notes = False
