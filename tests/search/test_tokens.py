"""The tokens coded as integer keys (site_builder.search.tokens) are the words of ``normalize``,
and their keys sort as the words' bytes do."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from site_builder.search.heavy import HEAVY_COUNT, heavy_bigrams
from site_builder.search.normalize import (QUAD, TWIN, char_code, index_tokens, normalize, presence_tokens, title_presence,
                                           title_tokens)
from site_builder.search.postings import KEY_BOUNDS, SHARD_BOUNDS
from site_builder.search.tokens import (BUCKETS, PHRASE_BUCKETS, item_keys, item_words, key_strings, key_words, presence_keys, text_tokens,
                                        word_key, word_keys)

# CJK, traditional-only and compatibility forms, full-width, Latin, digits, marks, format
# characters, punctuation, white space and a character beyond the BMP
ALPHABET = "新质生產力發展教育城市治理、，。！ＡＢＣａ１２3xYz\u0301\u200b\ufe0f \n\t-·()㈱ﬁ\U00020000\U0010fffd"
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
                                     presence_keys(titled.characters, title=True), text.quads, text.twins]))
    words = key_words(keys).tolist()
    assert words == sorted(words) and len(set(words)) == len(words)


def test_a_lone_surrogate_is_a_separator_as_in_normalize():
    blocks = ["教育\ud800科学", "ﬁ\u200b学"]
    assert key_strings(text_tokens(blocks).keys) == [token for block in blocks for token in index_tokens(block)]


@settings(max_examples=300, deadline=None)
@given(texts)
@example(["城市治理體系的建设，发展教育", "治理"])
def test_quads_and_twins_are_those_of_the_listed_bigrams(blocks):
    """A twin for each listed bigram of the texts; a quad ``v`` + four codes where two listed
    bigrams follow one another in a run, at the index of the first one's token."""
    listed = set(heavy_bigrams())
    quads, twins, before = [], set(), 0
    for block in blocks:
        tokens = index_tokens(block)
        at = before
        for k, run in enumerate(normalize(block).split()):
            at += k > 0  # the boundary token before a run but the first
            for i in range(len(run) - 1):
                twins |= {run[i:i + 2]} & listed
                if i + 3 < len(run) and {run[i:i + 2], run[i + 2:i + 4]} <= listed:
                    quads.append((QUAD + "".join(map(char_code, run[i:i + 4])), at + i))
            at += len(run) - 1
        before += len(tokens)
    coded = text_tokens(blocks)
    assert list(zip(key_strings(coded.quads), coded.quad_at.tolist(), strict=True)) == quads
    assert key_strings(coded.twins) == sorted(TWIN + "".join(map(char_code, bigram)) for bigram in twins)
    assert np.array_equal(word_keys(key_strings(coded.quads)), coded.quads)
    assert not len(text_tokens(blocks, title=True).quads)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(range(8)), st.integers(-2, 2), st.integers(-1, 0x10FFFF)), min_size=1))
def test_word_ranges_cut_the_keys_where_they_cut_the_words(picked):
    """``postings.KEY_BOUNDS`` cut a page's keys where ``SHARD_BOUNDS`` cut its words' bytes,
    for words of every namespace at and beside each cut (and ``word_keys`` reads them back)."""
    cuts = [int(point) for point in (KEY_BOUNDS >> 21 & 0x1FFFFF).tolist()]
    keys = np.unique([word_key(namespace, max(0, cuts[k % len(cuts)] + step) % HEAVY_COUNT, second % HEAVY_COUNT)
                      if namespace == 1 else  # a quad: two ranks of listed bigrams
                      word_key(namespace, max(0, cuts[k % len(cuts)] + step),
                               max(0, second) if namespace == 2 else second if namespace in (0, 3, 4, 5) else -1)
                      for k, (namespace, step, second) in enumerate(picked)])
    words = key_words(keys)
    assert np.array_equal(np.searchsorted(keys, KEY_BOUNDS), np.searchsorted(words, np.array(SHARD_BOUNDS, "S")))
    assert np.array_equal(word_keys([word.decode() for word in words.tolist()]), keys)


def test_the_search_page_looks_words_up_in_the_index_s_buckets():
    script = (Path(__file__).resolve().parents[2] / "site_builder/templates/static/search.js").read_text(encoding="utf-8")
    assert f"const BUCKETS = {BUCKETS};" in script and f"const PHRASE_BUCKETS = {PHRASE_BUCKETS};" in script
    page = text_tokens(["治理，城"])
    assert item_words(item_keys(page.keys, 3)).tolist() == [b"0lh70mx23", b"x0mx20hce"]  # the bigram alone
    # a page of bucket 13: its bigrams in bucket 13 % 4, its presence words and twins in 13
    assert BUCKETS == 16 and PHRASE_BUCKETS == 4
    assert item_words(item_keys(page.keys, 13)).tolist() == [b"0lh70mx21", b"x0mx20hce"]
    assert item_words(item_keys(presence_keys(np.array([ord("治")])), 13)).tolist() == [b"z0lh7d"]
