"""One page's contribution to the index, encoded once (and cached by the page's bytes).

A word's entry for a page in a Pagefind 1.5 index chunk is ``[page, locations]`` (CBOR; Pagefind
writes a third field, its meta locations, always empty here: its reader takes the item without it,
a byte less for each of the index's ~30 million items at 10,000 articles).
Everything after the page number depends on the page alone, so it is encoded here, page by
page (in parallel, ``indexer``), as the page's *tail* for that word; the page number, written
as a difference from the word's previous page, is only known when pages are merged
(``writer.ShardIndex``).

``locations``: a negative number -(w + 1) sets the weight w (in 24ths) of the positions after
it (before the first, ``DEFAULT_WEIGHT``); per weight, in rising order, the first position is
absolute, the next ones differences.

The words of a page are split into ``SHARDS`` fixed ranges of the word order, so that each
range of the index can be merged and written by a process of its own.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from site_builder.search.cborarrays import Ints, changes, gather, heads, offsets, run_starts
from site_builder.search.normalize import char_code
from site_builder.search.normalize import QUAD, TWIN
from site_builder.search.tokens import (BUCKET_BITS, KEY_BITS, TEXT, TEXT_PRESENCE, TEXT_QUAD, TEXT_START, TEXT_TWIN,
                                        TITLE_TEXT, item_keys, word_key)

# Word ranges: the text's codes (base 36, CJK starts 0f…0v) cut at fixed code points, the quads
# (v…), the twins (w…), the runs' start tokens (x…), the title namespace (y…), then the
# presence words (z…) cut at the same points. Fixed, so chunks are cut
# the same way on every build; cut where Chinese text's characters make ranges of about even size
# (the commonest characters sit low in the CJK block).
_CUTS = (0x4E3A, 0x4EBA, 0x4F60, 0x5230, 0x5320, 0x5750, 0x5BB0, 0x5FC0, 0x6300, 0x6700, 0x6BB0, 0x7000,
         0x7530, 0x7C00, 0x8200, 0x8BA0, 0x8FD0, 0x9600)
_TEXT_BOUNDS = tuple(char_code(chr(cp)) for cp in _CUTS)
SHARD_BOUNDS: tuple[str, ...] = (*_TEXT_BOUNDS, QUAD, TWIN, "x", "y", "z", *("z" + bound for bound in _TEXT_BOUNDS[1::2]))
SHARDS = len(SHARD_BOUNDS) + 1
TITLE_SHARD = SHARD_BOUNDS.index("y") + 1  # the range of the title namespace
TWIN_SHARD = SHARD_BOUNDS.index(TWIN) + 1  # the twins' range: one position each, as the presence words
BOUNDARY_SHARD = SHARD_BOUNDS.index("x") + 1  # the words between two runs (``normalize``)
PRESENCE_SHARDS = range(SHARD_BOUNDS.index("z") + 1, SHARDS)  # the ranges of the presence words
# the bounds as word keys (``tokens``), which sort as the words do: the first key of each
# bound's words (a code sorts before the bigrams it starts)
KEY_BOUNDS = np.array([*(word_key(TEXT, cp) for cp in _CUTS), word_key(TEXT_QUAD), word_key(TEXT_TWIN),
                       word_key(TEXT_START), word_key(TITLE_TEXT),
                       word_key(TEXT_PRESENCE), *(word_key(TEXT_PRESENCE, cp) for cp in _CUTS[1::2])], np.int64)

WEIGHT_UNIT = 24  # Pagefind keeps a weight w as w * 24
# The weight a word's positions have unless a marker says otherwise (Pagefind's reader starts
# every page's positions at it, and its writer marks a weight only where it changes). The
# text weighs that, not Pagefind's 24 for body text: each of the ~30 million items at 10,000
# articles then has no marker (two bytes of CBOR). Its value is not what ranks a result: an
# exact phrase scores every page alike, and a one-character part (a presence word) finds
# each page at one position, all in this weight.
DEFAULT_WEIGHT = 25
TEXT_WEIGHT = DEFAULT_WEIGHT
# Where every presence word sits: a query reads which pages hold it, never its position (a
# one-character part is no phrase, and its excerpt is found in the text). One position for
# all makes their items alike: a fifth of the index's items, they compress to little.
MARK_POSITION = 0
# Each block (a paragraph, a heading, the title) starts at the first multiple of this step
# past the last block's end, one position at least left free between them: a phrase never
# runs across two blocks, and an edit that changes a block's length by less than the room
# left before the next multiple leaves every other block's positions as they were, so only
# the words of that block change their entries (not those of every block after it). 64: a
# one-character edit moves the next blocks once in ~64 edits, and a page's positions grow by
# ~32 a block (most stay under 65,536, three bytes in CBOR, as before).
BLOCK_STEP = 64


class Shard(NamedTuple):
    """Words of one word range and their tails (of a page, or of pages end to end)."""

    keys: Ints  # the words' item keys (``tokens.item_keys``), rising (a page's): as bytes only when written
    lengths: npt.NDArray[np.unsignedinteger]  # each one's tail's bytes
    tails: bytes  # end to end


def joined(shards: Sequence[Shard]) -> Shard:
    """The shards' words and tails end to end."""
    if not shards:
        return Shard(np.zeros(0, np.int64), np.zeros(0, np.uint32), b"")
    return Shard(np.concatenate([shard.keys for shard in shards]),
                 np.concatenate([shard.lengths for shard in shards]), b"".join(shard.tails for shard in shards))


class PageItems(NamedTuple):
    """A page's words' keys, rising, and their tails, in ``SHARDS`` ranges: three arrays to
    store and load, not three a range."""

    keys: Ints
    lengths: npt.NDArray[np.unsignedinteger]
    tails: bytes
    cuts: tuple[int, ...]  # where each range's words start, and the end
    byte_cuts: tuple[int, ...]  # where each range's tails start, and the end

    def shard(self, shard: int) -> Shard:
        start, end = self.cuts[shard], self.cuts[shard + 1]
        return Shard(self.keys[start:end], self.lengths[start:end],
                     self.tails[self.byte_cuts[shard]:self.byte_cuts[shard + 1]])


EMPTY_ITEMS = PageItems(np.zeros(0, np.int64), np.zeros(0, np.uint32), b"", (0,) * (SHARDS + 1), (0,) * (SHARDS + 1))


@dataclass(frozen=True)
class PagePostings:
    """What the index holds of one page, apart from its number."""

    url: str
    fragment: bytes  # gzipped fragment file
    fragment_hash: str  # SHA-1 of the fragment, hex
    date: str  # yyyy-mm-dd or ""
    word_count: int
    filters: dict[str, list[str]]
    items: PageItems
    parts: list[tuple[str, bytes]]  # the readable text's parts: (name, gzipped file)

    @property
    def pairs(self) -> int:
        return len(self.items.keys)


def block_starts(sizes: Sequence[int] | Ints) -> Ints:
    """The first position of each block of ``sizes`` tokens, and the end (``BLOCK_STEP``);
    an empty block starts where the next does."""
    counts = np.asarray(sizes, np.int64)
    spans = np.where(counts > 0, (counts // BLOCK_STEP + 1) * BLOCK_STEP, 0)
    return offsets(spans)


def token_positions(sizes: Sequence[int] | Ints) -> Ints:
    """The position of each token of blocks of ``sizes`` tokens, in page order."""
    counts = np.asarray(sizes, np.int64)
    firsts = run_starts(counts)  # each block's first token
    return np.arange(int(counts.sum()), dtype=np.int64) + np.repeat(block_starts(counts)[:-1] - firsts, counts)


def page_items(tokens: Ints, block_sizes: list[tuple[int, int]], marks: Ints, bucket: int = 0,
               quads: tuple[Ints, Ints] | None = None) -> PageItems:
    """The page's words (``tokens``' keys, each block's weight and size) in word order with
    their tails (positions by ``token_positions``), keyed as items of a page of ``bucket``
    (``tokens.item_keys``), cut at ``SHARD_BOUNDS``; the ``marks`` (presence words, twins) at
    ``MARK_POSITION``, in the text weight; ``quads``: keys, each at the position and weight of
    the token of the given index."""
    quad_keys, quad_at = quads if quads is not None else (np.zeros(0, np.int64), np.zeros(0, np.int64))
    token_weights = np.repeat(np.array([weight for weight, _ in block_sizes], np.int64), [size for _, size in block_sizes])
    token_places = token_positions([size for _, size in block_sizes])
    keys = np.concatenate([tokens, quad_keys])
    weights = np.concatenate([token_weights, token_weights[quad_at]])
    places = np.concatenate([token_places, token_places[quad_at]])
    block_weights = [weight for weight, _ in block_sizes]
    found = _items(keys, weights, places, block_weights, marks)
    if found is None:  # a mark that is one of the tokens' words: its position among theirs
        found = _items(np.concatenate([keys, marks]), np.concatenate([weights, np.full(len(marks), TEXT_WEIGHT, np.int64)]),
                       np.concatenate([places, np.full(len(marks), MARK_POSITION, np.int64)]), block_weights,
                       np.zeros(0, np.int64))
    assert found is not None
    keys, lengths, tails = found
    words = item_keys(keys, bucket)  # in the same order: one bucket for all
    cuts = [0, *np.searchsorted(words, KEY_BOUNDS << BUCKET_BITS).tolist(), len(words)]
    # a tail's length in the narrowest type (most pages: a byte): the page cache and the scratch
    # files hold every page's (~35 million at 10,000 articles)
    return PageItems(words, lengths.astype(np.min_scalar_type(int(lengths.max(initial=0)))), tails.tobytes(),
                     tuple(cuts), tuple(offsets(lengths)[cuts].tolist()))


def _items(keys: Ints, weights: Ints, places: Ints, block_weights: list[int],
           marks: Ints) -> tuple[Ints, Ints, npt.NDArray[np.uint8]] | None:
    """(the distinct words rising, each one's tail's bytes, the tails end to end) of tokens
    (``keys``, their weights and positions) and ``marks``; None when a mark is one of the
    tokens' words. The marks (a quarter of a page's words) are words of their own with one
    position each, the same tail: put in among the tokens' words, not sorted and encoded
    with their tokens."""
    ids, order, distinct = _word_order(keys, weights, block_weights)
    tails, lengths = _tails(ids, weights[order], places[order])
    every = np.concatenate([distinct, marks])
    by_word = np.argsort(every, kind="stable")  # (runs already in order: a few merges)
    if len(marks) and not changes(every[by_word])[1:].all():
        return None
    every_lengths = np.concatenate([lengths, np.full(len(marks), len(_MARK_TAIL), np.int64)])
    gathered = gather(np.concatenate([tails, np.frombuffer(_MARK_TAIL * len(marks), np.uint8)]),
                      run_starts(every_lengths)[by_word], every_lengths[by_word])
    return every[by_word], every_lengths[by_word], gathered


def _word_order(keys: Ints, weights: Ints, block_weights: list[int]) -> tuple[Ints, Ints, Ints]:
    """The tokens' order by word (``keys``), then weight, then page order: (each one's word's
    rank in that order, the order, the distinct keys rising). One sort of distinct integers
    (key, weight's rank among the page's few weights, index) in 64 bits: a page's ~4,000
    tokens in about half the time of ``np.unique`` and a sort of (rank, weight, index)."""
    levels = np.unique(np.array([*block_weights, TEXT_WEIGHT], np.int64))
    index_bits, level_bits = max(1, len(keys).bit_length()), max(1, (len(levels) - 1).bit_length())
    if KEY_BITS + level_bits + index_bits > 63:  # (more tokens than a page ever has)
        distinct, ranks = np.unique(keys, return_inverse=True)
        order = np.argsort(ranks << 8 | weights, kind="stable")
        return ranks[order], order, distinct
    packed = np.sort((keys << level_bits | np.searchsorted(levels, weights)) << index_bits | np.arange(len(keys)))
    order = packed & ((1 << index_bits) - 1)
    word_start = changes(packed >> (level_bits + index_bits))
    return np.cumsum(word_start) - 1, order, (packed >> (level_bits + index_bits))[word_start]


def _tails(ids: Ints, weights: Ints, places: Ints) -> tuple[npt.NDArray[np.uint8], Ints]:
    """Each word's tail end to end, and each one's length, from its tokens ordered by (word,
    weight, position): ``[count, -(w + 1), first, difference …, -(w' + 1), …]`` (no mark before
    the first weight when it is ``DEFAULT_WEIGHT``), as one run of CBOR heads (an array's, a
    weight's, each position's)."""
    if not len(ids):
        return np.zeros(0, np.uint8), np.zeros(0, np.int64)
    word_start = changes(ids)
    run_start = word_start | changes(weights)
    marked = run_start & ~(word_start & (weights == DEFAULT_WEIGHT))  # a weight not the reader's
    values = np.empty(len(places), np.int64)  # a difference from the position before,
    np.subtract(places[1:], places[:-1], out=values[1:])
    values[run_start] = places[run_start]  # but a weight's first position: absolute
    word = np.cumsum(word_start) - 1
    counts = np.bincount(word) + np.bincount(word, marked).astype(np.int64)  # positions and weight marks
    # before each token: the array head (at a new word), the weight mark (at a new weight but
    # the default one first)
    at = np.arange(len(ids)) + np.cumsum(word_start.astype(np.int64) + marked)
    majors = np.zeros(int(at[-1]) + 1, np.int64)
    numbers = np.zeros(len(majors), np.int64)
    numbers[at] = values
    majors[at[marked] - 1], numbers[at[marked] - 1] = 1, weights[marked]
    word_at = at[word_start] - 1 - marked[word_start]  # the array head: before the mark, if any
    majors[word_at], numbers[word_at] = 4, counts
    encoded, sizes = heads(majors, numbers)
    starts = run_starts(sizes)[word_at]
    return encoded, np.diff(starts, append=len(encoded))


_MARK_TAIL = _tails(np.zeros(1, np.int64), np.array([TEXT_WEIGHT]), np.array([MARK_POSITION]))[0].tobytes()  # a mark's
