"""A word's items patched page by page (``search/entries.py``) are the bytes the writer makes
from scratch, whatever the page numbers (their differences take 1 to 5 bytes)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from array import array

from site_builder.search.entries import ShardEntries, WordItems
from site_builder.search.writer import ShardIndex

WORD = "0fga0fju"
numbers = st.lists(st.integers(0, 300_000), min_size=0, max_size=12, unique=True).map(sorted)
tails = st.binary(min_size=1, max_size=6)


def _from_scratch(pages: dict[int, bytes]) -> bytes:
    return _entry(_items(pages)) if pages else b""


def _entry(items: WordItems) -> bytes:
    return b"".join(items.entry(WORD)) if items.numbers else b""


def _items(pages: dict[int, bytes]) -> WordItems:
    index = ShardIndex()
    for number in sorted(pages):
        index.add(number, [WORD], [pages[number]])
    return index.entries().words[WORD]


@settings(max_examples=300, deadline=None)
@given(numbers.filter(bool), st.data())
def test_removing_and_inserting_pages_gives_the_entry_made_from_scratch(kept, data):
    pages = {number: data.draw(tails) for number in kept}
    items = _items(pages)
    for number in data.draw(st.lists(st.sampled_from(kept), unique=True)):
        items.remove(number)
        del pages[number]
        assert _entry(items) == _from_scratch(pages)
    for number in data.draw(st.lists(st.integers(0, 300_000).filter(lambda n: n not in pages), max_size=5, unique=True)):
        pages[number] = data.draw(tails)
        items.insert(number, pages[number])
        assert _entry(items) == _from_scratch(pages)


@settings(max_examples=300, deadline=None)
@given(numbers.filter(bool), st.data())
def test_renumbering_in_order_gives_the_entry_made_from_scratch(kept, data):
    """Pages added or removed elsewhere move the pages after them: any new numbers in the
    same order; the items after each change of shift (``update._Changes.steps``) are
    written again."""
    pages = {number: data.draw(tails) for number in kept}
    moved = sorted(data.draw(st.lists(st.integers(0, 300_000), min_size=len(kept), max_size=len(kept), unique=True)))
    new_numbers = [-1] * (max(kept) + 1)
    steps, shift = [], 0
    for old, new in zip(kept, moved, strict=True):
        new_numbers[old] = new
        if new - old != shift:
            steps.append(old)
            shift = new - old
    items = _items(pages)
    if steps:
        items.renumber(new_numbers, steps)
    assert _entry(items) == _from_scratch({new_numbers[old]: tail for old, tail in pages.items()})


def _cut_by_entries(shard: ShardEntries, chunk_bytes: int) -> list[list[str]]:
    """The cut by its definition: a chunk ends with the word whose entry brings it to
    ``chunk_bytes`` or more."""
    chunks: list[list[str]] = [[]]
    size = 0
    for word in sorted(shard.words):
        chunks[-1].append(word)
        size += len(b"".join(shard.words[word].entry(word)))
        if size >= chunk_bytes:
            chunks.append([])
            size = 0
    return [chunk for chunk in chunks if chunk]


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text("0123456789abcdefxyz", min_size=1, max_size=30),
                       st.tuples(st.integers(1, 40), st.binary(max_size=300)), min_size=1, max_size=60),
       st.integers(1, 2000))
def test_chunks_are_cut_and_joined_as_their_words_entries_are(spec, chunk_bytes):
    shard = ShardEntries({word: WordItems(array("I", range(pages)), array("I", [0] * pages), body)
                          for word, (pages, body) in spec.items()})
    chunks = shard.cut(chunk_bytes)
    assert chunks == _cut_by_entries(shard, chunk_bytes)
    for words in chunks:
        assert b"".join(shard.entries(words)) == b"".join(b"".join(shard.words[w].entry(w)) for w in words)


def test_a_word_in_more_pages_than_a_short_array_head_holds_is_cut_by_its_full_size():
    shard = ShardEntries({"0fga": WordItems(array("I", range(70_000)), array("I"), b"x" * 10),
                          "0fgb": WordItems(array("I", [1]), array("I"), b"y")})
    assert shard.cut(10 + 10) == _cut_by_entries(shard, 10 + 10) == [["0fga"], ["0fgb"]]
