"""Index a site's pages on every core, each page's work cached by its bytes.

From scratch (``index_all``):
1. Pages, in path order and in batches, are read and encoded (``writer.encode_page``) by a
   pool of processes; a page whose bytes (and URL) were indexed before by this code comes
   from the page cache instead. Each batch's entries are left in a scratch folder, one file
   per range of words (``postings.SHARD_BOUNDS``).
2. The parent numbers the pages in path order and writes their fragments and filters.
3. Each range of words is merged and cut into chunks by a process of its own
   (``writer.ShardIndex``), reading the batches' files of its range in page order.

With the index the last build saved (``state``), only the pages whose bytes changed, and the
pages added and removed, are worked on (``update.index_pages`` chooses). Either way the bundle is the same bytes,
and it does not depend on the number of processes or the batch size: pages are numbered in
path order and chunks are cut inside fixed word ranges by the same rule.
"""
from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
import multiprocessing
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

import numpy as np

from site_builder import collector
from site_builder.search.entries import ShardEntries, dump_unshared, load_pickle, save_pickle
from site_builder.search.extract import extract
from site_builder.search.pagecache import PageCache, Place
from site_builder.search.postings import (BOUNDARY_SHARD, EMPTY_ITEMS, PRESENCE_SHARDS, SHARDS, TITLE_SHARD, TWIN_SHARD,
                                          PagePostings, joined)
from site_builder.search.shadow import page_words
from site_builder.search.state import IndexStore, PageInfo, SavedIndex, Stamp, stamp
from site_builder.search.trash import Trash
from site_builder.search.writer import (BOUNDARY_CHUNK_BYTES, CHUNK_BYTES, FRAGMENT_DIR, PRESENCE_CHUNK_BYTES, TEXT_DIR,
                                        TITLE_CHUNK_BYTES, TWIN_CHUNK_BYTES, BundleIndex, Chunk, KeptChunks, ShardIndex,
                                        encode_page, write_chunks)

BATCH_PAGES = 100
PARALLEL_FROM = 200  # fewer pages are indexed in this process (a pool costs more than it saves)


@dataclass(frozen=True)
class Indexed:
    """What ``index_pages`` wrote, for the stats."""

    meta: str  # the pf_meta's hash name
    pages: int
    words: int
    pairs: int
    cached: int  # pages whose entries were not encoded again


@dataclass(frozen=True)
class _Batch:
    pages: list[PagePostings]  # without their items (left in the scratch folder)
    keys: list[str]  # their page cache keys
    skipped: list[str]  # the keys of the batch's pages with nothing to index
    stamps: dict[str, Stamp]  # path -> stamp of every page of the batch
    cached: int
    stored: dict[str, Place]  # where the page cache keeps the pages encoded (``PageCache.adopt``)


def index_all(site: Path, pages: list[tuple[str, str]], bundle: BundleIndex, cache: PageCache,
               store: IndexStore | None, expected: tuple) -> Indexed:
    trash = Trash()  # the earlier bundle's and saved index's files, removed meanwhile
    try:
        if store is not None:
            store.begin(trash)
        bundle.folder.clear(trash)
        return _index_all(site, pages, bundle, cache, store, expected, trash)
    finally:
        trash.wait()


def _index_all(site: Path, pages: list[tuple[str, str]], bundle: BundleIndex, cache: PageCache,
               store: IndexStore | None, expected: tuple, trash: Trash) -> Indexed:
    batches = [pages[i:i + BATCH_PAGES] for i in range(0, len(pages), BATCH_PAGES)]
    scratch = Path(tempfile.mkdtemp(prefix="search-", dir=bundle.bundle.parent))
    try:
        jobs = [(site, batch, scratch / f"b{number}", cache) for number, batch in enumerate(batches)]
        cached, infos, skipped, stamps = 0, [], set(), {}
        starts: list[int] = []  # each batch's first page number
        with mapper(len(pages)) as mapped:
            for done in mapped(_encode_batch, jobs):
                starts.append(len(bundle.pages))
                cached += done.cached
                cache.adopt(done.stored)
                skipped.update(done.skipped)
                stamps.update(done.stamps)
                for page, key in zip(done.pages, done.keys, strict=True):
                    bundle.add(page)
                    infos.append(page_info(key, page))
            shard_jobs = [(shard, [(scratch / f"b{n}", start) for n, start in enumerate(starts)], scratch,
                           store.shard_path(shard) if store is not None else None) for shard in range(SHARDS)]
            merged = _merged(mapped, shard_jobs, bundle, store)
        meta = bundle.write([chunk for shard_chunks, _, _ in merged for chunk in shard_chunks])
    finally:
        # (~550 MB at 10,000 articles: removed while the page cache and the saved index are
        # written, not before)
        trash.remove(scratch)
    keys = {info.key for info in infos}
    cache.keep_only(keys)
    if store is not None:
        store.save(SavedIndex(expected, infos, frozenset(skipped), stamps, filters=bundle.filter_files), bundle.files,
                   bundle.folder.sizes)
    return Indexed(meta, len(bundle.pages), sum(words for _, words, _ in merged),
                   sum(pairs for _, _, pairs in merged), cached)


def _merged(mapped: Callable, jobs: list[tuple], bundle: BundleIndex, store: IndexStore | None) -> list[tuple]:
    """Each word range's ``_merge_shard``, in range order. The ranges are given to the pool
    largest first (their scratch files' bytes), so that no large one is left to run alone at
    the end; meanwhile this process links the pages' files into the saved index (``state``),
    which waited on nothing but the pages (~57,000 links at 10,000 articles, the last step
    of the indexing when done with the rest of the saved index)."""
    sizes = [sum(os.path.getsize(f"{stem}-{job[0]}") for stem, _ in job[1]) for job in jobs]
    order = sorted(range(len(jobs)), key=lambda k: -sizes[k])
    results = mapped(_merge_shard, [jobs[k] for k in order])  # (a pool's imap: given to the workers at once)
    if store is not None:
        store.place_files(bundle.files, (FRAGMENT_DIR, TEXT_DIR))
    done = dict(zip(order, results, strict=True))
    return [done[k] for k in range(len(jobs))]


def page_info(key: str, page: PagePostings) -> PageInfo:
    return PageInfo(key, page.url, page.fragment_hash, page.date, page.word_count, shared_filters(page.filters),
                    tuple(name for name, _ in page.parts))


def shared_filters(filters: dict[str, list[str]]) -> dict[str, list[str]]:
    """``filters`` with its names and values as interned strings: the saved index pickles a
    string it meets again as a reference, and the pages' ~100,000 filter strings (authors,
    topics, sources, years) are few distinct ones (its pages 3.6 -> 2.9 MB at 10,000
    articles)."""
    return {sys.intern(name): [sys.intern(value) for value in values] for name, values in filters.items()}


def page_key(url: str, raw: bytes) -> str:
    return hashlib.sha1(url.encode() + b"\0" + raw).hexdigest()


def encoded_page(raw: bytes, url: str, key: str, cache: PageCache,
                 fresh: list[tuple[str, PagePostings]] | None = None) -> tuple[PagePostings | None, bool]:
    """(the page's entries, whether they came from the cache); None for a page with nothing
    to index. A page encoded here is stored in the cache, or added to ``fresh`` (key, entries)
    for the caller to store with others."""
    page = cache.load(key)
    if page is not None:
        return page, True
    record = extract(raw.decode("utf-8"))
    if record is None or not record.blocks:
        return None, False
    page = encode_page(page_words(url, record))
    if fresh is None:
        cache.store(key, page)
    else:
        fresh.append((key, page))
    return page, False


def _encode_batch(job: tuple[Path, list[tuple[str, str]], Path, PageCache]) -> _Batch:
    site, batch, stem, cache = job
    pages, keys, skipped, cached, stamps = [], [], [], 0, {}
    fresh: list[tuple[str, PagePostings]] = []
    for relative, url in batch:
        raw = (site / relative).read_bytes()
        key = page_key(url, raw)
        stamps[relative] = stamp(site / relative, key)
        page, from_cache = encoded_page(raw, url, key, cache, fresh)
        if page is None:
            skipped.append(key)
            continue
        cached += from_cache
        pages.append(page)
        keys.append(key)
    cache.store_all(fresh)  # one file for the batch's pages
    for shard in range(SHARDS):
        ranges = [page.items.shard(shard) for page in pages]
        with open(f"{stem}-{shard}", "wb") as out:
            dump_unshared(([len(words) for words, _, _ in ranges], joined(ranges)), out)
    return _Batch([replace(page, items=EMPTY_ITEMS) for page in pages], keys, skipped, stamps, cached, cache.stored)


def chunk_bytes_of(shard: int) -> int:
    if shard == TITLE_SHARD:
        return TITLE_CHUNK_BYTES
    if shard == BOUNDARY_SHARD:
        return BOUNDARY_CHUNK_BYTES
    if shard == TWIN_SHARD:
        return TWIN_CHUNK_BYTES
    return PRESENCE_CHUNK_BYTES if shard in PRESENCE_SHARDS else CHUNK_BYTES


def _merge_shard(job: tuple[int, list[tuple[Path, int]], Path, Path | None]) -> tuple[list[Chunk], int, int]:
    """(chunks, words, pairs) of one word range; its items saved to ``state`` (when given)."""
    shard, batches, scratch, state = job
    index = ShardIndex()
    for stem, start in batches:
        with open(f"{stem}-{shard}", "rb") as stored:
            counts, pages_shard = pickle.load(stored)
            index.add_pages(np.arange(start, start + len(counts)), counts, pages_shard)
    entries = index.entries()
    words, pairs = len(entries.words), entries.pairs
    chunks = write_chunks(entries, scratch, f"s{shard}", chunk_bytes_of(shard))
    if state is not None:
        save_shard(state, entries, chunks)
    return chunks, words, pairs


def save_shard(state: Path, entries: ShardEntries, chunks: list[Chunk]) -> None:
    """The range's items, and apart (``summary_path``) what the next build needs to keep its
    chunks: each chunk's first word -> (last word, words, digest); the words and pairs."""
    entries.save(state)
    kept = {chunk.first: (chunk.last, chunk.words, chunk.digest) for chunk in chunks}
    save_pickle(summary_path(state), (kept, len(entries.words), entries.pairs))


def load_summary(state: Path) -> tuple[KeptChunks, int, int]:
    """What ``save_shard`` saved of the range's chunks, words and pairs."""
    return cast(tuple[KeptChunks, int, int], load_pickle(summary_path(state)))


def summary_path(state: Path) -> Path:
    return state.with_name(state.stem + "-chunks.pkl")


@contextlib.contextmanager
def mapper(pages: int) -> Iterator[Callable]:
    """``map`` over a pool of processes (fork: the workers need nothing re-imported), in
    order, when there are enough pages to pay for one; else the builtin ``map``. No cycle
    collection in either (``collector.paused``); the workers keep the memory they free
    (``keep_freed_memory``)."""
    processes = 1 if pages < PARALLEL_FROM else max(1, min(os.cpu_count() or 1, 4))
    if processes == 1:
        with collector.paused(), freed_memory_kept():
            yield map
        return
    with multiprocessing.get_context("fork").Pool(processes, initializer=_start_worker) as pool:
        yield pool.imap


def _start_worker() -> None:
    gc.disable()
    keep_freed_memory()


# glibc's mallopt parameters
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_THRESHOLD_MAX = 32 << 20  # glibc's largest on 64 bits
_DEFAULT_THRESHOLD = 128 << 10  # glibc's default of both


@contextlib.contextmanager
def freed_memory_kept() -> Iterator[None]:
    """``keep_freed_memory`` inside, in this process: an edit patched here allocates and frees
    ~50 MB of arrays for each of its ~20 word ranges, each faulted in afresh (~0.25 s CPU of
    a shifting edit at 10,000 articles). After: glibc's default thresholds again (fixed, no
    longer adjusted as it frees) and what it kept given back (``malloc_trim``)."""
    try:
        libc = ctypes.CDLL(None)
        mallopt, trim = libc.mallopt, libc.malloc_trim
    except (OSError, AttributeError):
        yield
        return
    keep_freed_memory()
    try:
        yield
    finally:
        mallopt(_M_MMAP_THRESHOLD, _DEFAULT_THRESHOLD)
        mallopt(_M_TRIM_THRESHOLD, _DEFAULT_THRESHOLD)
        trim(0)


def keep_freed_memory() -> None:
    """Let this process's allocator keep the memory it frees for the next allocation, instead
    of giving it back to the system: a worker allocates and frees arrays of a few MB per page
    batch and word range, and each one handed back was faulted in (and zeroed) again when
    next allocated: ~350,000 page faults, a third of the indexing's system time, at 1,000
    articles. Only the pool's workers, which end with the indexing (a process keeps its
    peak). Nothing where the C library has no ``mallopt`` (not glibc)."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD_MAX)  # (setting either fixes both: no dynamic threshold)
    mallopt(_M_TRIM_THRESHOLD, 1 << 30)
