"""The shadow page: what Pagefind indexes in place of an article page.

The article's text as overlapping character-bigram tokens (``normalize.index_tokens``), one
presence word per distinct character, and the title in its own namespace; plus the page's
filters. Nothing readable goes to Pagefind: Pagefind 1.5 indexes every meta field as words,
and readable Chinese would only add long unsearchable words to the index. The readable
fields (``ShadowPage.fields``) are written into the page's fragment after the run
(``pagefind.finish_fragments``).
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from site_builder.search.extract import Block, PageRecord
from site_builder.search.normalize import index_tokens, presence_tokens, title_tokens

# a paragraph this long is running text, not a title, byline or source line
RUNNING_TEXT_CHARS = 30
# what the search page reads from a fragment; the rest of the article page's meta is not used
FRAGMENT_META = ("title", "authors", "source", "date")


@dataclass(frozen=True)
class ShadowPage:
    html: str
    pairs: int  # distinct words: the (word, page) pairs Pagefind holds in memory for it
    fields: dict[str, str]  # the fragment's readable meta, and "text"


def shadow(record: PageRecord, language: str) -> ShadowPage:
    esc = html.escape
    fields = _fields(record)
    out = [f'<!doctype html><html lang="{esc(language)}"><head><meta charset="utf-8">'
           "<title>-</title></head><body><main data-pagefind-body>"]
    words: set[str] = set()
    for block in record.blocks:
        block_tokens = index_tokens(block.text)
        if not block_tokens:
            continue
        words.update(block_tokens)
        tag = f"h{block.level}" if block.level else "p"
        out.append(f"<{tag}>{' '.join(block_tokens)}</{tag}>")
    for marked in (presence_tokens(fields["text"]), title_tokens(fields["title"])):
        if marked:
            words.update(marked)
            out.append(f"<p>{' '.join(marked)}</p>")
    # a title of no word characters: Pagefind would otherwise take the first heading's tokens
    out.append('</main><span data-pagefind-meta="title">-</span>')
    for key, values in record.filters.items():
        for value in values:
            out.append(f'<span data-pagefind-filter="{esc(key)}">{esc(value)}</span>')
    out.append("</body></html>\n")
    return ShadowPage("\n".join(out), len(words), fields)


def _fields(record: PageRecord) -> dict[str, str]:
    """The readable meta of the page's fragment: its own meta (a title taken from its first
    heading when it names none), the readable text and where its running text starts."""
    fields = {key: record.meta[key] for key in FRAGMENT_META if record.meta.get(key)}
    if "title" not in fields:
        fields["title"] = next((b.text for b in record.blocks if b.level == 1), "")
    fields["body_at"] = str(_running_text_offset(record.blocks))
    fields["text"] = "\n".join(b.text for b in record.blocks)
    return fields


def _running_text_offset(blocks: list[Block]) -> int:
    """Where the running text starts in the text (after title, byline, source lines):
    excerpts prefer matches from there on. 0 when no paragraph is long enough."""
    offset = 0
    for block in blocks:
        if not block.level and len(block.text) >= RUNNING_TEXT_CHARS:
            return offset
        offset += len(block.text) + 1
    return 0
