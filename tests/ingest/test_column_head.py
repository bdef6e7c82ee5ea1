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


def _first_article_closed() -> tuple[str, ...]:
    return GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs), "（作者单位：东江市委党校）"


def test_a_byline_under_a_title_and_its_late_kicker_heads_a_short_first_piece():
    """The kicker printed after its title, then the byline: the short piece under the byline
    is the first paragraph's, cut by a column's foot, not another title."""
    first = DIGITAL.paragraphs[0]
    doc = extract(page(*_first_article_closed(), DIGITAL.title, "【理论热点】", DIGITAL.byline,
                       column(first[:9]), column(first[9:], indent=False), body(DIGITAL.paragraphs[1:])))
    assert [(a.title, a.kicker) for a in doc.articles] == [(GOVERNANCE.title, None), (DIGITAL.title, "【理论热点】")]
    assert [b.text for b in doc.articles[1].blocks] == list(DIGITAL.paragraphs)


def test_a_marked_column_name_over_a_signed_title_is_its_kicker():
    """A page that marks its heads (## …) marks the kicker too: over a title that stands over
    its byline, the marked line is the kicker, however short the piece of body under the head."""
    first = DIGITAL.paragraphs[0]
    doc = extract(page(*_first_article_closed(), "## 思想纵横", DIGITAL.title, "王海涛",
                       column(first[:6]), column(first[6:], indent=False), body(DIGITAL.paragraphs[1:])))
    assert [(a.title, a.kicker) for a in doc.articles] == [(GOVERNANCE.title, None), (DIGITAL.title, "思想纵横")]
    assert [b.text for b in doc.articles[1].blocks] == list(DIGITAL.paragraphs)


@pytest.mark.parametrize(("seed", "other"), [(750_002, "byline-after"), (750_002, "kicker-after"),
                                             (750_000, "markdown")])
def test_a_mid_page_head_with_a_short_first_piece_in_other_forms(seed, other):
    """Simulator pages (seeds misread before): a mid-page head whose first piece of body a
    column cut short, with its byline printed after the body (the piece, as wide as the title
    and over a rest opening on the copula 是, is no second title line), its kicker printed
    after the title, or its kicker marked as the page marks heads."""
    from tests.ingest.sim import make_page
    from tests.ingest.sim.check import extract_page, page_problems

    page = make_page(seed, "x", ["mid-page-kicker", other])
    assert page_problems(page, extract_page(page, f"mid-page-{other}.txt")) == []
