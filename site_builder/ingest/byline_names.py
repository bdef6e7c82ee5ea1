"""A byline's names set over two lines: in a narrow column the text layer gives each line of
a byline of several names as a line of its own (■张华 李明 | 王芳), the second unmarked.
An unmarked line of names only, right under a marked byline of names only, goes on that
byline; read alone it is a short line over the body, glued to the first paragraph."""
from __future__ import annotations

from site_builder.ingest.lines import Unit
from site_builder.ingest.metadata import MARKERS


def join_byline_names(units: list[Unit]) -> list[Unit]:
    """The classified units with each byline's second line of names joined to it."""
    out: list[Unit] = []
    for unit in units:
        if out and _names_go_on(out[-1], unit):
            first = out.pop()
            joined = first.joined_with(unit, first.text + " " + unit.text)
            joined.info = {"names": first.info["names"] + unit.info["names"]}
            unit = joined
        out.append(unit)
    return out


def _names_go_on(byline: Unit, names: Unit) -> bool:
    # (a byline that names a post or a unit is whole: what follows it is no more of it)
    return byline.kind == "byline" and set(byline.info) == {"names"} and _one_line(byline) \
        and names.kind == "text" and set(names.info) == {"names"} and _one_line(names) \
        and not names.text.startswith(tuple(MARKERS))


def _one_line(unit: Unit) -> bool:
    return "\n" not in unit.raw.strip()
