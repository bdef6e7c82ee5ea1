"""More of the genre's bylines and closing lines: a long minority name, the unit before the
name, the writer named in the unit line, a funding note in square brackets."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest.closing import parse_affiliation, parse_source
from site_builder.ingest.metadata import parse_byline_parts
from site_builder.ingest.raw_page import extract_text

BODY = ("党的建设是一项伟大工程，必须坚持不懈地推进。各级党组织要切实担负起管党治党的政治责任，"
        "把全面从严治党的要求落实到每一个环节，确保党始终成为坚强领导核心。")


@pytest.mark.parametrize(("line", "parts"), [
    ("■阿依古丽·买买提", {"names": ["阿依古丽·买买提"]}),
    ("●迪丽热巴・迪力木拉提　王明", {"names": ["迪丽热巴・迪力木拉提", "王明"]}),
    ("■东江大学马克思主义学院　王明", {"names": ["王明"], "affiliation": "东江大学马克思主义学院"}),
    ("■中共东江市委党校教授　王　明", {"names": ["王明"], "affiliation": "中共东江市委党校教授"}),
    ("文·图/王明", {"names": ["王明"]}),  # (the writer took the photographs too)
    ("文／图　王明", {"names": ["王明"]}),  # (the slash between the parts, a space before the name)
    ("■文/图 王明", {"names": ["王明"]}),
    ("图文：王明　李强", {"names": ["王明", "李强"]}),
    # several writers, each with a post or unit in brackets (joined as 作者分别为… joins them)
    ("王明（东江大学） 李强（西岭市社科院）", {"names": ["王明", "李强"], "affiliation": "东江大学、西岭市社科院"}),
    ("■王明远（东江大学教授）　李　强（西岭市委党校）　赵红（临湖学院）",
     {"names": ["王明远", "李强", "赵红"], "affiliation": "东江大学教授、西岭市委党校、临湖学院"}),
    ("王明（东江大学教授、博士生导师）", {"names": ["王明"], "affiliation": "东江大学教授、博士生导师"}),
    ("◎张明远　李　华", {"names": ["张明远", "李华"]}),  # (a later name printed justified)
])
def test_bylines(line, parts):
    assert parse_byline_parts(line, marked_only=True) == parts


@pytest.mark.parametrize("line", [
    "东江大学马克思主义学院　王明",  # (unmarked: as likely a line of text)
    "■坚持党的领导　推进改革",  # (a subheading with a marker: no unit, no name)
    "乡村振兴·文化篇",  # (a title with a middle dot, unmarked)
])
def test_not_bylines(line):
    assert parse_byline_parts(line, marked_only=True) is None


@pytest.mark.parametrize(("line", "info"), [
    ("（作者：王明，系东江大学马克思主义学院教授）", {"affiliation": "东江大学马克思主义学院教授", "names": ["王明"]}),
    ("（作者王明系东江大学马克思主义学院教授）", {"affiliation": "东江大学马克思主义学院教授", "names": ["王明"]}),
    ("（作者李为民为东江市委党校副教授）", {"affiliation": "东江市委党校副教授", "names": ["李为民"]}),
])
def test_unit_lines_that_name_the_writer(line, info):
    assert parse_affiliation(line) == info


def test_a_funding_note_in_square_brackets_closes_the_article():
    text = "\n\n".join(["加强党的建设", "■王明", BODY, "【本文系国家社科基金项目（22BKS001）阶段性成果】"]) + "\n"
    article = extract_text(Path("note.txt"), text).articles[0]
    assert article.note == "本文系国家社科基金项目（22BKS001）阶段性成果"
    assert [b.text for b in article.blocks] == [BODY]


def test_a_unit_line_names_no_writer_by_its_lead_in():
    assert parse_affiliation("（作者单位系湖州学院）") == {"affiliation": "湖州学院"}


@pytest.mark.parametrize(("line", "info"), [
    ("本文转自《求是》2024年第12期", {"source": "本文转自《求是》2024年第12期", "source_paper": "求是"}),
    ("（本文来源：经济日报）", {"source": "本文来源：经济日报", "source_paper": "经济日报"}),
    ("原文刊发于《学习时报》2024年6月21日第3版", {"source": "原文刊发于《学习时报》2024年6月21日第3版", "source_paper": "学习时报"}),
    ("《人民日报》（2024年06月21日 09版）", {"source": "《人民日报》（2024年06月21日 09版）", "source_paper": "人民日报"}),
    ("（作者单位：东江大学；原载《光明日报》）",
     {"affiliation": "东江大学", "source": "原载《光明日报》", "source_paper": "光明日报"}),
])
def test_reprint_lines(line, info):
    assert parse_source(line) == info


def test_a_sentence_that_mentions_a_paper_is_no_reprint_line():
    assert parse_source("本文认为，《人民日报》的评论值得一读。") is None


@pytest.mark.parametrize(("line", "note"), [
    ("（王明 李强 整理）", "王明李强整理"),  # (as the writers line 执笔：… gives it: spaces between names go)
    ("（本文有删节）", "本文有删节"),
    ("（节选）", "节选"),
])
def test_closing_notes(line, note):
    text = "\n\n".join(["加强党的建设", "■王明", BODY, line]) + "\n"
    article = extract_text(Path("note.txt"), text).articles[0]
    assert (article.note, [b.text for b in article.blocks]) == (note, [BODY])


@pytest.mark.parametrize("mark", ["（完）", "（全文完）", "（待续）", "（未完待续）", "（续完）", "（上）"])
def test_an_end_mark_is_no_body_text(mark):
    doc = extract_text(Path("end.txt"), "\n\n".join(["加强党的建设", "■王明", BODY, mark]) + "\n")
    assert [b.text for b in doc.articles[0].blocks] == [BODY]
    assert [(left.kind, left.text) for left in doc.leftovers] == [("other", mark)]


@pytest.mark.parametrize(("line", "names"), [("（王明）", ["王明"]), ("（王明　李强）", ["王明", "李强"])])
def test_a_signature_of_names_alone_in_brackets_under_the_text(line, names):
    """A commentary signed under its text with the names in brackets (no dash, no post): the
    writers, not a paragraph. Brackets holding words the lexicon knows stay text."""
    other = "城市治理是国家治理体系的重要组成部分，事关人民群众的切身利益。各地要坚持人民城市人民建、人民城市为人民。"
    text = "\n\n".join(["加强党的建设", BODY, line, "推动城市治理现代化", "■李红", other]) + "\n"
    articles = extract_text(Path("sig.txt"), text).articles
    assert [(a.title, a.authors, [b.text for b in a.blocks]) for a in articles] == [
        ("加强党的建设", names, [BODY]), ("推动城市治理现代化", ["李红"], [other])]


def test_a_subtitle_in_brackets_under_the_title():
    """（以…为例） under the title is its second line, as ——以…为例 is (it was taken for the
    title, and the title for a kicker)."""
    doc = extract_text(Path("sub.txt"), "\n\n".join(["加强党的建设", "（以东江市为例）", "■王明", BODY]) + "\n")
    article = doc.articles[0]
    assert (article.title, article.kicker, article.authors) == ("加强党的建设（以东江市为例）", None, ["王明"])
