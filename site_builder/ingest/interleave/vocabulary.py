"""Each article's vocabulary: which article a stretch of text reads like.

Two articles of one page keep their own vocabularies (a log-likelihood ratio of character
pairs: weak evidence, as two articles of one page often share a theme). A profile is
learnt from the text a reading gives each article and read against the page's own pair
frequencies; the reading is then made again under the learnt profiles (EM).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from site_builder.ingest.typography import CJK_RE

LAMBDA = 0.5  # weight of an article's own pair frequencies against the page's


def bigrams(text: str) -> list[str]:
    return [text[i:i + 2] for i in range(len(text) - 1) if CJK_RE.match(text[i]) and CJK_RE.match(text[i + 1])]


@dataclass
class Background:
    """Pair frequencies of the whole page: what an unseen pair is worth to a profile."""

    counts: Counter
    total: int

    @classmethod
    def of(cls, counts: Counter) -> Background:
        cjk = Counter({b: n for b, n in counts.items() if len(b) == 2 and CJK_RE.match(b[0]) and CJK_RE.match(b[1])})
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
