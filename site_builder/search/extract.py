"""Read an article page of the staged site: the text Pagefind would index, and our fields.

The text is what lies inside the element marked ``data-pagefind-body``, without elements
marked ``data-pagefind-ignore`` (or script/style/template), split into blocks at block-level
elements, with the heading level of each block. Filters and meta come from the elements
``templates/partials/search_fields.html`` writes (``data-pagefind-filter`` / ``-meta``).

A small tag scanner rather than a full HTML parser: the pages are our own well-formed Jinja
output, and it reads a 10,000-article site in seconds.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import NamedTuple

_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>", re.S)
_ATTR = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
_SKIP = {"script", "style", "template", "noscript", "svg", "math"}
_BLOCK = {"address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
          "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
          "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th",
          "tr", "ul", "caption", "tbody", "thead", "tfoot"}
_BODY_START = re.compile(r"<[a-zA-Z][^>]*\sdata-pagefind-body[\s>=/]")


@dataclass
class Block:
    text: str
    level: int = 0  # 1..6 for headings, 0 for other text


@dataclass
class PageRecord:
    blocks: list[Block]
    filters: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


def attributes(raw: str) -> dict[str, str]:
    attrs = {}
    for m in _ATTR.finditer(raw):
        value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
        attrs[m.group(1).lower()] = html.unescape(value) if value is not None else ""
    return attrs


def extract(page: str) -> PageRecord | None:
    """The indexable record of a page, or None when the page has no data-pagefind-body."""
    # (a site's other pages, about half of them, hold no body: found absent at memchr's
    # speed instead of the pattern's, which tries every '<' of the page)
    start = _BODY_START.search(page) if "data-pagefind-body" in page else None
    if not start:
        return None
    reader = _BodyReader()
    pos = start.start()
    for m in _TAG.finditer(page, pos):
        text = page[pos:m.start()]
        pos = m.end()
        if text:
            reader.text(html.unescape(text))
        closing, name, raw_attrs, selfclosing = m.groups()
        if name is None:  # a comment
            continue
        if not closing:
            reader.open(name.lower(), raw_attrs or "", bool(selfclosing))
        elif reader.close(name.lower()):
            break
    reader.flush()
    return PageRecord(reader.blocks, reader.filters, reader.meta)


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class _Field(NamedTuple):
    """A data-pagefind-filter or data-pagefind-meta element: its text is the value."""

    kind: str  # "filter" or "meta"
    key: str  # or "key:value" (the attribute form)


class _Element(NamedTuple):  # a tuple: one is made for every tag of every page
    name: str
    skip: bool  # its text is not indexed (data-pagefind-ignore, script, style …)
    search_field: _Field | None


def _field_of(attrs: dict[str, str]) -> _Field | None:
    if "data-pagefind-filter" in attrs:
        return _Field("filter", attrs["data-pagefind-filter"])
    if "data-pagefind-meta" in attrs:
        return _Field("meta", attrs["data-pagefind-meta"])
    return None


class _BodyReader:
    """The body element's text read tag by tag: blocks with heading levels, filters, meta."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.filters: dict[str, list[str]] = {}
        self.meta: dict[str, str] = {}
        self._current: list[str] = []  # text of the block being read
        self._levels: list[int] = []  # levels of the open headings
        self._open: list[_Element] = []  # open elements inside the body, the body first
        self._captures: list[list[str]] = []  # text of the open filter/meta elements
        self._ignored = 0  # open elements whose text is not indexed

    def text(self, text: str) -> None:
        if not self._ignored:
            self._current.append(text)
        for capture in self._captures:
            capture.append(text)

    def flush(self) -> None:
        """End the block being read."""
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(Block(text, self._levels[-1] if self._levels else 0))
        self._current.clear()

    def open(self, name: str, raw_attrs: str, selfclosing: bool) -> None:
        if name in _BLOCK and not self._ignored:
            self.flush()
        if name in _VOID or selfclosing:
            return
        attrs = attributes(raw_attrs) if "data-" in raw_attrs else {}
        element = _Element(name, name in _SKIP or "data-pagefind-ignore" in attrs, _field_of(attrs))
        if element.search_field:
            self._captures.append([])
        if name in _HEADINGS and not self._ignored:
            self._levels.append(int(name[1]))
        self._open.append(element)
        self._ignored += element.skip

    def close(self, name: str) -> bool:
        """Close up to the matching element (tolerates unclosed inline elements); True when
        that closed the body."""
        while self._open:
            element = self._open.pop()
            self._end(element)
            if element.name == name:
                break
        if name in _BLOCK and not self._ignored:
            self.flush()
        return not self._open

    def _end(self, element: _Element) -> None:
        self._ignored -= element.skip
        if element.search_field:
            self._store(element.search_field, " ".join("".join(self._captures.pop()).split()))
        if element.name in _HEADINGS and not self._ignored:
            self.flush()
            if self._levels:
                self._levels.pop()

    def _store(self, search_field: _Field, value: str) -> None:
        key = search_field.key
        if ":" in key and not value:  # attribute form key:value
            key, value = key.split(":", 1)
        if not value:
            return
        if search_field.kind == "filter":
            self.filters.setdefault(key, []).append(value)
        else:
            self.meta[key] = value
