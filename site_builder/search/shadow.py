"""What the index holds of an article page: its words, filters and readable fields.

The words: the article's text as overlapping character-bigram tokens
(``normalize.index_tokens``, coded as integer keys by ``tokens``) in the weight of their
block (a heading weighs more), one presence word per distinct character, the twins and quads
of common bigrams (``heavy``), and the title in its own namespace. Nothing readable
is indexed: the readable fields (title, authors, source, date, text) go to the page's
fragment, which the browser loads for each result shown.

``shadow_html`` writes the same words as the HTML page that ``pagefind_bin`` would index to
the same effect (tests compare the two indexes).
"""
from __future__ import annotations

import html

import numpy as np

from site_builder.search.extract import Block, PageRecord
from site_builder.search.postings import TEXT_WEIGHT, WEIGHT_UNIT, block_starts
from site_builder.search.tokens import presence_keys, text_tokens
from site_builder.search.writer import HEADING_WEIGHTS, PageWords

# a paragraph this long is running text, not a title, byline or source line
RUNNING_TEXT_CHARS = 30
# what the search page reads from a fragment; the rest of the article page's meta is not used
FRAGMENT_META = ("title", "authors", "source", "date")
# a text part holds whole blocks, at least this many characters (but the last): the search
# page fetches the part that holds a match to cut its excerpt from, not the whole text. 800
# rather than 400: half the files (a 10,000-article bundle's ~69,000 parts were most of its
# files and of the indexing's system time) and 7 % fewer bytes, for ~1 KB more a result shown
PART_CHARS = 800
GAP_WORD = "q"  # no word of ours: fills the positions between the blocks in the shadow page


def page_words(url: str, record: PageRecord) -> PageWords:
    fields = _fields(record)
    text = text_tokens([block.text for block in record.blocks])
    title = text_tokens([fields["title"]], title=True)
    sizes = np.diff(text.starts).tolist()
    block_sizes = [(HEADING_WEIGHTS.get(block.level, TEXT_WEIGHT), size)
                   for block, size in zip(record.blocks, sizes, strict=True) if size]
    if len(title.keys):
        block_sizes.append((TEXT_WEIGHT, len(title.keys)))
    marks = np.concatenate([presence_keys(text.characters), text.twins, presence_keys(title.characters, title=True)])
    body = _running_text_block(record.blocks)
    starts = block_starts(np.diff(text.starts)).tolist()[:-1]  # each block's first position
    fields["body_at"] = str(starts[body] if body < len(starts) else 0)
    return PageWords(url, np.concatenate([text.keys, title.keys]), block_sizes, marks, record.filters, fields,
                     _text_parts(record.blocks, starts, body), (text.quads, text.quad_at))


def shadow_html(page: PageWords, language: str) -> str:
    """An HTML page of ``page``'s words, weights and filters, for ``pagefind_bin``."""
    esc = html.escape
    tags = {weight: f"h{level}" for level, weight in HEADING_WEIGHTS.items()}
    out = [f'<!doctype html><html lang="{esc(language)}"><head><meta charset="utf-8">'
           "<title>-</title></head><body><main data-pagefind-body>"]
    words = page.indexed(page.tokens)
    ends = np.cumsum([0, *(size for _, size in page.block_sizes)]).tolist()
    text = f'<p data-pagefind-weight="{TEXT_WEIGHT / WEIGHT_UNIT:.3f}">'  # Pagefind keeps 24 times it, cut
    for (weight, _), start, end in zip(page.block_sizes, ends, ends[1:], strict=False):
        tag = tags.get(weight)
        out.append(f"<{tag}>{' '.join(words[start:end])}</{tag}>" if tag else f"{text}{' '.join(words[start:end])}</p>")
        out.append(f"<p>{' '.join([GAP_WORD] * gap_words(end - start))}</p>")  # to the next block's start
    out.append(f"{text}{' '.join(page.indexed(page.marks))}</p>")  # last: the other words' positions are ours
    # a title of no word characters: Pagefind would otherwise take the first heading's words
    out.append('</main><span data-pagefind-meta="title">-</span>')
    for key, values in page.filters.items():
        for value in values:
            out.append(f'<span data-pagefind-filter="{esc(key)}">{esc(value)}</span>')
    out.append("</body></html>\n")
    return "\n".join(out)


def gap_words(size: int) -> int:
    """The positions left free after a block of ``size`` tokens (``postings.block_starts``):
    the shadow page fills them with ``GAP_WORD``."""
    return int(block_starts([size])[-1]) - size


def _fields(record: PageRecord) -> dict[str, str]:
    """The readable meta of the page's fragment: its own meta (a title taken from its first
    heading when it names none)."""
    fields = {key: record.meta[key] for key in FRAGMENT_META if record.meta.get(key)}
    if "title" not in fields:
        fields["title"] = next((b.text for b in record.blocks if b.level == 1), "")
    return fields


def _running_text_block(blocks: list[Block]) -> int:
    """The first block of running text (after title, byline, source lines): excerpts prefer
    matches from there on. 0 when no paragraph is long enough."""
    return next((k for k, b in enumerate(blocks) if not b.level and len(b.text) >= RUNNING_TEXT_CHARS), 0)


def _text_parts(blocks: list[Block], starts: list[int], body: int) -> list[tuple[int, str]]:
    """(first word position, text) of each part: consecutive blocks joined by newlines, a
    new part at the running text and after ``PART_CHARS`` characters, so the parts joined by
    newlines are the whole text."""
    parts: list[tuple[int, list[str]]] = []
    size = 0
    for k, block in enumerate(blocks):
        if not parts or k == body or size >= PART_CHARS:
            parts.append((starts[k], []))
            size = 0
        parts[-1][1].append(block.text)
        size += len(block.text) + 1
    return [(start, "\n".join(texts)) for start, texts in parts]
