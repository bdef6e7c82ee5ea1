"""A column's line set over two lines: the text layer gives each line of a banner or series
line printed in a narrow head (学习贯彻党的 | 二十大精神, 【城市治 | 理观察】) as a line of its
own, and neither half reads as a kicker; the two are one kicker. Each half holds words (a
rule of dashes over a title is no half of one).

Two lines are one kicker's halves when the first is no kicker, the two joined are one, and
the second alone is no kicker either — or is one only because a column's label ends it
(…时评) while the first leaves a quote or a bracket open (“银发经 | 济”时评). A title over a
kicker printed below it stays a title: its line is finished, and the kicker a whole one.
"""
from __future__ import annotations

from site_builder.ingest.grammar import left_open
from site_builder.ingest.lines import Unit
from site_builder.ingest.metadata import KICKER_MAX, is_kicker
from site_builder.ingest.shapes import cjk_len
from site_builder.ingest.typography import balance_quotes

HALF_MIN = 2  # characters of words each half of a kicker holds
_PAIRS = (("“", "”"), ("【", "】"), ("〖", "〗"), ("〔", "〕"), ("［", "］"), ("《", "》"), ("（", "）"))


def join_kicker_lines(units: list[Unit]) -> list[Unit]:
    """The units with each kicker printed over two lines joined into one."""
    out: list[Unit] = []
    for unit in units:
        if out and _kicker_halves(out[-1], unit):
            first = out.pop()
            # (half-width quotes are turned a line at a time: the second half's closing one
            # may have come out as an opening one)
            unit = first.joined_with(unit, balance_quotes(first.text + unit.text))
        out.append(unit)
    return out


def _kicker_halves(first: Unit, second: Unit) -> bool:
    if len((first.text + second.text).strip()) > KICKER_MAX:  # (joined, no kicker: the cheap test first)
        return False
    if "\n" in first.raw.strip() or "\n" in second.raw.strip() or is_kicker(first.text):
        return False
    if min(cjk_len(first.text), cjk_len(second.text)) < HALF_MIN:  # (a rule of dashes is no half)
        return False
    if not is_kicker(first.text + second.text):
        return False
    return not is_kicker(second.text) or left_open(first.text, _PAIRS)
