"""Heads in the orders and forms other papers print them: the summary under another label,
the byline under the summary, the reprint line under the byline, the writers' unit on the
line under their names. Each is read into the article's fields; none opens an article."""
from __future__ import annotations

from collections import Counter

import pytest

from tests.ingest.accounting import unaccounted
from tests.ingest.genre_pages import CULTURE, GOVERNANCE, extract, page

SUMMARY = "基层治理是国家治理的基石，要坚持党建引领。"


def _first(*head: str, foot: tuple[str, ...] = ()):
    text = page(*head, *GOVERNANCE.paragraphs, *foot, CULTURE.title, CULTURE.byline, *CULTURE.paragraphs)
    doc = extract(text)
    assert [a.title for a in doc.articles] == [GOVERNANCE.title, CULTURE.title]
    assert [b.text for b in doc.articles[0].blocks] == list(GOVERNANCE.paragraphs)
    assert unaccounted(text, doc) == (Counter(), Counter())
    return doc.articles[0]


@pytest.mark.parametrize("label", ["核心阅读", "阅读提示", "【核心阅读】"])
def test_a_summary_under_another_papers_label(label):
    assert _first(GOVERNANCE.title, GOVERNANCE.byline, label, SUMMARY).summary == SUMMARY


@pytest.mark.parametrize("summary", [(SUMMARY,), ("●基层治理是国家治理的基石，关键在基层", "●以高质量党建引领基层治理，把组织优势转化为治理效能")])
@pytest.mark.parametrize("byline", ["■张明远", "张明远　李华"])
def test_a_byline_under_the_summary_is_the_heads(summary, byline):
    article = _first(GOVERNANCE.title, "内容提要", *summary, byline)
    assert article.authors == byline.lstrip("■").split("　") and article.summary


def test_a_reprint_line_under_the_byline_is_the_heads_and_takes_no_foot_line():
    """Its closing line printed in its head, the article takes none of the next one's."""
    text = page(GOVERNANCE.title, GOVERNANCE.byline, "（原载6月20日《学习时报》）", *GOVERNANCE.paragraphs,
                CULTURE.title, CULTURE.byline, *CULTURE.paragraphs, "（载《经济日报》）", "（作者单位：西岭大学）")
    first, second = extract(text).articles
    assert (first.source_paper, first.affiliation, [b.text for b in first.blocks]) == \
        ("学习时报", None, list(GOVERNANCE.paragraphs))
    assert (second.source_paper, second.affiliation) == ("经济日报", "西岭大学")


@pytest.mark.parametrize("names", ["张明远", "■张明远", "张明远　李华"])
def test_the_writers_unit_on_the_line_under_their_names(names):
    article = _first(GOVERNANCE.title, names, "东江大学马克思主义学院")
    assert article.affiliation == "东江大学马克思主义学院"


def test_a_unit_shaped_line_under_names_before_the_next_title_is_not_taken():
    """Names, then a unit-shaped line and a title: the line is no byline's unit."""
    text = page(GOVERNANCE.title, "张明远", *GOVERNANCE.paragraphs, "张明远", "东江大学马克思主义学院",
                CULTURE.title, CULTURE.byline, *CULTURE.paragraphs)
    assert all(a.affiliation != "东江大学马克思主义学院" for a in extract(text).articles[:1])
