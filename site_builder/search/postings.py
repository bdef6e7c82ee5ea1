"""One page's contribution to the index, encoded once (and cached by the page's bytes).

A word's entry for a page in a Pagefind 1.5 index chunk is ``[page, locations, []]`` (CBOR).
Everything after the page number depends on the page alone, so it is encoded here, page by
page (in parallel, ``indexer``), as the page's *tail* for that word; the page number, written
as a difference from the word's previous page, is only known when pages are merged
(``writer.ShardIndex``).

``locations``: a negative number -(w + 1) sets the weight w (in 24ths) of the positions after
it; per weight, in rising order, the first position is absolute, the next ones differences.

The words of a page are split into ``SHARDS`` fixed ranges of the word order, so that each
range of the index can be merged and written by a process of its own.
"""
from __future__ import annotations

import bisect
import itertools
import operator
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from site_builder.search.normalize import char_code
from site_builder.search.reproducible import head

# Word ranges: the text's codes (base 36, CJK starts 0f…0v) cut at fixed code points, the runs'
# start tokens (x…), the title namespace (y…), then the presence words (z…) cut at the same points. Fixed, so chunks are cut
# the same way on every build; cut where Chinese text's characters make ranges of about even size
# (the commonest characters sit low in the CJK block).
_CUTS = (0x4E3A, 0x4EBA, 0x4F60, 0x5230, 0x5320, 0x5750, 0x5BB0, 0x5FC0, 0x6300, 0x6700, 0x6BB0, 0x7000,
         0x7530, 0x7C00, 0x8200, 0x8BA0, 0x8FD0, 0x9600)
_TEXT_BOUNDS = tuple(char_code(chr(cp)) for cp in _CUTS)
SHARD_BOUNDS: tuple[str, ...] = (*_TEXT_BOUNDS, "x", "y", "z", *("z" + bound for bound in _TEXT_BOUNDS[1::2]))
SHARDS = len(SHARD_BOUNDS) + 1
TITLE_SHARD = SHARD_BOUNDS.index("y") + 1  # the range of the title namespace
PRESENCE_SHARDS = range(SHARD_BOUNDS.index("z") + 1, SHARDS)  # the ranges of the presence words

EMPTY = b"\x80"  # an empty CBOR array: a page's meta locations
_SMALL = 1 << 16
drain: Callable[[Iterable[object]], None] = deque[object](maxlen=0).extend  # runs an iterator out, keeping nothing
_UINTS = [head(0, n) for n in range(_SMALL)]  # positions and their differences, encoded once
_ARRAYS = [head(4, n) for n in range(_SMALL)]  # array heads


WEIGHT_UNIT = 24  # Pagefind keeps a weight w as w * 24
TEXT_WEIGHT = WEIGHT_UNIT
# Where every presence word sits: a query reads which pages hold it, never its position (a
# one-character part is no phrase, and its excerpt is found in the text). One position for
# all makes their items alike: a fifth of the index's items, they compress to little.
MARK_POSITION = 0


def uint(number: int) -> bytes:
    return _UINTS[number] if number < _SMALL else head(0, number)


def array(length: int) -> bytes:
    return _ARRAYS[length] if length < _SMALL else head(4, length)


Shard = tuple[list[str], list[bytes]]  # words in byte order, the page's tail of each


@dataclass(frozen=True)
class PagePostings:
    """What the index holds of one page, apart from its number."""

    url: str
    fragment: bytes  # gzipped fragment file
    fragment_hash: str  # SHA-1 of the fragment, hex
    date: str  # yyyy-mm-dd or ""
    word_count: int
    filters: dict[str, list[str]]
    shards: list[Shard]  # SHARDS of them
    parts: list[tuple[str, bytes]]  # the readable text's parts: (name, gzipped file)

    @property
    def pairs(self) -> int:
        return sum(len(words) for words, _ in self.shards)


def page_tails(blocks: list[tuple[int, list[str]]], marks: list[str]) -> dict[str, bytes]:
    """word -> its tail for this page (``array(n) + locations + EMPTY``); the ``marks``
    (presence words) at ``MARK_POSITION``, the text weight's."""
    by_weight: dict[int, tuple[list[str], list[int]]] = {}  # weight -> its words, their positions
    position = 0
    for weight, words in blocks:
        tokens, places = by_weight.setdefault(weight, ([], []))
        tokens.extend(words)
        places.extend(range(position, position + len(words)))
        position += len(words)
    lightest, *heavier = sorted(by_weight)
    tails = _lightest_tails(lightest, *by_weight[lightest])  # the text: nearly every word
    for weight in heavier:  # headings: few words; their runs follow the lighter weights' runs
        for word, (run, numbers) in _weight_runs(weight, *by_weight[weight]).items():
            tails[word] = _extended(tails.get(word), run, numbers)
    tails.update(dict.fromkeys(marks, MARK_TAIL))
    return tails


def _lightest_tails(weight: int, tokens: list[str], places: list[int]) -> dict[str, bytes]:
    """word -> its tail, for the words of one weight. Built by C loops for the words found
    once (most of them: a tail by position from a table), then the others one by one."""
    singles = _single_tails(weight, places[-1])
    tails = dict(zip(tokens, map(singles.__getitem__, places), strict=True))  # a repeated word: its last
    counts = Counter(tokens)
    if len(counts) < len(tokens):
        mark = head(1, weight)  # CBOR -(weight + 1)
        # positions below _SMALL (all but in a page of over 65,536 words): encoded from a table
        encode = _UINTS.__getitem__ if places[-1] < _SMALL else uint
        for word, positions in _repeated_positions(tokens, places, counts).items():
            # the first position absolute, then the differences
            numbers = b"".join(map(encode, map(operator.sub, positions, [0, *positions])))
            tails[word] = _ARRAYS[len(positions) + 1] + mark + numbers + EMPTY
    return tails


def _repeated_positions(tokens: list[str], places: list[int], counts: Counter[str]) -> dict[str, list[int]]:
    """word -> its positions, for the words found more than once (C loops: no step a token)."""
    repeated = set(itertools.compress(counts, map((1).__lt__, counts.values())))
    chosen = list(map(repeated.__contains__, tokens))
    positions: defaultdict[str, list[int]] = defaultdict(list)
    drain(map(list.append, map(positions.__getitem__, itertools.compress(tokens, chosen)),
               itertools.compress(places, chosen)))
    return positions


def _extended(tail: bytes | None, run: bytes, numbers: int) -> bytes:
    """A tail with one more run of ``numbers`` numbers after its own (a new tail for None)."""
    if tail is None:
        return array(numbers) + run + EMPTY
    info = tail[0] & 0x1F  # the tail's array head: its count, in the head or after it
    skip = 1 if info < 24 else 1 + (1 << (info - 24))
    count = info if info < 24 else int.from_bytes(tail[1:skip], "big")
    return array(count + numbers) + tail[skip:-1] + run + EMPTY


def _weight_runs(weight: int, tokens: list[str], places: list[int]) -> dict[str, tuple[bytes, int]]:
    """word -> (its run of one weight's positions, how many numbers the run holds)."""
    mark = head(1, weight)  # CBOR -(weight + 1)
    positions: defaultdict[str, list[int]] = defaultdict(list)
    for word, place in zip(tokens, places, strict=True):
        positions[word].append(place)
    return {word: (_run(mark, found, uint), len(found) + 1) for word, found in positions.items()}


MARK_TAIL = array(2) + head(1, TEXT_WEIGHT) + uint(MARK_POSITION) + EMPTY
_SINGLE_TAILS: dict[int, list[bytes]] = {}  # weight -> the tail of one position, by position


def _single_tails(weight: int, highest: int) -> list[bytes]:
    table = _SINGLE_TAILS.setdefault(weight, [])
    if len(table) <= highest:
        start = array(2) + head(1, weight)
        table.extend(start + uint(place) + EMPTY
                     for place in range(len(table), max(highest + 1, 2 * len(table), 4096)))
    return table


def split_shards(tails: dict[str, bytes]) -> list[Shard]:
    """The page's words in byte order, cut at ``SHARD_BOUNDS``."""
    words = sorted(tails)  # ASCII words: str order is byte order
    cuts = [0, *(bisect.bisect_left(words, bound) for bound in SHARD_BOUNDS), len(words)]
    shards = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        part = words[start:end]
        shards.append((part, list(map(tails.__getitem__, part))))
    return shards


def _run(mark: bytes, places: list[int], encode: Callable[[int], bytes]) -> bytes:
    """One weight's positions: its mark, the first position, then the differences."""
    if len(places) == 1:
        return mark + encode(places[0])
    return mark + encode(places[0]) + b"".join(map(encode, map(operator.sub, places[1:], places)))
