"""A document's lines and bodies kept pickled until first read (`Deferred`).

The build cache keeps each document (sources.py) with its raw lines and its articles'
bodies pickled apart from the rest, together in one `PickledLists`; they are unpickled when one
of them is first read. A build reads them for the pages it renders and for the articles
the analysis has no answers for: not for 10,000 at an edit. In the documents' pack
(document_pack.py) a `PickledLists` is a `PackedLists`: its bytes stay in the pack's file until read.
"""
from __future__ import annotations

import copyreg
import io
import pickle
from collections.abc import Iterable
from typing import Any, BinaryIO, Protocol

from site_builder.model import Article, SourceDocument


def pickled(document: SourceDocument) -> bytes:
    """The document as the cache keeps it: its lines and its articles' bodies (their blocks)
    pickled apart, together (they share their strings), unpickled when one of them is first
    read (`Deferred`). A build reads them for the pages it renders, and for the articles the
    analysis has no answers for: not for 10,000 at an edit."""
    out = io.BytesIO()
    DeferringPickler(out, pickle.HIGHEST_PROTOCOL).dump(document)
    return out.getvalue()


class PickledLists:
    """Lists pickled together, unpickled once, when the first of them is read."""

    def __init__(self, pickled_lists: bytes):
        self._pickled: bytes | None = pickled_lists
        self.lists: list[list] = []

    def pickled(self) -> bytes | None:
        """The lists pickled, until they are read (then None)."""
        return self._pickled

    def _read(self) -> None:
        self._pickled = None

    def as_pickled(self) -> bytes:
        pickled = self.pickled()
        return pickled if pickled is not None else pickle.dumps(self.lists, pickle.HIGHEST_PROTOCOL)

    def __reduce__(self) -> tuple:
        return PickledLists, (self.as_pickled(),)

    def get(self, number: int) -> list:
        pickled = self.pickled()
        if pickled is not None:
            self.lists = pickle.loads(pickled)
            self._read()
        return self.lists[number]


class Blobs(Protocol):
    def blob(self, number: int) -> bytes: ...


class PackedLists(PickledLists):
    """Lists whose bytes are the documents' pack's blob `number` (document_pack.py), read
    from its file when first needed; pickled anywhere else as a `PickledLists`."""

    def __init__(self, number: int, blobs: Blobs | None = None):
        self.lists = []
        self._number, self._blobs = number, blobs

    def pickled(self) -> bytes | None:
        return self._blobs.blob(self._number) if self._blobs is not None else None

    def _read(self) -> None:
        self._blobs = None


class Deferred(list):
    """A list kept pickled until it is first read, then a list as any other: every method
    of list fills it first. (C code that takes any list's items directly, without its
    methods, would see it empty before then: a document's lines and bodies are only read
    through their methods.)"""

    __slots__ = ("_source", "_number")

    def __init__(self, source: PickledLists | Iterable = (), number: int = 0):
        super().__init__()
        self._source: PickledLists | None = source if isinstance(source, PickledLists) else None
        self._number = number
        if not isinstance(source, PickledLists):  # made as a list is, from items (dataclasses.asdict does)
            list.extend(self, source)

    def filled(self) -> Deferred:
        if self._source is not None:
            source, self._source = self._source, None
            list.extend(self, source.get(self._number))
        return self

    @property
    def deferred(self) -> tuple[PickledLists, int] | None:
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


class DeferringPickler(pickle.Pickler):
    """Pickles a SourceDocument with its raw lines and its articles' blocks as Deferred lists
    of one PickledLists; one of them not filled yet stays as it is."""

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
        source = PickledLists(pickle.dumps([list(items) for items in lists], pickle.HIGHEST_PROTOCOL))
        for number, items in enumerate(lists):
            self._deferred[id(items)] = Deferred(source, number)
