"""The twins and quads of common bigrams (site_builder.search.heavy): a part's search words
find a text exactly when it holds the part, as its bigram phrase does, and look up fewer or
rarer words."""
from __future__ import annotations

import json

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from site_builder.search.heavy import (HEAVY_COUNT, HEAVY_FILE, HEAVY_FOLDER, HEAVY_PARTS, heavy_bigrams, heavy_files,
                                       heavy_lows, heavy_ranks, make_heavy, search_words)
from site_builder.search.normalize import PRESENCE, QUAD, TWIN, normalize, plan_query, t2s_table
from site_builder.search.tokens import key_strings, presence_keys, text_tokens

# the characters of listed bigrams one after the other (城市, 治理, 体系, 能力, 现代), others, separators
ALPHABET = "城市治理体系能力现代化的，、 a1"


def _engine_finds(words: tuple[str, ...], twin: bool, blocks: list[str]) -> bool:
    """What Pagefind does with the search words over the blocks' index words: a twin or a
    presence word, the page holds it; else the words at consecutive positions (a quad at
    its first bigram's, a block's tokens one after the other, blocks apart)."""
    coded = text_tokens(blocks)
    if twin or words[0].startswith(PRESENCE):
        return words[0] in key_strings(coded.twins) + key_strings(presence_keys(coded.characters))
    at: dict[str, set[int]] = {}
    gap = 0
    for k, word in enumerate(key_strings(coded.keys)):
        gap += 2 if k in coded.starts[1:] else 0  # a position left free between blocks
        at.setdefault(word, set()).add(k + gap)
    for word, k in zip(key_strings(coded.quads), coded.quad_at.tolist(), strict=True):
        at.setdefault(word, set()).add(k + 2 * sum(start <= k for start in coded.starts[1:]))
    return any(all(first + i in at.get(word, ()) for i, word in enumerate(words)) for first in at.get(words[0], ()))


@settings(max_examples=800, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=30), min_size=1, max_size=3), st.text(alphabet=ALPHABET, min_size=1, max_size=9))
@example(["城市治理体系的能力现代化"], "城市治理体系")
@example(["城市治理，体系"], "城市治理体系")
@example(["能力现代化"], "力现代化")
@example(["城市治理"], "治理")
def test_search_words_find_exactly_the_texts_that_hold_the_part(blocks, query):
    for plan in plan_query(query):
        truth = any(plan.text in " " + normalize(block) + " " for block in blocks)
        words, twin = search_words(plan)
        assert _engine_finds(words, twin, blocks) == truth, (blocks, query, words)


def test_common_bigrams_are_looked_up_as_twins_and_quads():
    assert search_words(plan_query("治理")[0]) == ((TWIN + "0lh70mx2",), True)
    assert search_words(plan_query("城市治")[0]) == (("0hce0iki", "0iki0lh7"), False)  # 市治 is no common word
    # 城市治理体系: 城市治理, 市治, 治理体系 (the quad at the end covers 理体 and 体系)
    words, twin = search_words(plan_query("城市治理體系")[0])
    assert not twin and [word[0] for word in words] == [QUAD, "0", QUAD] and len(words[1]) == 8
    # a phrase over two runs: the quad inside the first run, its last bigram and the boundary kept
    words, _ = search_words(plan_query("城市治理、体系")[0])
    assert words[0].startswith(QUAD) and words[2:] == ("0lh70mx2", "x0mx20fo3", "0fo30oor")


def test_the_list_is_jieba_s_commonest_two_character_words():
    import jieba
    from pathlib import Path

    assert json.loads(HEAVY_FILE.read_text(encoding="utf-8")) == make_heavy(Path(jieba.__file__).with_name("dict.txt"))
    listed = heavy_bigrams()
    assert len(listed) == HEAVY_COUNT and list(listed) == sorted(listed) and {"发展", "城市", "治理"} <= set(listed)


def test_the_search_page_s_parts_are_the_list():
    files = heavy_files()
    # written by: python -m site_builder.search.heavy
    assert {f.name: f.read_text(encoding="utf-8") for f in HEAVY_FOLDER.iterdir()} == files
    parts = {int(name.split(".")[0]): json.loads(text) for name, text in files.items()}
    held = {n: {joined[k:k + 2] for k in range(0, len(joined), 2)} for n, joined in parts.items()}
    assert set().union(*held.values()) == set(heavy_bigrams())
    # part n: the bigrams whose first character is n modulo HEAVY_PARTS, or is what such a
    # character folds to (the parts of a query as typed cover its folded characters)
    firsts = {n: {c for c in map(chr, range(0x4E00, 0xA000)) if ord(c) % HEAVY_PARTS == n} for n in parts}
    folded_from: dict[str, set[int]] = {}
    for traditional, simplified in t2s_table().items():
        folded_from.setdefault(simplified, set()).add(ord(traditional) % HEAVY_PARTS)
    for n, bigrams in held.items():
        assert bigrams == {b for b in heavy_bigrams() if b[0] in firsts[n] or n in folded_from.get(b[0], ())}
    assert "体系" in held[ord("體") % HEAVY_PARTS] and ord("體") % HEAVY_PARTS != ord("体") % HEAVY_PARTS


_points = st.one_of(st.sampled_from(sorted({ord(c) for b in heavy_bigrams() for c in b})), st.integers(0, 0x10FFFF))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_points, _points), max_size=200), st.lists(st.integers(0, HEAVY_COUNT - 1), max_size=50))
def test_a_bigram_s_rank_is_its_place_in_the_list(pairs, listed_ranks):
    """The table of rows and columns gives what a search of the sorted list gives."""
    listed = heavy_lows()
    lows = np.array([first << 21 | (second + 1) for first, second in pairs] + listed[listed_ranks].tolist(), np.int64)
    found = np.searchsorted(listed, lows)
    expected = [int(at) if at < len(listed) and listed[at] == low else -1 for at, low in zip(found.tolist(), lows.tolist(), strict=True)]
    assert heavy_ranks(lows).tolist() == expected
