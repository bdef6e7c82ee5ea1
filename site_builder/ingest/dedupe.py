"""Passages printed twice: a whole paragraph repeated on the page, a stretch of text
repeated right after itself inside a paragraph, or a sentence set again alone as a pull
quote. The copy is removed and reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from site_builder.ingest.lines import Unit

UNIT_MIN = 10  # shorter repeated lines (a byline, a short heading) may be legitimate
TANDEM_MIN = 10  # characters: a stretch repeated back to back inside a paragraph
# A pull quote: one or two sentences of an article set again large, alone, in a box near
# where they are printed; in the text layer a unit of its own between paragraphs or between
# two lines of one. A shorter sentence printed twice may be meant twice (a slogan, a refrain).
QUOTE_MIN, QUOTE_MAX = 12, 80
QUOTE_LINES = 8  # a quote set large in a narrow box takes a few short lines (QUOTE_MAX bounds them too)
_SENTENCE_END = "。！？!?"
_SENTENCE_START_AFTER = "。！？!?；;”’」』…"
_KEY_DROP = re.compile(r"[\s\u3000]")
# two copies of a passage may differ in the direction given to a half-width quote (read
# in turns, each copy on its own): quotes of either direction compare equal
_FOLD_QUOTES = str.maketrans("“”‘’", "\"\"''")


@lru_cache(maxsize=4096)  # (a page's units are keyed again by each reading of the page)
def key(text: str) -> str:
    return _KEY_DROP.sub("", text).translate(_FOLD_QUOTES)


def duplicate_units(units: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """Drop later copies of repeated paragraphs and closing lines, and the later copy of a
    stretch repeated back to back inside a paragraph; return (kept, dropped), a dropped
    stretch as a unit of its own over its paragraph's lines. (A stretch printed twice
    lengthens its piece: de-interleaving measures columns by their text, so the copy goes
    before it reads them.) A paragraph printed twice may be broken in two in one copy
    (where a column ended): two text units in a row that make up a paragraph seen before
    are its copy, and so is a paragraph that two text units in a row made up before."""
    seen: set[str] = set()
    kept: list[Unit] = []
    dropped: list[Unit] = []
    previous = ""  # the key of the text unit before, when the unit before is text
    for unit in units:
        if unit.kind == "text":
            unit.text, copies = tandem_repeats(unit.text)
            dropped += [Unit(copy, list(unit.spans), copy) for copy in copies]
            if copies:  # (a title is read from its raw lines: they must not print the copy either)
                unit.raw = unit.text
        k = key(unit.text)
        # closing lines may repeat legitimately (two authors of one unit); see raw_page.fill_footer
        if unit.kind in ("text", "bullet") and len(k) >= UNIT_MIN and k in seen:
            dropped.append(unit)
            previous = ""
            continue
        if unit.kind == "text" and previous and len(previous + k) >= UNIT_MIN and previous + k in seen:
            # (the copy broken in two)
            dropped += [kept.pop(), unit]
            previous = ""
            continue
        if unit.kind == "text" and previous:
            seen.add(previous + k)  # (a paragraph broken in two, in case its copy follows whole)
        seen.add(k)
        kept.append(unit)
        previous = k if unit.kind == "text" else ""
    return kept, dropped


def pull_quotes(units: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """Drop runs of text units (a line, or the few short lines of a narrow box) that make a
    whole sentence printed elsewhere on the page inside running text (a pull quote); return
    (kept, dropped: one unit a quote). The sentence must end as a sentence ends and its other
    printing begin where a sentence begins: a heading or a kicker that repeats a phrase of
    the body is neither, and stays. One quote is taken at a time: once it is gone, the
    sentence another quote copies may read on across the place it stood."""
    kept, dropped = list(units), list[Unit]()
    while (quote := _first_quote(kept)) is not None:
        start, end = quote
        run = kept[start:end]
        dropped.append(Unit("\n".join(u.raw for u in run), [s for u in run for s in u.spans],
                            "".join(u.text for u in run)))
        del kept[start:end]
        if start > 0:
            kept[start - 1].over_pull_quote = True
    return kept, dropped


@dataclass(frozen=True)
class _Running:
    """The page's text units' keys run together, with where each unit starts and ends."""

    text: str
    starts: dict[int, int]  # text unit's number -> offset
    keys: dict[int, str]  # text unit's number -> its key
    unit_starts: frozenset[int]
    unit_ends: frozenset[int]

    @staticmethod
    def of(units: list[Unit]) -> _Running:
        keys = {n: key(unit.text) for n, unit in enumerate(units) if unit.kind == "text"}
        text, starts, ends = "", {}, set()
        for n, k in keys.items():
            starts[n] = len(text)
            text += k
            ends.add(len(text))
        return _Running(text, starts, keys, frozenset(starts.values()), frozenset(ends))


def _first_quote(units: list[Unit]) -> tuple[int, int] | None:
    """The first run of units [start, end) that is a pull quote, or None."""
    running = _Running.of(units)
    for n in running.starts:
        sentence = ""
        for end in range(n, min(n + QUOTE_LINES, len(units))):
            if end not in running.keys:
                break
            sentence += running.keys[end]
            if len(sentence) > QUOTE_MAX:
                break
            whole = len(sentence) >= QUOTE_MIN and sentence[-1:] in _SENTENCE_END
            if whole and _is_quote(sentence, running.starts[n], running, units[n:end + 1], units):
                return n, end + 1
    return None


def _is_quote(sentence: str, own_start: int, running: _Running, run: list[Unit], units: list[Unit]) -> bool:
    """Whether `sentence` (the run of units at `own_start` of the running text) is printed
    again where a sentence begins: after a sentence's end, or at a unit's start (after a
    heading, which ends with no mark). When the other printing is a run of whole lines too,
    the quote is the one in the shorter lines (a narrow box), or the later."""
    text = running.text
    found = text.find(sentence)
    while found != -1:
        apart = found + len(sentence) <= own_start or found >= own_start + len(sentence)
        if apart and (found in running.unit_starts or text[found - 1] in _SENTENCE_START_AFTER):
            if not (found in running.unit_starts and found + len(sentence) in running.unit_ends):
                return True
            other = [units[m] for m, at in running.starts.items() if found <= at < found + len(sentence)]
            widest, other_widest = max(len(u.text) for u in run), max(len(u.text) for u in other)
            return widest < other_widest or (widest == other_widest and found < own_start)
        found = text.find(sentence, found + 1)
    return False


def tandem_repeats(text: str) -> tuple[str, list[str]]:
    """Remove stretches repeated back to back (ABCABC -> ABC); return the text and the copies."""
    removed: list[str] = []
    while True:
        found = _find_tandem(text.translate(_FOLD_QUOTES))
        if found is None:
            return text, removed
        start, length = found
        removed.append(text[start + length:start + 2 * length])
        text = text[:start + length] + text[start + 2 * length:]


def _find_tandem(text: str) -> tuple[int, int] | None:
    """The longest back-to-back repeat, found through repeated 8-character seeds."""
    seed = 8
    count = len(text) - seed + 1
    if count < 2 or len({text[i:i + seed] for i in range(count)}) == count:
        return None  # (most text: no seed twice, so no repeat; the positions are not gathered)
    seeds = [text[i:i + seed] for i in range(count)]
    where: dict[str, list[int]] = {}
    for i, piece in enumerate(seeds):
        where.setdefault(piece, []).append(i)
    best: tuple[int, int] | None = None
    for positions in where.values():
        if len(positions) < 2:
            continue
        for a, b in zip(positions, positions[1:], strict=False):
            length = b - a
            if length < TANDEM_MIN or (best and length <= best[1]):
                continue
            # the repeat may start before a: slide back while the copies still agree
            start = a
            while start > 0 and start + length < len(text) and text[start - 1] == text[start - 1 + length]:
                start -= 1
            if text[start:start + length] == text[start + length:start + 2 * length]:
                best = (start, length)
    return best
