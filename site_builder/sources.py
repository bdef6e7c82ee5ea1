"""Reading the content files through the cache, the files not in it on both cores.

Each input file's SourceDocument is kept in the build cache under the file's path and the
SHA-1 of its bytes (and SOURCE_DATE_EPOCH, which ingest may read): an unchanged file is
unpickled, not extracted again. Files the cache does not hold are read by a pool of
processes when there are enough of them to pay for it; results come back in file order,
so the documents, and everything made from them, are the same as a serial read's.
"""
from __future__ import annotations

import copyreg
import datetime as dt
import gc
import io
import multiprocessing
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable
from typing import Any, BinaryIO

from site_builder import ingest
from site_builder.cache import BuildCache, sha1_of
from site_builder.errors import ContentError
from site_builder.git_head import checkout_head
from site_builder.ingest.provenance import entry_times, first_commits
from site_builder.ingest.sidecar import orphan_sidecars, sidecar_of
from site_builder.model import Article, SourceDocument
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
    shelf = _Shelf(cache)
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
    for path, outcome in zip(missing, _read_all(missing, progress), strict=True):
        if isinstance(outcome, ContentError):
            sources.errors.append(outcome)
            continue
        found[path] = outcome.document
        if path in sources.keys:
            _keep_document(cache, sources.keys[path], outcome, kept)
            shelf.sent[sources.keys[path]] = outcome.pickled
    sources.documents = [found[p] for p in paths if p in found]
    shelf.pack_again(sources.documents, sources.keys)
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


PACK = ("documents", "pack")  # cache kind and key of the documents' pack (_Shelf)
PACK_AGAIN_SHARE = 10  # the pack is written again when more than 1/this of the documents are not in it


class _Shelf:
    """Where an unchanged file's document is found: this process's memory (a preview
    server's), else the pack, else its own cache entry. The pack holds the documents the
    build that wrote it read, pickled one after another in one file: at 10,000 files, one
    file read instead of 10,000 opens and reads, which cost more than the unpickling. A
    document read anew is kept in its own entry; the pack is written again once a tenth
    of the documents are not in it (a cold build writes it first)."""

    def __init__(self, cache: BuildCache):
        self.cache = cache
        # None until first needed; never in a process that keeps documents in memory: its
        # misses are the files changed, which the pack cannot hold
        self.packed: dict[str, SourceDocument] | None = None if cache.enabled and not _in_memory else {}
        self.consulted = False
        self.outside = 0  # documents found or read that the pack did not hold
        self.sent: dict[str, bytes | None] = {}  # documents read now, pickled as kept, by key

    def get(self, key: str) -> SourceDocument | None:
        if not self.cache.enabled:
            return None
        document = _in_memory.get(key)
        if document is not None:
            return document
        if self.packed is None:
            self.packed, self.consulted = _load_pack(self.cache), True
        document = self.packed.pop(key, None)
        if document is None:
            self.outside += 1
            document = self.cache.load("document", key)
        return document if isinstance(document, SourceDocument) else None

    def pack_again(self, documents: list[SourceDocument], keys: dict[Path, str]) -> None:
        """Write the pack of these documents when the one read held too few of them."""
        self.packed = None
        self.outside += len(self.sent)
        if not self.consulted or self.outside * PACK_AGAIN_SHARE <= len(documents):
            return
        listed = [(keys[d.path], d) for d in documents if d.path in keys]

        def write(out: BinaryIO) -> None:
            pickle.dump([key for key, _ in listed], out, pickle.HIGHEST_PROTOCOL)
            for key, document in listed:
                out.write(self.sent.get(key) or pickled(document))

        self.cache.store_written(*PACK, write)


def _load_pack(cache: BuildCache) -> dict[str, SourceDocument]:
    """The documents of the pack by key (none when there is none, or it cannot be read)."""
    try:
        with cache.open_entry(*PACK) as stream:
            keys = pickle.load(stream)
            return {key: pickle.load(stream) for key in keys}
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError):
        return {}


def _keep_document(cache: BuildCache, key: str, read: _Read, kept: dict[str, SourceDocument]) -> None:
    if cache.enabled:
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
    with multiprocessing.get_context("fork").Pool(min(2, os.cpu_count() or 1), initializer=gc.enable) as pool:
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


def pickled(document: SourceDocument) -> bytes:
    """The document as the cache keeps it: its lines and its articles' bodies (their blocks)
    pickled apart, together (they share their strings), unpickled when one of them is first
    read (`Deferred`). A build reads them for the pages it renders, and for the articles the
    analysis has no answers for: not for 10,000 at an edit."""
    out = io.BytesIO()
    _DeferringPickler(out, pickle.HIGHEST_PROTOCOL).dump(document)
    return out.getvalue()


class _Lists:
    """Lists pickled together, unpickled once, when the first of them is read."""

    def __init__(self, pickled_lists: bytes):
        self.pickled: bytes | None = pickled_lists
        self.lists: list[list] = []

    def __reduce__(self) -> tuple:
        return _Lists, (self.pickled if self.pickled is not None else pickle.dumps(self.lists, pickle.HIGHEST_PROTOCOL),)

    def get(self, number: int) -> list:
        if self.pickled is not None:
            self.lists, self.pickled = pickle.loads(self.pickled), None
        return self.lists[number]


class Deferred(list):
    """A list kept pickled until it is first read, then a list as any other: every method
    of list fills it first. (C code that takes any list's items directly, without its
    methods, would see it empty before then: a document's lines and bodies are only read
    through their methods.)"""

    __slots__ = ("_source", "_number")

    def __init__(self, source: _Lists | Iterable = (), number: int = 0):
        super().__init__()
        self._source: _Lists | None = source if isinstance(source, _Lists) else None
        self._number = number
        if not isinstance(source, _Lists):  # made as a list is, from items (dataclasses.asdict does)
            list.extend(self, source)

    def filled(self) -> Deferred:
        if self._source is not None:
            source, self._source = self._source, None
            list.extend(self, source.get(self._number))
        return self

    @property
    def deferred(self) -> tuple[_Lists, int] | None:
        """Where its items are while it is not filled."""
        return (self._source, self._number) if self._source is not None else None

    def __reduce_ex__(self, protocol: Any) -> tuple:  # pickled elsewhere: as a plain list
        return list, (list(self.filled()),)

    def __radd__(self, other: Any) -> Any:  # (list's + reads its right operand's items directly)
        return other + list(self.filled())


def _filling_first(name: str) -> Any:
    method = getattr(list, name)

    def filled_first(self: Deferred, *arguments: Any) -> Any:
        return method(self.filled(), *(a.filled() if type(a) is Deferred else a for a in arguments))

    filled_first.__name__ = name
    return filled_first


for _name in ("__iter__", "__reversed__", "__len__", "__getitem__", "__contains__", "__repr__", "__eq__", "__ne__",
              "__lt__", "__le__", "__gt__", "__ge__", "__add__", "__mul__", "__rmul__", "__iadd__", "__imul__",
              "__setitem__", "__delitem__", "append", "extend", "insert", "pop", "remove", "clear", "index",
              "count", "sort", "reverse", "copy"):
    setattr(Deferred, _name, _filling_first(_name))


class _DeferringPickler(pickle.Pickler):
    """Pickles a SourceDocument with its raw lines and its articles' blocks as Deferred lists
    of one _Lists; one of them not filled yet stays as it is."""

    def __init__(self, file: BinaryIO, protocol: int):
        super().__init__(file, protocol)
        self._deferred: dict[int, Deferred] = {}  # by the id of the list it stands for

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is SourceDocument or kind is Article:
            if kind is SourceDocument:
                self._defer([obj.raw_lines, *(article.blocks for article in obj.articles)])
            state = dict(vars(obj))
            field_name = "raw_lines" if kind is SourceDocument else "blocks"
            state[field_name] = self._deferred.get(id(state[field_name]), state[field_name])
            return copyreg.__newobj__, (kind,), state  # type: ignore[attr-defined]
        if kind is Deferred and obj.deferred is not None:
            return Deferred, obj.deferred
        return NotImplemented

    def _defer(self, lists: list[list]) -> None:
        if all(type(items) is Deferred and items.deferred is not None for items in lists):
            return  # pickled as they are
        source = _Lists(pickle.dumps([list(items) for items in lists], pickle.HIGHEST_PROTOCOL))
        for number, items in enumerate(lists):
            self._deferred[id(items)] = Deferred(source, number)


def load_content(content_dir: Path) -> Sources:
    """Read every input file without a build cache, in this process (tests, tools)."""
    return read_sources(content_dir, BuildCache(None), Progress(enabled=False))
