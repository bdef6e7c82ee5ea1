"""Where a glued line splits: the places inside a unit where one column's last line may end
and the other column's text go on, as the text and the vocabulary weigh them."""
from __future__ import annotations

import math

from site_builder.ingest import grammar, lexicon, shapes
from site_builder.ingest.column_grid import Owner
from site_builder.ingest.interleave.junctions import W
from site_builder.ingest.interleave.junctions import Junctions, bond, pair_evidence
from site_builder.ingest.interleave.stream import SplitPoint
from site_builder.ingest.interleave.vocabulary import Vocabulary
from site_builder.ingest.lines import Unit
from site_builder.ingest.shapes import opens_with_closer
from site_builder.ingest.typography import CJK_RE

SPLIT_MIN = 8  # characters on each side of a split
VOCAB_SHAPE = 0.1  # nats per nat of vocabulary: a glued line splits where its vocabulary changes hands
CLOSER_LOOKAHEAD = 40  # characters after a split point read for a closing mark that opens the tail


# nats against a tail that opens on a bound character (的, 得, 了 …) after a mark (—, 、):
# those follow the word they bind, never a mark
BOUND_AFTER_MARK = 8.0


def _bound_after_mark(end: str, tail: str) -> bool:
    return bool(end) and not CJK_RE.match(end[-1]) and grammar.starts_bound(tail)


class SplitPlaces:
    """What the text alone says of the places to split each unit (kept across vocabulary
    rounds and layouts), and, per vocabulary, what the vocabulary adds."""

    def __init__(self, units: list[Unit], junctions: Junctions):
        self.units = units
        self.junctions = junctions
        self._candidates: dict[int, list[SplitPoint]] = {}
        self._junction_scores: dict[tuple[int, str], list[SplitPoint]] = {}

    def candidates(self, i: int) -> list[SplitPoint]:
        """Where unit i may hold a column's end: anywhere inside a sentence (a line of a
        column ends at any character), less likely inside a word of the lexicon or at a
        pair of characters the page writes elsewhere (a glued junction is a new one)."""
        if i in self._candidates:
            return self._candidates[i]
        text = self.units[i].text
        pairs = self.junctions.pairs
        out = []
        for k in range(SPLIT_MIN, len(text) - SPLIT_MIN):
            if not CJK_RE.match(text[k]) or text[k - 1] in shapes.SENTENCE_END + "：:" \
                    or (text[k - 1] in shapes.CLOSERS and text[k - 2] in shapes.SENTENCE_END):
                continue
            glue = -W.pair * math.log1p(pairs[text[k - 1:k + 1]] - 1) if CJK_RE.match(text[k - 1]) else 0.0
            out.append(SplitPoint(glue - bond(text[:k], text[k:]), k))
        self._candidates[i] = out
        return out

    def junction_scores(self, i: int, end: str) -> list[SplitPoint]:
        """What the text alone says of each place to cut unit i so that its tail continues a
        piece ending in `end`."""
        key = (i, end)
        if key not in self._junction_scores:
            text = self.units[i].text
            pairs = self.junctions.pairs
            self._junction_scores[key] = [
                SplitPoint(glue + pair_evidence(pairs, end[-1:], text[k]) + bond(end, text[k:k + lexicon.WINDOW])
                           + (W.closer if opens_with_closer(text[k:k + CLOSER_LOOKAHEAD]) else 0.0)
                           - (BOUND_AFTER_MARK if _bound_after_mark(end, text[k:]) else 0.0)
                           - W.junction_base, k)
                for glue, k in self.candidates(i)]
        return self._junction_scores[key]

    def scores(self, vocabulary: Vocabulary, i: int, end: str, tail_owner: Owner) -> list[SplitPoint]:
        """Each place to cut unit i so that its tail (`tail_owner`'s) continues a piece ending
        in `end`: the text's word plus the vocabulary's, remembered per vocabulary."""
        key = (i, end, tail_owner)
        cache = vocabulary.split_scores
        if key not in cache:
            row = vocabulary.rows[i]
            static = self.junction_scores(i, end)
            # where the vocabulary changes hands (uncapped, relative to the best place)
            heads = [row[k] for _, k in static] or [0.0]
            best_head = max(heads) if tail_owner == "B" else min(heads)
            out = []
            for score, k in static:
                v = vocabulary.evidence(i, k) if tail_owner == "A" else vocabulary.evidence(i, 0, k + 1)
                out.append(SplitPoint(score + v - VOCAB_SHAPE * abs(row[k] - best_head), k))
            cache[key] = out
        return cache[key]
