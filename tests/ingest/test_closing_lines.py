"""Closing lines of two articles printed together at the page foot: each goes to its own
article, and two articles' author units are never joined into one."""
from __future__ import annotations

import pytest

from tests.ingest.genre_pages import CULTURE, DIGITAL, GOVERNANCE, body, extract, page


def _two_articles(foot: str) -> str:
    return page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs),
                CULTURE.title, CULTURE.byline, body(CULTURE.paragraphs), foot)


def test_unit_lines_one_under_the_other_are_two_lines_of_two_articles():
    doc = extract(_two_articles("（作者单位：东江市委党校）\n（作者系南屏大学马克思主义学院教授）"))
    assert [a.affiliation for a in doc.articles] == ["东江市委党校", "南屏大学马克思主义学院教授"]


def test_unit_lines_apart_by_a_blank_line_go_each_to_its_article():
    doc = extract(_two_articles("（作者单位：东江市委党校）\n\n（作者系南屏大学马克思主义学院教授）"))
    assert [a.affiliation for a in doc.articles] == ["东江市委党校", "南屏大学马克思主义学院教授"]


def test_unit_and_reprint_lines_of_three_articles_in_page_order():
    text = page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs),
                CULTURE.title, CULTURE.byline, body(CULTURE.paragraphs),
                DIGITAL.title, DIGITAL.byline, body(DIGITAL.paragraphs),
                "（原载5月6日《光明日报》）\n（作者单位：东江市委党校）",
                "（作者系南屏大学教授）", "（作者单位：西岭省社会科学院）")
    doc = extract(text)
    assert [(a.affiliation, a.source_paper) for a in doc.articles] == [
        ("东江市委党校", "光明日报"), ("南屏大学教授", None), ("西岭省社会科学院", None)]


def test_a_reprint_line_after_a_unit_line_is_the_next_articles():
    """An article printing both gives its reprint line first (（据《…》作者单位：…））: a
    reprint line under a unit line closes another article."""
    doc = extract(_two_articles("（作者单位：东江市委党校）\n（原载5月6日《光明日报》）"))
    assert [(a.affiliation, a.source_paper) for a in doc.articles] == [("东江市委党校", None), (None, "光明日报")]


def test_a_reprint_line_naming_the_unit_is_a_whole_closing():
    doc = extract(_two_articles("（据《光明日报》作者为东江市委党校）\n（作者单位：南屏大学）"))
    assert [(a.affiliation, a.source_paper) for a in doc.articles] == [("东江市委党校", "光明日报"),
                                                                       ("南屏大学", None)]


def test_a_wrapped_unit_line_stays_one_line():
    foot = "（作者单位：东江市委党校，本文为\n国家社科基金项目阶段性成果）"
    doc = extract(page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs), foot))
    assert doc.articles[0].affiliation == "东江市委党校"
    assert doc.articles[0].note == "本文为国家社科基金项目阶段性成果"


def test_the_second_article_by_two_authors_keeps_one_of_the_two_unit_lines():
    """Two unit lines under an article by two authors, after an article with none: the
    lines of two articles set together (one article's authors share one line, 作者分别系…)."""
    text = page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs),
                CULTURE.title, "■李晓红　赵文博", body(CULTURE.paragraphs),
                "（作者单位：东江市委党校）", "（作者单位：南屏大学）")
    doc = extract(text)
    assert [a.affiliation for a in doc.articles] == ["东江市委党校", "南屏大学"]


def test_a_reprint_line_over_a_unit_line_under_a_signed_article_with_none():
    """A signed article with no closing line, then a reprint line and a unit line set
    together under the next: one for each (each closes an article alone)."""
    doc = extract(_two_articles("（原载5月6日《光明日报》）\n（作者单位：东江市委党校）"))
    assert [(a.affiliation, a.source_paper) for a in doc.articles] == [(None, "光明日报"), ("东江市委党校", None)]


def test_a_staff_piece_prints_no_closing_lines_of_its_own():
    text = page(GOVERNANCE.title, "本报记者　王　明", body(GOVERNANCE.paragraphs),
                CULTURE.title, CULTURE.byline, body(CULTURE.paragraphs),
                "（原载5月6日《光明日报》）\n（作者单位：东江市委党校）")
    assert [(a.affiliation, a.source_paper) for a in extract(text).articles] == [
        (None, None), ("东江市委党校", "光明日报")]


def test_a_closing_line_printed_again_below_joint_closing_lines_is_no_articles_own():
    """The first article's reprint line printed a second time at the page's foot: a copy
    (dropped), not the closing line of a third article that would shift the others."""
    doc = extract(_two_articles("（载《学习时报》）\n（作者单位系东江市委党校）\n（作者系南屏大学教授）\n（载《学习时报》）"))
    assert [(a.affiliation, a.source_paper) for a in doc.articles] == [
        ("东江市委党校", "学习时报"), ("南屏大学教授", None)]
    assert [(left.kind, left.text) for left in doc.leftovers] == [("duplicate", "（载《学习时报》）")]


def _one_article(*closing: str, byline: str = GOVERNANCE.byline) -> str:
    return page(GOVERNANCE.title, byline, body(GOVERNANCE.paragraphs), *closing,
                CULTURE.title, CULTURE.byline, body(CULTURE.paragraphs))


def test_an_authors_note_gives_the_post_and_a_funding_note_is_no_paragraph():
    note = "本文系国家社会科学基金项目“基层治理现代化研究”（23BKS012）的阶段性成果。"
    doc = extract(_one_article("（作者简介：张明远，东江市委党校教授）", note))
    first = doc.articles[0]
    assert len(doc.articles) == 2
    assert (first.authors, first.affiliation, first.note) == (["张明远"], "东江市委党校教授", note)
    assert all("本文系" not in b.text and "作者简介" not in b.text for b in first.blocks)


@pytest.mark.parametrize("byline", ["作者：张明远", "作者\u3000张明远", "文／张明远", "文｜张明远", "撰文：张明远",
                                    "作者丨张明远"])
def test_a_byline_led_by_its_label_names_the_author(byline):
    doc = extract(_one_article("（作者单位：东江市委党校）", byline=byline))
    assert (doc.articles[0].authors, doc.articles[0].affiliation) == (["张明远"], "东江市委党校")


@pytest.mark.parametrize(("line", "affiliation"), [
    ("（作者分别为东江大学教授、南屏大学副教授）", "东江大学教授、南屏大学副教授"),
    ("（作者单位分别为东江大学、南屏大学）", "东江大学、南屏大学"),
    ("（本文作者：西岭省社会科学院研究员）", "西岭省社会科学院研究员"),
])
def test_closing_lines_of_several_writers_and_other_leads(line, affiliation):
    doc = extract(_one_article(line))
    assert doc.articles[0].affiliation == affiliation


def test_a_research_groups_writers_and_notes_close_its_article():
    doc = extract(page(GOVERNANCE.title, "■东江大学国家治理研究院课题组", body(GOVERNANCE.paragraphs),
                       "（执笔：王 某 李晓明）", "注释：", "①参见《东江市推进基层治理现代化的实施意见》。",
                       "②数据来源于东江市统计局。", CULTURE.title, CULTURE.byline, body(CULTURE.paragraphs),
                       "（作者单位：南屏大学）"))
    first, second = doc.articles
    assert first.authors == ["东江大学国家治理研究院课题组"]  # (spaces between Chinese characters go, as everywhere)
    assert not any("参见" in b.text or "执笔" in b.text for b in first.blocks)
    assert not doc.leftovers  # the notes are the article's, for its reader: its note holds them
    assert first.note == ("执笔：王某李晓明；注释：①参见《东江市推进基层治理现代化的实施意见》。"
                          "②数据来源于东江市统计局。")
    assert (second.authors, second.affiliation) == (["李晓红"], "南屏大学")


def _staff_piece_between(foot: str) -> str:
    return page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs), "（作者单位：东江市委党校）",
                CULTURE.title, "本报记者　王　明", body(CULTURE.paragraphs),
                DIGITAL.title, DIGITAL.byline, body(DIGITAL.paragraphs), foot)


def test_an_earlier_articles_closing_line_printed_again_at_the_foot_is_a_copy():
    """The first article's unit line printed a second time below the last article's own: a
    copy (set together, an article's own lines come last), not the last article's line
    while its own goes to the staff piece before it."""
    doc = extract(_staff_piece_between("（作者系南屏大学教授）\n（作者单位：东江市委党校）"))
    assert [a.affiliation for a in doc.articles] == ["东江市委党校", None, "南屏大学教授"]
    assert [(left.kind, left.text) for left in doc.leftovers] == [("duplicate", "（作者单位：东江市委党校）")]


def test_a_line_printed_twice_under_an_article_after_one_with_none_of_its_own_is_a_copy():
    """Two lines word for word one under the other after a staff piece (which prints no
    closing line): the last article's line and its copy."""
    doc = extract(_staff_piece_between("（作者系南屏大学教授）\n（作者系南屏大学教授）"))
    assert [a.affiliation for a in doc.articles] == ["东江市委党校", None, "南屏大学教授"]
    assert [(left.kind, left.text) for left in doc.leftovers] == [("duplicate", "（作者系南屏大学教授）")]


def test_a_line_printed_twice_after_a_signed_article_with_none_is_one_for_each():
    """After a signed article with no closing line, two lines word for word are two articles'
    by writers of one unit set side by side."""
    doc = extract(_two_articles("（作者单位：东江市委党校）\n（作者单位：东江市委党校）"))
    assert [a.affiliation for a in doc.articles] == ["东江市委党校", "东江市委党校"]
    assert doc.leftovers == []


def test_a_research_groups_writers_line_below_another_articles_closing_lines_is_the_groups():
    """Closing lines of a signed article set above the writers' line of the research group's
    article after it: the group is its article's unit (it prints no unit line), so the
    writers' line is the group's and the unit and reprint lines the article's before."""
    text = page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs),
                CULTURE.title, "■东江大学国家治理研究院课题组", body(CULTURE.paragraphs),
                "（载《求是》）", "（作者单位系东江市委党校）", "（执笔：王 某 李晓明）")
    first, second = extract(text).articles
    assert (first.affiliation, first.source_paper, first.note) == ("东江市委党校", "求是", None)
    assert (second.affiliation, second.source_paper, second.note) == (None, None, "执笔：王某李晓明")


def test_a_unit_line_printed_again_under_an_article_whose_byline_names_its_unit_is_a_copy():
    """The first article's unit line printed again at the foot, right under an article whose
    byline gives its writer's unit (■李晓红　南屏大学教授) and which prints no closing line: a
    copy, not a second unit of that article's."""
    text = page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs), "（作者单位：东江市委党校）",
                CULTURE.title, CULTURE.byline + "\u3000南屏大学教授", body(CULTURE.paragraphs),
                "（作者单位：东江市委党校）")
    doc = extract(text)
    assert [a.affiliation for a in doc.articles] == ["东江市委党校", "南屏大学教授"]
    assert [(left.kind, left.text) for left in doc.leftovers] == [("duplicate", "（作者单位：东江市委党校）")]
