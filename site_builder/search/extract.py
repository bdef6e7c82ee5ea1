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
    start = _BODY_START.search(page)
    if not start:
        return None
    blocks: list[Block] = []
    filters: dict[str, list[str]] = {}
    meta: dict[str, str] = {}
    current: list[str] = []
    level_stack: list[int] = []
    # stack of (tag, ignored, field) for open elements inside the body
    stack: list[tuple[str, bool, tuple[str, str] | None]] = []
    captures: list[list[str]] = []  # text of open data-pagefind-filter/meta elements

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            blocks.append(Block(text, level_stack[-1] if level_stack else 0))
        current.clear()

    pos = start.start()
    ignored = 0
    for m in _TAG.finditer(page, pos):
        text = page[pos:m.start()]
        pos = m.end()
        if text:
            text = html.unescape(text)
            if not ignored:
                current.append(text)
            for c in captures:
                c.append(text)
        closing, name, raw_attrs, selfclosing = m.group(1), m.group(2), m.group(3), m.group(4)
        if name is None:  # a comment
            continue
        name = name.lower()
        if not closing:
            if name in _BLOCK and not ignored:
                flush()
            if name in _VOID or selfclosing:
                continue
            attrs = attributes(raw_attrs) if raw_attrs and "data-" in raw_attrs else {}
            skip = name in _SKIP or "data-pagefind-ignore" in attrs
            fld = None
            if "data-pagefind-filter" in attrs:
                fld = ("filter", attrs["data-pagefind-filter"])
            elif "data-pagefind-meta" in attrs:
                fld = ("meta", attrs["data-pagefind-meta"])
            if fld:
                captures.append([])
            if name in ("h1", "h2", "h3", "h4", "h5", "h6") and not ignored:
                level_stack.append(int(name[1]))
            stack.append((name, skip, fld))
            ignored += skip
            continue
        # a closing tag: pop up to the matching element (tolerates unclosed inline elements)
        while stack:
            open_name, skip, fld = stack.pop()
            ignored -= skip
            if fld:
                value = " ".join("".join(captures.pop()).split())
                kind, key = fld
                if ":" in key and not value:  # attribute form key:value
                    key, value = key.split(":", 1)
                if value:
                    if kind == "filter":
                        filters.setdefault(key, []).append(value)
                    else:
                        meta[key] = value
            if open_name in ("h1", "h2", "h3", "h4", "h5", "h6") and not ignored:
                flush()
                if level_stack:
                    level_stack.pop()
            if open_name == name:
                break
        if name in _BLOCK and not ignored:
            flush()
        if not stack:  # the body element closed
            break
    flush()
    return PageRecord(blocks, filters, meta)
