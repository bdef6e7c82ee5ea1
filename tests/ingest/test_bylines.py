"""Bylines of the genre: staff bylines led by their role (本报记者 苏 雁), several roles on one
line, a byline in brackets with the writer's post or unit before or after the name, and a
column banner printed on the title's own line."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest import metadata
from site_builder.ingest.raw_page import extract_text

BODY = ("乡村振兴是实现中华民族伟大复兴的一项重大任务，必须坚持农业农村优先发展，加快建设农业强国，"
        "扎实推动乡村产业、人才、文化、生态、组织振兴，让广大农民群众在共同富裕道路上迈出坚实步伐。\n\n"
        "要健全城乡融合发展体制机制，促进城乡要素平等交换、双向流动，缩小城乡差别，促进城乡共同繁荣发展。\n")


@pytest.mark.parametrize(("line", "names"), [
    ("本报记者 苏 雁", ["苏雁"]),  # a two-character name printed with a justification space
    ("本报通讯员 姬尊雨", ["姬尊雨"]),
    ("本报记者苏雁", ["苏雁"]),
    ("新华社记者 王志刚 李 燕", ["王志刚", "李燕"]),
    ("本报记者 王某 李某", ["王某", "李某"]),
    ("本报记者 苏 雁 本报通讯员 姬尊雨", ["苏雁", "姬尊雨"]),  # two lines of one byline, rejoined
    ("光明日报记者 陈 鹏 通讯员 孙 琦", ["陈鹏", "孙琦"]),
    ("■本报记者 张 华", ["张华"]),
    ("（本报记者 王 某）", ["王某"]),
    ("本报评论员", ["本报评论员"]),  # a role with no name stands for its writer
    ("主持人：本报记者 王 静", ["王静"]),  # a round table's host
    ("本报评论部", ["本报评论部"]), ("求是杂志编辑部", ["求是杂志编辑部"]),  # a department signs as one
    ("■东江大学国家治理研究院课题组", ["东江大学国家治理研究院课题组"]),  # a research group signs as one
])
def test_staff_bylines_give_the_names_without_roles_or_justification_spaces(line, names):
    assert metadata.parse_byline(line, marked_only=True) == names


@pytest.mark.parametrize(("line", "affiliation", "name"), [
    ("（某某大学教授 王某）", "某某大学教授", "王某"),
    ("(某某市委党校副教授 李某某)", "某某市委党校副教授", "李某某"),
    ("（南京大学马克思主义学院教授王某某）", "南京大学马克思主义学院教授", "王某某"),
    ("（中共某某省委党校 赵 明）", "中共某某省委党校", "赵明"),
    ("王某某（某某市委党校教授）", "某某市委党校教授", "王某某"),  # the name first, the post after it
    ("■ 赵 明 (某某大学马克思主义学院)", "某某大学马克思主义学院", "赵明"),
    ("林涛平（安平市社科联）", "安平市社科联", "林涛平"),
])
def test_a_bracketed_byline_gives_the_affiliation_and_the_author(line, affiliation, name):
    assert metadata.parse_byline_parts(line, marked_only=True) == {"names": [name], "affiliation": affiliation}


@pytest.mark.parametrize("line", ["（一）", "（图片由作者提供）", "新质生产力（新动能）", "王某（2023年）",
                                  "■ 筑牢根基", "◆新质生产力", "● 守正创新",  # short subheadings with a marker "（上接第二版）", "（作者单位：某某大学）",
                                  "记者观察", "本报记者近日走访了多家企业和农村合作社，了解乡村产业发展情况"])
def test_lines_that_are_no_marked_byline(line):
    assert metadata.parse_byline_parts(line, marked_only=True) is None


@pytest.mark.parametrize(("line", "names"), [("■ 欧阳明远", ["欧阳明远"]), ("●司马光", ["司马光"]), ("◎王岩松", ["王岩松"]), ("▶ 李 明", ["李明"]),
                                           ("▲王 岩 李 明", ["王岩", "李明"])])
def test_marked_bylines_of_longer_names(line, names):
    assert metadata.parse_byline(line, marked_only=True) == names


def _article(page: str):
    doc = extract_text(Path("bylines.txt"), page)
    assert len(doc.articles) == 1
    return doc.articles[0]


def test_a_reporter_byline_of_two_roles_on_two_lines():
    article = _article("推进乡村全面振兴\n\n本报记者 苏 雁\n本报通讯员 姬尊雨\n\n" + BODY)
    assert (article.title, article.authors) == ("推进乡村全面振兴", ["苏雁", "姬尊雨"])


def test_a_reporter_byline_of_two_lines_printed_after_the_body():
    """A report's byline printed after its text, each role on a line of its own: the second
    line is more of the byline (before: it was taken for an interleaved article's and left
    over)."""
    article = _article("推进乡村全面振兴\n\n" + BODY + "\n本报记者 苏 雁\n\n本报通讯员 姬尊雨\n\n（原载5月11日《光明日报》）\n")
    assert (article.title, article.authors) == ("推进乡村全面振兴", ["苏雁", "姬尊雨"])


def test_a_bracketed_byline_under_the_title_is_the_byline():
    article = _article("推进乡村全面振兴\n\n（南京大学马克思主义学院教授 王某某）\n\n" + BODY)
    assert (article.title, article.authors, article.title_inferred) == ("推进乡村全面振兴", ["王某某"], False)
    assert [b.type for b in article.blocks] == ["paragraph", "paragraph"]


def test_a_bracketed_byline_after_the_body_is_the_byline():
    article = _article("推进乡村全面振兴\n\n" + BODY + "\n(某某市委党校副教授 李某某)\n")
    assert article.authors == ["李某某"]
    assert all("李某某" not in b.text for b in article.blocks)


@pytest.mark.parametrize(("line", "banner", "title"), [
    ("【学思践悟】提升基层干部的数字素养", "【学思践悟】", "提升基层干部的数字素养"),
    ("【理论热点】 发展新质生产力", "【理论热点】", "发展新质生产力"),
    ("提升基层干部的数字素养", None, "提升基层干部的数字素养"),
    ("【链接】", None, "【链接】"),  # a banner alone is no title with a banner
])
def test_a_banner_on_the_titles_line_is_the_kicker(line, banner, title):
    assert metadata.split_inline_banner(line) == (banner, title)
