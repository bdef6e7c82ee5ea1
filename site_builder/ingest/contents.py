"""A page's list of contents: a label (本版导读, 本期提要 …) and the titles of the articles
below it, each on a line of its own, sometimes with the writer's name after it. It is page
matter. Read as text, its lines would be the titles (each real title further down then a
copy of one) and the articles would lose their heads.

An entry is known by what follows it: each is printed again further down the page as a
line of its own (a title). Two or more such lines in a row make a list; one makes a list
under a label."""
from __future__ import annotations

import re

from site_builder.ingest.dedupe import key
from site_builder.ingest.lines import Unit
from site_builder.ingest.names import GROUP_SIGNATURE, plausible_name
from site_builder.ingest.shapes import terminated

LABEL = re.compile(r"^[【\[〔]?\s*(?:本版|本期|今日|本刊)?(?:导读|提要|目录|要目)\s*[】\]〕]?$")
LIST_MIN = 2  # entries in a row, with no label over them
ENTRY_MIN, ENTRY_MAX = 4, 40  # characters: a title (and a name or a group)
NAME_MAX = 4  # characters of a name after the title in an entry
HEAD_MAX = 60  # characters of a line that prints a title (with a banner or a byline on it)


def listed_titles(units: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """(the units without the page's lists of contents, the lists' units in order)."""
    heads = _head_lines(units)
    shaped = [_entry_shaped(u) for u in units] + [False]
    dropped: set[int] = set()
    k = 0
    while k < len(units):
        labelled = LABEL.match(units[k].text.strip()) is not None
        start = k + 1 if labelled else k
        end = start
        # (the search for each line's later printing only where a list could start)
        while (labelled or shaped[start + 1]) and shaped[end] and _entry(units[end], end, heads):
            end += 1
        if end - start >= (1 if labelled else LIST_MIN):
            dropped.update(range(k, end))
            for n in range(start, end):
                _mark_printing(units, n, heads)
            k = end
        else:
            k += 1
    return ([u for n, u in enumerate(units) if n not in dropped],
            [u for n, u in enumerate(units) if n in dropped])


def _head_lines(units: list[Unit]) -> list[tuple[int, str]]:
    """(place, key) of each unit that could print a title: one line, short, no sentence's end."""
    return [(n, key(u.text)) for n, u in enumerate(units)
            if "\n" not in u.raw.strip() and len(u.text) <= HEAD_MAX and not terminated(u.text)]


def _printed_later(entry: str, at: int, heads: list[tuple[int, str]]) -> bool:
    """The entry's title is printed on a line further down (a banner before it or a byline
    after it on that line)."""
    return _printing(entry, at, heads) is not None


def _printing(entry: str, at: int, heads: list[tuple[int, str]]) -> int | None:
    return next((n for n, line in heads if n > at and (line.startswith(entry) or line.endswith(entry))), None)


def _mark_printing(units: list[Unit], at: int, heads: list[tuple[int, str]]) -> None:
    """Mark the line that prints the title entry `at` lists: a title wherever it stands (after
    a paragraph, with its article's byline printed after its body, it reads as a subheading)."""
    parts = units[at].raw.strip().rsplit(maxsplit=1)
    entries = [key(units[at].text.strip())] + ([key(parts[0])] if len(parts) == 2 else [])
    for entry in entries:
        n = _printing(entry, at, heads)
        if n is not None:
            units[n].listed = True
            return


def _entry_shaped(unit: Unit) -> bool:
    """A line of text as an entry prints: short, on its own line, no sentence's end (a kicker
    may head two articles: printed twice, it lists nothing)."""
    text = unit.text.strip()
    return unit.kind == "text" and "\n" not in unit.raw.strip() and ENTRY_MIN <= len(text) <= ENTRY_MAX \
        and not terminated(text)


def _entry(unit: Unit, at: int, heads: list[tuple[int, str]]) -> bool:
    """An entry-shaped line printed again further down."""
    text = unit.text.strip()
    if _printed_later(key(text), at, heads):
        return True
    # (the writer after the title: 以…为例　王某, or a research group: …　某某研究室课题组)
    parts = unit.raw.strip().rsplit(maxsplit=1)
    return len(parts) == 2 and _writer(parts[1]) and _printed_later(key(parts[0]), at, heads)


def _writer(text: str) -> bool:
    return (len(text) <= NAME_MAX and plausible_name(text)) or GROUP_SIGNATURE.fullmatch(text) is not None
