"""A paragraph of one short sentence, as commentary writes them, is body text: a lost
paragraph's tail (a short terminated piece that continues nothing) is not, and opens inside a
sentence."""
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
