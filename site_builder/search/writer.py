"""Write a Pagefind 1.5 bundle (word index, fragments, filters, pf_meta) straight from Python.

The words of every page are known before Pagefind would see them (``shadow.page_words``), so
the bundle is written here in Pagefind's own format, the one its browser engine reads.
Each page is encoded once (``postings``); a ``ShardIndex`` merges the pages' entries of one
range of words and cuts them into chunks. ``tests/search/test_writer.py`` checks that, for
the same pages, the index holds exactly what ``pagefind_bin`` writes.

The format (CBOR, each file gzipped after the signature ``pagefind_dcd``):
  pf_index  [[word, [[page, locations] ...], []] ...]: words in byte order; the page
            numbers of a word after the first are differences (``postings`` for locations).
  pf_filter [name, [[value, [page ...]] ...]]
  pf_meta   [version, [[fragment name, word count] ...], [[from, to, chunk] ...],
             [[filter name, file] ...], [], ["title"]]: pages and chunks listed by place,
            in few bytes (``names``)
  fragment  JSON {url, content, word_count, filters, meta, anchors}: content is empty, meta
            holds title, authors, source, date, ``body_at`` (the running text's first word
            position) and ``parts``: ``<first word position>:<name>`` of each text part
  text part ``text/<name>.pf_text``: gzipped GB18030 (``TEXT_ENCODING``; UTF-16LE when its name starts with
            ``WIDE``), whole blocks of the readable text (the parts joined by newlines are the
            text), named by their content's SHA-1; the search page fetches the one holding a
            match to cut the excerpt from
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from site_builder.search import gz
from site_builder.search.cborarrays import Ints
from site_builder.search.entries import ShardEntries
from site_builder.search.inplace import BundleFiles
from site_builder.search.names import CHUNK_FROM, PageNames, chunk_name, listed_count
from site_builder.search.postings import WEIGHT_UNIT, PagePostings, Shard, joined, page_items
from site_builder.search.reproducible import SIGNATURE, encode, head, short_name
from site_builder.search.state import Filters, PageInfo
from site_builder.search.tokens import item_keys, item_words, key_strings, page_bucket

HEADING_WEIGHTS = {level: (8 - level) * WEIGHT_UNIT for level in range(1, 7)}  # h1 7 … h6 2
# raw CBOR bytes per index chunk: a query loads one chunk per word it looks up, and the pf_meta,
# loaded before the first query, lists every chunk (~6.6 bytes gzipped each, ``names``). 10,000
# articles: at 30,000 (and titles' 6,000) 5,317 chunks, a median query's 95 KiB of chunks; at
# 36,000 (7,200) 4,559 chunks listed in 30.2 KiB, a median query's 107 KiB; at 40,000 fewer
# chunks by about a tenth (~2.5 KiB less before the first query, within 150 KiB with the page's
# files) for a tenth more bytes in a median query's chunks (within 150 KiB a query)
CHUNK_BYTES = int(os.environ.get("SITE_SEARCH_CHUNK_BYTES", "40000"))
# gzip level of the index chunks (``gz``): they are most of the index, and all of what an
# edit writes again
CHUNK_LEVEL = gz.CHUNK_LEVEL
# the title namespace's entries are short (a title's words are in few pages), and a query
# looks up as many title words as text words: its chunks are smaller
TITLE_CHUNK_BYTES = CHUNK_BYTES // 5
# the presence words' items are alike (one fixed position: ``postings.MARK_POSITION``) and
# compress about four times better than the text's: their chunks are cut at four times the
# bytes, to about the text chunks' gzipped size (a quarter as many listed in the pf_meta)
PRESENCE_CHUNK_BYTES = 4 * CHUNK_BYTES
# the boundary words between runs (``normalize``) are 7 % of the index in 12 % of its chunks at
# ``CHUNK_BYTES`` (10,000 articles: 11.6 MB in 544 chunks); only a part with punctuation inside
# looks one up, and the pf_meta, loaded before the first query, lists a quarter as many chunks
# (~2.2 KiB less). (The quads, which phrases of common words look up, stay at ``CHUNK_BYTES``:
# at twice it the longest queries' rarer quads cost ~25 KB more each.)
BOUNDARY_CHUNK_BYTES = 4 * CHUNK_BYTES
# the twins (``heavy``) compress as the presence words do, but a query looks one up for every
# part of two common characters: at the presence words' size a rarer twin's chunk was ~42 KB
# (文化 34.5 -> 87.6 KB a query against its bigram); at twice ``CHUNK_BYTES`` about half
TWIN_CHUNK_BYTES = 2 * CHUNK_BYTES
ENTRIES_GROUP = 32  # chunks made at once
META_FIELDS = ["title"]  # what pagefind_bin lists for pages whose only meta is a title
FILTER_DIGITS = 7
META_DIGITS = 13
PART_DIGITS = 12
INDEX_DIR, FRAGMENT_DIR, FILTER_DIR, TEXT_DIR = "index", "fragment", "filter", "text"
# the text parts' encoding: GB18030 has two bytes a Chinese character, as UTF-16 has, but puts
# the common ones in a small range of first bytes (GB2312's first level, by pinyin), which gzip
# codes in fewer bits: parts of ~1 KB compressed alone take 14 % fewer bytes than in UTF-16LE
# (6 % fewer than UTF-8), 1.47 against 1.72 bytes a character on 3,000 parts of the 10,000-article bench.
# Browsers decode it by the Encoding Standard's table, Python by its own; the two agree on the
# characters of ``_GB18030_SAME`` (two-byte codes of GBK's region, and ASCII). A part with any
# other character is written in UTF-16LE and its name starts with ``WIDE``.
TEXT_ENCODING = "gb18030"
WIDE_ENCODING, WIDE = "utf-16-le", "u"
_GB18030_SAME = re.compile(
    "[\x00-\x7f\u00b7\u00d7\u00f7\u2014\u2018\u2019\u201c\u201d\u2026\u2030\u2032\u2033\u203b"
    "\u2116\u2160-\u216b\u2190-\u2193\u2460-\u2469\u2474-\u249b\u25a0\u25a1\u25b2\u25b3\u25c6\u25c7"
    "\u25cb\u25ce\u25cf\u2605\u2606\u3000-\u3003\u3005\u3008-\u3011\u3013-\u3017\u301d\u301e"
    "\u3220-\u3229\u4e00-\u9fa5\uff01-\uff5e\uffe0\uffe1\uffe3\uffe5]*")


@dataclass(frozen=True)
class PageWords:
    """What the index holds of one page, as word keys (``tokens``)."""

    url: str  # its site path, as Pagefind gives it
    tokens: Ints  # the words' keys in page order
    block_sizes: list[tuple[int, int]]  # (weight, tokens) of each block with tokens, in page order
    marks: Ints  # the presence words' and twins' keys: each at one fixed position (a query reads their pages only)
    filters: dict[str, list[str]]
    fields: dict[str, str]  # the fragment's readable meta
    parts: list[tuple[int, str]]  # the readable text's parts: (first word position, text)
    quads: tuple[Ints, Ints] | None = None  # the quads' keys, and the index in ``tokens`` of the one at each one's position

    @property
    def word_count(self) -> int:
        return len(self.tokens) + len(self.marks)

    @property
    def blocks(self) -> list[tuple[int, list[str]]]:
        """(weight, words) of each block, as strings (for the shadow page and the tests)."""
        words = key_strings(self.tokens)
        ends = np.cumsum([0, *(size for _, size in self.block_sizes)]).tolist()
        return [(weight, words[start:end]) for (weight, _), start, end in zip(self.block_sizes, ends, ends[1:],
                                                                               strict=False)]

    @property
    def mark_words(self) -> list[str]:
        return key_strings(self.marks)

    def indexed(self, keys: Ints) -> list[str]:
        """The words of ``keys`` (tokens or marks of this page) as the index holds them
        (``tokens.item_words``: a split word with the page's bucket)."""
        return [word.decode("ascii") for word in item_words(item_keys(keys, page_bucket(self.url))).tolist()]


def encode_page(page: PageWords) -> PagePostings:
    """A page's fragment and its words' entries, all but its number."""
    parts = [part_file(text) for _, text in page.parts]
    listed = ",".join(f"{start}:{name}" for (start, _), (name, _) in zip(page.parts, parts, strict=True))
    meta = {**page.fields, "parts": listed}
    fragment = {"url": page.url, "content": "", "word_count": page.word_count,
                "filters": page.filters, "meta": meta, "anchors": []}
    payload = SIGNATURE + json.dumps(fragment, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return PagePostings(page.url, gz.compress(payload, gz.SMALL_LEVEL), hashlib.sha1(payload).hexdigest(),
                        meta.get("date", ""), page.word_count, page.filters,
                        page_items(page.tokens, page.block_sizes, page.marks, page_bucket(page.url), page.quads),
                        [(name, gz.compress(raw, gz.SMALL_LEVEL)) for name, raw in parts])


def part_file(text: str) -> tuple[str, bytes]:
    """A text part's name and its bytes (not compressed): GB18030 when browsers read it as
    Python writes it, else UTF-16LE under a name that says so."""
    if _GB18030_SAME.fullmatch(text):
        raw = text.encode(TEXT_ENCODING)
        return hashlib.sha1(raw).hexdigest()[:PART_DIGITS], raw
    raw = text.encode(WIDE_ENCODING)
    return WIDE + hashlib.sha1(raw).hexdigest()[:PART_DIGITS], raw


def part_text(name: str, raw: bytes) -> str:
    """The text of a part's bytes (not compressed), by its name (``part_file``)."""
    return raw.decode(WIDE_ENCODING if name.startswith(WIDE) else TEXT_ENCODING)


@dataclass(frozen=True)
class Chunk:
    """An index chunk written under a provisional name (or kept from the last build: in the
    index state's files); ``BundleIndex`` names it."""

    first: str
    last: str
    digest: str  # SHA-1 of its CBOR content, in Pagefind's unpadded hex
    path: Path
    words: int  # how many
    kept: bool = False  # ``path`` is the saved index's file: linked, not moved
    size: int = 0  # the written file's bytes (a kept one's are the saved index's)


class ShardIndex:
    """The entries of one range of words, gathered page by page."""

    def __init__(self) -> None:
        self.pages: list[np.ndarray] = []  # each word's page, rising
        self.shards: list[Shard] = []  # the words of the range

    def add(self, number: int, shard: Shard) -> None:
        self.add_pages(np.array([number]), [len(shard.keys)], shard)

    def add_pages(self, numbers: np.ndarray, counts: list[int], shard: Shard) -> None:
        """Pages ``numbers``, their words (``counts`` of them each) end to end in ``shard``."""
        self.pages.append(np.repeat(numbers, counts))
        self.shards.append(shard)

    def entries(self) -> ShardEntries:
        """Each word's items (emptying this index)."""
        entries = ShardEntries.merge(np.concatenate(self.pages or [np.zeros(0, np.int64)]), joined(self.shards))
        self.pages, self.shards = [], []
        return entries

    def write_chunks(self, folder: Path, prefix: str, chunk_bytes: int = CHUNK_BYTES) -> list[Chunk]:
        return write_chunks(self.entries(), folder, prefix, chunk_bytes)


KeptChunks = dict[str, tuple[str, int, str]]  # first word -> (last word, words, digest) of the last build's chunks


def write_chunks(shard: ShardEntries, folder: Path, prefix: str, chunk_bytes: int = CHUNK_BYTES,
                 kept: KeptChunks | None = None, kept_file: Callable[[str], Path] | None = None) -> list[Chunk]:
    """Chunks of about ``chunk_bytes`` in word order, as ``<prefix>-<n>.tmp`` files. A chunk
    of the last build (``kept``, its file ``kept_file(digest)``) is not written again: not
    made at all when its words are the same and none is touched, not compressed when its
    bytes come out the same."""
    kept = kept or {}
    touched = np.r_[0, np.cumsum(shard.touched)]
    ranges = shard.cut(chunk_bytes)
    chunks: list[Chunk | None] = []
    made = []  # the ranges to make: (chunk number, start, end)
    for n, (start, end) in enumerate(ranges):
        first, last = shard.words[start].decode(), shard.words[end - 1].decode()
        old = kept.get(first)
        if kept_file and old and old[:2] == (last, end - start) and touched[end] == touched[start]:
            chunks.append(Chunk(first, last, old[2], kept_file(old[2]), end - start, kept=True))
        else:
            chunks.append(None)
            made.append((n, start, end))
    for (n, start, end), entries in zip(made, _entries(shard, [(start, end) for _, start, end in made]), strict=True):
        first, last = shard.words[start].decode(), shard.words[end - 1].decode()
        content = b"\x81" + head(4, end - start) + entries
        digest = "".join(f"{byte:x}" for byte in hashlib.sha1(content).digest())
        old = kept.get(first)
        if kept_file and old and old[2] == digest:  # the same bytes as the last build's chunk
            chunks[n] = Chunk(first, last, digest, kept_file(digest), end - start, kept=True)
        else:
            chunks[n] = _write_chunk(folder / f"{prefix}-{n}.tmp", first, last, end - start, content, digest)
    return [chunk for chunk in chunks if chunk is not None]


def _entries(shard: ShardEntries, ranges: list[tuple[int, int]]) -> Iterator[bytes]:
    """Each range's entries, made a group of ranges at a time (a whole range of words' bytes
    at once would take several times its size in index arrays)."""
    for group in range(0, len(ranges), ENTRIES_GROUP):
        yield from shard.entries(ranges[group:group + ENTRIES_GROUP])


def _write_chunk(path: Path, first: str, last: str, words: int, content: bytes, digest: str) -> Chunk:
    data = gz.compress(SIGNATURE + content, CHUNK_LEVEL)
    path.write_bytes(data)
    return Chunk(first, last, digest, path, words, size=len(data))


class BundleIndex:
    """Pages (their numbers given by the order of ``add``) and chunks in, a bundle out."""

    def __init__(self, bundle: Path, language: str, version: str):
        self.bundle, self.language, self.version = bundle, language, version
        self.pages: list[list] = []  # [fragment name, word count]
        self.filters: dict[str, dict[str, list[int]]] = {}
        # kind -> content name -> its file's path, of every content-named file
        self.files: dict[str, dict[str, str]] = {kind: {} for kind in (FRAGMENT_DIR, TEXT_DIR, INDEX_DIR, FILTER_DIR)}
        self._kept: dict[str, dict[str, str]] = {kind: {} for kind in self.files}  # kind -> path -> name, of the saved files kept
        self._names = PageNames()
        self.filter_files: Filters = ({}, [])  # the filters written, as the saved index keeps them
        self._saved_filters: Filters | None = None
        self.folder = BundleFiles(bundle)
        for folder in (INDEX_DIR, FRAGMENT_DIR, FILTER_DIR, TEXT_DIR):
            (bundle / folder).mkdir(parents=True, exist_ok=True)
        # paths as strings: an edit at 10,000 articles links ~84,000 files, and a Path costs more than a link
        self._fragments, self._text = os.path.join(bundle, FRAGMENT_DIR), os.path.join(bundle, TEXT_DIR)

    def add(self, page: PagePostings) -> int:
        """Write the page's fragment and text parts; returns its number."""
        number, fragment = self._register(page.fragment_hash, page.date, page.word_count, page.filters)
        self.folder.write(fragment, page.fragment)
        texts = self.files[TEXT_DIR]
        for part, data in page.parts:
            if part not in texts:  # a part shared by pages is one file
                texts[part] = self._part(part)
                self.folder.write(texts[part], data)
        return number

    def add_kept(self, pages: Iterable[PageInfo]) -> None:
        """Number the pages next, keeping their fragments and text parts from the saved index
        (``BundleFiles.patch``). Many at once: an edit at 10,000 articles keeps ~10,000 pages
        and ~47,000 parts."""
        texts, kept_texts, kept_fragments = self.files[TEXT_DIR], self._kept[TEXT_DIR], self._kept[FRAGMENT_DIR]
        folder = self._text
        for page in pages:
            _, fragment = self._register(page.fragment_hash, page.date, page.word_count, page.filters)
            kept_fragments[fragment] = page.fragment_hash
            for part in page.parts:
                if part not in texts:  # a part shared by pages is one file
                    texts[part] = path = f"{folder}/{part}.pf_text"
                    kept_texts[path] = part

    def _register(self, fragment_hash: str, date: str, word_count: int,
                  filters: dict[str, list[str]]) -> tuple[int, str]:
        number = len(self.pages)
        name = self._names.name(date)
        self.pages.append([name, listed_count(word_count)])
        listed = self.filters
        for key, values in filters.items():
            of_key = listed.get(key)
            if of_key is None:
                of_key = listed[key] = {}
            for value in values:
                numbers = of_key.get(value)
                if numbers is None:
                    of_key[value] = [number]
                else:
                    numbers.append(number)
        path = f"{self._fragments}/{name}.pf_fragment"
        self.files[FRAGMENT_DIR][fragment_hash] = path
        return number, path

    def reuse_filters(self, saved: Filters | None) -> None:
        """Keep the saved index's filter files (``saved``) when the pages' filters are the
        same (most edits: no page added, removed or given another author, topic or source)."""
        self._saved_filters = saved

    def _part(self, name: str) -> str:
        return f"{self._text}/{name}.pf_text"

    def write(self, chunks: list[Chunk]) -> str:
        """Name the chunks (given in word order), write filters and pf_meta; returns the
        pf_meta's hash name."""
        listed = self._name_chunks(chunks)
        filters = self._write_filters()
        meta = encode([self.version, self.pages, listed, filters, [], META_FIELDS])
        name = short_name(self.language, meta, META_DIGITS, set())
        self.folder.write(os.path.join(self.bundle, f"pagefind.{name}.pf_meta"),
                          gz.compress(SIGNATURE + meta, gz.SMALL_LEVEL))
        self.folder.finish(self._kept)
        return name

    def _name_chunks(self, chunks: list[Chunk]) -> list[list[str]]:
        """Each chunk's listing, ``[from, to, name]`` with ``to`` its name and ``from`` the name
        before it (``names``)."""
        listed: list[list[str]] = []
        low = CHUNK_FROM
        for chunk, following in zip(chunks, [*chunks[1:], None], strict=True):
            if following and following.first <= chunk.last:  # the engine takes the first chunk that may hold a word
                raise ValueError(f"index chunks out of word order: {chunk.last!r} then {following.first!r}")
            name = chunk_name(chunk.last, following.first if following else None)
            path = os.path.join(self.bundle, INDEX_DIR, f"{name}.pf_index")
            if chunk.kept:
                self._kept[INDEX_DIR][path] = chunk.digest
            else:
                self.folder.move(chunk.path, path, chunk.size)
            self.files[INDEX_DIR][chunk.digest] = path
            listed.append([low, name, name])
            # the next chunk's range starts at this one's name (no word of the index, but when it
            # is this chunk's last word: then the least string above it)
            low = name + CHUNK_FROM if name == chunk.last else name
        return listed

    def _write_filters(self) -> list[list[str]]:
        if self._saved_filters is not None and self._saved_filters[0] == self.filters:
            out = self._saved_filters[1]
            for _, name in out:
                path = os.path.join(self.bundle, FILTER_DIR, f"{name}.pf_filter")
                self.files[FILTER_DIR][name] = path
                self._kept[FILTER_DIR][path] = name
        else:
            out = self._written_filters()
        self.filter_files = (self.filters, out)
        return out

    def _written_filters(self) -> list[list[str]]:
        out: list[list[str]] = []
        taken: set[str] = set()
        for key in sorted(self.filters):
            values = self.filters[key]
            content = encode([key, [[value, values[value]] for value in sorted(values)]])
            name = short_name(self.language, content, FILTER_DIGITS, taken)
            taken.add(name)
            path = os.path.join(self.bundle, FILTER_DIR, f"{name}.pf_filter")
            self.folder.write(path, gz.compress(SIGNATURE + content, gz.SMALL_LEVEL))
            self.files[FILTER_DIR][name] = path
            out.append([key, name])
        return out
