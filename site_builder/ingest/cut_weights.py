"""The weights of a junction's evidence (evidence.py), in nats of log-odds that a line break
is a cut in a paragraph: one table, with a section for each reader that weighs them.
Where the two weigh one feature differently, the comment says why."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReflowWeights:
    """Nats of log-odds that a short unterminated line is the first half of a cut paragraph,
    its junction with the next line decided alone. A line is read as cut when the evidence
    reaches `bar`: one strong sign (2.5 or 3 nats: a word cut in two, a quote left open)
    reaches it alone, a weaker one (2 nats or less) needs another beside it."""

    bar: float = 2.5  # the prior against a cut: most such lines on the sample pages are subheadings
    # a word of the lexicon cut in two (建|设): rarely made by chance at a subheading's end
    word_cut_in_two: float = 2.5
    # a looser compound across (优势|产业): two words a subheading's end and a sentence's
    # start can make by chance. (A step, not per nat: alone, one long word's nats would
    # outweigh the line's whole grammar.)
    words_bound_weakly: float = 2.0
    # per log-count of the junction's pair on the page: a pair the page writes 20 times
    # adds 2.4 nats, about one strong sign; once, 0.55
    pair_seen: float = 0.8
    # the next line opens with the closing half of a quote or bracket: it carries on a
    # sentence begun before it, unless that sentence was whole inside the subheading
    closer_opens_after: float = 3.0
    left_open: float = 3.0  # a quote or bracket opened and not closed: the sentence runs on
    many_clauses: float = 2.5  # two commas or more: more clauses than a subheading has
    ends_on_bare_verb: float = 2.5  # …可以推动: a predicate waiting for its object
    reports_speech: float = 3.0  # 总书记强调，…: a sentence of the body, never a subheading
    longer_than_most_headings: float = 1.0  # over 24 characters: few subheadings are so long
    # over 36 characters as well: only the longest two-clause subheadings are (a step more,
    # not enough alone: the genre prints them, up to shapes.HEADING_MAX)
    longer_than_two_clauses: float = 1.0
    # … and over twice as long as the article's longest subheading (they are parallel): a
    # step like the length's, so that a long line out of its siblings' series is read as a
    # cut by its length alone only when it is longer than two clauses as well
    longer_than_siblings: float = 1.0
    # … or nearly as long as one of them: the page prints subheadings this long, so half the
    # length's prior (longer_than_most_headings) is taken back (half: a sibling shows that the
    # series reaches this length, not that this line is of the series)
    as_long_as_siblings: float = -0.5
    # one clause (between commas) over 24 characters: a long subheading is two clauses, each
    # no longer than most subheadings; a clause so long is a sentence's
    clause_longer_than_headings: float = 1.0
    # opens like one of the article's subheadings (让…有人管 / 让…有平台), or has the one length
    # they all have: of their series. Less than a strong sign of a cut and a weak one together
    of_the_series: float = -1.5
    # the article numbers its subheadings (一、…, （一）…) and the line is not numbered: none of
    # that series. A weak sign (a numbered article may set an unnumbered heading of a level of
    # its own): with a short opening sentence after it, or a pair the page writes twice, it
    # reaches the bar
    out_of_numbered_series: float = 1.5
    # a long line in clauses each opening on a verb (发挥…，构建…): the genre's long subheading
    # form (a sentence's clauses open on a subject, a modal, a connective); takes back two of
    # the length's steps, which count one fact
    long_imperative: float = -2.0
    # opens with an indefinite or anaphoric subject (一位…, 某地…, 这…) or an adverbial clause
    # (在一些街区，…): a sentence's first half; a subheading names what it is about
    opens_as_sentence: float = 3.0
    # the line stops on a function word, a bare preposition, a clause's subject … or the
    # next line opens with a character bound to what precedes it (的, 们, 中 …) or on the
    # copula 是, whose subject stands before it
    sentence_goes_on: float = 3.0
    open_last_clause: float = 2.0  # …，对楼宇内: weaker, a subheading may end on a phrase
    ends_on_single_character: float = 2.0  # …展现了党: a subheading ends on a whole word
    opens_with_lone_noun: float = 2.5  # 属性，…: a noun phrase's tail, not a paragraph's start
    series_completed: float = 3.0  # …、科教 | 融合、…: a series runs on across the break
    # a pull quote's box stood between the line and the next: a box set into a column cuts
    # a paragraph where it falls as often as it stands between two, and is seldom set right
    # under a subheading, which stays with its paragraph. A weak sign: with a short opening
    # sentence after the box, or a pair the page writes, it reaches the bar
    box_between: float = 1.5
    # the next line's first sentence has at most 5 characters (…建设。): the end of a
    # sentence begun before; a paragraph opens with a whole sentence
    very_short_opening: float = 3.0
    short_opening: float = 1.0  # … at most 12, without a comma: weaker, short sentences exist


@dataclass(frozen=True)
class InterleaveWeights:
    """Nats a reading of de-interleaving gains or loses at a junction (magnitudes: the
    reading adds or subtracts them). The reading with the best sum wins, so a junction's
    evidence is graded, not decided: a cut's rest is set against the same pieces read as a
    paragraph's start. The reading adds these to the vocabulary's evidence (at most 8 nats
    a unit) and to the layout's penalties. A junction's positive evidence is at most a full
    bond (3.6), a closing mark (3.0) and its character pair (3.7 for a pair the page writes
    a hundred times): about 10 nats."""

    # what an arbitrary junction costs: carrying a cut sentence on with no evidence for it
    # scores below an article's own plain sentence start (0)
    junction_base: float = 1.5
    # per log-count of the junction's pair, as in reflow (one feature: pair_seen); a pair
    # alone outweighs junction_base only when the page writes it six times or more
    pair: float = 0.8
    # per nat of the word across (word_bond_nats), up to `bond_cap` nats: graded where reflow
    # steps, because rival readings differ by how well each junction binds; capped (3.6
    # nats at most) so that one junction never outweighs a connective (6) or an opener (14)
    # after a cut
    bond: float = 0.3
    bond_cap: float = 12.0
    # a piece opening with the closing half of a quote or bracket carries on a sentence begun
    # elsewhere: about a full bond, as in reflow (closer_opens_after)
    closer: float = 3.0
    # against a subheading or paragraph opener (一是, 首先, （一）…) right after a cut: the
    # reading broke a sentence; more than all a junction's positive evidence. Reflow never
    # weighs this: an opener after the line decides alone (shape_decides)
    open_after_cut: float = 14.0
    # against a closing mark opening a piece after a complete sentence (a paragraph opens
    # with a whole sentence): more than a full bond
    closer_after_end: float = 6.0
    # against a piece opening with a sentence of at most 7 characters after a complete one
    # (more often the end of a sentence begun elsewhere): less than a full bond, since short
    # sentences exist (reflow's very_short_opening, 5, weighs the cut's side of it)
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
    # per nat of rare pairs (inverse document frequency) that neighbouring paragraphs of one
    # article share, up to `coherence_cap` nats: at most 3.6 nats, as much as a full bond
    coherence: float = 0.3
    coherence_cap: float = 12.0


@dataclass(frozen=True)
class CutWeights:
    reflow: ReflowWeights = ReflowWeights()
    interleave: InterleaveWeights = InterleaveWeights()


CUT_WEIGHTS = CutWeights()
