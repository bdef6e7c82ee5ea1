"""A main title with a dash subtitle printed under it: the title is both, as printed."""
from __future__ import annotations

import pytest

from tests.ingest.genre_pages import CULTURE, GOVERNANCE, body, extract, page


@pytest.mark.parametrize("subtitle", ["——以东江市为例", "—— 以东江市为例"])
def test_the_subtitle_is_the_second_half_of_the_title(subtitle):
    text = page("【学思践悟】", GOVERNANCE.title, subtitle, GOVERNANCE.byline, body(GOVERNANCE.paragraphs),
                "（作者单位：东江市委党校）")
    doc = extract(text)
    article = doc.articles[0]
    assert (article.title, article.kicker, article.authors) == (
        GOVERNANCE.title + "——以东江市为例", "【学思践悟】", ["张明远"])
    assert article.blocks[0].text == GOVERNANCE.paragraphs[0]


def test_a_second_article_with_a_subtitle_and_its_byline_after_the_body():
    text = page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs), "（作者单位：东江市委党校）",
                CULTURE.title, "——来自西岭乡村的调查", body(CULTURE.paragraphs), CULTURE.byline)
    doc = extract(text)
    assert [(a.title, a.kicker, a.authors) for a in doc.articles] == [
        (GOVERNANCE.title, None, ["张明远"]), (CULTURE.title + "——来自西岭乡村的调查", None, ["李晓红"])]


def test_a_head_with_a_subtitle_and_no_article_after_it_is_kept_as_leftovers():
    """(the article runs on another page: its title, subtitle and byline stay on this one)"""
    text = page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs), "（作者单位：东江市委党校）",
                CULTURE.title, "——来自西岭乡村的调查", CULTURE.byline)
    doc = extract(text)
    assert [a.title for a in doc.articles] == [GOVERNANCE.title]
    assert any("来自西岭乡村的调查" in left.text for left in doc.leftovers)


def test_a_subtitle_under_a_kicker_printed_after_the_title():
    """Title, its kicker printed below it, then the dash subtitle: the subtitle is still the
    title's second half (a line opening with a dash is never a title)."""
    text = page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs), "（作者单位：东江市委党校）",
                CULTURE.title, "学习贯彻全会精神", "——来自西岭乡村的调查", CULTURE.byline, body(CULTURE.paragraphs),
                "（作者系南屏大学教授）")
    doc = extract(text)
    assert [(a.title, a.kicker, a.authors) for a in doc.articles] == [
        (GOVERNANCE.title, None, ["张明远"]),
        (CULTURE.title + "——来自西岭乡村的调查", "学习贯彻全会精神", ["李晓红"])]
