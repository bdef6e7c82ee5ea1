"""Reading the content files through the cache, the files not in it on both cores.

Each input file's SourceDocument is kept in the build cache under the file's path and the
SHA-1 of its bytes (and SOURCE_DATE_EPOCH, which ingest may read): an unchanged file is
unpickled, not extracted again. Files the cache does not hold are read by a pool of
processes when there are enough of them to pay for it; results come back in file order,
so the documents, and everything made from them, are the same as a serial read's.
"""
from __future__ import annotations

import datetime as dt
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from site_builder import ingest
from site_builder.cache import BuildCache, sha1_of
from site_builder.collector import forked_workers
from site_builder.deferred import pickled
from site_builder.document_pack import Shelf
from site_builder.errors import ContentError
from site_builder.git_head import checkout_head
from site_builder.ingest.provenance import entry_times, first_commits
from site_builder.ingest.sidecar import orphan_sidecars, sidecar_of
from site_builder.model import SourceDocument
from site_builder.progress import Progress

PARALLEL_FROM = 48  # fewer files than this are read in this process (a pool costs ~0.1 s)


@dataclass
class Sources:
    """The content files read: documents in file order, bad files, each file's SHA-1, and
    each document's key: a digest of everything it is made from (`_document_key`)."""

    documents: list[SourceDocument] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    hashes: dict[Path, str] = field(default_factory=dict)  # every file listed, read or not
    keys: dict[Path, str] = field(default_factory=dict)  # every file hashed


def read_sources(content_dir: Path, cache: BuildCache, progress: Progress,
                 entry_times: dict[Path, dt.datetime | None] | None = None, keep: bool = False,
                 hashes: dict[Path, str] | None = None) -> Sources:
    """Every content file's document; `entry_times`: when each file entered the archive,
    when the caller has worked them out for the content files (`entry_times_of` of
    `ingest.content_files`, just listed: they are the files read); `keep`:
    the documents stay in this process for its next build (a preview server's); `hashes`:
    the files' SHA-1s the caller has just learnt (incremental.build_key), by those paths."""
    # the files the caller's entry times are of were listed by this build already
    paths = list(entry_times) if entry_times is not None else ingest.content_files(content_dir)
    progress.set_total(len(paths))
    sources = Sources()
    found: dict[Path, SourceDocument] = {}
    missing: list[Path] = []
    kept: dict[str, SourceDocument] = {}  # this build's documents, kept in memory for the next
    shelf = Shelf(cache, _in_memory)
    known = hashes or {}
    for path in paths:
        try:
            sources.hashes[path] = known[path] if path in known else cache.file_hash(path)
        except OSError:  # unreadable or a dangling link: reading it reports the file
            missing.append(path)
            continue
        sources.keys[path] = _document_key(path, sources.hashes[path], cache)
        document = shelf.get(sources.keys[path])
        if document is not None:
            found[path] = kept[sources.keys[path]] = document
            progress.advance()
        else:
            missing.append(path)
    read_now: list[tuple[str, _Read]] = []  # the documents read from their files, by key
    for path, outcome in zip(missing, _read_all(missing, progress), strict=True):
        if isinstance(outcome, ContentError):
            sources.errors.append(outcome)
            continue
        found[path] = outcome.document
        if path in sources.keys:
            read_now.append((sources.keys[path], outcome))
    sources.documents = [found[p] for p in paths if p in found]
    # a document the pack written now holds needs no entry of its own (a cold build's 10,000
    # files: 1.5 s of one core)
    packed = shelf.pack_again(sources.documents, sources.keys, len(read_now))
    for key, outcome in read_now:
        _keep_document(cache, key, outcome, kept, entry=not packed)
    _in_memory.clear()
    if keep:
        _in_memory.update(kept)
    # (not cached with the document: a file's first commit or mtime is no part of its bytes)
    added = entry_times if entry_times is not None else entry_times_of(content_dir, paths, cache)
    for document in sources.documents:
        document.added = added.get(document.path)
    sources.errors.extend(orphan_sidecars(content_dir / ingest.RAW_DIR))
    return sources


def entry_times_of(content_dir: Path, paths: list[Path], cache: BuildCache) -> dict[Path, dt.datetime | None]:
    """When each file entered the archive (ingest/provenance.py); the git history's first
    commits are kept in the cache under the checked-out commit, which fixes them."""
    head = checkout_head(content_dir)
    committed = cache.load("first-commits", sha1_of(str(content_dir), head)) if head else {}
    if not isinstance(committed, dict):
        committed = first_commits(content_dir)
        cache.store("first-commits", sha1_of(str(content_dir), str(head)), committed)
    return entry_times(content_dir, paths, committed)


# The documents this process has read or loaded, by key: a preview server's builds take an
# unchanged file's document from here instead of unpickling it again.
_in_memory: dict[str, SourceDocument] = {}


def _keep_document(cache: BuildCache, key: str, read: _Read, kept: dict[str, SourceDocument], entry: bool) -> None:
    """`entry`: the document is kept in its own cache entry too (the pack does not hold it)."""
    if cache.enabled:
        if entry:
            cache.store_pickled("document", key, read.pickled if read.pickled is not None else pickled(read.document))
        kept[key] = read.document


def _document_key(path: Path, sha1: str, cache: BuildCache) -> str:
    """A document is made from its file, a raw page's sidecar (paper, date, page) and, for
    its dates, SOURCE_DATE_EPOCH. (A Markdown article has no sidecar: ingest.read_source.)"""
    sidecar = sidecar_of(path) if path.suffix != ".md" else None
    sidecar_sha1 = cache.file_hash(sidecar) if sidecar is not None and sidecar.is_file() else "-"
    return sha1_of(str(path), sha1, sidecar_sha1, os.environ.get("SOURCE_DATE_EPOCH", ""))


@dataclass
class _Read:
    """A document read, and pickled as the cache keeps it when a worker sent it so."""

    document: SourceDocument
    pickled: bytes | None = None


def _read_all(paths: list[Path], progress: Progress) -> list[_Read | ContentError]:
    if len(paths) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        outcomes: list[_Read | ContentError] = []
        for path in paths:
            outcome = _read_one(path)
            outcomes.append(outcome if isinstance(outcome, ContentError) else _Read(outcome))
            progress.advance()
        return outcomes
    # fork: the workers inherit the loaded modules (and any test's stand-ins) at no cost; they
    # collect cycles again, which the build pauses (collector.paused). A worker sends each
    # document pickled as the cache keeps it (`pickled`): it is unpickled here once, its
    # articles' bodies when first read, and not pickled again.
    with forked_workers(min(2, os.cpu_count() or 1)) as pool:
        results: list[_Read | ContentError] = []
        for sent in pool.imap(_read_in_worker, paths, chunksize=8):
            results.append(_error_of(sent) if isinstance(sent, tuple) else _Read(pickle.loads(sent), sent))
            progress.advance()
        return results


def _read_one(path: Path) -> SourceDocument | ContentError:
    try:
        return ingest.read_source(path)
    except ContentError as exc:
        return exc


def _read_in_worker(path: Path) -> bytes | tuple[str, str, Path | None, int | None]:
    """The document pickled; a ContentError does not survive pickling with its file and
    line: its parts are sent."""
    outcome = _read_one(path)
    if isinstance(outcome, ContentError):
        return (type(outcome).__name__, outcome.message, outcome.file, outcome.line)
    return pickled(outcome)


def _error_of(parts: tuple[str, str, Path | None, int | None]) -> ContentError:
    _, message, file, line = parts
    return ContentError(message, file, line)


def load_content(content_dir: Path) -> Sources:
    """Read every input file without a build cache, in this process (tests, tools)."""
    return read_sources(content_dir, BuildCache(None), Progress(enabled=False))
