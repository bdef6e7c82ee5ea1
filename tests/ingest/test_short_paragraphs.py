"""A paragraph of one short sentence, as commentary writes them, is body text: a lost
paragraph's tail (a short terminated piece that continues nothing) is not. The tail opens
inside a sentence, where a column's top puts it (first in a body); a short paragraph follows
one that ends its sentence, and a cut paragraph elsewhere may still claim such a piece."""
from __future__ import annotations

import pytest

from tests.ingest.genre_pages import CULTURE, GOVERNANCE, extract, page

FIRST, SECOND, THIRD = GOVERNANCE.paragraphs


@pytest.mark.parametrize("short", ["怎么办？", "这是多么深刻的变化！", "实践证明，这条路走对了。"])
def test_a_question_an_exclamation_or_a_connective_led_sentence_stays_in_the_body(short):
    doc = extract(page(GOVERNANCE.title, GOVERNANCE.byline, FIRST, short, SECOND, THIRD,
                       CULTURE.title, CULTURE.byline, *CULTURE.paragraphs))
    assert [b.text for b in doc.articles[0].blocks] == [FIRST, short, SECOND, THIRD]
    assert doc.leftovers == []


@pytest.mark.parametrize("short", ["答案是肯定的。", "道理很简单。"])
def test_a_short_plain_statement_after_a_whole_paragraph_stays_in_the_body(short):
    doc = extract(page(GOVERNANCE.title, GOVERNANCE.byline, FIRST, short, SECOND, THIRD,
                       CULTURE.title, CULTURE.byline, *CULTURE.paragraphs))
    assert [b.text for b in doc.articles[0].blocks] == [FIRST, short, SECOND, THIRD]
    assert doc.leftovers == []


def test_a_short_statement_closing_an_article_stays_in_the_body():
    doc = extract(page(GOVERNANCE.title, GOVERNANCE.byline, FIRST, SECOND, THIRD, "路就在脚下。",
                       CULTURE.title, CULTURE.byline, *CULTURE.paragraphs))
    assert [b.text for b in doc.articles[0].blocks] == [FIRST, SECOND, THIRD, "路就在脚下。"]
    assert doc.leftovers == []


def test_a_lost_paragraphs_tail_at_the_top_of_a_body_is_a_fragment():
    # (the rest of a sentence whose start the page lost, where a column's top puts it)
    doc = extract(page(GOVERNANCE.title, GOVERNANCE.byline, "固好拓展好。", FIRST, SECOND, THIRD))
    assert [b.text for b in doc.articles[0].blocks] == [FIRST, SECOND, THIRD]
    assert [(left.kind, left.text) for left in doc.leftovers] == [("fragment", "固好拓展好。")]


def test_a_short_piece_after_a_paragraph_still_goes_to_the_paragraph_it_continues():
    # the page ends in mid-sentence (…联系群) and the sentence's rest was set after a whole
    # paragraph of another article; the page writes the pair at the junction (群众) elsewhere
    rest = "众的纽带。"
    doc = extract(page(CULTURE.title, CULTURE.byline, CULTURE.paragraphs[0], rest, *CULTURE.paragraphs[1:],
                       GOVERNANCE.title, GOVERNANCE.byline, FIRST, SECOND[:-len(rest)]))
    assert [b.text for b in doc.articles[0].blocks] == list(CULTURE.paragraphs)
    assert [b.text for b in doc.articles[1].blocks] == [FIRST, SECOND]
