"""The tokens coded as integer keys (site_builder.search.tokens) are the words of ``normalize``,
and their keys sort as the words' bytes do."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.search.normalize import index_tokens, presence_tokens, title_presence, title_tokens
from site_builder.search.postings import KEY_BOUNDS, SHARD_BOUNDS
from site_builder.search.tokens import (BUCKETS, item_keys, item_words, key_strings, key_words, presence_keys, text_tokens,
                                        word_key, word_keys)

# CJK, traditional-only and compatibility forms, full-width, Latin, digits, marks, format
# characters, punctuation, white space and a character beyond the BMP
ALPHABET = "新质生產力發展教育、，。！ＡＢＣａ１２3xYz\u0301\u200b\ufe0f \n\t-·()㈱ﬁ\U00020000\U0010fffd"
texts = st.lists(st.text(alphabet=ALPHABET, max_size=40), max_size=6)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_keys_are_the_words_of_the_token_scheme(blocks):
    coded = text_tokens(blocks)
    words = key_strings(coded.keys)
    assert words == [token for block in blocks for token in index_tokens(block)]
    assert coded.starts == np.cumsum([0, *(len(index_tokens(block)) for block in blocks)]).tolist()
    assert key_strings(presence_keys(coded.characters)) == presence_tokens("\n".join(blocks))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_title_keys_are_the_title_namespace_words(title):
    coded = text_tokens([title], title=True)
    assert key_strings(coded.keys) == title_tokens(title)
    assert key_strings(presence_keys(coded.characters, title=True)) == title_presence(title)


@settings(max_examples=200, deadline=None)
@given(texts, st.text(alphabet=ALPHABET, max_size=20))
def test_keys_sort_as_the_words_bytes(blocks, title):
    text, titled = text_tokens(blocks), text_tokens([title], title=True)
    keys = np.unique(np.concatenate([text.keys, titled.keys, presence_keys(text.characters),
                                     presence_keys(titled.characters, title=True)]))
    words = key_words(keys).tolist()
    assert words == sorted(words) and len(set(words)) == len(words)


def test_a_lone_surrogate_is_a_separator_as_in_normalize():
    blocks = ["教育\ud800科学", "ﬁ\u200b学"]
    assert key_strings(text_tokens(blocks).keys) == [token for block in blocks for token in index_tokens(block)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(range(6)), st.integers(-2, 2), st.integers(-1, 0x10FFFF)), min_size=1))
def test_word_ranges_cut_the_keys_where_they_cut_the_words(picked):
    """``postings.KEY_BOUNDS`` cut a page's keys where ``SHARD_BOUNDS`` cut its words' bytes,
    for words of every namespace at and beside each cut (and ``word_keys`` reads them back)."""
    cuts = [int(point) for point in (KEY_BOUNDS >> 21 & 0x1FFFFF).tolist()]
    keys = np.unique([word_key(namespace, max(0, cuts[k % len(cuts)] + step), second if namespace in (0, 2) else -1)
                      for k, (namespace, step, second) in enumerate(picked)])
    words = key_words(keys)
    assert np.array_equal(np.searchsorted(keys, KEY_BOUNDS), np.searchsorted(words, np.array(SHARD_BOUNDS, "S")))
    assert np.array_equal(word_keys([word.decode() for word in words.tolist()]), keys)


def test_the_search_page_looks_words_up_in_the_index_s_buckets():
    script = (Path(__file__).resolve().parents[2] / "site_builder/templates/static/search.js").read_text(encoding="utf-8")
    assert f"const BUCKETS = {BUCKETS};" in script
    page = text_tokens(["治理"])
    assert item_words(item_keys(page.keys, 3)).tolist() == [b"x0lh7", b"0lh70mx23", b"0mx2"]  # the bigram alone
