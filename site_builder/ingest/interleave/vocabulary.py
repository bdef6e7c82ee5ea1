"""Each article's vocabulary: which article a stretch of text reads like.

Two articles of one page keep their own vocabularies (a log-likelihood ratio of character
pairs: weak evidence, as two articles of one page often share a theme). A profile is
learnt from the text a reading gives each article and read against the page's own pair
frequencies; the reading is then made again under the learnt profiles (EM).
"""
from __future__ import annotations

import math
from collections import Counter
from itertools import accumulate
from collections.abc import Sequence
from dataclasses import dataclass, field

from site_builder.ingest.column_grid import Owner, Step
from site_builder.ingest.evidence import CJK_PAIR, CJK_PAIRS, bigrams
from site_builder.ingest.interleave.stream import SplitPoint
from site_builder.ingest.lines import Unit


LAMBDA = 0.5  # weight of an article's own pair frequencies against the page's
VOCAB_WEIGHT = 0.25  # nats of vocabulary evidence are worth this much structure
VOCAB_CAP = 8.0  # … and one unit's vocabulary never outweighs a broken sentence
EM_ROUNDS = 2  # times the vocabularies are learnt from a reading and the page read again
# nats (before VOCAB_WEIGHT) for each pair of a unit that one article's title holds and the
# other article's known text (its title, and the first column of the first or the opening
# paragraph of the second) does not: a title names its article's topic, which its paragraphs
# and subheadings take up (a full nat of structure each: two such pairs outweigh a switch
# of columns); a pair both articles write is the page's theme, no evidence
TITLE_PAIR = 4.0


@dataclass
class Background:
    """Pair frequencies of the whole page: what an unseen pair is worth to a profile."""

    counts: Counter
    total: int

    @classmethod
    def of(cls, counts: Counter) -> Background:
        cjk = Counter({b: n for b, n in counts.items() if CJK_PAIR.fullmatch(b)})
        return cls(cjk, sum(cjk.values()))

    def p(self, b: str) -> float:
        return (self.counts[b] + 0.5) / (self.total + 0.5 * (len(self.counts) + 1))


@dataclass
class Profile:
    """One article's pair counts."""

    counts: Counter = field(default_factory=Counter)
    total: int = 0

    def add(self, text: str, sign: int = 1) -> None:
        for b in bigrams(text):
            self.counts[b] += sign
            self.total += sign

    def logp(self, b: str, background: Background) -> float:
        # interpolated with the page's own pair frequencies: a pair the profile lacks, or
        # holds at the page's own rate, is no evidence whatever the profile's size
        own = self.counts[b] / self.total if self.total > 0 else 0.0
        return math.log(LAMBDA * own + (1 - LAMBDA) * background.p(b))


@dataclass
class Vocabulary:
    """The evidence, under one pair of learnt profiles, that each stretch of each unit of
    the second article's body is the first article's text."""

    # per unit: the running sum of the pairs' log-likelihood ratios (first article against
    # second) up to each character
    rows: list[list[float]]
    # split scores under these profiles, remembered per (unit, the waiting piece's last
    # characters, the tail's owner) by splits.SplitPlaces.scores
    split_scores: dict[tuple[int, str, Owner], list[SplitPoint]] = field(default_factory=dict)

    def evidence(self, i: int, lo: int = 0, hi: int | None = None) -> float:
        """Weighed and capped evidence that the stretch [lo, hi) of unit i is the first article's."""
        row = self.rows[i]
        hi = len(row) if hi is None else hi
        v = row[hi - 1] - row[max(0, lo)] if hi - 1 > lo else 0.0
        return max(-VOCAB_CAP, min(VOCAB_CAP, VOCAB_WEIGHT * v))

    def of_reading(self, path: Sequence[Step]) -> float:
        """The vocabulary's share of a reading's score."""
        total = 0.0
        prev: Owner = "B"
        for i, step in enumerate(path):
            if step.split is not None:
                head_owner, _ = step.owners(prev)
                total += self.evidence(i, 0, step.split + 1) if head_owner == "A" else self.evidence(i, step.split)
            elif step.owner == "A":
                total += self.evidence(i)
            prev = step.owner
        return total


@dataclass(frozen=True)
class Texts:
    """What the vocabularies are learnt from besides the reading: the first article's body
    and title, the second article's title, and the second article's body units."""

    first: list[str]
    second_title: list[str]
    units: list[Unit]
    titles: tuple[str, str] = ("", "")  # the first article's title, the second's

    def title_pairs(self) -> dict[str, float]:
        """TITLE_PAIR for each pair of the first article's title that the second's known text
        lacks, minus it for each of the second's that the first's known text lacks."""
        first, second = (set(bigrams(t)) for t in self.titles)
        known_first = set(bigrams("".join(self.first)))  # (its body so far and its title)
        known_second = set(bigrams("".join(self.second_title + [u.text for u in self.units[:1]])))
        return {**{b: TITLE_PAIR for b in first - known_second}, **{b: -TITLE_PAIR for b in second - known_first}}


def learn(texts: Texts, member: Sequence[Owner | None], background: Background) -> Vocabulary:
    """Vocabulary profiles: the first article's body plus the units `member` gives it,
    the second's title plus its units; a unit is scored leaving itself out."""
    prof = {"A": Profile(), "B": Profile()}
    for text in texts.first:
        prof["A"].add(text)
    for text in texts.second_title:
        prof["B"].add(text)
    for unit, m in zip(texts.units, member, strict=True):
        if m is not None:
            prof[m].add(unit.text)
    pa, pb = prof["A"], prof["B"]
    titled = texts.title_pairs()
    rows = []
    whole: dict[str, float] = {}  # a pair's ratio under the profiles of every unit
    for unit, m in zip(texts.units, member, strict=True):
        if m is not None:
            prof[m].add(unit.text, -1)
        rows.append(_ratio_row(unit.text, (pa, pb, titled), background, whole if m is None else {}))
        if m is not None:
            prof[m].add(unit.text)
    return Vocabulary(rows)


def _ratio_row(text: str, profiles: tuple[Profile, Profile, dict[str, float]], background: Background,
               ratios: dict[str, float]) -> list[float]:
    """The running sum, up to each character, of the log-likelihood ratios (first article
    against second, plus a title's pair's nats) of the text's Chinese character pairs
    (`ratios`: those already worked out under these profiles)."""
    pa, pb, titled = profiles
    gains = [0.0] * max(1, len(text))
    for match in CJK_PAIRS.finditer(text):
        pair = match.group(1)
        ratio = ratios.get(pair)
        if ratio is None:
            ratio = ratios[pair] = pa.logp(pair, background) - pb.logp(pair, background) + titled.get(pair, 0.0)
        gains[match.start() + 1] = ratio
    return list(accumulate(gains))


def members(path: Sequence[Step]) -> list[Owner | None]:
    """Which article each unit of a reading gives its vocabulary to (a split line: neither)."""
    return [step.owner if step.move not in ("split", "bounce") else None for step in path]
