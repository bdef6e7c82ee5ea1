"""Bring the index the last build saved (``state``) up to date with the site's pages.

Every page whose size or modification time is not the saved one is read and keyed by its
bytes (``indexer.page_key``); only the pages whose key is new are encoded, and only the words of the pages added, removed or changed are patched
(``entries``). Pages keep path order, so the pages between changes keep their order and
only the items after a change of numbering are written again. A chunk whose words are all
untouched is linked from the saved files, as are the fragments and text parts of unchanged
pages; filters and the pf_meta are written again (they are small). The bundle is the one a
build from scratch writes: the same numbering, cuts and names.

When the saved index cannot be used (a page it removes is not in the page cache), or when
so many pages changed that patching would cost about what a build from scratch costs,
``update_pages`` returns None and ``index_pages`` indexes from scratch.
"""
from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from site_builder.search import indexer
from site_builder.search.entries import ShardEntries
from site_builder.search.indexer import (Indexed, chunk_bytes_of, encoded_page, load_summary, mapper, page_info, page_key,
                                         save_shard)
from site_builder.search.pagecache import PageCache
from site_builder.search.postings import SHARDS, PagePostings, Shard
from site_builder.search.state import IndexStore, PageInfo, SavedIndex, Stamp, fingerprint
from site_builder.search.writer import (BOUNDARY_CHUNK_BYTES, CHUNK_BYTES, CHUNK_LEVEL, INDEX_DIR, PRESENCE_CHUNK_BYTES,
                                        TITLE_CHUNK_BYTES, TWIN_CHUNK_BYTES, BundleIndex, Chunk, KeptChunks, write_chunks)

# beyond this share of the pages changed, indexing from scratch costs about what patching does
MAX_CHANGED_SHARE = 0.2
# fewer pages patched (those whose items change in some range: a page whose bytes changed but
# not its words' items is not) are patched in this process. A pool splits the ranges'
# patching over the cores but costs its fork of the (large) build process and the results'
# pickling: at 10,000 articles, one page edited (the patching ~1.5 s CPU) cost 0.15-0.4 s CPU
# more in a pool and saved ~1 s wall on two cores; eight pages edited (~5.7 s) cost ~0.8 s
# more and saved ~2 s. A one-article edit, the common build, keeps its CPU; a larger one its
# wall time.
PATCH_PARALLEL_FROM = 4

# (``saving_later``) the saving of patched indexes, left for ``save_pending``: a build's second
# process answers with the bundle first, and saves the index while the build publishes
_pending: list[Callable[[], None]] = []
_later = False


@dataclass
class _Changes:
    """The site's pages against the saved index's."""

    pages: list[PageInfo]  # the site's, in path order: their new numbers
    fresh: dict[int, PagePostings]  # new number -> entries, of the pages not in the saved index
    removed: dict[int, PagePostings]  # old number -> entries, of the saved pages not in the site
    skipped: set[str]  # keys of the site's pages with nothing to index
    stamps: dict[str, Stamp]  # path -> stamp of each of the site's pages
    new_numbers: list[int]  # old number -> new number (-1: removed)

    def steps(self) -> list[int]:
        """The old numbers of the kept pages where the shift of numbers changes (from 0)."""
        out, shift = [], 0
        for old, new in enumerate(self.new_numbers):
            if new >= 0 and new - old != shift:
                out.append(old)
                shift = new - old
        return out


def index_pages(site: Path, pages: list[tuple[str, str]], bundle: BundleIndex, cache: PageCache,
                known: Mapping[str, tuple[int, ...]] | None = None) -> Indexed:
    """Index ``pages`` ((path relative to ``site``, URL), in path order) into ``bundle``: by
    patching the index the last build saved where it can, from scratch otherwise. ``known``:
    the size and modification time (ns) of pages the caller vouches for, by path (not stat'ed)."""
    expected = _expected(bundle.language, bundle.version)
    store, saved = _ahead.pop((cache.folder, expected), (None, None)) if cache.folder is not None else (None, None)
    if store is None and cache.folder is not None:
        store = IndexStore(cache.folder / "index")
        saved = store.load(expected)
    if store is not None and saved is not None:
        done = update_pages(site, pages, bundle, cache, store, saved, known or {})
        if done is not None:
            return done
    return indexer.index_all(site, pages, bundle, cache, store, expected)


def _expected(language: str, version: str) -> tuple:
    return fingerprint(language, version, CHUNK_BYTES, TITLE_CHUNK_BYTES, PRESENCE_CHUNK_BYTES,
                       BOUNDARY_CHUNK_BYTES, TWIN_CHUNK_BYTES, CHUNK_LEVEL)


# saved indexes loaded ahead (`load_ahead`), by page cache folder and fingerprint: taken by the
# next index_pages of that folder in this process
_ahead: dict[tuple[Path, tuple], tuple[IndexStore, SavedIndex | None]] = {}


def load_ahead(folder: Path, language: str, version: str) -> None:
    """Load the index saved in the page cache ``folder`` before the pages are there to index
    (search.prepare). Nothing but index_pages changes it; the build holds the cache."""
    store = IndexStore(folder / "index")
    expected = _expected(language, version)
    _ahead[folder, expected] = (store, store.load(expected))


def update_pages(site: Path, candidates: list[tuple[str, str]], bundle: BundleIndex, cache: PageCache,
                 store: IndexStore, saved: SavedIndex, known: Mapping[str, tuple[int, ...]] | None = None) -> Indexed | None:
    """Index ``candidates`` into ``bundle`` by patching ``saved``; None when it cannot be used
    (``known``: as ``index_pages``)."""
    changes = _changes(site, candidates, saved, cache, known or {})
    if changes is None:
        return None
    store.forget()
    bundle.folder.patch(store, saved.sizes)
    steps = changes.steps()
    with tempfile.TemporaryDirectory(prefix="search-", dir=bundle.bundle.parent) as tmp:
        jobs = [_shard_job(shard, changes, steps, store, Path(tmp)) for shard in range(SHARDS)]
        # a page's words sit in most chunks: the chunks made again grow with the archive, not the
        # changes; ranges that load nothing (``_patch_shard``) are not worth a pool
        loading = sum(1 for _, _, removals, renumbering, insertions, _, _ in jobs if removals or renumbering or insertions)
        with mapper(len(candidates) if loading > 1 and _patched_pages(jobs) >= PATCH_PARALLEL_FROM else 0) as mapped:
            patched = list(mapped(_patch_shard, jobs))
        kept_from = 0  # the first page of the run of kept pages not yet added
        for number in sorted(changes.fresh):
            bundle.add_kept(changes.pages[kept_from:number])
            bundle.add(changes.fresh[number])
            kept_from = number + 1
        bundle.add_kept(changes.pages[kept_from:])
        bundle.reuse_filters(saved.filters)
        meta = bundle.write([chunk for chunks, _, _ in patched for chunk in chunks])
    whole = SavedIndex(saved.fingerprint, changes.pages, frozenset(changes.skipped), changes.stamps,
                       filters=bundle.filter_files)
    keys, files, sizes = {page.key for page in changes.pages}, bundle.files, bundle.folder.sizes
    _pending.append(functools.partial(_save, cache, keys, store, whole, files, sizes))
    if not _later:
        save_pending()
    return Indexed(meta, len(changes.pages), sum(words for _, words, _ in patched),
                   sum(pairs for _, _, pairs in patched), len(changes.pages) - len(changes.fresh))


def _save(cache: PageCache, keys: set[str], store: IndexStore, whole: SavedIndex, files: dict[str, dict[str, str]],
          sizes: dict[str, int]) -> None:
    cache.keep_only(keys)
    store.save(whole, files, sizes)


@contextmanager
def saving_later() -> Iterator[None]:
    """Inside, a patched index is saved by ``save_pending``, not before ``update_pages``
    returns (the caller holds the page cache until then; state.pkl stays removed till then)."""
    global _later
    _later = True
    try:
        yield
    finally:
        _later = False


def save_pending() -> None:
    """Save the indexes patched inside ``saving_later``."""
    while _pending:
        _pending.pop(0)()


def _patched_pages(jobs: list[tuple]) -> int:
    """The pages whose items some range takes out or puts in, whichever are more (a page
    edited in place is one of each)."""
    taken_out = {number for _, _, removals, _, _, _, _ in jobs for number in removals}
    put_in = {number for _, _, _, _, insertions, _, _ in jobs for number, _ in insertions}
    return max(len(taken_out), len(put_in))


def _changes(site: Path, candidates: list[tuple[str, str]], saved: SavedIndex, cache: PageCache,
             known: Mapping[str, tuple[int, ...]]) -> _Changes | None:
    old_numbers = {page.key: number for number, page in enumerate(saved.pages)}
    pages: list[PageInfo] = []
    fresh: dict[int, PagePostings] = {}
    skipped: set[str] = set()
    stamps: dict[str, Stamp] = {}
    limit = MAX_CHANGED_SHARE * max(len(saved.pages), 1)
    saved_stamps, saved_pages = saved.stamps, saved.pages
    for (relative, url), (size, mtime) in zip(candidates, _sizes_and_times(site, candidates, known), strict=True):
        # a page whose size and modification time are the saved ones is not read (a page is
        # written long before the next build's search stage reads it)
        stamp, raw = saved_stamps.get(relative), None
        if stamp is None or (size, mtime) != stamp[:2]:
            raw = _read(os.path.join(site, relative))
            stamp = (size, mtime, page_key(url, raw))
        stamps[relative] = stamp
        key = stamp[2]
        number = old_numbers.get(key)
        if number is not None:
            pages.append(saved_pages[number])
        elif key in saved.skipped:
            skipped.add(key)
        else:
            if len(fresh) >= limit:
                return None
            encoded, _ = encoded_page(raw if raw is not None else _read(os.path.join(site, relative)), url, key, cache)
            if encoded is None:
                skipped.add(key)
                continue
            fresh[len(pages)] = encoded
            pages.append(page_info(key, encoded))
    new_numbers = [-1] * len(saved.pages)
    for number, info in enumerate(pages):
        if number not in fresh:
            new_numbers[old_numbers[info.key]] = number
    removed: dict[int, PagePostings] = {}
    for old, new in enumerate(new_numbers):
        if new < 0:
            gone = cache.load(saved.pages[old].key)
            if gone is None or len(removed) + len(fresh) >= limit:
                return None
            removed[old] = gone
    return _Changes(pages, fresh, removed, skipped, stamps, new_numbers)


def _sizes_and_times(site: Path, candidates: list[tuple[str, str]],
                     known: Mapping[str, tuple[int, ...]]) -> list[tuple[int, int]]:
    """Each page's size and modification time (ns): ``known``'s, else a stat (by its path
    inside the site's folder: the site's own path is not walked again for each page). A
    build knows the ~20,000 pages it took from the published site (10,000 articles): an
    edit stats only the pages it wrote."""
    found: list[tuple[int, int]] = []
    site_fd = os.open(site, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for relative, _ in candidates:
            stamp = known.get(relative)
            if stamp is None:
                stat = os.stat(relative, dir_fd=site_fd)
                found.append((stat.st_size, stat.st_mtime_ns))
            else:
                found.append((stamp[0], stamp[1]))
    finally:
        os.close(site_fd)
    return found


def _read(path: str) -> bytes:
    with open(path, "rb") as page:
        return page.read()


def _shard_job(shard: int, changes: _Changes, steps: list[int], store: IndexStore, scratch: Path) -> tuple:
    # a page edited in place (no page renumbered) whose items in this range are the old ones
    # changes nothing here: the range's saved items are not even loaded
    same = set() if steps else {number for number in changes.fresh.keys() & changes.removed.keys()
                                if _same_items(changes.fresh[number].items.shard(shard),
                                               changes.removed[number].items.shard(shard))}
    removals = sorted(changes.removed.keys() - same)
    insertions = [(new, page.items.shard(shard)) for new, page in sorted(changes.fresh.items()) if new not in same]
    renumbering = (changes.new_numbers, steps) if steps else None
    return shard, store.shard_path(shard), removals, renumbering, insertions, scratch, store.files(INDEX_DIR)


def _same_items(new: Shard, old: Shard) -> bool:
    return new.tails == old.tails and np.array_equal(new.lengths, old.lengths) and np.array_equal(new.keys, old.keys)


def _patch_shard(job: tuple) -> tuple[list[Chunk], int, int]:
    """(chunks, words, pairs) of one word range, patched; its items saved again. A range no
    change reaches is not read: its chunks are the saved ones."""
    shard, state, removals, renumbering, insertions, scratch, kept_files = job
    kept, word_count, pairs = load_summary(state)
    if not (removals or renumbering or insertions):
        return _saved_chunks(kept, kept_files), word_count, pairs
    entries = ShardEntries.load(state)
    replaced = {number for number, _ in insertions}.intersection(removals) if renumbering is None else set()
    entries.remove_pages([number for number in removals if number not in replaced])
    if renumbering is not None:
        entries.renumber(*renumbering)
    # pages edited in place: only their words whose item changed
    entries.replace_pages([(number, page_shard) for number, page_shard in insertions if number in replaced])
    fresh = [(number, page_shard) for number, page_shard in insertions if number not in replaced]
    entries.insert_pages([number for number, _ in fresh], [page_shard for _, page_shard in fresh])
    if not entries.changed:  # its chunks are the saved ones, and so are its items
        return _saved_chunks(kept, kept_files), word_count, pairs
    chunks = write_chunks(entries, scratch, f"s{shard}", chunk_bytes_of(shard), kept, kept_files.__truediv__)
    save_shard(state, entries, chunks)
    return chunks, len(entries.words), entries.pairs


def _saved_chunks(kept: KeptChunks, kept_files: Path) -> list[Chunk]:
    return [Chunk(first, last, digest, kept_files / digest, count, kept=True) for first, (last, count, digest) in kept.items()]
