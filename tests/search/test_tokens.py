"""The tokens coded as integer keys (site_builder.search.tokens) are the words of ``normalize``,
and their keys sort as the words' bytes do."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.search.normalize import index_tokens, presence_tokens, title_presence, title_tokens
from site_builder.search.tokens import key_strings, key_words, presence_keys, text_tokens

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
