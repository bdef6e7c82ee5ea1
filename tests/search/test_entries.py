"""A word range's items patched page by page (``search/entries.py``) are the bytes the writer
makes from scratch, whatever the page numbers (their differences take 1 to 5 bytes), and its
chunks are cut and written as their words' entries are."""
from __future__ import annotations

import pickle

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.search.entries import ShardEntries
from site_builder.search.postings import Shard, joined
from site_builder.search.reproducible import head
from site_builder.search.heavy import HEAVY_COUNT
from site_builder.search.tokens import BUCKETS, item_keys, item_words, word_key, words_item_keys

WORDS = ("0fga", "0fga0fju0", "0fga0fju3", "0fgb", "x0fga")  # a bigram's items in two buckets
numbers = st.lists(st.integers(0, 300_000), min_size=0, max_size=12, unique=True).map(sorted)
tails = st.binary(min_size=1, max_size=6)
Pages = dict[int, dict[str, bytes]]  # page -> word -> its tail
# any word of the token scheme: a namespace, a code point and, in those that have them, a bigram's second
# (a twin's always; a quad's two ranks of listed bigrams) (with a page's bucket: ``tokens.item_words``)
words = st.tuples(st.integers(0, 7), st.integers(0, 0x10FFFF), st.integers(-1, 0x10FFFF), st.integers(0, BUCKETS - 1)).map(
    lambda word: item_words(item_keys(np.array([
        word_key(word[0], word[1] % HEAVY_COUNT, max(0, word[2]) % HEAVY_COUNT) if word[0] == 1
        else word_key(word[0], word[1], max(0, word[2]) if word[0] == 2 else word[2] if word[0] in (0, 3, 4, 5) else -1)]),
        word[3]))[0].decode())
page_items = st.dictionaries(st.sampled_from(WORDS), tails, min_size=1)


def _shard(items: dict[str, bytes]) -> Shard:
    words = sorted(items)
    return Shard(words_item_keys(words), np.array([len(items[w]) for w in words], np.uint32),
                 b"".join(items[w] for w in words))


def _merged(pages: Pages) -> ShardEntries:
    numbers = sorted(pages)
    return ShardEntries.merge(np.repeat(np.array(numbers, np.int64), [len(pages[n]) for n in numbers]),
                              joined([_shard(pages[n]) for n in numbers]))


def _uint(number: int) -> bytes:
    return head(0, number)


def _by_definition(pages: Pages) -> bytes:
    """Each word's entry ``[word, [[page difference, …tail] …], []]``, words in byte order."""
    out = []
    for word in sorted({w for items in pages.values() for w in items}):
        holding = [n for n in sorted(pages) if word in pages[n]]
        items = [b"\x82" + _uint(n - ([0, *holding][k])) + pages[n][word] for k, n in enumerate(holding)]
        out.append(b"\x83" + head(3, len(word)) + word.encode() + head(4, len(items)) + b"".join(items) + b"\x80")
    return b"".join(out)


def _written(shard: ShardEntries) -> bytes:
    return b"".join(shard.entries([(0, len(shard.words))]))


@settings(max_examples=300, deadline=None)
@given(numbers.filter(bool), st.data())
def test_removing_and_inserting_pages_gives_the_entries_made_from_scratch(kept, data):
    pages = {number: data.draw(page_items) for number in kept}
    shard = _merged(pages)
    assert _written(shard) == _by_definition(pages)
    gone = data.draw(st.lists(st.sampled_from(kept), unique=True))
    removed_words = {word for number in gone for word in pages.pop(number)}
    shard.remove_pages(gone)
    assert _written(shard) == _by_definition(pages)
    fresh = data.draw(st.lists(st.integers(0, 300_000).filter(lambda n: n not in pages), max_size=5, unique=True))
    added = {number: data.draw(page_items) for number in sorted(fresh)}
    shard.insert_pages(sorted(added), [_shard(added[n]) for n in sorted(added)])
    pages.update(added)
    assert _written(shard) == _by_definition(pages)
    words = {word for items in pages.values() for word in items}
    assert [word.decode() for word in shard.words] == sorted(words)
    touched = {word.decode() for word, changed in zip(shard.words, shard.touched, strict=True) if changed}
    assert touched == (removed_words & words) | {word for items in added.values() for word in items}


@settings(max_examples=300, deadline=None)
@given(numbers.filter(bool), st.data())
def test_renumbering_in_order_gives_the_entries_made_from_scratch(kept, data):
    """Pages added or removed elsewhere move the pages after them: any new numbers in the
    same order."""
    pages = {number: data.draw(page_items) for number in kept}
    moved = sorted(data.draw(st.lists(st.integers(0, 300_000), min_size=len(kept), max_size=len(kept), unique=True)))
    new_numbers = [-1] * (max(kept) + 1)
    steps, shift = [], 0
    for old, new in zip(kept, moved, strict=True):
        new_numbers[old] = new
        if new - old != shift:
            steps.append(old)
            shift = new - old
    shard = _merged(pages)
    if steps:
        shard.renumber(new_numbers, steps)
    assert _written(shard) == _by_definition({new_numbers[old]: items for old, items in pages.items()})


def _cut_by_entries(shard: ShardEntries, chunk_bytes: int) -> list[tuple[int, int]]:
    """The cut by its definition: a chunk ends with the word whose entry brings it to
    ``chunk_bytes`` or more."""
    chunks, start, size = [], 0, 0
    for k in range(len(shard.words)):
        size += len(_written_range(shard, k, k + 1))
        if size >= chunk_bytes:
            chunks.append((start, k + 1))
            start, size = k + 1, 0
    return chunks + ([(start, len(shard.words))] if start < len(shard.words) else [])


def _written_range(shard: ShardEntries, start: int, end: int) -> bytes:
    return shard.entries([(start, end)])[0]


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(words,
                       st.tuples(st.integers(1, 40), st.binary(min_size=1, max_size=30)), min_size=1, max_size=60),
       st.integers(1, 2000))
def test_chunks_are_cut_and_joined_as_their_words_entries_are(spec, chunk_bytes):
    pages: Pages = {}
    for word, (holding, tail) in spec.items():
        for number in range(holding):
            pages.setdefault(number * 97, {})[word] = tail
    shard = _merged(pages)
    chunks = shard.cut(chunk_bytes)
    assert chunks == _cut_by_entries(shard, chunk_bytes)
    assert shard.entries(chunks) == [b"".join(_written_range(shard, k, k + 1) for k in range(start, end))
                                     for start, end in chunks]
    assert b"".join(shard.entries(chunks)) == _by_definition(pages)


def test_a_word_in_more_pages_than_a_short_array_head_holds_is_cut_by_its_full_size():
    pages: Pages = {number: {"0fga": b"x"} for number in range(70_000)}
    pages[1]["0fgb"] = b"y"
    shard = _merged(pages)
    assert shard.cut(10 + 10) == _cut_by_entries(shard, 10 + 10) == [(0, 1), (1, 2)]
    assert b"".join(shard.entries(shard.cut(20))) == _by_definition(pages)


@settings(max_examples=300, deadline=None)
@given(numbers.filter(bool), st.data())
def test_a_page_replaced_in_place_touches_only_the_words_whose_item_changed(kept, data):
    pages = {number: data.draw(page_items) for number in kept}
    shard = _merged(pages)
    number = data.draw(st.sampled_from(kept))
    old, new = pages[number], data.draw(page_items)
    shard.replace_pages([(number, _shard(new))])
    pages[number] = new
    assert _written(shard) == _by_definition(pages)
    touched = {word.decode() for word, changed in zip(shard.words, shard.touched, strict=True) if changed}
    assert touched == {word for word in old.keys() | new.keys() if old.get(word) != new.get(word)} & {
        word for items in pages.values() for word in items}
    assert shard.changed == (old != new)


@settings(max_examples=200, deadline=None)
@given(numbers.filter(bool), st.data())
def test_pages_replaced_together_are_those_replaced_one_by_one(kept, data):
    pages = {number: data.draw(page_items) for number in kept}
    replaced = sorted(data.draw(st.sets(st.sampled_from(kept), min_size=1)))
    news = {number: data.draw(page_items) for number in replaced}
    together, one_by_one = _merged(pages), _merged(pages)
    together.replace_pages([(number, _shard(news[number])) for number in replaced])
    for number in replaced:
        one_by_one.replace_pages([(number, _shard(news[number]))])
    pages.update(news)
    assert _written(together) == _written(one_by_one) == _by_definition(pages)
    assert together.touched.tolist() == one_by_one.touched.tolist()
    assert together.changed == one_by_one.changed


def test_a_chunk_holds_every_bucket_of_its_words():
    entries = _merged({0: {"0fga0fju0": b"\x80", "0fgb": b"\x80"}, 1: {"0fga0fju3": b"\x80", "z0fga2": b"\x80"},
                       2: {"z0fga3": b"\x80", "x0fga": b"\x80"}})
    assert entries.words.tolist() == [b"0fga0fju0", b"0fga0fju3", b"0fgb", b"x0fga", b"z0fga2", b"z0fga3"]
    assert entries.cut(1) == [(0, 2), (2, 3), (3, 4), (4, 6)]  # a search looks a word up in every bucket


@settings(max_examples=30, deadline=None)
@given(pages=st.dictionaries(st.integers(0, 300_000), page_items, min_size=1, max_size=4),
       last=st.integers(0, 300_000))
def test_a_saved_range_loads_as_it_was_in_the_narrowest_types(tmp_path_factory, pages, last):
    pages = {**pages, last: {"0fgb": b"\x01" * 300}}  # a tail longer than a byte's count
    entries = _merged(pages)
    path = tmp_path_factory.mktemp("range") / "shard-0.pkl"
    entries.save(path)
    loaded = ShardEntries.load(path)
    assert _written(loaded) == _written(entries)
    assert loaded.numbers.dtype == np.int64 and loaded.lengths.dtype == np.int64
    words, counts, numbers, lengths, _ = pickle.loads(path.read_bytes())
    assert counts.dtype == np.uint8 and lengths.dtype == np.uint16
    highest = max(pages)
    assert numbers.dtype == (np.uint8 if highest < 256 else np.uint16 if highest < 65_536 else np.uint32)
