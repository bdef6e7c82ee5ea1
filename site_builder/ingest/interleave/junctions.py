"""Junction evidence: how well one piece of text follows another in one article.

Every weight here is a log-likelihood ratio in nats (or nats per unit of the measure it
multiplies), the same scale as the vocabulary's evidence and the layout's penalties that
the reading adds to it. They are kept in one table, JUNCTION_WEIGHTS, so that a reader can
see them side by side and weigh one against another.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Literal, NamedTuple

from site_builder.ingest import lexicon, shapes
from site_builder.ingest.lines import Unit
from site_builder.ingest.reflow import heading_candidate
from site_builder.ingest.shapes import opens_with_closer
from site_builder.ingest.typography import CJK_RE
from site_builder.ingest.interleave.vocabulary import bigrams

# how a piece ends: a complete sentence (or a numbered subheading), in mid-sentence, or
# short and unterminated (a subheading or a cut piece: the reading decides)
Ending = Literal["end", "cut", "maybe"]


@dataclass(frozen=True)
class JunctionWeights:
    """What each kind of junction evidence is worth, in nats (a log-likelihood ratio: the
    junction read one way against the other). The reading adds them to the vocabulary's
    evidence (at most 8 nats a unit) and to the layout's penalties.

    The values were set by hand and checked on the sample pages and the simulator's test
    pages (git log records each change and what it measured); each comment says what the
    weight is set against. A junction's positive evidence is at most a full bond (3.6), a
    closing mark (3.0) and its character pair (3.7 for a pair the page writes a hundred
    times): about 10 nats."""

    # per log-count of the junction's character pair elsewhere on the page: a pair written
    # n times scores pair * log(1 + n), so a pair alone outweighs junction_base only when the
    # page writes it six times or more
    pair: float = 0.8
    # per nat of the lexicon's cohesion across the junction (a word spanning it) …
    bond: float = 0.3
    # … counted up to this many nats of cohesion: a bond is worth at most 3.6 nats, less than
    # a connective (6) or an opener (14) after a cut weighs against it
    bond_cap: float = 12.0
    # for a piece that opens with the closing half of a quote or bracket (it carries on a
    # sentence begun elsewhere): about a full bond
    closer: float = 3.0
    # what an arbitrary junction costs: carrying a cut sentence on with no evidence for it
    # scores below an article's own plain sentence start (0)
    junction_base: float = 1.5
    # against a subheading or paragraph opener (一是, 首先, （一）…) right after a cut (the
    # rest of a sentence never opens that way): more than all a junction's positive evidence
    open_after_cut: float = 14.0
    # against a closing mark opening a piece after a complete sentence (a paragraph opens
    # with a whole sentence): more than a full bond
    closer_after_end: float = 6.0
    # against a piece opening with a sentence of at most SHORT_SENTENCE characters after a
    # complete one (more often the end of a sentence begun elsewhere): less than a full bond,
    # since short sentences exist
    short_opening: float = 3.0
    # against a sentence's connective (例如，因此，…) right after a cut in mid-clause: more
    # than a full bond
    connective_after_cut: float = 6.0
    # against an article whose last piece stops in mid-sentence (each article counted): more
    # than a junction's bond and closing mark together, less than an opener after a cut
    ends_on_cut: float = 9.0
    # for reading a short unterminated piece as a cut (or its rest as one) rather than as a
    # subheading, the likelier reading: the junction must show the cut by this much
    maybe: float = 2.0
    # per nat of rare pairs (inverse document frequency) neighbouring paragraphs of one
    # article share …
    coherence: float = 0.3
    # … counted up to this many nats: at most 3.6 nats, as much as a full bond
    coherence_cap: float = 12.0


JUNCTION_WEIGHTS = JunctionWeights()
W = JUNCTION_WEIGHTS  # (the table's short name in the expressions below)

SHORT_SENTENCE = 7  # characters: an opening sentence this short weighs short_opening
CLOSING_PIECE = 100  # characters: a piece this short that closes a paragraph is read with the rest of it


class Opening(NamedTuple):
    """How a piece opens, as the junction before it reads it."""

    closer: bool  # with the closing half of a quote or bracket
    opener: bool  # with a paragraph opener or a numbered subheading
    maybe: bool  # the piece could be a subheading
    connective: bool  # with a sentence's connective
    short: bool  # with a very short sentence


def bond(left: str, right: str) -> float:
    """Evidence that `right` carries on the text of `left`: a word of the lexicon across."""
    return W.bond * min(W.bond_cap, lexicon.cohesion(left[-lexicon.WINDOW:], right[:lexicon.WINDOW]))


def pair_evidence(pairs: Counter, left_char: str, right_char: str) -> float:
    """Evidence from the page's count of the junction's character pair."""
    return W.pair * math.log1p(pairs[left_char + right_char])


def ending(unit: Unit) -> Ending:
    """How a piece ends: "end" (a complete sentence or a numbered subheading), "cut" (in
    mid-sentence) or "maybe" (short and unterminated: a subheading or a cut piece)."""
    text = unit.text
    if not shapes.dangling(text) or shapes.is_numbered_heading(text):
        return "end"
    if heading_candidate(unit):
        return "maybe"
    return "cut"


def opens(unit: Unit) -> bool:
    """A piece that can never continue a sentence cut by a column break."""
    return shapes.starts_new_paragraph(unit.text) or shapes.is_numbered_heading(unit.text)


class Junctions:
    """Junction scores on one page: its character pairs, and for coherence how many units
    of the two articles use each pair."""

    def __init__(self, pairs: Counter):
        self.pairs = pairs
        self._openings: dict[int, Opening] = {}
        self._sets: dict[str, frozenset[str]] = {}
        self.df: Counter = Counter()
        self.n_units = 1

    def learn_units(self, units: list[Unit]) -> None:
        """How many units of the two articles use each pair (for coherence)."""
        self.n_units = len(units) + 1
        for unit in units:
            self.df.update(self.pair_set(unit))

    def score(self, left: str, right: str) -> float:
        """How well `right` carries on a sentence that `left` leaves cut."""
        s = -W.junction_base
        if left and right and CJK_RE.match(left[-1]) and CJK_RE.match(right[0]):
            s += pair_evidence(self.pairs, left[-1], right[0])
            s += bond(left, right)
        if opens_with_closer(right):
            s += W.closer
        return s

    def mark_cuts(self, pieces: list[Unit], run_ends: set[int]) -> None:
        """Tell reflow how the reading took each short unterminated piece: a piece read as
        the first half of a cut sentence is not a subheading. A piece that ends a column
        run is one (a column ends where its space runs out) unless an opener follows it."""
        for prev, nxt in zip(pieces, pieces[1:], strict=False):
            if ending(prev) != "maybe":
                continue
            if id(prev) in run_ends and not opens(nxt) and not heading_candidate(nxt):
                prev.read_as_cut = True
                continue
            as_start = -W.closer_after_end if opens_with_closer(nxt.text) else 0.0
            as_rest = -W.open_after_cut if opens(nxt) else self.score(prev.text, nxt.text)
            if heading_candidate(nxt):
                as_rest -= W.maybe
            if as_rest - W.maybe > as_start:
                prev.read_as_cut = True

    def opening(self, unit: Unit) -> Opening:
        """How the unit opens, remembered."""
        key = id(unit)
        if key not in self._openings:
            text = unit.text
            first = shapes.first_sentence(text)
            short = len(first) < len(text) and shapes.cjk_len(first) <= SHORT_SENTENCE
            self._openings[key] = Opening(opens_with_closer(text), opens(unit), heading_candidate(unit),
                                          shapes.starts_sentence(text), short)
        return self._openings[key]

    def pair(self, prev: Unit | None, prev_end: Ending, nxt: Unit, context: Unit | None = None) -> float:
        """How well `nxt` follows `prev` (which ends as `prev_end`; `context` is the piece
        before `prev` in its article, if any) in one article."""
        if prev is None:
            return 0.0
        return self._follows(prev, prev_end, nxt) + self.coherence(prev, nxt, context)

    def coherence(self, prev: Unit, nxt: Unit, context: Unit | None = None) -> float:
        """Neighbouring paragraphs of one article share words the rest of the page rarely
        uses. A short `prev` is read with the piece before it in its article (`context`):
        a column's first line may hold only the few characters that close a paragraph, and
        its last lines only the few that open one."""
        if not self.df:
            return 0.0
        before = self.pair_set(prev)
        if context is not None and len(prev.text) < CLOSING_PIECE:
            before = before | self.pair_set(context)
        shared = before & self.pair_set(nxt)
        weight = sum(math.log(self.n_units / self.df.get(b, 1)) for b in shared)
        return W.coherence * min(weight, W.coherence_cap)

    def pair_set(self, unit: Unit) -> frozenset[str]:
        key = unit.text  # (split heads are made afresh: never key on the object)
        if key not in self._sets:
            self._sets[key] = frozenset(bigrams(unit.text))
        return self._sets[key]

    def _follows(self, prev: Unit, prev_end: Ending, nxt: Unit) -> float:
        """The junction's own evidence, without coherence."""
        o = self.opening(nxt)
        # a paragraph opens with a whole sentence: not with a closing mark, nor with the
        # few characters that end a sentence begun elsewhere
        as_start = -(W.closer_after_end if o.closer else 0.0) - (W.short_opening if o.short else 0.0)
        if prev_end == "end":
            return as_start
        as_rest = -W.open_after_cut if o.opener else self.score(prev.text, nxt.text)
        if o.connective and not shapes.ends_open(prev.text):
            as_rest -= W.connective_after_cut
        if o.maybe:
            as_rest -= W.maybe
        if prev_end == "cut":
            return as_rest
        return max(as_start, as_rest - W.maybe)  # "maybe": a subheading, or a cut piece
