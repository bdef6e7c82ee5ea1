"""Unit tests of the normalisation and the bigram token scheme (site_builder.search.normalize).

The central property: for every query part, Pagefind's exact phrase search (or the
presence word of a one-character part) over the index tokens finds a text if and only if the
text contains the part.
"""
from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.search.shadow import PART_CHARS, page_words, shadow_html
from site_builder.search.extract import extract
from site_builder.search.postings import token_positions
from site_builder.search.tokens import PHRASE_BUCKETS, page_bucket
from site_builder.search.normalize import (DIGITS, PRESENCE, START, TITLE, char_code, index_tokens, matches,
                                           normalize, plan_query, presence_tokens, run_tokens,
                                           t2s_table, title_presence, title_tokens)


def test_width_case_punctuation_and_traditional_fold_together():
    assert normalize("“新質生產力”，ＡＢＣ１２３　教育、科技!") == "新质生产力 abc123 教育 科技"
    assert normalize("教育,科技") == normalize("教育，科技") == normalize("教育、科技")
    assert normalize("城市\u200b治理") == "城市治理"  # zero-width space is dropped, not a break
    assert normalize("  。。") == ""


def test_fold_table_never_merges_two_simplified_characters():
    table = t2s_table()
    assert len(table) > 2000
    assert table["發"] == "发" and table["體"] == "体" and table["習"] == "习"
    assert not set(table) & set(table.values())
    for ambiguous in "乾於著":  # also used in simplified text: must stay as they are
        assert ambiguous not in table


def test_codes_are_fixed_width_unique_and_prefix_free():
    rng = random.Random(7)
    points = list(range(0x20, 0x3000, 7)) + list(range(0x3400, 0xA000)) + sorted({rng.randrange(0xA000, 0x110000) for _ in range(3000)})
    codes = {}
    for cp in points:
        code = char_code(chr(cp))
        assert set(code) <= set(DIGITS) and len(code) == 4  # fixed width: prefix-free
        assert code not in codes, (hex(cp), codes.get(code))
        codes[code] = cp
    assert not {c[0] for c in codes} & {START, PRESENCE, TITLE}  # the namespaces' marks start no code
    assert char_code(chr(0x10FFFF)) == "nvnj"


def test_namespaces_never_meet_the_text_tokens():
    text = "新质生产力，教育a1"
    words = index_tokens(text)
    marked = presence_tokens(text) + title_tokens(text) + title_presence(text)
    assert presence_tokens(text) == sorted({PRESENCE + char_code(c) for c in "新质生产力教育a1"})
    assert title_tokens("教育、科") == [TITLE + t for t in index_tokens("教育、科")]
    assert title_presence("教育、科") == presence_tokens("教育科", TITLE + PRESENCE)
    # Pagefind matches a word by prefix: no word of one kind may start another kind's word
    assert not [(m, w) for m in marked for w in words if w.startswith(m) or m.startswith(w)]
    boundaries = [w for w in words if w.startswith(START)]
    assert len(boundaries) == 1 and not [(s, w) for s in boundaries for w in words if w != s and w.startswith(s)]


def test_runs_are_written_as_bigrams_with_a_boundary_token_between_two():
    a, b, c = (char_code(x) for x in "生产力")
    assert run_tokens("生产力") == [a + b, b + c]
    assert run_tokens("生") == []
    assert index_tokens("新质生产力，教育") == [*run_tokens("新质生产力"), START + c + char_code("教"), *run_tokens("教育")]
    # a block's first run has no token before it, its last none after: a one-character block has none
    assert index_tokens("，生，") == [] and index_tokens("生、产") == [START + a + b]


def test_fragment_across_words_is_a_consecutive_token_sequence():
    tokens = index_tokens("发展新质生产力")
    plan = plan_query("产力")[0]
    assert plan.phrase and not plan.single
    assert _contains(tokens, list(plan.phrase))


def test_a_part_lies_inside_one_block():
    assert matches("教育、科", "加强教育、科技") and matches("教育 科技", "加强教育\n科技")
    assert not matches("教育、科", "加强教育\n科技")  # blocks: the index's phrases stop at their end


def test_query_plans():
    (single,) = plan_query("人")
    assert single.phrase == () and single.single == char_code("人")
    (punct,) = plan_query("教育、科技")  # a separator inside a part must be a run boundary
    assert punct.phrase == (*run_tokens("教育"), START + char_code("育") + char_code("科"), *run_tokens("科技"))
    (short,) = plan_query("教育、科")  # ends in one character after a separator: the boundary token
    assert short.phrase == (*run_tokens("教育"), START + char_code("育") + char_code("科")) and not short.single
    (middle,) = plan_query("育、科、技")  # a middle run is a whole text run: a boundary on either side
    assert middle.phrase == (START + char_code("育") + char_code("科"), START + char_code("科") + char_code("技"))
    assert [p.text for p in plan_query("城市　治理 城市")] == ["城市", "治理"]  # full-width space
    assert plan_query(" ，。 ") == []


def _contains(tokens: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(tokens[i:i + n] == phrase for i in range(len(tokens) - n + 1))


def _engine_finds(plan, tokens: list[str]) -> bool:
    """What Pagefind does with a plan: exact phrase = consecutive words; a single character =
    its presence word."""
    ok = True
    if plan.phrase:
        ok = ok and _contains(tokens, list(plan.phrase))
    if plan.single:
        ok = ok and PRESENCE + plan.single in tokens
    return ok


ALPHABET = "生产力新质教育科技治理a1，。 、“”發"
texts = st.text(alphabet=ALPHABET, min_size=0, max_size=40)


@settings(max_examples=600, deadline=None)
@given(texts, st.text(alphabet=ALPHABET, min_size=1, max_size=8))
def test_plans_find_exactly_the_texts_that_contain_the_part(text, query):
    tokens = index_tokens(text) + presence_tokens(text)
    plans = plan_query(query)
    assert plans or not normalize(query).strip(), query  # only separators plan nothing
    for plan in plans:
        truth = plan.text in " " + normalize(text) + " "  # the part, runs in order
        assert _engine_finds(plan, tokens) == truth, (text, query, plan)


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_every_substring_of_a_text_is_found(text, data):
    norm = normalize(text)
    if not norm.strip():
        return
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    query = text[i:j]
    plans = plan_query(query)
    if not plans:  # only a query of separators plans nothing (and matches nothing)
        assert not normalize(query).strip(), query
        return
    assert matches(query, text)
    tokens = index_tokens(text) + presence_tokens(text)
    assert all(_engine_finds(p, tokens) for p in plans)


PAGE = """<!doctype html><html lang="zh-CN"><body><nav>导航 治理</nav>
<article data-pagefind-body><h1>城市治理 &amp; 发展</h1><p class="byline"><a href="/a/">伍爱群</a></p>
<div><p>第一段，<em>治理</em>能力。</p><script>var x = "不应索引";</script><p>第二段</p></div>
<div class="search-fields" hidden data-pagefind-ignore><span data-pagefind-meta="title">城市治理 &amp; 发展</span>
<span data-pagefind-filter="主题">城市治理</span><span data-pagefind-filter="作者">伍爱群</span></div>
</article><footer>页脚 不应索引</footer></body></html>"""


def test_extract_reads_only_the_body_without_ignored_parts():
    record = extract(PAGE)
    assert [(b.level, b.text) for b in record.blocks] == [
        (1, "城市治理 & 发展"), (0, "伍爱群"), (0, "第一段，治理能力。"), (0, "第二段")]
    assert record.filters == {"主题": ["城市治理"], "作者": ["伍爱群"]}
    assert record.meta == {"title": "城市治理 & 发展"}
    assert extract("<html><body><p>没有正文标记</p></body></html>") is None


def test_shadow_page_holds_tokens_not_text():
    page = page_words("/d/", extract(PAGE))
    html = shadow_html(page, "zh-cn")
    body = html.split("<main data-pagefind-body>")[1].split("</main>")[0]
    # the text's bigrams with the digit of the page's bucket modulo PHRASE_BUCKETS, its
    # presence words with the page's bucket (one of BUCKETS)
    assert page_bucket("/d/") >= PHRASE_BUCKETS
    digit = DIGITS[page_bucket("/d/") % PHRASE_BUCKETS]
    bucketed = [token + digit if len(token) == 8 else token for token in run_tokens("第二段")]
    assert "治理" not in body and " ".join(bucketed) in body
    assert '<h1>' in body
    digit = DIGITS[page_bucket("/d/")]
    assert " ".join(token + digit for token in presence_tokens("城市治理发展伍爱群第一段能力二")) in body
    assert " ".join(title_tokens("城市治理 & 发展")) in body
    assert " ".join(title_presence("城市治理 & 发展")) in body
    assert 'data-pagefind-filter="主题">城市治理<' in html
    # nothing readable is indexed (Pagefind 1.5 indexes meta as words): the fragment gets it
    assert not re.search(r"[\u4e00-\u9fff]", body)
    assert page.fields == {"title": "城市治理 & 发展", "body_at": "0"}
    assert page.parts == [(0, "城市治理 & 发展\n伍爱群\n第一段，治理能力。\n第二段")]


LONG_PAGE = ("<!doctype html><html><body><article data-pagefind-body><h1>标题，治理</h1>"
             "<p>作者名</p>" + "".join(f"<p>第{k}段。" + "城市治理能力现代化，" * 30 + "</p>" for k in range(6))
             + "</article></body></html>")


def test_text_parts_are_the_text_in_blocks_each_with_its_first_word_position():
    record = extract(LONG_PAGE)
    page = page_words("/a/", record)
    starts = [start for start, _ in page.parts]
    texts = [text for _, text in page.parts]
    assert "\n".join(texts) == "\n".join(b.text for b in record.blocks)  # nothing lost, nothing added
    # a part for title and byline, then parts of whole paragraphs from the running text on
    assert texts[0] == "标题，治理\n作者名" and page.fields["body_at"] == str(starts[1])
    assert all(len(text) >= PART_CHARS for text in texts[1:-1]) and len(texts) >= 3
    # a part's first word position is where its first block's words are in the page's words
    words = [token for _, tokens in page.blocks for token in tokens]
    at = dict(zip(token_positions([size for _, size in page.block_sizes]).tolist(), words, strict=True))
    for start, text in page.parts:
        first = index_tokens(text.split("\n")[0])
        assert [at.get(start + k) for k in range(len(first))] == first
