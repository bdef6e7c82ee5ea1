"""Index a site's pages on every core, each page's work cached by its bytes.

1. Pages, in path order and in batches, are read and encoded (``writer.encode_page``) by a
   pool of processes; a page whose bytes (and URL) were indexed before by this code comes
   from the page cache instead. Each batch's entries are left in a scratch folder, one file
   per range of words (``postings.SHARD_BOUNDS``).
2. The parent numbers the pages in path order and writes their fragments and filters.
3. Each range of words is merged and cut into chunks by a process of its own
   (``writer.ShardIndex``), reading the batches' files of its range in page order.

The bundle does not depend on the number of processes or the batch size: pages are
numbered in path order and chunks are cut inside fixed word ranges.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from site_builder.search.extract import extract
from site_builder.search.pagecache import PageCache
from site_builder.search.postings import SHARDS, TITLE_SHARD, PagePostings
from site_builder.search.shadow import page_words
from site_builder.search.writer import CHUNK_BYTES, TITLE_CHUNK_BYTES, BundleIndex, Chunk, ShardIndex, encode_page

BATCH_PAGES = 100
PARALLEL_FROM = 200  # fewer pages are indexed in this process (a pool costs more than it saves)


@dataclass(frozen=True)
class Indexed:
    """What ``index_pages`` wrote, for the stats."""

    meta: str  # the pf_meta's hash name
    pages: int
    words: int
    pairs: int
    cached: int  # pages that came from the page cache


@dataclass(frozen=True)
class _Batch:
    pages: list[PagePostings]  # without their shards (left in the scratch folder)
    keys: list[str]  # their page cache keys
    cached: int


def index_pages(site: Path, pages: list[tuple[Path, str]], bundle: BundleIndex, cache: PageCache) -> Indexed:
    """Index ``pages`` ((path relative to ``site``, URL), in path order) into ``bundle``."""
    processes = 1 if len(pages) < PARALLEL_FROM else max(1, min(os.cpu_count() or 1, 4))
    batches = [pages[i:i + BATCH_PAGES] for i in range(0, len(pages), BATCH_PAGES)]
    with tempfile.TemporaryDirectory(prefix="search-", dir=bundle.bundle.parent) as tmp:
        scratch = Path(tmp)
        jobs = [(site, batch, scratch / f"b{number}", cache) for number, batch in enumerate(batches)]
        cached, keys = 0, set()
        starts: list[int] = []  # each batch's first page number
        with _mapper(processes) as mapped:
            for done in mapped(_encode_batch, jobs):
                starts.append(len(bundle.pages))
                cached += done.cached
                keys.update(done.keys)
                for page in done.pages:
                    bundle.add(page)
            shard_jobs = [(shard, [(scratch / f"b{n}", start) for n, start in enumerate(starts)], scratch)
                          for shard in range(SHARDS)]
            merged = list(mapped(_merge_shard, shard_jobs))
        chunks = [chunk for shard_chunks, _, _ in merged for chunk in shard_chunks]
        meta = bundle.write(chunks)
    cache.keep_only(keys)
    return Indexed(meta, len(bundle.pages), sum(words for _, words, _ in merged),
                   sum(pairs for _, _, pairs in merged), cached)


def _key(url: str, raw: bytes) -> str:
    return hashlib.sha1(url.encode() + b"\0" + raw).hexdigest()


def _encode_batch(job: tuple[Path, list[tuple[Path, str]], Path, PageCache]) -> _Batch:
    site, batch, stem, cache = job
    pages, keys, cached = [], [], 0
    for relative, url in batch:
        raw = (site / relative).read_bytes()
        key = _key(url, raw)
        page = cache.load(key)
        if page is None:
            record = extract(raw.decode("utf-8"))
            if record is None or not record.blocks:
                continue
            page = encode_page(page_words(url, record))
            cache.store(key, page)
        else:
            cached += 1
        pages.append(page)
        keys.append(key)
    for shard in range(SHARDS):
        with open(f"{stem}-{shard}", "wb") as out:
            pickle.dump([page.shards[shard] for page in pages], out, protocol=pickle.HIGHEST_PROTOCOL)
    return _Batch([replace(page, shards=[]) for page in pages], keys, cached)


def _merge_shard(job: tuple[int, list[tuple[Path, int]], Path]) -> tuple[list[Chunk], int, int]:
    """(chunks, words, pairs) of one word range."""
    shard, batches, scratch = job
    index = ShardIndex()
    for stem, start in batches:
        with open(f"{stem}-{shard}", "rb") as stored:
            for number, (words, tails) in enumerate(pickle.load(stored), start):
                index.add(number, words, tails)
    words, pairs = len(index.numbers), index.pairs
    chunk_bytes = TITLE_CHUNK_BYTES if shard == TITLE_SHARD else CHUNK_BYTES
    return index.write_chunks(scratch, f"s{shard}", chunk_bytes), words, pairs


@contextlib.contextmanager
def _mapper(processes: int) -> Iterator[Callable]:
    """``map`` over a pool of ``processes`` (fork: the workers need nothing re-imported),
    in order; the builtin ``map`` for one. No cycle collection in either (``_no_cycle_collection``)."""
    if processes == 1:
        with _no_cycle_collection():
            yield map
        return
    with multiprocessing.get_context("fork").Pool(processes, initializer=gc.disable) as pool:
        yield pool.imap


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Millions of small lists and no cycle among them: the cycle collector, which runs
    as objects are made, would walk all of them again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
