"""A title's dash subtitle (——推动文化和旅游深度融合发展) is printed right under its title:
the line above one is a title, whatever it looks like alone. A two-part title of short
parts (以文塑旅 以旅彰文) is shaped like a byline of two names, but a byline never has a
subtitle under it."""
from __future__ import annotations

from site_builder.ingest.lines import Unit, next_index
from site_builder.ingest.titles import is_subtitle_line


def unname_titles_over_subtitles(units: list[Unit]) -> None:
    """Read as text, not names, each line that stands right above a dash subtitle."""
    for i, unit in enumerate(units):
        nxt = next_index(units, i, skip=("furniture",))
        if unit.kind == "text" and "names" in unit.info and nxt is not None \
                and units[nxt].kind == "kicker" and is_subtitle_line(units[nxt].text):
            del unit.info["names"]
