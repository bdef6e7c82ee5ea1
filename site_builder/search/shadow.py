"""The shadow page: what Pagefind indexes in place of an article page.

The article's text as overlapping character-bigram tokens (``normalize.index_tokens``),
headings kept as headings so that Pagefind weights title hits, the readable text as meta
``text`` (for excerpts and the browser's own check), and the page's filters and meta.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from site_builder.search.extract import Block, PageRecord
from site_builder.search.normalize import index_tokens

# a paragraph this long is running text, not a title, byline or source line
RUNNING_TEXT_CHARS = 30


@dataclass(frozen=True)
class ShadowPage:
    html: str
    pairs: int  # distinct tokens: the (word, page) pairs Pagefind holds in memory for it


def shadow_page(record: PageRecord, language: str) -> str:
    """The HTML of the shadow page of ``record``."""
    return shadow(record, language).html


def shadow(record: PageRecord, language: str) -> ShadowPage:
    esc = html.escape
    out = [f'<!doctype html><html lang="{esc(language)}"><head><meta charset="utf-8">'
           "<title>-</title></head><body><main data-pagefind-body>"]
    all_tokens: list[str] = []
    for block in record.blocks:
        block_tokens = index_tokens(block.text)
        if not block_tokens:
            continue
        all_tokens.extend(block_tokens)
        tag = f"h{block.level}" if block.level else "p"
        out.append(f"<{tag}>{' '.join(block_tokens)}</{tag}>")
    out.append("</main>")
    for key, value in _meta(record).items():
        out.append(f'<div data-pagefind-meta="{esc(key)}">{esc(value)}</div>')
    for key, values in record.filters.items():
        for value in values:
            out.append(f'<span data-pagefind-filter="{esc(key)}">{esc(value)}</span>')
    out.append("</body></html>\n")
    return ShadowPage("\n".join(out), len(set(all_tokens)))


def _meta(record: PageRecord) -> dict[str, str]:
    """The page's own meta, a title (its first heading when it names none), the readable
    text and where its running text starts."""
    meta = dict(record.meta)
    if "title" not in meta:
        meta["title"] = next((b.text for b in record.blocks if b.level == 1), "")
    meta["text"] = "\n".join(b.text for b in record.blocks)
    meta["body_at"] = str(_running_text_offset(record.blocks))
    return meta


def _running_text_offset(blocks: list[Block]) -> int:
    """Where the running text starts in meta ``text`` (after title, byline, source lines):
    excerpts prefer matches from there on. 0 when no paragraph is long enough."""
    offset = 0
    for block in blocks:
        if not block.level and len(block.text) >= RUNNING_TEXT_CHARS:
            return offset
        offset += len(block.text) + 1
    return 0
