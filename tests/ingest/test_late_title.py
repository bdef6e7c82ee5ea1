"""A title printed after its article, with its kicker and the page's furniture after it."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest.raw_page import extract_text
from tests.ingest.sim import make_page
from tests.ingest.sim.check import extract_page, page_problems

FIRST = ("加强党的建设\n\n■ 王明\n\n"
         "党的建设是一项伟大工程，必须坚持不懈地推进。各级党组织要切实担负起管党治党的政治责任，"
         "把全面从严治党的要求落实到每一个环节，确保党始终成为坚强领导核心。\n\n"
         "（作者单位：东江市委党校）\n\n")
LATE_BODY = ("●李强\n\n"
             "城市更新是推动城市可持续发展、改善居民生活质量、提升城市竞争力的重要途径，"
             "必须坚持以人民为中心，问需于民、问计于民、问效于民，让群众在更新中有更多获得感。\n\n"
             "（原载11月8日《人民日报》）\n\n")


def _articles(text: str):
    doc = extract_text(Path("late.txt"), text)
    return doc, [(a.title, a.kicker, a.authors, a.title_inferred) for a in doc.articles]


def test_late_title_then_its_kicker_then_a_slogan():
    page = FIRST + LATE_BODY + "推进城市更新法治保障\n\n学习贯彻党的二十届三中全会精神\n\n凝心聚力　砥砺奋进！\n"
    doc, arts = _articles(page)
    assert arts[1] == ("推进城市更新法治保障", "学习贯彻党的二十届三中全会精神", ["李强"], False)
    assert [left.kind for left in doc.leftovers] == ["slogan"]


def test_late_title_then_its_kicker_at_the_page_foot():
    doc, arts = _articles(FIRST + LATE_BODY + "推进城市更新法治保障\n\n学习贯彻党的二十届三中全会精神\n")
    assert arts[1] == ("推进城市更新法治保障", "学习贯彻党的二十届三中全会精神", ["李强"], False)
    assert doc.leftovers == []


def test_a_title_shaped_like_a_series_line_above_a_body_whose_byline_follows_it():
    page = FIRST + "贯彻党的决定\n\n" + LATE_BODY.split("\n\n", 1)[1].replace("（原载", "●李强\n\n（原载")
    doc, arts = _articles(page)
    assert arts[1] == ("贯彻党的决定", None, ["李强"], False)


def test_the_campaign_banner_form_above_a_body_stays_a_kicker():
    body = LATE_BODY.split("\n\n", 1)[1]  # (its byline printed after it, then its title)
    page = FIRST + "学习贯彻党的二十届三中全会精神\n\n" + body + "●李强\n\n推进城市更新法治保障\n"
    doc, arts = _articles(page)
    assert arts[1] == ("推进城市更新法治保障", "学习贯彻党的二十届三中全会精神", ["李强"], False)


def test_a_kicker_between_a_late_title_and_the_next_title_goes_with_the_next():
    """A kicker stands above its own title first of all: between a title printed after its
    article and the next article's title, it is the next article's (here both lines carry
    markdown heading marks, so the late title opens a header of its own)."""
    third = ("推进基层治理现代化\n\n▲张华\n\n"
             "基层治理是国家治理的基石，要健全党组织领导的自治、法治、德治相结合的城乡基层治理体系，"
             "完善网格化管理、精细化服务、信息化支撑的基层治理平台。\n")
    late_body = LATE_BODY.split("\n\n", 1)[1]  # (its byline is printed after it, above its title)
    page = FIRST + late_body + "●李强\n\n## 推进城市更新法治保障\n\n## 学习贯彻党的二十届三中全会精神\n\n" + third
    doc, arts = _articles(page)
    assert arts[1] == ("推进城市更新法治保障", None, ["李强"], False)
    assert arts[2] == ("推进基层治理现代化", "学习贯彻党的二十届三中全会精神", ["张华"], False)


def test_late_title_then_a_slogan_then_a_closing_line_printed_again():
    """A closing line printed again at the page foot after a late title and a slogan: the
    title is the article's, the slogan furniture, the copy dropped (not a new article)."""
    page = FIRST + LATE_BODY + "推进城市更新法治保障\n\n凝心聚力　砥砺奋进！\n\n（原载11月8日《人民日报》）\n"
    doc, arts = _articles(page)
    assert len(arts) == 2
    assert arts[1] == ("推进城市更新法治保障", None, ["李强"], False)
    assert "slogan" in [left.kind for left in doc.leftovers]


# An article whose title and byline are printed after its body, and then its closing lines
# (a reprint line, author-unit lines, its byline again): all of them the article's.
BODY_ONLY = LATE_BODY.split("\n\n")[1] + "\n\n"
LATE_HEAD = "推进城市更新法治保障\n\n●李强\n\n"


def test_a_source_line_after_a_late_title_and_byline_is_the_articles():
    doc, arts = _articles(FIRST + BODY_ONLY + LATE_HEAD + "（原载11月8日《人民日报》）\n")
    assert arts[1] == ("推进城市更新法治保障", None, ["李强"], False)
    assert doc.articles[1].source == "原载11月8日《人民日报》"
    assert doc.leftovers == []


def test_unit_lines_after_a_late_title_and_unmarked_name_are_the_articles():
    page = FIRST + BODY_ONLY + "推进城市更新法治保障\n\n李强\n\n（作者单位：南川市委党校）\n\n（作者单位：北山大学）\n"
    doc, arts = _articles(page)
    assert arts[1] == ("推进城市更新法治保障", None, ["李强"], False)
    assert doc.articles[1].affiliation == "南川市委党校；北山大学"
    assert doc.leftovers == []


def test_a_byline_printed_again_after_a_late_head_and_unit_line_is_a_leftover():
    page = FIRST + BODY_ONLY + LATE_HEAD + "（作者系南川市委书记）\n\n●李强\n"
    doc, arts = _articles(page)
    assert arts[1] == ("推进城市更新法治保障", None, ["李强"], False)
    assert doc.articles[1].affiliation == "南川市委书记"
    assert [(left.kind, left.text) for left in doc.leftovers] == [("byline", "●李强")]


def test_a_summary_label_with_nothing_after_a_late_head_is_a_leftover():
    doc, arts = _articles(FIRST + BODY_ONLY + LATE_HEAD + "内容提要：\n")
    assert arts[1] == ("推进城市更新法治保障", None, ["李强"], False)
    assert doc.articles[1].summary is None
    assert [(left.kind, left.text) for left in doc.leftovers] == [("other", "内容提要：")]


@pytest.mark.parametrize("seed", [700007, 700008, 700015, 700023, 700025, 700053])
def test_the_kicker_under_a_title_printed_after_its_article_stays_its_own(seed):
    """A title printed after its article, its kicker under it, then the next article's
    title with a kicker of its own above or under it: each title keeps its kicker."""
    page = make_page(seed, "x", ["title-after", "kicker-after"])
    assert page_problems(page, extract_page(page, f"late-{seed}.txt")) == []


LATE_UNSIGNED = ("城市更新是推动城市可持续发展、改善居民生活质量、提升城市竞争力的重要途径，"
                 "必须坚持以人民为中心，问需于民、问计于民、问效于民，让群众在更新中有更多获得感。\n\n"
                 "（原载11月8日《人民日报》）\n\n")


@pytest.mark.parametrize(("byline", "title", "kicker"),
                         [("■李强", "## 推进城市更新法治保障", None),
                          ("李强", "学习贯彻全会精神\n\n推进城市更新法治保障", "学习贯彻全会精神")],
                         ids=["marked-markdown-heading", "unmarked-under-a-kicker"])
def test_a_late_title_after_its_byline_then_the_pages_slogan(byline: str, title: str, kicker: str | None):
    """Closing lines, the byline, then the title printed after the article (a heading, or
    under its kicker: read as a title), and the page's slogan under it: the slogan is no
    text of the title's (the title was read as an article whose body was the slogan)."""
    doc, arts = _articles(FIRST + LATE_UNSIGNED + f"{byline}\n\n{title}\n\n凝心聚力　砥砺奋进！\n")
    assert arts[1] == ("推进城市更新法治保障", kicker, ["李强"], False)
    assert len(arts) == 2 and [left.kind for left in doc.leftovers] == ["slogan"]


NEXT = ("办好人民满意的教育\n\n▲夏敏\n\n"
        "教育是国之大计、党之大计。建设教育强国，要坚持立德树人根本任务，推动义务教育优质均衡发展，"
        "让每个孩子都能享有公平而有质量的教育。\n\n（作者单位：西岭大学）\n")
NEXT_SIGNED_LATE = ("以优良作风凝心聚力干事创业\n\n"
                    "作风问题本质上是党性问题。党的作风关系党的形象，关系人心向背，关系党和人民事业成败，"
                    "必须以钉钉子精神抓好作风建设，让干部真正沉下心来干事创业。\n\n▲姚春\n\n（作者单位：安平大学）\n")


def test_a_late_title_under_the_closing_lines_is_no_first_line_of_the_next_title():
    """An article that opened with its body right under the closing lines of the one before
    has its title printed after it: the title-shaped line under its closing lines is that
    title, whole, not the first line of the next article's title set over two lines."""
    body = LATE_BODY.split("\n\n", 1)[1].replace("（原载", "●李强\n\n（原载")  # (byline after the body)
    doc, arts = _articles(FIRST + body + "推进城市更新法治保障\n\n" + NEXT)
    assert arts[1:] == [("推进城市更新法治保障", None, ["李强"], False), ("办好人民满意的教育", None, ["夏敏"], False)]


def test_the_line_under_a_late_byline_and_title_opens_the_next_article():
    """A byline and a title after an untitled article's closing lines are its head, printed
    late; the title-shaped line under them opens the next article, its byline printed after
    its body."""
    body = LATE_BODY.split("\n\n", 1)[1]
    doc, arts = _articles(FIRST + body + "●李强\n\n推进城市更新法治保障\n\n" + NEXT_SIGNED_LATE)
    assert arts[1:] == [("推进城市更新法治保障", None, ["李强"], False),
                        ("以优良作风凝心聚力干事创业", None, ["姚春"], False)]


def test_a_late_title_set_over_two_lines_then_the_next_article():
    """A title printed after its article may be set over two lines like any long head: the
    two lines under its byline (after the closing lines) are that one title, and the next
    article's head under them is the next article's."""
    body = LATE_BODY.split("\n\n", 1)[1]
    late = "●李强\n\n推进城市更新的\n\n法治保障体系建设\n\n"
    doc, arts = _articles(FIRST + body + late + NEXT)
    assert arts[1:] == [("推进城市更新的法治保障体系建设", None, ["李强"], False),
                        ("办好人民满意的教育", None, ["夏敏"], False)]
    doc, arts = _articles(FIRST + body + late.rstrip("\n") + "\n")  # (at the page's foot)
    assert arts[1] == ("推进城市更新的法治保障体系建设", None, ["李强"], False)
