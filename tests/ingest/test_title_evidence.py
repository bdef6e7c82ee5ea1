"""Where a second article begins in mid-page: titles decided from their shape and what
stands around them (a kicker above, a separator between two bylined articles), not only
from the length of the piece of body a column cut leaves after them."""
from __future__ import annotations

import pytest

from tests.ingest.genre_pages import CULTURE, DIGITAL, GOVERNANCE, body, column, extract, heads, page

WIDTH = 14


def _cut_first_paragraph(paragraphs: tuple[str, ...], keep: int) -> str:
    """A column cut `keep` characters into the first paragraph: a short piece, a blank line
    (the next column), and the rest."""
    first = paragraphs[0]
    return (column(first[:keep], WIDTH) + "\n\n" + column(first[keep:], WIDTH, indent=False) + "\n"
            + body(paragraphs[1:], WIDTH))


@pytest.mark.parametrize("kicker", ["【学思践悟】", "“乡村振兴”笔谈", "学习贯彻党的二十届三中全会精神"])
def test_a_kicker_then_a_title_after_a_finished_article_opens_an_article(kicker):
    text = page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs, WIDTH),
                kicker, CULTURE.title, _cut_first_paragraph(CULTURE.paragraphs, 12),
                "（作者系南屏大学马克思主义学院教授）")
    doc = extract(text)
    assert [(a.title, a.kicker) for a in doc.articles] == [(GOVERNANCE.title, None), (CULTURE.title, kicker)]
    assert doc.articles[1].affiliation == "南屏大学马克思主义学院教授"
    assert doc.articles[1].blocks[0].text == CULTURE.paragraphs[0]
    assert all(b.type == "paragraph" for a in doc.articles for b in a.blocks)


def _signed_late(kicker: str, keep: int) -> str:
    """A closed article, then a kicker, a title and a body cut `keep` characters into its
    first paragraph, its byline printed after it."""
    return page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs, WIDTH), "（作者单位：东江市委党校）",
                kicker, DIGITAL.title, _cut_first_paragraph(DIGITAL.paragraphs, keep), DIGITAL.byline,
                "（作者系南屏大学马克思主义学院教授）")


def test_a_plain_column_name_over_a_title_and_a_short_piece_of_its_body():
    """A column's name set as plain words (思想纵横, no bracket or campaign form) where an
    article opens, over a title whose first piece of body a column cut short, the byline
    printed after the body: the line under the name is the title (before: no title was
    found and the name was read as one). The piece runs on into the text under it (经|济)."""
    doc = extract(_signed_late("思想纵横", 7))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (DIGITAL.title, ["王海涛"])]
    assert doc.articles[1].kicker == "思想纵横" and doc.articles[1].blocks[0].text == DIGITAL.paragraphs[0]


def test_a_short_piece_under_a_title_whose_rest_opens_bound_runs_on():
    """The rest of the cut paragraph opens on 的, bound to what precedes it: the piece above
    (制造业是实体经济) is body, not the title's second line (before: joined to the title)."""
    doc = extract(_signed_late("【学思践悟】", 8))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (DIGITAL.title, ["王海涛"])]
    assert doc.articles[1].blocks[0].text == DIGITAL.paragraphs[0]


def test_a_subheading_after_a_finished_paragraph_stays_in_its_article():
    """Without a kicker above it, a title-shaped line before a short piece is a subheading."""
    text = page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs, WIDTH),
                "坚持党建引领，激活治理动能", _cut_first_paragraph(CULTURE.paragraphs, 12))
    doc = extract(text)
    assert [a.title for a in doc.articles] == [GOVERNANCE.title]
    assert [b.type for b in doc.articles[0].blocks].count("heading") == 1


@pytest.mark.parametrize("separator", ["* * *", "＊＊＊", "☆☆☆"])
def test_a_separator_between_two_bylined_articles_parts_them(separator):
    text = page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs),
                separator, CULTURE.title, body(CULTURE.paragraphs), CULTURE.byline)
    doc = extract(text)
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"])]


def test_a_separator_between_two_sections_of_one_article_parts_nothing():
    text = page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs),
                "* * *", "坚持党建引领，激活治理动能", body(CULTURE.paragraphs), "（作者单位：东江市委党校）")
    doc = extract(text)
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"])]
    assert doc.articles[0].affiliation == "东江市委党校"


def test_a_separator_over_a_section_of_an_article_without_closing_lines_parts_nothing():
    """The article prints no closing lines and the next article's byline stands under its
    title: that byline closes no text of the section under the separator, which stays in
    its article (before: the separator read as one between two signed articles)."""
    text = page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs),
                "* * *", "坚持党建引领，激活治理动能", body(DIGITAL.paragraphs),
                CULTURE.title, CULTURE.byline, body(CULTURE.paragraphs))
    doc = extract(text)
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"])]
    assert [b.type for b in doc.articles[0].blocks].count("heading") == 1


def test_a_numbered_subheading_at_the_top_of_a_continued_article_is_not_its_title():
    text = page("三、坚持系统观念，增强治理合力", body(GOVERNANCE.paragraphs[1:]), "（作者单位：东江市委党校）",
                CULTURE.title, CULTURE.byline, body(CULTURE.paragraphs))
    doc = extract(text)
    first = doc.articles[0]
    assert first.title_inferred and first.title != "三、坚持系统观念，增强治理合力"
    assert (first.blocks[0].type, first.blocks[0].text) == ("heading", "三、坚持系统观念，增强治理合力")
    assert doc.articles[1].title == CULTURE.title
