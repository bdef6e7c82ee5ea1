"""A byline printed away from its article (after the next article) goes back to the article
that has none, in page order; two articles read as one because both bylines follow both
bodies are parted at the one title-shaped line between them."""
from __future__ import annotations

from tests.ingest.genre_pages import CULTURE, DIGITAL, GOVERNANCE, body, extract, heads, page


def test_a_byline_printed_after_the_next_article_goes_back_to_its_article():
    doc = extract(page(GOVERNANCE.title, body(GOVERNANCE.paragraphs),
                       CULTURE.title, CULTURE.byline, body(CULTURE.paragraphs), GOVERNANCE.byline))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"])]
    assert not [left for left in doc.leftovers if left.kind == "byline"]
    assert "byline-after-body" in [w.code for w in doc.articles[0].warnings]


def test_bylines_of_two_articles_after_the_third_go_back_in_page_order():
    doc = extract(page(GOVERNANCE.title, body(GOVERNANCE.paragraphs), "（作者单位：东江市委党校）",
                       CULTURE.title, body(CULTURE.paragraphs), "（作者系南屏大学教授）",
                       DIGITAL.title, DIGITAL.byline, body(DIGITAL.paragraphs),
                       GOVERNANCE.byline, CULTURE.byline))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"]), (DIGITAL.title, ["王海涛"])]


def test_two_articles_with_both_bylines_after_both_bodies_are_parted_at_the_title():
    doc = extract(page(GOVERNANCE.title, body(GOVERNANCE.paragraphs), CULTURE.title, body(CULTURE.paragraphs),
                       GOVERNANCE.byline, CULTURE.byline, "（作者系南屏大学教授）"))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"])]
    assert [a.affiliation for a in doc.articles] == [None, "南屏大学教授"]
    assert doc.articles[1].blocks[0].text == CULTURE.paragraphs[0]


def test_an_article_with_its_sections_and_two_byline_lines_stays_one():
    """Subheadings come two or more to an article: which of them would be a title is not
    known, so nothing is parted."""
    doc = extract(page(GOVERNANCE.title, body(GOVERNANCE.paragraphs[:1]),
                       "健全组织体系，夯实治理根基", body(CULTURE.paragraphs),
                       "完善服务机制，回应群众期盼", body(DIGITAL.paragraphs),
                       GOVERNANCE.byline, CULTURE.byline))
    assert [a.title for a in doc.articles] == [GOVERNANCE.title]
    assert [b.type for b in doc.articles[0].blocks].count("heading") == 2


def test_an_unmarked_byline_after_the_next_articles_closing_lines_goes_back():
    doc = extract(page(GOVERNANCE.title, body(GOVERNANCE.paragraphs), "（作者单位：东江市委党校）",
                       CULTURE.title, "李晓红", body(CULTURE.paragraphs), "（作者系南屏大学教授）",
                       "张明远", "“三农”时评", DIGITAL.title, DIGITAL.byline, body(DIGITAL.paragraphs)))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"]), (DIGITAL.title, ["王海涛"])]
    assert not doc.leftovers


def test_a_byline_at_the_foot_above_the_page_slogan_goes_back():
    """The displaced byline is the last line of the articles; the page's slogan under it is
    page matter, not a body that would make the byline an untitled article's."""
    doc = extract(page(GOVERNANCE.title, body(GOVERNANCE.paragraphs), "（作者单位：东江市委党校）",
                       CULTURE.title, CULTURE.byline, body(CULTURE.paragraphs), "（作者系南屏大学教授）",
                       GOVERNANCE.byline, "奋力谱写新时代新篇章！"))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"])]
    assert [(left.kind, left.text) for left in doc.leftovers] == [("slogan", "奋力谱写新时代新篇章！")]


def test_a_displaced_byline_skips_an_article_signed_by_its_unit_under_the_title():
    """An unsigned article prints its writer's unit under its title and no name: a byline
    printed after the next article belongs to the article after it that has none."""
    doc = extract(page(GOVERNANCE.title, "（作者单位：东江市委党校）", body(GOVERNANCE.paragraphs),
                       "（原载5月6日《光明日报》）", CULTURE.title, body(CULTURE.paragraphs),
                       DIGITAL.title, DIGITAL.byline, body(DIGITAL.paragraphs), CULTURE.byline))
    assert heads(doc) == [(GOVERNANCE.title, []), (CULTURE.title, ["李晓红"]), (DIGITAL.title, ["王海涛"])]


def test_a_short_line_between_paragraphs_that_no_reading_in_turns_confirms_is_no_byline():
    """A two-character line between two paragraphs that is no word of the dictionary (余论)
    reads as a line of names: taken for the byline of an article read in turns with another,
    it is text of its article again when no reading in turns moves a passage (it opened an
    article of its own)."""
    paragraphs = list(GOVERNANCE.paragraphs)
    doc = extract(page(GOVERNANCE.title, GOVERNANCE.byline, body(paragraphs[:2]), "余论", body(paragraphs[2:]),
                       "（作者单位：东江市委党校）"))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"])]
    assert "余论" in "".join(b.text for b in doc.articles[0].blocks)
    assert doc.articles[0].affiliation == "东江市委党校"


def test_a_title_set_over_two_lines_under_a_byline_printed_away_from_its_article():
    """A byline printed away from its article stands after the closing lines of an article
    that has its head: a head opens under it, and a head set over two lines there is one
    title (the byline goes back to the article that has none)."""
    doc = extract(page(GOVERNANCE.title, body(GOVERNANCE.paragraphs), "（作者单位：东江市委党校）",
                       CULTURE.title, CULTURE.byline, body(CULTURE.paragraphs), "（作者系南屏大学教授）",
                       GOVERNANCE.byline, "推动数字经济和", "实体经济深度融合", DIGITAL.byline, body(DIGITAL.paragraphs)))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"]), (DIGITAL.title, ["王海涛"])]
