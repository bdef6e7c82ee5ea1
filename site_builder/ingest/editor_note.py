"""An editor's note (编者按) heading a group of articles, or closing one (编后, 编后语, 编后记):
page matter, never an article and never a title. Papers print it under several labels
(编者按, 编者的话, 开栏的话 for a new column, 主持人语 for a hosted group). It opens with
its label (followed by a colon, a space or nothing, or the label stands in 【】 on its own
line); a label
on a line of its own heads the note's paragraph, and a note cut by a column runs on into
the next piece until a sentence ends."""
from __future__ import annotations

import re

from site_builder.ingest import shapes
from site_builder.ingest.lines import Unit

KIND = "editor_note"
# the genre's labels for an editor's or a column host's words to the reader
# (编后 opens words too (编后期…): as a label it stands alone or before a colon or space)
_LABELS = r"编者按语?|编者的话|开栏的话|主持人语|编后(?:语|记)?(?=$|[】\]〕）)\s:：])"
_LABEL = re.compile(rf"^[【\[〔（(]?\s*(?:{_LABELS})\s*[】\]〕）)]?\s*[:：]?\s*")


def is_editor_note(text: str) -> bool:
    return bool(_LABEL.match(text))


def mark_note_runs(units: list[Unit]) -> None:
    """Units after a note's label that are the rest of the note (its paragraph after a label
    standing alone, pieces of a note cut by a column) take the note's kind too."""
    for i, unit in enumerate(units[:-1]):
        if unit.kind != KIND:
            continue
        nxt = units[i + 1]
        bare = not _LABEL.sub("", unit.text)
        if nxt.kind == "text" and "names" not in nxt.info and (bare or shapes.dangling(unit.text)):
            nxt.kind = KIND
