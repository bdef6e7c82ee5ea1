"""Junction evidence as de-interleaving reads it: how well one piece of text follows
another in one article.

The features and their weights are evidence.py's (its table's `interleave` section, in
nats, beside reflow's); this module applies them to the pieces of a reading.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Literal, NamedTuple

from site_builder.ingest import grammar, shapes
from site_builder.ingest.evidence import CUT_WEIGHTS, INTERLEAVE_JUNCTION, Junction, PageStats, bigrams, bond_nats, weigh
from site_builder.ingest.lines import Unit
from site_builder.ingest.reflow import heading_candidate
from site_builder.ingest.shapes import opens_with_closer

# how a piece ends: a complete sentence (or a numbered subheading), in mid-sentence, or
# short and unterminated (a subheading or a cut piece: the reading decides)
Ending = Literal["end", "cut", "maybe"]


W = CUT_WEIGHTS.interleave  # de-interleaving's section of the one junction-evidence table

SHORT_SENTENCE = 7  # characters: an opening sentence this short weighs short_opening
# characters: a paragraph of one sentence is a long sentence (the genre's shortest, a
# question aside, hold 37); a piece holding only a shorter one is the rest of a sentence cut
# at a column's foot (the real pages show such rests of 5 to 34)
LONE_SENTENCE = 30
CLOSING_PIECE = 100  # characters: a piece this short that closes a paragraph is read with the rest of it


class Opening(NamedTuple):
    """How a piece opens, as the junction before it reads it."""

    # like the rest of a sentence begun elsewhere: it opens with the closing half of a quote
    # or bracket or a character bound to what precedes it (的, 们 …), or holds only one
    # short sentence
    rest: bool
    opener: bool  # with a paragraph opener or a numbered subheading
    maybe: bool  # the piece could be a subheading
    connective: bool  # with a sentence's connective
    short: bool  # with a very short sentence


def bond(left: str, right: str) -> float:
    """Evidence that `right` carries on the text of `left`: a word of the lexicon across."""
    return W.bond * bond_nats(left, right)


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
        self.stats = PageStats(pairs)
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
        return weigh(Junction(left, right, self.stats), INTERLEAVE_JUNCTION, start=-W.junction_base)

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
            rest = opens_with_closer(text) or grammar.starts_bound(text) or _lone_sentence(text)
            self._openings[key] = Opening(rest, opens(unit), heading_candidate(unit), shapes.starts_sentence(text), short)
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
        # a paragraph opens with a whole sentence: not with the rest of one begun elsewhere
        # (a closing mark, a bound character, a lone short sentence), nor with the few
        # characters that end one
        as_start = -(W.closer_after_end if o.rest else 0.0) - (W.short_opening if o.short else 0.0)
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


def _lone_sentence(text: str) -> bool:
    """The piece holds one short sentence, no more (and opens no paragraph)."""
    core = shapes.strip_closers(text)
    return shapes.terminated(text) and len(shapes.first_sentence(core)) == len(core) - 1 \
        and shapes.cjk_len(core) <= LONE_SENTENCE and not shapes.starts_new_paragraph(text)
