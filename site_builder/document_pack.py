"""The documents' pack: every unchanged file's document in one file of the build cache.

A build finds an unchanged file's document (sources.py) in this process's memory (a
preview server's), else in the pack, else in its own cache entry. At 10,000 files one file
read beats 10,000 opens and reads, and one unpickling of all the documents' heads (the
articles' fields, without their bodies) beats 10,000: the heads share one pickle's memo
(the classes, the papers' and authors' names), and the bodies and raw lines (`Deferred`)
stay in the file, each document's a blob read when first needed (`PackedLists`, through a
read-only map of the file: the pack written again later replaces the file, not its bytes).

The file: the keys (a pickle), the heads (one pickle of the list of documents, each body
blob named by its number), the blobs' ends (a pickle), then the blobs one after another.
A document read anew is kept in its own entry; the pack is written again once a tenth of
the documents are not in it (a cold build writes it first), and the documents read anew
that it then holds need no entry of their own.
"""
from __future__ import annotations

import functools
import mmap
import pickle
from array import array
from pathlib import Path
from typing import Any, BinaryIO

from site_builder.cache import BuildCache
from site_builder.deferred import DeferringPickler, PackedLists, PickledLists
from site_builder.model import SourceDocument

PACK = ("documents", "pack")  # cache kind and key of the documents' pack
PACK_AGAIN_SHARE = 10  # the pack is written again when more than 1/this of the documents are not in it


class Shelf:
    """Where a build finds the documents of unchanged files (`get`), and what writes the
    pack again (`pack_again`). `in_memory`: the documents a process that builds again keeps."""

    def __init__(self, cache: BuildCache, in_memory: dict[str, SourceDocument]):
        self.cache = cache
        self.in_memory = in_memory
        # None until first needed; never in a process that keeps documents in memory: its
        # misses are the files changed, which the pack cannot hold
        self.packed: dict[str, SourceDocument] | None = None if cache.enabled and not in_memory else {}
        self.consulted = False
        self.outside = 0  # documents found or read that the pack did not hold

    def get(self, key: str) -> SourceDocument | None:
        if not self.cache.enabled:
            return None
        document = self.in_memory.get(key)
        if document is not None:
            return document
        if self.packed is None:
            self.packed, self.consulted = load_pack(self.cache), True
        document = self.packed.pop(key, None)
        if document is None:
            self.outside += 1
            document = self.cache.load("document", key)
        return document if isinstance(document, SourceDocument) else None

    def pack_again(self, documents: list[SourceDocument], keys: dict[Path, str], read_now: int) -> bool:
        """Write the pack of these documents when the one read held too few of them
        (`read_now`: the documents this build read from their files); whether it did."""
        self.packed = None
        self.outside += read_now
        if not self.consulted or self.outside * PACK_AGAIN_SHARE <= len(documents):
            return False
        listed = [(keys[d.path], d) for d in documents if d.path in keys]
        return self.cache.store_written(*PACK, functools.partial(_write, listed)) > 0


def _write(listed: list[tuple[str, SourceDocument]], out: BinaryIO) -> None:
    pickle.dump([key for key, _ in listed], out, pickle.HIGHEST_PROTOCOL)
    blobs: list[bytes] = []
    _PackPickler(out, blobs).dump([document for _, document in listed])
    ends = array("q")
    for blob in blobs:
        ends.append((ends[-1] if ends else 0) + len(blob))
    pickle.dump(ends, out, pickle.HIGHEST_PROTOCOL)
    for blob in blobs:
        out.write(blob)


class _PackPickler(DeferringPickler):
    """Pickles documents as `DeferringPickler` does, each one's lists pickled together
    (`PickledLists`) put in `blobs` and named by their number there."""

    def __init__(self, file: BinaryIO, blobs: list[bytes]):
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self._blobs = blobs

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, PickledLists):  # (memoized by the pickler: one blob however often named)
            self._blobs.append(obj.as_pickled())
            return PackedLists, (len(self._blobs) - 1,)
        return super().reducer_override(obj)


class _Blobs:
    """The blobs of a pack's file, by number, read from a map of it."""

    def __init__(self) -> None:
        self._map: mmap.mmap | None = None
        self._start = 0
        self._ends = array("q")

    def attach(self, stream: BinaryIO, ends: array) -> None:
        self._start, self._ends = stream.tell(), ends
        self._map = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)

    def blob(self, number: int) -> bytes:
        assert self._map is not None, "a pack's blob read before the pack was loaded"
        start = self._start + (self._ends[number - 1] if number else 0)
        return self._map[start:self._start + self._ends[number]]


class _PackUnpickler(pickle.Unpickler):
    """Unpickles a pack's heads, each blob it names as a `PackedLists` of `blobs`."""

    def __init__(self, file: BinaryIO, blobs: _Blobs):
        super().__init__(file)
        self._packed = functools.partial(PackedLists, blobs=blobs)

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (PackedLists.__module__, PackedLists.__name__):
            return self._packed
        return super().find_class(module, name)


def load_pack(cache: BuildCache) -> dict[str, SourceDocument]:
    """The documents of the pack by key (none when there is none, or it cannot be read)."""
    try:
        with cache.open_entry(*PACK) as stream:
            keys = pickle.load(stream)
            blobs = _Blobs()
            documents = _PackUnpickler(stream, blobs).load()
            ends = pickle.load(stream)
            blobs.attach(stream, ends)
    except (OSError, ValueError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError):
        return {}
    if not isinstance(documents, list) or len(documents) != len(keys):
        return {}
    return dict(zip(keys, documents, strict=True))
