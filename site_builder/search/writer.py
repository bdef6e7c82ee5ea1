"""Write a Pagefind 1.5 bundle (word index, fragments, filters, pf_meta) straight from Python.

The words of every page are known before Pagefind would see them (``shadow.page_words``), so
the bundle is written here in Pagefind's own format, the one its browser engine reads, and
no Pagefind indexing process holds the whole archive in memory: each page's postings are
encoded as it is read, and only the encoded bytes are kept (about the index's size).
``tests/search/test_writer.py`` checks that, for the same pages, the index holds exactly
what ``pagefind_bin`` writes.

The format (CBOR, each file gzipped after the signature ``pagefind_dcd``):
  pf_index  [[word, [[page, locations, []] ...], []] ...]: words in byte order; the page
            numbers of a word after the first are differences; in ``locations`` a negative number -(w + 1) sets the weight w (in 24ths) of the
            positions after it; per weight, in rising order, the first position is absolute
            and the next ones are differences.
  pf_filter [name, [[value, [page ...]] ...]]
  pf_meta   [version, [[fragment name, word count] ...], [[first word, last word, chunk] ...],
             [[filter name, file] ...], [], ["title"]]
  fragment  JSON {url, content, word_count, filters, meta, anchors}
"""
from __future__ import annotations

import gzip
import hashlib
import json
import operator
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from site_builder.search.reproducible import SIGNATURE, encode, head, short_name

WEIGHT_UNIT = 24  # Pagefind keeps a weight w as w * 24
TEXT_WEIGHT = WEIGHT_UNIT
HEADING_WEIGHTS = {level: (8 - level) * WEIGHT_UNIT for level in range(1, 7)}  # h1 7 … h6 2
# raw CBOR bytes per index chunk: a query loads one chunk per word it looks up
CHUNK_BYTES = int(os.environ.get("SITE_SEARCH_CHUNK_BYTES", "40000"))
META_FIELDS = ["title"]  # what pagefind_bin lists for pages whose only meta is a title
CHUNK_DIGITS = FILTER_DIGITS = 7
META_DIGITS = 13
_EMPTY = b"\x80"  # an empty CBOR array: the meta locations of a page, the variants of a word


@dataclass(frozen=True)
class PageWords:
    """What the index holds of one page."""

    url: str  # its site path, as Pagefind gives it
    blocks: list[tuple[int, list[str]]]  # (weight, words) in page order
    filters: dict[str, list[str]]
    fields: dict[str, str]  # the fragment's readable meta, and "text"

    @property
    def word_count(self) -> int:
        return sum(len(words) for _, words in self.blocks)


class BundleWriter:
    """Pages in, a bundle folder out (``write``); fragments are written as pages come."""

    def __init__(self, bundle: Path, language: str, version: str):
        self.bundle, self.language, self.version = bundle, language, version
        self.index: dict[str, list] = {}  # word -> [its page entries encoded, pages, last page]
        self.pages: list[list] = []  # [fragment name, word count]
        self.filters: dict[str, dict[str, list[int]]] = {}
        (bundle / "fragment").mkdir(parents=True, exist_ok=True)

    def add(self, page: PageWords) -> None:
        number = len(self.pages)
        name = self._write_fragment(number, page)
        self.pages.append([name, page.word_count])
        for key, values in page.filters.items():
            for value in values:
                self.filters.setdefault(key, {}).setdefault(value, []).append(number)
        self._add_postings(number, page.blocks)

    def _add_postings(self, number: int, blocks: list[tuple[int, list[str]]]) -> None:
        by_weight: dict[int, defaultdict[str, list[int]]] = {}
        position = 0
        for weight, words in blocks:
            table = by_weight.get(weight)
            if table is None:
                table = by_weight[weight] = defaultdict(list)
            for place, word in enumerate(words, position):
                table[word].append(place)
            position += len(words)
        uint = _UINTS.__getitem__ if position < len(_UINTS) else _uint
        weights = sorted(by_weight)
        # the runs of the heavier weights (headings: few words) wait for the lightest one's
        heavier: dict[str, list] = {}  # word -> [location runs, how many numbers they hold]
        for weight in weights[1:]:
            for word, places in by_weight[weight].items():
                run = _run(head(1, weight), places, uint)
                slot = heavier.get(word)
                if slot is None:
                    heavier[word] = [run, len(places) + 1]
                else:
                    slot[0] += run
                    slot[1] += len(places) + 1
        index = self.index
        first = b"\x83" + head(0, number)

        arrays = _ARRAYS.__getitem__ if position < len(_ARRAYS) else _array
        join = b"".join

        def emit(word: str, run: bytes, length: int) -> None:
            slot = index.get(word)
            if slot is None:
                index[word] = [bytearray(join((first, arrays(length), run, _EMPTY))), 1, number]
            else:  # page numbers after a word's first are differences too
                slot[0] += join((b"\x83", uint(number - slot[2]), arrays(length), run, _EMPTY))
                slot[1] += 1
                slot[2] = number

        mark = head(1, weights[0])  # CBOR -(weight + 1): the positions after it weigh ``weight``
        for word, places in by_weight[weights[0]].items():
            run, length = _run(mark, places, uint), len(places) + 1
            more = heavier.pop(word, None) if heavier else None
            if more is not None:
                run, length = run + more[0], length + more[1]
            emit(word, run, length)
        for word, (run, length) in heavier.items():
            emit(word, run, length)

    def _write_fragment(self, number: int, page: PageWords) -> str:
        meta = dict(page.fields)
        content = meta.pop("text")
        fragment = {"url": page.url, "content": content, "word_count": page.word_count,
                    "filters": page.filters, "meta": meta, "anchors": []}
        payload = SIGNATURE + json.dumps(fragment, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        name = fragment_name(number, payload, meta.get("date", ""))
        (self.bundle / "fragment" / f"{name}.pf_fragment").write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
        return name

    def write(self) -> str:
        """Write the index chunks, filters and pf_meta; returns the pf_meta's hash name."""
        chunks = self._write_chunks()
        filters = self._write_filters()
        meta = encode([self.version, self.pages, chunks, filters, [], META_FIELDS])
        name = short_name(self.language, meta, META_DIGITS, set())
        (self.bundle / f"pagefind.{name}.pf_meta").write_bytes(gzip.compress(SIGNATURE + meta, compresslevel=9, mtime=0))
        return name

    def _write_chunks(self) -> list[list[str]]:
        folder = self.bundle / "index"
        folder.mkdir(exist_ok=True)
        chunks: list[list[str]] = []
        taken: set[str] = set()
        words: list[str] = []
        parts: list[bytes] = []
        size = 0
        for word in sorted(self.index):
            entries, count, _ = self.index.pop(word)
            parts.append(b"\x83" + encode(word) + head(4, count) + entries + _EMPTY)
            words.append(word)
            size += len(parts[-1])
            if size >= CHUNK_BYTES:
                chunks.append(self._write_chunk(folder, words, parts, taken))
                words, parts, size = [], [], 0
        if words:
            chunks.append(self._write_chunk(folder, words, parts, taken))
        return chunks

    def _write_chunk(self, folder: Path, words: list[str], parts: list[bytes], taken: set[str]) -> list[str]:
        content = b"\x81" + head(4, len(words)) + b"".join(parts)
        name = short_name(self.language, content, CHUNK_DIGITS, taken)
        taken.add(name)
        (folder / f"{name}.pf_index").write_bytes(gzip.compress(SIGNATURE + content, compresslevel=6, mtime=0))
        return [words[0], words[-1], name]

    def _write_filters(self) -> list[list[str]]:
        folder = self.bundle / "filter"
        folder.mkdir(exist_ok=True)
        out: list[list[str]] = []
        taken: set[str] = set()
        for key in sorted(self.filters):
            values = self.filters[key]
            content = encode([key, [[value, values[value]] for value in sorted(values)]])
            name = short_name(self.language, content, FILTER_DIGITS, taken)
            taken.add(name)
            (folder / f"{name}.pf_filter").write_bytes(gzip.compress(SIGNATURE + content, compresslevel=9, mtime=0))
            out.append([key, name])
        return out


FRAGMENT_HASH_DIGITS = 6  # the page number makes the name unique; the hash changes with the content
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def fragment_name(number: int, payload: bytes, date: str) -> str:
    """``[d<yyyymmdd>.]<page number, hex>.<SHA-1 of the content, cut short>``: short (the
    pf_meta the browser loads first lists every page by it), new whenever the content is
    (content-hashed files are cached for good), and the result id the search page sorts by
    date without loading anything."""
    name = f"{number:x}.{hashlib.sha1(payload).hexdigest()[:FRAGMENT_HASH_DIGITS]}"
    day = _ISO_DATE.fullmatch(date)
    return f"d{''.join(day.groups())}.{name}" if day else name


def _run(mark: bytes, places: list[int], uint) -> bytes:
    """One weight's positions: its mark, the first position, then the differences."""
    if len(places) == 1:
        return mark + uint(places[0])
    return mark + uint(places[0]) + b"".join(map(uint, map(operator.sub, places[1:], places)))


def _uint(number: int) -> bytes:
    return head(0, number)


def _array(length: int) -> bytes:
    return head(4, length)


_UINTS = [head(0, n) for n in range(1 << 16)]  # positions and their differences, encoded once
_ARRAYS = [head(4, n) for n in range(1 << 16)]  # array heads
