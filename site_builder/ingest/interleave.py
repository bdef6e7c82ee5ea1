"""De-interleaving: two articles whose columns the text extraction read in turns.

Signs of it: an article stops without its closing lines (no reprint or author-unit line)
while the next article runs on; the next article's body then holds passages that belong
to the first. Each body unit of the second article is given to the article whose
character pairs it shares (a log-likelihood ratio of two bigram profiles). A switch of
owner is only allowed where a column break shows (a unit cut in mid-sentence before it,
or an owner still waiting for the rest of its cut paragraph), and a unit that holds the
end of one column glued to the start of the other is split at its best change point.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from site_builder.ingest import shapes
from site_builder.ingest.lines import Unit
from site_builder.ingest.reflow import heading_candidate
from site_builder.ingest.segment import Draft
from site_builder.ingest.typography import CJK_RE

MU = 100.0  # weight of the page background in a profile (characters)
SWITCH_MIN = 4.0  # nats of evidence for a whole unit to change owner
SWITCH_MEAN = 0.12  # … and per character pair
SPLIT_GAIN = 8.0  # nats a split must gain over keeping the unit whole
SPLIT_MIN_CHARS = 12
SPLIT_SIDE_MIN = 10.0  # nats each side of a split must show for its own article
WORD_BREAK_COST = 1.5  # nats per log-count of the character pair a split would break
ACCEPT_MIN = 12.0  # total evidence of the moved text before the page is called interleaved


def bigrams(text: str) -> list[str]:
    return [text[i:i + 2] for i in range(len(text) - 1) if CJK_RE.match(text[i]) and CJK_RE.match(text[i + 1])]


@dataclass
class Profile:
    counts: Counter = field(default_factory=Counter)
    total: int = 0

    def add(self, text: str, sign: int = 1) -> None:
        for b in bigrams(text):
            self.counts[b] += sign
            self.total += sign

    def logp(self, b: str, background: "Background") -> float:
        # Dirichlet smoothing towards the page's own pair frequencies
        return math.log((self.counts[b] + MU * background.p(b)) / (self.total + MU))


@dataclass
class Background:
    """Pair frequencies of the whole page: what an unseen pair is worth to a profile."""

    counts: Counter
    total: int

    @classmethod
    def of(cls, counts: Counter) -> "Background":
        cjk = Counter({b: n for b, n in counts.items() if len(b) == 2 and CJK_RE.match(b[0]) and CJK_RE.match(b[1])})
        return cls(cjk, sum(cjk.values()))

    def p(self, b: str) -> float:
        return (self.counts[b] + 0.5) / (self.total + 0.5 * (len(self.counts) + 1))


@dataclass
class Outcome:
    moved: bool
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def _llr(pairs: list[str], a: Profile, b: Profile, vocab: "Background") -> list[float]:
    return [a.logp(p, vocab) - b.logp(p, vocab) for p in pairs]


def _seed_end(units: list[Unit]) -> int:
    """The second article's own opening: its units up to the first cut in mid-sentence."""
    for k, unit in enumerate(units):
        if shapes.dangling(unit.text) and not heading_candidate(unit):
            return k + 1
    return len(units)


def deinterleave(first: Draft, second: Draft, vocab: "Background") -> Outcome:
    """Move the first article's passages out of the second's body; report what moved."""
    if first.has_footer() or len(second.body) < 3 or not first.body:
        return Outcome(False)
    units = second.body
    seed = _seed_end(units)
    if seed >= len(units):
        return Outcome(False)
    prof = {"A": Profile(), "B": Profile()}
    for unit in first.body + ([first.title] if first.title else []):
        prof["A"].add(unit.text)
    for unit in units[:seed] + ([second.title] if second.title else []):
        prof["B"].add(unit.text)
    owners, pieces = _assign(units, seed, first, prof, vocab, splits=False)
    # second pass: profiles learnt from the first assignment; now a unit may also be split
    learnt = {"A": Profile(), "B": Profile()}
    for unit in first.body + ([first.title] if first.title else []):
        learnt["A"].add(unit.text)
    for unit, owner in zip(pieces, owners):
        learnt[owner].add(unit.text)
    if second.title:
        learnt["B"].add(second.title.text)
    owners, pieces = _assign(units, seed, first, learnt, vocab, splits=True, first_owners=owners)
    moved = [p for p, o in zip(pieces, owners) if o == "A"]
    if not moved:
        return Outcome(False)
    evidence = sum(sum(_llr(bigrams(p.text), prof["A"], prof["B"], vocab)) for p in moved)
    if evidence < ACCEPT_MIN:
        return Outcome(False)
    first.body.extend(moved)
    second.body = [p for p, o in zip(pieces, owners) if o == "B"]
    # closing lines follow the text they close: give them to the owner of the last unit
    if second.footer and owners[-1] == "A":
        first.footer, second.footer = second.footer, []
    lines = sorted({p.first_line for p in moved})
    return Outcome(True, [(lines[0], f"{len(moved)} passage(s) from lines {lines[0]}-{lines[-1]} "
                                     f"put back into the article they were interleaved with")])


def _scores(text: str, prof: dict, mine: str, other: str, vocab, own: str | None) -> list[float]:
    """Pair scores for `other` against `mine`, leaving the unit out of the profile it came from."""
    if own is not None:
        prof[own].add(text, -1)
    try:
        return _llr(bigrams(text), prof[other], prof[mine], vocab)
    finally:
        if own is not None:
            prof[own].add(text, 1)


def _assign(units: list[Unit], seed: int, first: Draft, prof: dict, vocab: "Background",
            splits: bool, first_owners: list[str] | None = None):
    owners: list[str] = ["B"] * seed
    pieces: list[Unit] = list(units[:seed])
    waiting = {"A": shapes.dangling(first.body[-1].text), "B": shapes.dangling(units[seed - 1].text)}
    last_text = {"A": first.body[-1].text, "B": units[seed - 1].text}
    before = dict(zip((id(u) for u in units), first_owners or []))
    current = "B"
    for unit in units[seed:]:
        other = "A" if current == "B" else "B"
        scores = _scores(unit.text, prof, current, other, vocab, before.get(id(unit)))
        after_cut = shapes.dangling(pieces[-1].text) and not heading_candidate(pieces[-1])
        # the other article may resume here: after a column cut in mid-sentence, or with the
        # rest of its own cut paragraph (a tail never opens with an enumerator or a heading)
        resumes = waiting[other] and not heading_candidate(unit) and not shapes.starts_new_paragraph(unit.text)
        if (after_cut or resumes) and sum(scores) >= SWITCH_MIN \
                and sum(scores) / max(1, len(scores)) >= SWITCH_MEAN:
            current, other = other, current
        elif splits and waiting[other] and not heading_candidate(unit):
            own = before.get(id(unit))
            if own is not None:
                prof[own].add(unit.text, -1)
            split = _split(unit, prof[current], prof[other], vocab, last_text[other][-1:])
            if own is not None:
                prof[own].add(unit.text, 1)
            if split is not None:
                head, tail = split
                owners.append(current)
                pieces.append(head)
                waiting[current] = True
                last_text[current] = head.text
                current, other = other, current
                unit = tail
        owners.append(current)
        pieces.append(unit)
        waiting[current] = shapes.dangling(unit.text)
        last_text[current] = unit.text
    return owners, pieces


def _split(unit: Unit, mine: Profile, theirs: Profile, vocab: "Background", waiting_end: str) -> tuple[Unit, Unit] | None:
    """Cut a unit where the text stops fitting its owner and starts fitting the other article."""
    text = unit.text
    positions = [i for i in range(1, len(text)) if CJK_RE.match(text[i - 1]) and CJK_RE.match(text[i])]
    if not positions:
        return None
    # gain[i] > 0: the pair ending at i fits the other article better
    gain = [0.0] * (len(text) + 1)
    for i in positions:
        gain[i] = theirs.logp(text[i - 1:i + 1], vocab) - mine.logp(text[i - 1:i + 1], vocab)
    total_theirs = sum(gain)
    # cutting before k gives the pairs that end after k to the other article
    after = [0.0] * (len(text) + 2)
    for i in range(len(text), -1, -1):
        after[i] = after[i + 1] + gain[i]
    best_at, best, best_fit = None, 0.0, -math.inf
    for k in range(SPLIT_MIN_CHARS, len(text) - SPLIT_MIN_CHARS):
        if not CJK_RE.match(text[k]) or shapes.terminated(text[:k]):
            continue  # a column ends in mid-sentence and the next one starts with a character
        # a column break rarely falls inside a pair the page writes often (a word)
        fit = after[k + 1] - WORD_BREAK_COST * math.log1p(vocab.counts[text[k - 1:k + 1]]) \
            + WORD_BREAK_COST * math.log1p(vocab.counts[waiting_end + text[k]])
        if fit > best_fit + 1e-9:
            best, best_at, best_fit = after[k + 1], k, fit
    if best_at is None or best - max(0.0, total_theirs) < SPLIT_GAIN:
        return None
    head_fit = after[best_at + 1] - total_theirs  # positive: the head fits its owner
    if head_fit < SPLIT_SIDE_MIN or best < SPLIT_SIDE_MIN:
        return None
    head_text, tail_text = text[:best_at], text[best_at:]
    head = Unit(unit.raw, list(unit.spans), head_text, unit.markdown_heading, unit.kind, dict(unit.info))
    tail = Unit("", list(unit.spans), tail_text, False, unit.kind, {"split_from": unit.first_line})
    return head, tail

