"""The evidence at a junction of two pieces of text: is this line break a cut in a
paragraph (the sentence runs on across it), or does a piece end here (a subheading, a
paragraph, an article's column)?

A junction's features are named functions of a `Junction` (the text either side and the
page's statistics). Their weights are in nats of log-odds that the break is a cut, in ONE
table, `CUT_WEIGHTS` (cut_weights.py), with a section for each reader that weighs them:
  * reflow decides one junction alone: a short unterminated line followed by a paragraph
    is a subheading unless the evidence for a cut reaches a bar;
  * de-interleaving compares whole readings of two articles whose columns the text layer
    read in turns: a junction's score is one term of a reading's sum, set against the
    score of the same pieces read as the start of a paragraph.
Where the two weigh one feature differently, the table's comment says why.
"""
from __future__ import annotations

import math
import operator
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from site_builder.ingest import grammar, heading_forms, lexicon, names, series, shapes
from site_builder.ingest.cut_weights import CUT_WEIGHTS
from site_builder.ingest.typography import CJK, CJK_RE

OPENER_SEEN = 2  # sentences inside the page's lines opening with a character before it counts as an opener
WORD_CUT_NATS = 4.0  # lexicon cohesion of a word cut in two (see lexicon.cohesion)
VERY_SHORT_OPENING = 5  # Chinese characters: the few that end a sentence begun before the break
SHORT_OPENING = 12  # … or a clause at most this long, with no comma
# Chinese characters: most subheadings of the genre are no longer (one clause, or two short
# ones) …
TYPICAL_HEADING = 24
# … and longer ones are two clauses of a dozen characters or more each, up to the genre's
# longest (shapes.HEADING_MAX: no line longer is a subheading candidate at all)
TWO_CLAUSE_HEADING = 36
# an article's subheadings are parallel in form and length (the longest of a series is rarely
# twice the shortest): a line more than twice as long as the longest of them is out of their
# series, one whose length a sibling nearly reaches (three quarters) is in it
SIBLING_RATIO = 2.0
SIBLING_NEAR = 0.75
_CLAUSE_BREAK = re.compile("[，；：,;:]")
_SENTENCE_OPENER = re.compile(r"[。！？][”’）」』]?([^\s”’）」』，、。；：！？])")
# a sentence opening with a frame (在…中，从…上，当…时 …): its first character opens it
_FRAME_OPENING = re.compile(r"[在从当于][^，。；：！？、]{1,20}?(?:之中|之际|以来|方面|过程中|[中上下里内外前后间时])")


def joins_chinese(left: str, right: str) -> bool:
    """The junction joins two Chinese characters (pair and word evidence speak only there)."""
    return bool(left and right and CJK_RE.match(left[-1]) and CJK_RE.match(right[0]))


@dataclass
class PageStats:
    """What the page's own text says about characters: the pairs it writes and the
    characters its sentences open with."""

    bigrams: Counter
    openers: Counter = field(default_factory=Counter)  # first characters of sentences inside lines

    @classmethod
    def of(cls, texts: list[str]) -> "PageStats":
        counts: Counter = Counter()
        openers: Counter = Counter()
        for text in texts:
            counts.update(map(operator.add, text, text[1:]))  # (each pair of neighbours, in C)
            openers.update(m.group(1) for m in _SENTENCE_OPENER.finditer(text))
        return cls(counts, openers)

    def junction(self, left: str, right: str) -> int:
        """How often the page writes the pair of characters that would meet at this join."""
        if not joins_chinese(left, right):
            return 0
        return self.bigrams[left[-1] + right[0]]


@dataclass(frozen=True)
class Junction:
    """A line break: the text before it, the text after it, and the page's statistics."""

    before: str
    after: str
    stats: PageStats
    # the other lines of the article read as its subheadings, where reflow knows them (its
    # siblings: an article's subheadings are parallel)
    siblings: tuple[str, ...] = ()
    # a pull quote's box stood between the two (taken out as a copy)
    box_between: bool = False

    @cached_property
    def word_nats(self) -> float:
        """Nats by which a word of the lexicon binds the two sides (lexicon.cohesion), none
        where the word is there by chance: it takes only the next line's first character
        and that character opens sentences on the page or opens a frame here (走实|在 →
        实在, before 在…中)."""
        bound = lexicon.cohesion(self.before[-4:], self.after[:4])
        frame = bool(_FRAME_OPENING.match(self.after))
        if bound and _borrows_an_opener(self, bound, frame):
            # (a frame that closes says its first character opens the sentence: no word at all)
            return 0.0 if frame else min(bound, WORD_CUT_NATS / 2)
        return bound

    @cached_property
    def opening(self) -> str | None:
        """The next piece's first sentence, when it ends inside the piece (else None)."""
        sentence = shapes.first_sentence(self.after)
        return sentence if len(sentence) < len(self.after) else None


def _borrows_an_opener(junction: Junction, bound: float, frame: bool) -> bool:
    """The word across takes only the next line's first character, and that character
    opens sentences elsewhere on the page (在, 以, 对 …) or opens a frame here (`frame`)."""
    first = junction.after[:1]
    if junction.stats.openers[first] < OPENER_SEEN and not frame:
        return False
    return lexicon.cohesion(junction.before[-4:], first) >= bound - 0.5


def shape_decides(junction: Junction) -> float | None:
    """±infinity where the shapes alone decide (a line ending on a comma or opening a run-in
    enumeration is cut; a numbered subheading, a box's label, or a next line opening a
    paragraph or a speaker's turn, is not)."""
    if shapes.ends_open(junction.before) or shapes.starts_run_in(junction.before):
        return math.inf
    if shapes.is_numbered_heading(junction.before) or shapes.is_box_label(junction.before) \
            or shapes.starts_new_paragraph(junction.after) or names.opens_a_turn(junction.after):
        return -math.inf
    return None


# --- the features: each a number (1.0 or 0.0 for a yes or no) the table weighs ---------
def word_cut_in_two(j: Junction) -> float:
    return float(j.word_nats >= WORD_CUT_NATS)


def words_bound_weakly(j: Junction) -> float:
    return float(0 < j.word_nats < WORD_CUT_NATS)


def bond_nats(before: str, after: str) -> float:
    """The lexicon's cohesion across a junction as it stands (no discount for a borrowed
    opener), up to the interleave section's `bond_cap` nats."""
    cohesion = lexicon.cohesion(before[-lexicon.WINDOW:], after[:lexicon.WINDOW])
    return min(CUT_WEIGHTS.interleave.bond_cap, cohesion)


def word_bond_nats(j: Junction) -> float:
    """De-interleaving's bond: `bond_nats` of a junction of two Chinese characters."""
    if not joins_chinese(j.before, j.after):
        return 0.0
    return bond_nats(j.before, j.after)


def pair_seen(j: Junction) -> float:
    """log(1 + how often the page writes the junction's pair of characters)."""
    return math.log1p(j.stats.junction(j.before, j.after))


def closer_opens_after(j: Junction) -> float:
    return float(shapes.opens_with_closer(j.after))


def left_open(j: Junction) -> float:
    return float(grammar.left_open(j.before))


def many_clauses(j: Junction) -> float:
    return float(j.before.count("，") >= 2)


def ends_on_bare_verb(j: Junction) -> float:
    return float(grammar.ends_on_bare_verb(j.before))


def reports_speech(j: Junction) -> float:
    return float(grammar.reports_speech(j.before))


def longer_than_most_headings(j: Junction) -> float:
    return float(shapes.cjk_len(j.before) > TYPICAL_HEADING)


def longer_than_two_clauses(j: Junction) -> float:
    return float(shapes.cjk_len(j.before) > TWO_CLAUSE_HEADING)


def clause_longer_than_headings(j: Junction) -> float:
    """A clause of the line (between commas) is longer than most whole subheadings."""
    return float(max(shapes.cjk_len(clause) for clause in _CLAUSE_BREAK.split(j.before)) > TYPICAL_HEADING)


def longer_than_siblings(j: Junction) -> float:
    """Longer than most headings, and longer than the article's subheadings by far."""
    length = shapes.cjk_len(j.before)
    return float(bool(j.siblings) and length > TYPICAL_HEADING and length > SIBLING_RATIO * max(map(shapes.cjk_len, j.siblings)))


def as_long_as_siblings(j: Junction) -> float:
    """Longer than most headings, as one of the article's subheadings nearly is."""
    length = shapes.cjk_len(j.before)
    return float(bool(j.siblings) and length > TYPICAL_HEADING and max(map(shapes.cjk_len, j.siblings)) >= SIBLING_NEAR * length)


def out_of_numbered_series(j: Junction) -> float:
    """The article numbers its subheadings and this line is not numbered."""
    return float(series.out_of_numbered_series(j.before, j.siblings))


def long_imperative(j: Junction) -> float:
    """Longer than most headings, in clauses that each open on a verb (发挥…，构建…)."""
    return float(shapes.cjk_len(j.before) > TYPICAL_HEADING and heading_forms.imperative_clauses(j.before))


def opens_as_sentence(j: Junction) -> float:
    return float(heading_forms.opens_as_sentence(j.before))


def of_the_series(j: Junction) -> float:
    """Shaped like the article's subheadings: opens like one, or as long as all."""
    return float(series.of_the_series(j.before, j.siblings))


def sentence_goes_on(j: Junction) -> float:
    return float(grammar.starts_bound(j.after) or grammar.opens_on_copula(j.after)
                 or grammar.opens_with_lone_character(j.after)
                 or grammar.stops_short(j.before))


def open_last_clause(j: Junction) -> float:
    return float(grammar.open_last_clause(j.before))


def ends_on_single_character(j: Junction) -> float:
    return float(grammar.ends_on_single_character(j.before))


def opens_with_lone_noun(j: Junction) -> float:
    return float(grammar.opens_with_lone_noun(j.after) or _opens_with_noun_phrase(j.after))


NOUN_PHRASE_MAX = 10  # characters: a short modifier, 的 and its noun (质量的有效途径。)


def _opens_with_noun_phrase(text: str) -> bool:
    """The piece's first sentence is a noun phrase with 的 and no verb (质量的有效途径。): the
    rest of a sentence begun before the break (…是提升耕地 | 质量的…); a paragraph's first
    sentence says something."""
    first, stop, _ = text.partition("。")
    if not stop or len(first) > NOUN_PHRASE_MAX or "的" not in first[1:]:
        return False
    tags = lexicon.tag(first)
    return bool(tags) and tags[-1][1] in _NOUNS and not any(tag in ("v", "vd") or tag[:1] in "rd" for _, tag in tags)


_NOUNS = frozenset({"n", "ng", "nz", "vn", "an", "l"})  # (l: a set phrase, 有效途径)


def box_between(j: Junction) -> float:
    return float(j.box_between)


def series_completed(j: Junction) -> float:
    return float(grammar.series_completed(j.before, j.after))


def very_short_opening(j: Junction) -> float:
    return float(j.opening is not None and shapes.cjk_len(j.opening) <= VERY_SHORT_OPENING)


def short_opening(j: Junction) -> float:
    opening = j.opening
    return float(opening is not None and "，" not in opening
                 and VERY_SHORT_OPENING < shapes.cjk_len(opening) <= SHORT_OPENING)



Feature = Callable[[Junction], float]
_R = CUT_WEIGHTS.reflow
# reflow's evidence, summed in this order
REFLOW_EVIDENCE: tuple[tuple[Feature, float], ...] = (
    (word_cut_in_two, _R.word_cut_in_two),
    (words_bound_weakly, _R.words_bound_weakly),
    (pair_seen, _R.pair_seen),
    (closer_opens_after, _R.closer_opens_after),
    (left_open, _R.left_open),
    (many_clauses, _R.many_clauses),
    (ends_on_bare_verb, _R.ends_on_bare_verb),
    (reports_speech, _R.reports_speech),
    (longer_than_most_headings, _R.longer_than_most_headings),
    (longer_than_two_clauses, _R.longer_than_two_clauses),
    (longer_than_siblings, _R.longer_than_siblings),
    (as_long_as_siblings, _R.as_long_as_siblings),
    (clause_longer_than_headings, _R.clause_longer_than_headings),
    (of_the_series, _R.of_the_series),
    (out_of_numbered_series, _R.out_of_numbered_series),
    (long_imperative, _R.long_imperative),
    (opens_as_sentence, _R.opens_as_sentence),
    (sentence_goes_on, _R.sentence_goes_on),
    (open_last_clause, _R.open_last_clause),
    (ends_on_single_character, _R.ends_on_single_character),
    (opens_with_lone_noun, _R.opens_with_lone_noun),
    (series_completed, _R.series_completed),
    (box_between, _R.box_between),
    (very_short_opening, _R.very_short_opening),
    (short_opening, _R.short_opening),
)
_I = CUT_WEIGHTS.interleave
# de-interleaving's score of a junction read as a cut's rest (interleave.junctions.Junctions.score):
# weigh(junction, INTERLEAVE_JUNCTION, start=-_I.junction_base)
INTERLEAVE_JUNCTION: tuple[tuple[Feature, float], ...] = (
    (pair_seen, _I.pair),
    (word_bond_nats, _I.bond),
    (closer_opens_after, _I.closer),
)


def weigh(junction: Junction, evidence: tuple[tuple[Feature, float], ...], start: float = 0.0) -> float:
    """`start` plus each feature times its weight, added in the table's order (a plain loop:
    the same order gives the same float, which a bar compares)."""
    score = start
    for feature, nats in evidence:
        score += nats * feature(junction)
    return score


def bigrams(text: str) -> list[str]:
    """The text's pairs of adjacent Chinese characters (vocabulary and coherence read them)."""
    return CJK_PAIRS.findall(text)


CJK_PAIRS = re.compile(f"(?=([{CJK}]{{2}}))")  # (overlapping: every pair, in order)
CJK_PAIR = re.compile(f"[{CJK}]{{2}}")
