"""Passages printed twice: a whole paragraph repeated on the page, a stretch of text
repeated right after itself inside a paragraph, or a sentence set again alone as a pull
quote. The copy is removed and reported.
"""
from __future__ import annotations

import re

from site_builder.ingest.lines import Unit

UNIT_MIN = 10  # shorter repeated lines (a byline, a short heading) may be legitimate
TANDEM_MIN = 10  # characters: a stretch repeated back to back inside a paragraph
# A pull quote: one or two sentences of an article set again large, alone, in a box near
# where they are printed; in the text layer a unit of its own between paragraphs or between
# two lines of one. A shorter sentence printed twice may be meant twice (a slogan, a refrain).
QUOTE_MIN, QUOTE_MAX = 12, 80
_SENTENCE_END = "。！？!?"
_SENTENCE_START_AFTER = "。！？!?；;”’」』…"
_KEY_DROP = re.compile(r"[\s\u3000]")
# two copies of a passage may differ in the direction given to a half-width quote (read
# in turns, each copy on its own): quotes of either direction compare equal
_FOLD_QUOTES = str.maketrans("“”‘’", "\"\"''")


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
    """Drop text units that are whole sentences printed elsewhere on the page inside running
    text (a pull quote); return (kept, dropped). The sentence must end as a sentence ends and
    its other printing begin where a sentence begins: a heading or a kicker that repeats a
    phrase of the body is neither, and stays. (Once a quote is gone, the sentence another
    quote copies may read on across the place it stood: the page is read again.)"""
    kept, dropped = list(units), list[Unit]()
    while True:
        texts = [(n, key(unit.text)) for n, unit in enumerate(kept) if unit.kind == "text"]
        running, starts = "", {}
        for n, k in texts:
            starts[n] = len(running)
            running += k
        unit_starts = frozenset(starts.values())
        quotes = {n for n, k in texts if _printed_elsewhere(k, starts[n], running, unit_starts)}
        if not quotes:
            return kept, dropped
        dropped += [unit for n, unit in enumerate(kept) if n in quotes]
        kept = [unit for n, unit in enumerate(kept) if n not in quotes]


def _printed_elsewhere(sentence: str, own_start: int, running: str, unit_starts: frozenset[int]) -> bool:
    """Whether `sentence` (the text unit at `own_start` of the page's running text) is
    printed again where a sentence begins: after a sentence's end, or at a unit's start
    (after a heading, which ends with no mark)."""
    if not QUOTE_MIN <= len(sentence) <= QUOTE_MAX or sentence[-1] not in _SENTENCE_END:
        return False
    found = running.find(sentence)
    while found != -1:
        own = own_start <= found < own_start + len(sentence)
        if not own and (found in unit_starts or running[found - 1] in _SENTENCE_START_AFTER):
            return True
        found = running.find(sentence, found + 1)
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
    seeds = [text[i:i + seed] for i in range(len(text) - seed + 1)]
    if len(set(seeds)) == len(seeds):  # (most text: no seed twice, so no repeat)
        return None
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
