"""Passages a text layer printed twice (dedupe): the later copy goes, kept as a leftover,
whether a copy is whole, broken in two where a column ended, or repeated inside a line."""
from __future__ import annotations

from collections import Counter

from tests.ingest.accounting import unaccounted
from tests.ingest.genre_pages import CULTURE, GOVERNANCE, extract, page

FIRST, SECOND, THIRD = GOVERNANCE.paragraphs


def _texts(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    doc = extract(text)
    return [b.text for b in doc.articles[0].blocks], [(left.kind, left.text) for left in doc.leftovers]


def _article(*paragraphs: str) -> str:
    return page(GOVERNANCE.title, GOVERNANCE.byline, *paragraphs, "（作者单位：东江市委党校）",
                CULTURE.title, CULTURE.byline, *CULTURE.paragraphs)


def test_a_paragraph_printed_again_with_its_copy_broken_where_a_column_ended():
    blocks, leftovers = _texts(_article(FIRST, SECOND, SECOND[:30], SECOND[30:], THIRD))
    assert blocks == [FIRST, SECOND, THIRD]
    assert leftovers == [("duplicate", SECOND[:30]), ("duplicate", SECOND[30:])]


def test_a_paragraph_broken_where_a_column_ended_then_printed_again_whole():
    blocks, leftovers = _texts(_article(FIRST, SECOND[:30], SECOND[30:], SECOND, THIRD))
    assert blocks == [FIRST, SECOND, THIRD]
    assert leftovers == [("duplicate", SECOND)]


def test_a_paragraph_broken_in_two_and_printed_once_stays_whole():
    blocks, leftovers = _texts(_article(FIRST, SECOND[:30], SECOND[30:], THIRD))
    assert blocks == [FIRST, SECOND, THIRD]
    assert leftovers == []


def test_a_title_line_printed_twice_is_read_once_and_its_copy_kept():
    """The text layer doubled the title's line: the title is read once (from its raw lines
    too), the copy is a leftover, and every character is accounted for."""
    text = page(GOVERNANCE.title + "\n" + GOVERNANCE.title, GOVERNANCE.byline, *GOVERNANCE.paragraphs)
    doc = extract(text)
    assert [a.title for a in doc.articles] == [GOVERNANCE.title]
    assert [(left.kind, left.text) for left in doc.leftovers] == [("duplicate", GOVERNANCE.title)]
    assert unaccounted(text, doc) == (Counter(), Counter())


# a whole sentence of the first paragraph, set again alone as a pull quote
QUOTE = "近年来，各地坚持党建引领，推动资源下沉、力量下沉，基层治理效能不断提升。"


def test_a_pull_quote_between_two_lines_of_a_paragraph_goes_and_the_paragraph_reads_on():
    blocks, leftovers = _texts(_article(FIRST, SECOND[:30], QUOTE, SECOND[30:], THIRD))
    assert blocks == [FIRST, SECOND, THIRD]
    assert leftovers == [("duplicate", QUOTE)]


def test_a_pull_quote_set_before_the_paragraph_it_comes_from_goes():
    quote = SECOND[:SECOND.index("。") + 1]  # the paragraph's first sentence, printed above it
    blocks, leftovers = _texts(_article(FIRST, quote, SECOND, THIRD))
    assert blocks == [FIRST, SECOND, THIRD]
    assert leftovers == [("duplicate", quote)]


def test_a_heading_or_a_sentences_tail_printed_in_the_body_too_stays():
    """A subheading repeats a phrase of the body (no sentence's end); a line that ends as a
    sentence does but is printed in the body from a sentence's middle is no pull quote."""
    heading = "推动资源下沉、力量下沉"
    tail = "推动资源下沉、力量下沉，基层治理效能不断提升。"
    blocks, leftovers = _texts(_article(FIRST, heading, SECOND, tail, THIRD))
    assert blocks == [FIRST, heading, SECOND, tail, THIRD]
    assert leftovers == []


def test_a_pull_quote_copying_a_sentence_another_quote_interrupts_goes_too():
    """Quote B copies the sentence that quote A cuts in two: B is found once A is gone."""
    quote_a = THIRD[:THIRD.index("。") + 1]
    quote_b = SECOND[:SECOND.index("。") + 1]
    blocks, leftovers = _texts(_article(FIRST, SECOND[:5], quote_a, SECOND[5:], quote_b, THIRD))
    assert blocks == [FIRST, SECOND, THIRD]
    assert sorted(leftovers) == sorted([("duplicate", quote_a), ("duplicate", quote_b)])


def test_a_pull_quote_in_the_short_lines_of_a_narrow_box_goes_whole():
    lines = [QUOTE[k:k + 9] for k in range(0, len(QUOTE), 9)]
    blocks, leftovers = _texts(_article(FIRST, SECOND, *lines, THIRD))
    assert blocks == [FIRST, SECOND, THIRD]
    assert leftovers == [("duplicate", QUOTE)]


def test_when_the_sentence_is_printed_as_whole_lines_too_the_narrow_box_is_the_quote():
    """The quoted sentence is a paragraph of its own, so both printings are whole lines: the
    quote is the one set in shorter lines, wherever it stands."""
    sentence, rest = FIRST[:FIRST.index("。") + 1], FIRST[FIRST.index("。") + 1:]
    boxed = [sentence[k:k + 12] for k in range(0, len(sentence), 12)]
    for text in (_article(sentence, rest, SECOND, *boxed, THIRD), _article(*boxed, sentence, rest, SECOND, THIRD)):
        blocks, leftovers = _texts(text)
        assert blocks == [sentence, rest, SECOND, THIRD]
        assert leftovers == [("duplicate", sentence)]



CUT_HEAD = "我国风电、光伏发电装机"  # (a paragraph's first words, shaped like a subheading)
CUT_REST = "规模稳居世界第一。在西北的戈壁荒漠，一排排光伏板绵延数十公里，海上风电机组迎风转动。"


def test_a_pull_quote_that_cuts_a_paragraph_after_a_few_words_leaves_them_in_it():
    """A quote's box set into a column cuts a paragraph where it falls: the few words over it,
    shaped like a subheading, read on into the rest under it (a short first sentence there),
    where with no box between they would stand as a subheading."""
    blocks, leftovers = _texts(_article(FIRST, CUT_HEAD, QUOTE, CUT_REST, THIRD))
    assert blocks == [FIRST, CUT_HEAD + CUT_REST, THIRD]
    assert leftovers == [("duplicate", QUOTE)]
    blocks, _ = _texts(_article(FIRST, CUT_HEAD, CUT_REST, THIRD))
    assert blocks == [FIRST, CUT_HEAD, CUT_REST, THIRD]
    # (a subheading over the box, its paragraph opening with a sentence of its own, stays)
    blocks, _ = _texts(_article(FIRST, "加强红色资源保护", QUOTE, SECOND, THIRD))
    assert blocks == [FIRST, "加强红色资源保护", SECOND, THIRD]
