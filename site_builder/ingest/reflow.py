"""Reflow: put back together the paragraphs that page and column breaks cut, and tell
subheadings from the short first half of a cut paragraph.

The evidence is the genre's shape (a paragraph never ends on a comma, a run-in
enumerator opens a paragraph) and the page's own character statistics: two pieces
whose junction forms a character pair the page uses elsewhere are likely one word.
It is weighed in evidence.py; reflow decides with it, one junction at a time.
"""
from __future__ import annotations

from dataclasses import dataclass

from site_builder.ingest import shapes
from site_builder.ingest.evidence import (
    CUT_WEIGHTS,
    REFLOW_EVIDENCE,
    Junction,
    PageStats,
    shape_decides,
    weigh,
)
from site_builder.ingest.lines import Unit
from site_builder.ingest.metadata import MARKERS

OVERLAP_MIN = 4  # characters printed twice at a break (both sides of the cut)
ORPHAN_MAX = 12  # a body piece this short with nothing to continue is an orphan
# the longest piece de-interleaving weighs as perhaps a subheading: in columns read in turns,
# an unterminated piece longer than this is a column's cut far more often than one of the
# genre's rare two-clause subheadings of 41 to 50 characters (reflow, reading one junction
# at a time, weighs those by their evidence)
COLUMN_HEADING_MAX = 40
# nats by which a short line right under a subheading (and over a paragraph) reads as cut
# more readily than one alone: the genre rarely stacks two subheadings, and a column's cut
# a few words into the paragraph under a subheading makes that shape. As much as the bar:
# such a line is read as cut unless its evidence speaks for a subheading
STACKED_PRIOR = 2.5


@dataclass
class Piece:
    """A block in the making: a unit, possibly joined with others."""

    unit: Unit
    heading: bool = False
    duplicates: list[tuple[str, Unit]] | None = None


def join_units(left: Unit, right: Unit) -> tuple[Unit, str | None]:
    """Join two pieces of one paragraph; drop an overlap printed on both sides of the break."""
    overlap = _overlap(left.text, right.text)
    text = left.text + right.text[overlap:]
    return left.joined_with(right, text), (right.text[:overlap] if overlap else None)


def _overlap(left: str, right: str) -> int:
    for k in range(min(len(left), len(right), 40), OVERLAP_MIN - 1, -1):
        if left.endswith(right[:k]):
            return k
    return 0


def is_cut_heading(head: Unit, following: Unit, stats: PageStats, siblings: tuple[str, ...] = ()) -> bool:
    """Is this short unterminated line the first half of a cut paragraph (not a subheading)?
    (`siblings`: the article's other subheadings, where known.)"""
    return cut_evidence(head, following, stats, siblings) >= CUT_WEIGHTS.reflow.bar


def cut_evidence(head: Unit, following: Unit, stats: PageStats, siblings: tuple[str, ...] = ()) -> float:
    """How strongly the line reads as the first half of a cut paragraph, in nats (at least
    CUT_WEIGHTS.reflow.bar: it does; infinite when its shape decides alone).

    A subheading ends at a word's end, closes what it opens and is followed by a paragraph
    that starts a sentence; the first half of a cut paragraph stops anywhere, and its rest
    carries on the sentence. The evidence and its weights: evidence.REFLOW_EVIDENCE."""
    junction = Junction(head.text, following.text, stats, siblings, head.over_pull_quote)
    decided = shape_decides(junction)
    return decided if decided is not None else weigh(junction, REFLOW_EVIDENCE)


def heading_candidate(unit: Unit, limit: int = COLUMN_HEADING_MAX) -> bool:
    """Could the unit be a subheading (short, unterminated, title-shaped, or numbered)?
    Reflow asks up to the genre's longest (shapes.HEADING_MAX); de-interleaving, by default,
    up to COLUMN_HEADING_MAX."""
    text = unit.text.lstrip(MARKERS).lstrip()  # (a subheading may carry a marker: ■ 筑牢根基)
    if unit.read_as_cut:  # de-interleaving read it as a cut sentence
        return False
    if (shapes.starts_new_paragraph(text) or shapes.starts_sentence(text)) and not shapes.is_numbered_heading(text):
        return False
    return (shapes.title_shaped(text, limit=limit) and shapes.dangling(text)) \
        or shapes.is_numbered_heading(text) or shapes.is_box_label(text)


class _Answers:
    """What reflow asks many times of the same lines, worked out once a body: a line's
    answers depend only on its text (and its de-interleaving mark) and the page's
    statistics, so they are kept by text."""

    def __init__(self, stats: PageStats):
        self.stats = stats
        self._candidates: dict[tuple[str, bool], bool] = {}
        self._evidence: dict[tuple[str, str, tuple[str, ...], bool], float] = {}

    def candidate(self, unit: Unit) -> bool:
        key = (unit.text, unit.read_as_cut)
        if key not in self._candidates:
            self._candidates[key] = heading_candidate(unit, limit=shapes.HEADING_MAX)
        return self._candidates[key]

    def evidence(self, head: Unit, following: Unit, siblings: tuple[str, ...] = ()) -> float:
        key = (head.text, following.text, siblings, head.over_pull_quote)
        if key not in self._evidence:
            self._evidence[key] = cut_evidence(head, following, self.stats, siblings)
        return self._evidence[key]

    def is_cut(self, head: Unit, following: Unit, siblings: tuple[str, ...] = ()) -> bool:
        return self.evidence(head, following, siblings) >= CUT_WEIGHTS.reflow.bar


def may_continue(prev: str, nxt: str) -> bool:
    """Can `nxt` be the rest of the cut paragraph `prev`?"""
    if not shapes.dangling(prev):
        return False
    if shapes.ends_open(prev):
        return True
    return not shapes.starts_new_paragraph(nxt)


def reflow(units: list[Unit], stats: PageStats) -> tuple[list[Piece], list[tuple[str, Unit]]]:
    """Body units -> pieces (paragraphs and headings); also the duplicates dropped at joins."""
    pieces: list[Piece] = []
    dropped: list[tuple[str, Unit]] = []
    queue = list(units)
    answers = _Answers(stats)
    _candidate = answers.candidate
    headings = _subheadings(queue, answers)

    def siblings(unit: Unit) -> tuple[str, ...]:
        return tuple(other.text for other in headings if other is not unit)

    read_as_cut: Unit | None = None  # a line under a subheading already read as cut
    i = 0
    while i < len(queue):
        unit = queue[i]
        nxt = queue[i + 1] if i + 1 < len(queue) else None
        nxt2 = queue[i + 2] if i + 2 < len(queue) else None
        if _candidate(unit) and nxt is not None and _candidate(nxt) \
                and (nxt2 is None or not _candidate(nxt2)) and not shapes.ends_open(unit.text) \
                and not answers.is_cut(unit, nxt, siblings(unit)):
            # a subheading, then a paragraph whose short first half a break cut off (or,
            # where the evidence says the second line is whole, two subheadings); at the
            # body's end, a subheading over the few words where the page ran out
            pieces.append(Piece(unit, heading=True))
            if nxt2 is not None \
                    and answers.evidence(nxt, nxt2, siblings(nxt)) >= CUT_WEIGHTS.reflow.bar - STACKED_PRIOR:
                read_as_cut = nxt
            i += 1
            continue
        if _candidate(unit) and nxt is not None and not _candidate(nxt):
            if unit is not read_as_cut and not answers.is_cut(unit, nxt, siblings(unit)):
                pieces.append(Piece(unit, heading=True))
                i += 1
                continue
            unit, dup = join_units(unit, nxt)
            if dup:
                dropped.append((dup, nxt))
            i += 1
        prev = pieces[-1] if pieces and not pieces[-1].heading else None
        if prev is not None and may_continue(prev.unit.text, unit.text) \
                and not (i + 1 < len(queue) and _candidate(unit)):  # (a subheading over its own paragraph)
            prev.unit, dup = join_units(prev.unit, unit)
            if dup:
                dropped.append((dup, unit))
        else:
            pieces.append(Piece(unit))
        i += 1
    return pieces, dropped


def _subheadings(units: list[Unit], answers: _Answers) -> list[Unit]:
    """The body's lines that read as subheadings on their own evidence: a line's siblings
    (an article's subheadings are parallel in length and form). Only asked when the body
    has two candidates or more: a lone one has no siblings."""
    candidates = [(unit, nxt) for unit, nxt in zip(units, units[1:], strict=False)
                  if answers.candidate(unit) and not answers.candidate(nxt)]
    if len(candidates) < 2:
        return []
    return [unit for unit, nxt in candidates if not answers.is_cut(unit, nxt)]


def _whole_short_sentence(text: str) -> bool:
    """A short paragraph the genre writes as a sentence of its own: a question or an
    exclamation (怎么办？), or a sentence that opens with its connective (实践证明，…): a lost
    paragraph's tail opens inside a sentence, on neither."""
    return text.endswith(("？", "！", "?", "!")) or shapes.starts_sentence(text)


def split_orphans(pieces: list[Piece]) -> tuple[list[Piece], list[Unit], list[Piece]]:
    """Tiny complete pieces that continue nothing (the tail of a lost paragraph) are orphans
    where a column's top puts them: first in the body or under a subheading. After a paragraph
    that ends its sentence, such a piece is a paragraph the writer kept short (答案是肯定的。):
    it stays, though a cut paragraph elsewhere may still claim it (the third list). A piece
    that opens as a paragraph does (一是…, an interview's 问：…) or is a whole sentence of its
    own (a question, an exclamation, a connective's) is no tail."""
    kept: list[Piece] = []
    orphans: list[Unit] = []
    claimable: list[Piece] = []
    for piece in pieces:
        text = piece.unit.text
        before = kept[-1].unit.text if kept and not kept[-1].heading else ""
        if not piece.heading and len(text) <= ORPHAN_MAX and shapes.terminated(text) \
                and not shapes.starts_new_paragraph(text) and not _whole_short_sentence(text) and len(pieces) > 1:
            if not before:
                orphans.append(piece.unit)
                continue
            if not shapes.dangling(before):
                claimable.append(piece)
        kept.append(piece)
    return kept, orphans, claimable


def best_dangling(bodies: list[list[Piece]], unit: Unit, stats: PageStats) -> tuple[int, Piece] | None:
    """The paragraph, of the bodies (one an article), that stops in mid-sentence and that the
    orphan `unit` most likely continues (the junction is one the page writes elsewhere), as
    (the body's index, the piece); None when none does."""
    if not shapes.terminated(unit.text) or shapes.starts_new_paragraph(unit.text):
        return None
    best: tuple[int, Piece] | None = None
    best_score = 0
    for b, pieces in enumerate(bodies):
        for k, piece in enumerate(pieces):
            if piece.heading or not shapes.dangling(piece.unit.text):
                continue
            nxt = pieces[k + 1].unit.text if k + 1 < len(pieces) else ""
            if nxt and not pieces[k + 1].heading and not shapes.starts_new_paragraph(nxt):
                continue  # it was not joined for another reason
            score = stats.junction(piece.unit.text, unit.text)
            if score > best_score:
                best, best_score = (b, piece), score
    return best
