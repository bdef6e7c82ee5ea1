"""A second article in mid-page: the column's name above its title (a word or two on a line
of its own after a closed article) is its kicker, and a column's foot a few characters into
its first paragraph leaves a first piece that is no subheading."""
from __future__ import annotations

import pytest

from tests.ingest.genre_pages import CULTURE, DIGITAL, GOVERNANCE, body, column, extract, page


@pytest.mark.parametrize("name", ["思想纵横", "理论前沿"])
def test_a_column_name_between_a_closed_article_and_a_title_is_its_kicker(name):
    doc = extract(page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs), "（作者单位：东江市委党校）",
                       name, CULTURE.title, CULTURE.byline, body(CULTURE.paragraphs)))
    assert [(a.title, a.kicker) for a in doc.articles] == [(GOVERNANCE.title, None), (CULTURE.title, name)]
    assert not doc.leftovers


def test_a_short_first_piece_under_the_head_is_the_first_paragraph_cut():
    first = DIGITAL.paragraphs[0]
    cut = column(first[:6]) + "\n\n" + column(first[6:], indent=False)
    doc = extract(page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs), "（作者单位：东江市委党校）",
                       "学习贯彻全会精神", DIGITAL.title, DIGITAL.byline, cut, body(DIGITAL.paragraphs[1:])))
    article = doc.articles[1]
    assert [b.type for b in article.blocks] == ["paragraph"] * 3
    assert article.blocks[0].text == first


def test_a_column_name_under_a_rule_after_an_article_without_closing_lines():
    """A rule (——) closes the article above, which prints no closing lines of its own: the
    short line under it, above the next title, is that title's column name (even when it
    parses as a four-character name)."""
    doc = extract(page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs), "——",
                       "治理之道", CULTURE.title, CULTURE.byline, body(CULTURE.paragraphs), "（作者单位：东江市委党校）"))
    assert [(a.title, a.kicker) for a in doc.articles] == [(GOVERNANCE.title, None), (CULTURE.title, "治理之道")]
    assert [b.text for b in doc.articles[0].blocks] == list(GOVERNANCE.paragraphs)
