"""Each article's key: what it is made from, told without reading it.

A document is made from what its key names (sources.py: the file's path and SHA-1, its
sidecar, SOURCE_DATE_EPOCH), so the n-th article of the document with key K is always the
same article: "K#n" names it. The analysis memo keeps an article's answers under that key
instead of a digest of its text (joining and hashing 10,000 texts cost most of an edit's
analysis), and a page's fingerprint names a printing by it instead of its repr.

An object is known by its id while this holds it (so an id is never another object's);
an article not read through sources.py (no key) has none, and is read in full instead.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from site_builder.model import SourceDocument


class ArticleKeys:
    def __init__(self, documents: Iterable[SourceDocument] = (), document_keys: dict[Path, str] | None = None):
        self._keys: dict[int, tuple[object, str]] = {}
        keys = document_keys or {}
        for document in documents:
            key = keys.get(document.path)
            if key is not None:
                for number, article in enumerate(document.articles):
                    self.name(article, f"{key}#{number}")

    def name(self, thing: object, key: str) -> None:
        """Know `thing` (an article, or what is made from one article alone) by `key`."""
        self._keys[id(thing)] = (thing, key)

    def of(self, thing: object) -> str | None:
        known = self._keys.get(id(thing))
        return known[1] if known is not None and known[0] is thing else None
