"""The array steps of a page's items and a range's bytes give what their plain forms give."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.search import cborarrays
from site_builder.search.cborarrays import changes, gather, heads, offsets, without_runs
from site_builder.search.postings import _word_order
from site_builder.search.reproducible import head
from site_builder.search.tokens import text_tokens

_ints = st.lists(st.integers(0, 40), max_size=300)
# keys of any namespace (up to the largest), few of them so that words repeat
_keys = st.lists(st.sampled_from([0, 1, (5 << 42) | (0x4E00 << 21) | 7, (1 << 45) - 1, 3 << 42, 12345]), max_size=300)


@settings(max_examples=200, deadline=None)
@given(_keys, st.data())
def test_the_word_order_is_the_stable_order_by_word_then_weight(words, data):
    keys = np.array(words, np.int64)
    block_weights = data.draw(st.lists(st.sampled_from([48, 72, 168]), max_size=3))
    weights = np.array(data.draw(st.lists(st.sampled_from([*block_weights, 25]), min_size=len(words),
                                          max_size=len(words))), np.int64)
    distinct, ranks = np.unique(keys, return_inverse=True)
    expected = np.argsort(ranks << 8 | weights, kind="stable")
    ids, order, words_out = _word_order(keys, weights, block_weights)
    assert order.tolist() == expected.tolist()
    assert ids.tolist() == ranks[expected].tolist() and words_out.tolist() == distinct.tolist()


_boundaries = st.sampled_from([0, 23, 24, 255, 256, 65535, 65536, (1 << 32) - 1])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.one_of(_boundaries, st.integers(0, (1 << 32) - 1))), max_size=80))
def test_heads_are_the_cbor_heads_end_to_end(items):
    majors, values = np.array([m for m, _ in items], np.int64), np.array([v for _, v in items], np.int64)
    encoded, sizes = heads(majors, values)
    assert encoded.tobytes() == b"".join(head(m, v) for m, v in items)
    assert sizes.tolist() == [len(head(m, v)) for m, v in items]
    assert heads(4, values)[0].tobytes() == b"".join(head(4, v) for _, v in items)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 90), st.integers(0, 9)), max_size=60))
def test_gather_joins_the_runs(runs):
    buffer = np.arange(100, dtype=np.uint8)
    starts, lengths = np.array([s for s, _ in runs], np.int64), np.array([n for _, n in runs], np.int64)
    joined = b"".join(buffer[start:start + length].tobytes() for start, length in runs)
    assert gather(buffer, starts, lengths).tobytes() == joined


@given(_ints)
def test_changes_and_offsets(values):
    array = np.array(values, np.int64)
    assert changes(array).tolist() == [k == 0 or values[k] != values[k - 1] for k in range(len(values))]
    assert offsets(array).tolist() == [sum(values[:k]) for k in range(len(values) + 1)]


@given(st.lists(st.text(alphabet="中国式现代化 ，A1", max_size=12), max_size=5))
def test_a_text_s_characters_are_its_distinct_normalised_code_points(texts):
    tokens = text_tokens(texts)
    points = sorted({ord(c) for text in texts for c in text.lower() if c.isalnum()})
    assert tokens.characters.tolist() == points


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 4)), max_size=60), st.integers(0, 6), st.booleans())
def test_runs_taken_out_by_slices_are_those_np_delete_takes_out(runs, tail, by_mask):
    """Runs (gap before, length) end to end: the elements left are the same by slices as by
    ``np.delete`` (and so by the mask, taken for many runs)."""
    starts, lengths, at = [], [], 0
    for gap, length in runs:
        starts.append(at + gap)
        lengths.append(length)
        at += gap + length
    values = np.arange(at + tail, dtype=np.int64) * 7
    gone = [start + k for start, length in zip(starts, lengths, strict=True) for k in range(length)]
    expected = np.delete(values, np.array(gone, np.int64))
    limit = cborarrays.RUNS_BY_SLICES
    cborarrays.RUNS_BY_SLICES = 0 if by_mask else limit
    try:
        got = without_runs(values, np.array(starts, np.int64), np.array(lengths, np.int64))
    finally:
        cborarrays.RUNS_BY_SLICES = limit
    assert got.dtype == values.dtype and got.tolist() == expected.tolist()
