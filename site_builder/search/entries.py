"""A range of the index's words as the last build left it, patched page by page.

Each word's entry in an index chunk is ``[word, [[page, locations, []] …], []]``: its items
``b"\\x83" + uint(page number, as a difference from the previous item's) + the page's tail``
(``postings``). ``WordItems`` keeps a word's items as one byte string with each item's page
number and length, so that one page's item is removed, inserted or renumbered without
reading the others: patching costs the words of the pages changed, not the archive's. (The
chunks holding those words are written again whole, and a page's ~3,000 words sit in most
chunks: that, not the patching, is what an edit costs.) ``ShardEntries`` is one word range
(``postings.SHARD_BOUNDS``) of them; it is cut into chunks exactly as ``writer.ShardIndex``
cuts a range made from scratch.
"""
from __future__ import annotations

import bisect
import itertools
import operator
import pickle
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from site_builder.search.postings import EMPTY, uint
from site_builder.search.postings import array as array_head
from site_builder.search.reproducible import head


class WordItems:
    """One word's items, in rising page order."""

    __slots__ = ("numbers", "lengths", "body")

    def __init__(self, numbers: array, lengths: array, body: bytes | bytearray):
        self.numbers = numbers  # the pages, rising ('I')
        self.lengths = lengths  # each item's length in body ('I')
        self.body = body  # the items end to end (a bytearray once changed)

    def entry(self, word: str) -> list[bytes | bytearray]:
        """The word's entry, as ``writer`` writes it into a chunk, in pieces to be joined."""
        raw = word.encode()
        return [b"\x83", head(3, len(raw)), raw, array_head(len(self.numbers)), self.body, EMPTY]

    def remove(self, number: int) -> None:
        """Take out the item of page ``number`` (which the word holds)."""
        k = bisect.bisect_left(self.numbers, number)
        if k == len(self.numbers) or self.numbers[k] != number:
            raise KeyError(number)
        start = self._offset(k)
        del self._changeable()[start:start + self.lengths[k]]
        del self.numbers[k]
        del self.lengths[k]
        self._rehead(k, start)

    def insert(self, number: int, tail: bytes) -> None:
        """Add page ``number``'s item (its tail as ``postings`` encoded it)."""
        k = bisect.bisect_left(self.numbers, number)
        start = self._offset(k)
        item = b"\x83" + uint(number - (self.numbers[k - 1] if k else 0)) + tail
        self._changeable()[start:start] = item
        self.numbers.insert(k, number)
        self.lengths.insert(k, len(item))
        self._rehead(k + 1, start + len(item))

    def renumber(self, new_numbers: list[int], steps: list[int]) -> None:
        """Give every page its new number (``new_numbers[old]``): the order stays, so only
        the items after a change of shift (``steps``: old numbers where it changes) are
        written again."""
        heads_at = sorted({bisect.bisect_left(self.numbers, step) for step in steps})
        self.numbers = array("I", map(new_numbers.__getitem__, self.numbers))
        for k in heads_at:
            self._rehead(k, self._offset(k))

    def _offset(self, k: int) -> int:
        return sum(self.lengths[:k])

    def _changeable(self) -> bytearray:
        if not isinstance(self.body, bytearray):
            self.body = bytearray(self.body)
        return self.body

    def _rehead(self, k: int, start: int) -> None:
        """Write item k's page difference again (after its predecessor changed)."""
        if k >= len(self.numbers):
            return
        old_length = self.lengths[k]
        old_head = 1 + _uint_length(self.body[start + 1])
        new_head = b"\x83" + uint(self.numbers[k] - (self.numbers[k - 1] if k else 0))
        self._changeable()[start:start + old_head] = new_head
        self.lengths[k] = old_length - old_head + len(new_head)


_WORD_HEADS = [b"\x83" + head(3, n) for n in range(256)]  # an entry's array head and its word's string head
_ENTRY_WORD_SIZES = [len(start) + n + 1 for n, start in enumerate(_WORD_HEADS)]  # and the entry's closing []
_numbers_of = operator.attrgetter("numbers")
_body_of = operator.attrgetter("body")


def _entry_sizes(words: list[str], items: list[WordItems]) -> Iterator[int]:
    """The bytes of ``items[k].entry(words[k])`` for each k (ASCII words, as the index's are),
    by C loops: a range has up to ~100,000 words, and every build cuts all of them."""
    counts = list(map(len, map(_numbers_of, items)))
    head_sizes = map(_HEAD_SIZES.__getitem__ if max(counts, default=0) < len(_HEAD_SIZES) else _head_size, counts)
    word_sizes = map(_ENTRY_WORD_SIZES.__getitem__, map(len, words))  # the entry's head and its word's string
    return map(operator.add, map(operator.add, word_sizes, head_sizes), map(len, map(_body_of, items)))


def _head_size(number: int) -> int:
    """Bytes of a CBOR head holding ``number``."""
    return 1 if number < 24 else 2 if number < 1 << 8 else 3 if number < 1 << 16 else 5 if number < 1 << 32 else 9


def _uint_length(first: int) -> int:
    """Bytes of a CBOR unsigned integer from its first byte."""
    info = first & 0x1F
    return 1 if info < 24 else 1 + (1 << (info - 24))


_HEAD_SIZES = [_head_size(n) for n in range(1 << 16)]


def word_items(numbers: list[int], heads: list[bytes], tails: list[bytes]) -> WordItems:
    """A word's items from its pages, their heads (``b"\\x83" + uint(difference)``) and tails."""
    lengths = array("I", map(operator.add, map(len, heads), map(len, tails)))
    body = b"".join(itertools.chain.from_iterable(zip(heads, tails, strict=True)))
    return WordItems(array("I", numbers), lengths, body)


class ShardEntries:
    """One word range's items, saved between builds (a pickle in the index state)."""

    def __init__(self, words: dict[str, WordItems]):
        self.words = words
        self.touched: set[str] = set()  # words whose entry changed since loading

    @classmethod
    def load(cls, path: Path) -> ShardEntries:
        with open(path, "rb") as stored:
            raw = pickle.load(stored)
        return cls({word: WordItems(numbers, lengths, body) for word, (numbers, lengths, body) in raw.items()})

    def save(self, path: Path) -> None:
        raw = {word: (items.numbers, items.lengths, items.body) for word, items in self.words.items()}
        save_pickle(path, raw)

    @property
    def pairs(self) -> int:
        return sum(len(items.numbers) for items in self.words.values())

    def remove_page(self, number: int, words: list[str]) -> None:
        for word in words:
            items = self.words[word]
            items.remove(number)
            if not items.numbers:
                del self.words[word]
            self.touched.add(word)

    def insert_page(self, number: int, words: list[str], tails: list[bytes]) -> None:
        for word, tail in zip(words, tails, strict=True):
            items = self.words.get(word)
            if items is None:
                items = self.words[word] = WordItems(array("I"), array("I"), b"")
            items.insert(number, tail)
            self.touched.add(word)

    def renumber(self, new_numbers: list[int], steps: list[int]) -> None:
        """Every page to its new number (the pages before the first step keep theirs); the
        words holding a page after it are touched."""
        for word, items in self.words.items():
            if items.numbers[-1] >= steps[0]:
                items.renumber(new_numbers, steps)
                self.touched.add(word)

    def cut(self, chunk_bytes: int) -> list[list[str]]:
        """The words of each chunk, in word order: a chunk ends with the word that brings its
        entries' bytes to ``chunk_bytes`` or more."""
        words = sorted(self.words)
        chunks: list[list[str]] = []
        start, size = 0, 0
        for end, entry_size in enumerate(_entry_sizes(words, list(map(self.words.__getitem__, words))), 1):
            size += entry_size
            if size >= chunk_bytes:
                chunks.append(words[start:end])
                start, size = end, 0
        if start < len(words):
            chunks.append(words[start:])
        return chunks

    def entries(self, words: list[str]) -> Iterator[bytes | bytearray]:
        """The entries of ``words`` (ASCII, as the index's are) as ``writer`` writes them into a
        chunk, in pieces to be joined: ``[word, [item …], []]`` each."""
        items = list(map(self.words.__getitem__, words))
        return itertools.chain.from_iterable(zip(
            map(_WORD_HEADS.__getitem__, map(len, words)), " ".join(words).encode().split(b" "),
            map(array_head, map(len, map(_numbers_of, items))), map(_body_of, items),
            itertools.repeat(EMPTY), strict=False))  # the repeat is endless


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
