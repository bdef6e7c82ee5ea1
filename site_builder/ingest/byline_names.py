"""A byline set over two lines: in a narrow column the text layer gives each line of a
byline as a line of its own. An unmarked line of names only, right under a marked byline of
names only, goes on that byline (■张华 李明 | 王芳); so does the writers' unit or post printed
on the line under their names (张明远 | 东江大学马克思主义学院). Read alone, either is a short
line over the body, glued to the first paragraph.

A short piece of a paragraph that a column's cut left alone may read as a line of names
where the text layer put a space in it (作风 问题本): where its text runs on into the unit
under it and one of its “names” is no person's name, it is text.

A dash and a name under a quotation printed as a paragraph of its own (“…。” | ——某某) is the
quotation's source, not a signature: it goes on the quotation."""
from __future__ import annotations

import re

from site_builder.ingest import grammar
from site_builder.ingest.lines import Unit
from site_builder.ingest.metadata import MARKERS, unit_shaped
from site_builder.ingest.names import person_by_lexicon
from site_builder.ingest.shapes import title_shaped
from site_builder.ingest.titles import BETWEEN_ARTICLES


def join_byline_names(units: list[Unit]) -> list[Unit]:
    """The classified units with each byline's second line of names, or of the writers' unit,
    joined to it."""
    _unname_cut_pieces(units)
    out: list[Unit] = []
    for n, unit in enumerate(units):
        if out and _names_go_on(out[-1], unit):
            first = out.pop()
            joined = first.joined_with(unit, first.text + " " + unit.text)
            joined.info = {"names": first.info["names"] + unit.info["names"]}
            unit = joined
        elif out and _quotes_source(out[-1], unit):
            first = out.pop()
            unit = first.joined_with(unit, first.text + unit.text)
        elif out and _unit_goes_on(out[-1], unit, units[n + 1] if n + 1 < len(units) else None,
                                   opens=len(out) == 1 or out[-2].kind in BETWEEN_ARTICLES):
            first = out.pop()
            joined = first.joined_with(unit, first.text + "\u3000" + unit.text)
            joined.info = {"names": first.info["names"], "affiliation": unit.text}
            unit = joined
        out.append(unit)
    return out


PARAGRAPH_MIN = 50  # characters: the rest of a paragraph, not a unit's or a head's line


def _unname_cut_pieces(units: list[Unit]) -> None:
    """An unmarked line of “names”, one of them no person's name, whose text runs on into
    the paragraph under it (作风 问题本 | 质上是…: a word runs across): a column's cut piece
    with a space the text layer put in, not a byline. (Under a byline stands its unit's
    line, or the body: a word the last name makes with a unit's first characters, 李华 |
    东江大学, says nothing.)"""
    for unit, below in zip(units, units[1:], strict=False):
        names = unit.info.get("names", []) if unit.kind == "text" else []
        if len(names) >= 2 and not all(map(person_by_lexicon, names)) and below.kind == "text" \
                and len(below.text) >= PARAGRAPH_MIN and grammar.runs_into(unit.text, below.text):
            unit.info = {}


def _names_go_on(byline: Unit, names: Unit) -> bool:
    # (a byline that names a post or a unit is whole: what follows it is no more of it)
    return byline.kind == "byline" and set(byline.info) == {"names"} and _one_line(byline) \
        and names.kind == "text" and set(names.info) == {"names"} and _one_line(names) \
        and not names.text.startswith(tuple(MARKERS))


def _unit_goes_on(byline: Unit, line: Unit, after: Unit | None, opens: bool = False) -> bool:
    """`line` is the writers' unit or post under a byline of names only, with the body or a
    summary's label under it (not the next head: a title-shaped line after it), or the page's
    end: a byline printed at the foot, away from its article, with its unit under it. Where
    the byline opens an article (the page's top, or after closing lines), the title may
    follow: a byline printed over its title."""
    names_only = byline.kind == "byline" or (byline.kind == "text" and not byline.text.startswith(tuple(MARKERS)))
    return names_only and set(byline.info) == {"names"} and _one_line(byline) \
        and line.kind == "text" and not line.info and _one_line(line) and unit_shaped(line.text) \
        and (after is None or after.kind == "label" or (after.kind == "text" and (opens or not title_shaped(after.text))))


SOURCE_MAX = 40  # characters: a name, a book, a speech's occasion
# a whole sentence in quotation marks (a title in them ends on no sentence mark)
_QUOTATION = re.compile(r"[“「『][^“”「」『』]+[。！？][”」』]")


def _quotes_source(quotation: Unit, source: Unit) -> bool:
    """A short dash line (——某某, ——《某书》, ——某某在…时的讲话: by its own text a byline, a
    subtitle or a banner) under a quotation."""
    return source.raw.lstrip().startswith("—") and len(source.text) <= SOURCE_MAX and _one_line(source) \
        and quotation.kind == "text" and _QUOTATION.fullmatch(quotation.text) is not None


def _one_line(unit: Unit) -> bool:
    return "\n" not in unit.raw.strip()
