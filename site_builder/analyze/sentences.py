"""Every article's body sentences, by digest, with the article each is from (analyze/carry.py).

Reprint grouping (analyze/reprints.py) pairs articles by the sentences they share that are
neither one article's own nor a quotation (`COMMON_SENTENCE`: in more articles than that).
An edited article that was the only printing of its entry can take its old place without
grouping again when its new text pairs it with no article and moves no other sentence
across that limit: `unchanged_grouping` tells it from the other articles' sentences, held
here as one sorted array of digests, each with its article's serial.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np

from site_builder.analyze.reprints import COMMON_SENTENCE, MIN_SHARED_SENTENCES, SHARED_SHARE

_DIGEST = "S16"  # reprints._sentence_digests: 16 bytes


def _array(digests: Iterable[bytes]) -> np.ndarray:
    return np.array(sorted(digests), dtype=_DIGEST)


class Sentences:
    def __init__(self, digests: np.ndarray, owners: np.ndarray):
        self.digests, self.owners = digests, owners  # sorted by digest; each one's article serial

    @staticmethod
    def of(found: list[frozenset[bytes]]) -> Sentences:
        digests = np.array([d for each in found for d in each], dtype=_DIGEST)
        owners = np.repeat(np.arange(len(found), dtype=np.int32), [len(each) for each in found])
        order = np.argsort(digests, kind="stable")
        return Sentences(digests[order], owners[order])

    def _others(self, serial: int, digests: np.ndarray) -> list[np.ndarray]:
        """For each digest, the other articles holding it."""
        left = np.searchsorted(self.digests, digests, side="left").tolist()
        right = np.searchsorted(self.digests, digests, side="right").tolist()
        return [holders[holders != serial] for holders in (self.owners[a:b] for a, b in zip(left, right, strict=True))]

    def unchanged_grouping(self, serial: int, new: frozenset[bytes]) -> bool:
        """Whether article `serial` (in no reprint pair now) with the sentences `new` is in no
        pair, and every other pair is as it was: no sentence it gains or loses is held by
        exactly COMMON_SENTENCE other articles (it would become, or cease to be, a
        quotation for them), and it shares too few telling sentences with every other
        article to pair with it (reprints._same_text_pairs' test)."""
        old = {bytes(d).ljust(16, b"\0") for d in self.digests[self.owners == serial]}  # (S16 drops trailing NULs)
        moved = _array(set(new) ^ old)
        if any(len(others) == COMMON_SENTENCE for others in self._others(serial, moved)):
            return False
        shared: Counter[int] = Counter()
        for others in self._others(serial, _array(new)):
            if 1 <= len(others) < COMMON_SENTENCE:  # telling: in 2 to COMMON_SENTENCE articles
                shared.update(others.tolist())
        sizes = np.bincount(self.owners) if shared else None
        return not any(count >= MIN_SHARED_SENTENCES and count >= SHARED_SHARE * min(len(new), int(sizes[other]))
                       for other, count in shared.items() if sizes is not None)

    def replaced(self, serial: int, new: frozenset[bytes]) -> Sentences:
        """These with `serial`'s sentences replaced by `new`."""
        keep = self.owners != serial
        added = _array(new)
        digests = np.concatenate([self.digests[keep], added])
        owners = np.concatenate([self.owners[keep], np.full(len(added), serial, dtype=np.int32)])
        order = np.argsort(digests, kind="stable")
        return Sentences(digests[order], owners[order])
