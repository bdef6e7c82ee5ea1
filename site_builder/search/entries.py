"""One range of the index's words (``postings.SHARD_BOUNDS``) as arrays: merged from the pages,
patched page by page, cut into chunks and written out as Pagefind's CBOR.

A word's entry in an index chunk is ``[word, [item …], []]``, an item
``[page, locations]``: ``b"\\x82" + uint(page number, as a difference from the word's
previous item's; the first its own) + the page's tail`` (``postings``). ``ShardEntries`` keeps
the words in byte order, each one's number of items, and the items in word order, then page
order: their page numbers, and their tails end to end. The items' heads (the page
differences) are encoded only when entries are written, so pages are removed, inserted and
renumbered by array operations over the range, and the chunks' bytes are made in bulk
(``cborarrays``), never one Python object an item.

The range is saved between builds (a pickle in the index state); ``touched`` marks the words
whose entries a patch changed, so that the chunks of the others are kept unwritten.
"""
from __future__ import annotations

import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import IO, cast

import numpy as np
import numpy.typing as npt

from site_builder.search.cborarrays import Ints, gather, head_sizes, heads, run_starts, without_runs
from site_builder.search.postings import Shard, joined
from site_builder.search.tokens import bucket_group_starts, item_words

Words = npt.NDArray[np.bytes_]


class ShardEntries:
    """One word range's items."""

    def __init__(self, words: Words, counts: Ints, numbers: Ints, lengths: Ints, tails: npt.NDArray[np.uint8]):
        self.words = words  # in byte order
        self.counts = counts  # each word's items (at least one)
        self.numbers = numbers  # each item's page: by word, then rising
        self.lengths = lengths  # each item's tail's bytes
        self.tails = tails  # the items' tails end to end
        self.touched = np.zeros(len(words), bool)  # words whose entry changed since loading
        self.changed = False  # whether any did

    @classmethod
    def merge(cls, pages: Ints, shard: Shard) -> ShardEntries:
        """The range's items from ``shard``, pages' words end to end (each page's in word
        order, the pages rising), ``pages[k]`` the page of ``shard.keys[k]``. Only the
        distinct words are made bytes."""
        order = np.argsort(shard.keys, kind="stable")  # by word; the pages stay in rising order
        keys = shard.keys[order]
        word_start = np.r_[True, keys[1:] != keys[:-1]] if len(keys) else np.zeros(0, bool)
        starts = np.flatnonzero(word_start)
        lengths = shard.lengths.astype(np.int64)
        tails = gather(np.frombuffer(shard.tails, np.uint8), run_starts(lengths)[order], lengths[order])
        return cls(item_words(keys[starts]), np.diff(np.r_[starts, len(keys)]), pages.astype(np.int64)[order],
                   lengths[order], tails)

    @classmethod
    def empty(cls) -> ShardEntries:
        nothing = np.zeros(0, np.int64)
        return cls(np.zeros(0, "S1"), nothing, nothing, nothing, np.zeros(0, np.uint8))

    @classmethod
    def load(cls, path: Path) -> ShardEntries:
        stored = cast(tuple[Words, Ints, Ints, Ints, npt.NDArray[np.uint8]], load_pickle(path))
        words, counts, numbers, lengths, tails = stored
        return cls(words, counts.astype(np.int64), numbers.astype(np.int64), lengths.astype(np.int64), tails)

    def save(self, path: Path) -> None:
        save_pickle(path, (self.words, narrowest(self.counts), narrowest(self.numbers), narrowest(self.lengths),
                           self.tails))

    @property
    def pairs(self) -> int:
        return len(self.numbers)

    def _item_words(self) -> Ints:
        return np.repeat(np.arange(len(self.words)), self.counts)

    def _words_of(self, items: Ints) -> Ints:
        """The word of each of ``items``."""
        return np.searchsorted(np.cumsum(self.counts), items, "right")

    def remove_pages(self, numbers: Sequence[int]) -> None:
        """Take out the items of the pages ``numbers``."""
        self._remove_items(np.flatnonzero(np.isin(self.numbers, np.asarray(numbers, np.int64))))

    def replace_pages(self, pages: Sequence[tuple[int, Shard]]) -> None:
        """Each page ``number``'s items become its ``Shard``'s (the other pages' numbers
        unchanged; ``pages`` by rising number): only the words whose item is new, gone or other
        bytes are patched and touched (a page edited late in its text keeps the items of the
        words before the edit). All the pages in one removal and one insertion: each is a pass
        over the whole range."""
        starts, word_ends = run_starts(self.lengths), np.cumsum(self.counts)
        changes = [self._changed_items(number, shard, starts, word_ends) for number, shard in pages]
        self._remove_items(np.sort(np.concatenate([np.zeros(0, np.int64), *(old for old, _ in changes)])))
        self.insert_pages([number for number, _ in pages], [new for _, new in changes])

    def _changed_items(self, number: int, shard: Shard, starts: Ints, word_ends: Ints) -> tuple[Ints, Shard]:
        """(page ``number``'s items whose word's item ``shard`` changes, ``shard``'s items of
        those words): ``starts`` each item's first byte, ``word_ends`` each word's items' end."""
        old = np.flatnonzero(self.numbers == number)
        old_words = self.words[np.searchsorted(word_ends, old, "right")]
        old_items = dict(zip(old_words.tolist(), (self.tails[start:start + length].tobytes() for start, length in
                                                  zip(starts[old].tolist(), self.lengths[old].tolist(), strict=True)),
                             strict=True))
        ends = np.cumsum(shard.lengths).tolist()
        new_words = item_words(shard.keys)
        new_items = dict(zip(new_words.tolist(), map(shard.tails.__getitem__, map(slice, [0, *ends], ends)),
                             strict=False))
        changed = [word for word in old_items.keys() | new_items.keys() if old_items.get(word) != new_items.get(word)]
        chosen = np.array(changed, dtype="S") if changed else np.zeros(0, "S1")
        kept = np.isin(new_words, chosen)
        kept_bytes = np.repeat(kept, shard.lengths)
        return old[np.isin(old_words, chosen)], Shard(shard.keys[kept], shard.lengths[kept],
                                                      np.frombuffer(shard.tails, np.uint8)[kept_bytes].tobytes())

    def _remove_items(self, gone: Ints) -> None:
        if not len(gone):
            return
        self.changed = True
        gone_words = self._words_of(gone)
        self.touched[gone_words] = True
        self.counts -= np.bincount(gone_words, minlength=len(self.words))
        starts = run_starts(self.lengths)
        self.tails = without_runs(self.tails, starts[gone], self.lengths[gone])
        single = np.ones(len(gone), np.int64)
        self.numbers, self.lengths = without_runs(self.numbers, gone, single), without_runs(self.lengths, gone, single)
        kept = self.counts > 0
        if not kept.all():
            self.words, self.counts, self.touched = self.words[kept], self.counts[kept], self.touched[kept]

    def renumber(self, new_numbers: Sequence[int], steps: Sequence[int]) -> None:
        """Every page to its new number (``new_numbers[old]``, in the same order); the words
        holding a page from the first step (an old number) on are touched."""
        moved = self.numbers >= steps[0]
        self.touched[self._item_words()[moved]] = True
        self.changed = True
        self.numbers = np.asarray(new_numbers, np.int64)[self.numbers]

    def insert_pages(self, numbers: Sequence[int], shards: Sequence[Shard]) -> None:
        """Add the items of the pages ``numbers`` (not in the range), each its ``Shard``."""
        added = ShardEntries.merge(np.repeat(np.asarray(numbers, np.int64), [len(shard.keys) for shard in shards]),
                                   joined(shards))
        if not len(added.words):
            return
        self.changed = True
        at = np.searchsorted(self.words, added.words)
        new = at == len(self.words)
        new[~new] = self.words[at[~new]] != added.words[~new]
        wide = f"S{max(self.words.dtype.itemsize, added.words.dtype.itemsize)}"  # never cut a longer new word
        self.words = np.insert(self.words.astype(wide), at[new], added.words[new])
        self.counts = np.insert(self.counts, at[new], 0)
        self.touched = np.insert(self.touched, at[new], True)
        ids = np.searchsorted(self.words, added.words)
        self.touched[ids] = True
        # each new item goes after its word's items of lower pages
        added_ids = np.repeat(ids, added.counts)
        at_items = self._bisect(run_starts(self.counts)[added_ids], self.counts[added_ids], added.numbers)
        byte_at = np.r_[run_starts(self.lengths), self.lengths.sum()][at_items]
        self.tails = np.insert(self.tails, np.repeat(byte_at, added.lengths), added.tails)
        self.numbers = np.insert(self.numbers, at_items, added.numbers)
        self.lengths = np.insert(self.lengths, at_items, added.lengths)
        self.counts += np.bincount(added_ids, minlength=len(self.words))

    def _bisect(self, first: Ints, count: Ints, numbers: Ints) -> Ints:
        """Where each of ``numbers`` goes among the items ``first[k]`` … ``first[k] + count[k]
        - 1`` (rising page numbers): a binary search for all at once."""
        low, high = first.copy(), first + count
        while (active := low < high).any():
            middle = (low + high) // 2
            lower = active & (self.numbers[np.minimum(middle, len(self.numbers) - 1)] < numbers)
            low, high = np.where(lower, middle + 1, low), np.where(active & ~lower, middle, high)
        return low

    def entry_sizes(self) -> Ints:
        """The bytes of each word's entry."""
        word_lengths = np.char.str_len(self.words).astype(np.int64)
        items = np.r_[0, np.cumsum(1 + head_sizes(self._deltas()) + self.lengths)]
        ends = np.cumsum(self.counts)
        return (1 + head_sizes(word_lengths) + word_lengths + head_sizes(self.counts) + items[ends]
                - items[ends - self.counts] + 1)

    def cut(self, chunk_bytes: int) -> list[tuple[int, int]]:
        """The words of each chunk (start, end), in word order: a chunk ends with the word
        that brings its entries' bytes to ``chunk_bytes`` or more, and the rest of its word's
        buckets (a search looks a word up in every bucket: one chunk holds them all)."""
        ends = np.cumsum(self.entry_sizes())
        groups = np.r_[np.flatnonzero(bucket_group_starts(self.words)), len(ends)]
        chunks: list[tuple[int, int]] = []
        start = 0
        while start < len(ends):
            before = int(ends[start - 1]) if start else 0
            end = min(int(np.searchsorted(ends, before + chunk_bytes, "left")) + 1, len(ends))
            end = int(groups[np.searchsorted(groups, end)])
            chunks.append((start, end))
            start = end
        return chunks

    def _deltas(self) -> Ints:
        """Each item's page number as written: the difference from the word's item before."""
        if not len(self.numbers):
            return self.numbers
        deltas = self.numbers - np.r_[0, self.numbers[:-1]]
        firsts = run_starts(self.counts)
        deltas[firsts] = self.numbers[firsts]
        return deltas

    def entries(self, ranges: Sequence[tuple[int, int]]) -> list[bytes]:
        """The entries of each range of words (start, end), end to end: for each word
        ``[word, [item …], []]`` (a 3-array head, its string, its items' array, ``[]``)."""
        chosen = np.concatenate([np.arange(start, end) for start, end in ranges] or [np.zeros(0, np.int64)])
        counts = self.counts[chosen]
        items = np.repeat(run_starts(self.counts)[chosen] - run_starts(counts), counts) + np.arange(counts.sum())
        words = self.words[chosen]
        word_lengths = np.char.str_len(words).astype(np.int64)
        pairs = np.tile(np.array([4, 3], np.int64), len(chosen))  # the entry's 3-array, its string
        word_heads, word_head_sizes = heads(pairs, np.column_stack([np.full(len(chosen), 3), word_lengths]).ravel())
        count_heads, count_sizes = heads(4, counts)
        item_pairs = np.tile(np.array([4, 0], np.int64), len(items))  # the item's 2-array, its page
        item_heads, item_head_sizes = heads(item_pairs, np.column_stack([np.full(len(items), 2),
                                                                          self._deltas()[items]]).ravel())
        pieces = [word_heads, np.frombuffer(b"".join(words.tolist()), np.uint8), count_heads, item_heads,
                  self.tails, np.array([0x80], np.uint8)]
        bases = run_starts(np.array([len(piece) for piece in pieces], np.int64))
        starts, lengths = _entry_runs(counts, bases, (
            (run_starts(word_head_sizes[0::2] + word_head_sizes[1::2]), word_head_sizes[0::2] + word_head_sizes[1::2]),
            (run_starts(word_lengths), word_lengths), (run_starts(count_sizes), count_sizes),
            (run_starts(item_head_sizes[0::2] + item_head_sizes[1::2]), item_head_sizes[0::2] + item_head_sizes[1::2]),
            (run_starts(self.lengths)[items], self.lengths[items])))
        out = gather(np.concatenate(pieces), starts, lengths).tobytes()
        closing = 4 * np.arange(len(chosen)) + 2 * run_starts(counts) + 3 + 2 * counts  # each entry's last run
        bounds = np.r_[0, np.cumsum(lengths)[closing]][np.cumsum([0, *(end - start for start, end in ranges)])]
        return [out[a:b] for a, b in zip(bounds.tolist(), bounds[1:].tolist(), strict=False)]


def _entry_runs(counts: Ints, bases: Ints, runs: tuple[tuple[Ints, Ints], ...]) -> tuple[Ints, Ints]:
    """Where each run of the entries' bytes is in the joined pieces (``bases``: each piece's
    start), in the entries' order: per word its head, string and items' array head, per item
    its head and tail, then the word's closing ``[]`` (the last piece)."""
    (word_head, word_head_size), (text, text_size), (count, count_size), (item_head, item_head_size), \
        (tail, tail_size) = runs
    words, items = len(counts), int(counts.sum())
    starts, lengths = np.zeros(4 * words + 2 * items, np.int64), np.zeros(4 * words + 2 * items, np.int64)
    at = 4 * np.arange(words) + 2 * run_starts(counts)  # each word's first run
    for k, (start, size) in enumerate(((word_head, word_head_size), (text, text_size), (count, count_size))):
        starts[at + k], lengths[at + k] = bases[k] + start, size
    item_word = np.repeat(np.arange(words), counts)
    item_at = 4 * item_word + 2 * np.arange(items) + 3
    starts[item_at], lengths[item_at] = bases[3] + item_head, item_head_size
    starts[item_at + 1], lengths[item_at + 1] = bases[4] + tail, tail_size
    starts[at + 3 + 2 * counts], lengths[at + 3 + 2 * counts] = bases[5], 1
    return starts, lengths


def narrowest(values: Ints) -> Ints:
    """``values`` (none negative) in the narrowest unsigned type that holds them: an edit loads
    and saves every word range it patches, and a tail's length fits a byte, a page number two
    bytes up to 65,535 pages (at 10,000 articles the ranges' items 493 -> 337 MB)."""
    return values.astype(np.min_scalar_type(int(values.max(initial=0))))


def save_pickle(path: Path, value: object) -> None:
    """Write ``value`` to ``path`` whole or not at all."""
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as out:
        pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(path)


def dump_unshared(value: object, out: IO[bytes]) -> None:
    """Pickle ``value`` without pickle's memo, a third faster: for values that hold no
    object twice that must stay one object (lists of words and their bytes) and no cycle."""
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)


def load_pickle(path: Path) -> object:
    with open(path, "rb") as stored:
        return pickle.load(stored)
