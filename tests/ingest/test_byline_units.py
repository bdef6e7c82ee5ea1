"""A writer's unit printed with the byline in the forms other papers use: after a byline's
lead (作者：王某（某某大学教授）, 文/王某（…）), before the name with no marker (某某大学教授　王某),
and a unit with its other name in brackets (中共某某市委党校（行政学院）) in bylines and closing
lines, where its brackets are not the line's own."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest.closing import parse_affiliation, parse_source
from site_builder.ingest.metadata import parse_byline_parts
from site_builder.ingest.raw_page import extract_text
from tests.ingest.genre_pages import CULTURE, GOVERNANCE, Piece

ALIASED = "中共东江市委党校（东江行政学院）"


@pytest.mark.parametrize(("line", "parts"), [
    ("作者：王明（东江大学教授）", {"names": ["王明"], "affiliation": "东江大学教授"}),
    ("文/王明（东江大学马克思主义学院）", {"names": ["王明"], "affiliation": "东江大学马克思主义学院"}),
    (f"■王明　{ALIASED}", {"names": ["王明"], "affiliation": ALIASED}),
    (f"王明（{ALIASED}教授）", {"names": ["王明"], "affiliation": f"{ALIASED}教授"}),
    (f"（{ALIASED}教授 王明）", {"names": ["王明"], "affiliation": f"{ALIASED}教授"}),
])
def test_bylines_with_the_writers_unit(line, parts):
    assert parse_byline_parts(line, marked_only=True) == parts


@pytest.mark.parametrize(("line", "parts"), [
    ("东江大学教授　王明", {"names": ["王明"], "affiliation": "东江大学教授"}),
    (f"{ALIASED} 王明", {"names": ["王明"], "affiliation": ALIASED}),
])
def test_an_unmarked_unit_then_name_is_a_byline_where_one_stands(line, parts):
    assert parse_byline_parts(line, marked_only=True) is None  # (anywhere, as likely a line of text)
    assert parse_byline_parts(line) == parts


@pytest.mark.parametrize("line", [
    "建设世界一流大学　培育拔尖人才",  # (a two-part title: the second part names nobody)
    "东江大学马克思主义学院 研究中心 王明",  # (unmarked, the unit must be one word)
])
def test_lines_that_are_not_unit_then_name(line):
    assert parse_byline_parts(line) is None or "affiliation" not in parse_byline_parts(line)


@pytest.mark.parametrize(("line", "info"), [
    (f"（作者：{ALIASED}）", {"affiliation": ALIASED}),
    (f"（作者单位：{ALIASED}）", {"affiliation": ALIASED}),
    (f"（作者系{ALIASED}副教授）", {"affiliation": f"{ALIASED}副教授"}),
    (f"（{ALIASED}教授）", {"affiliation": f"{ALIASED}教授"}),
    ("（作者：王明（东江大学教授））", {"affiliation": "东江大学教授", "names": ["王明"]}),
])
def test_closing_lines_with_an_aliased_unit(line, info):
    assert parse_affiliation(line) == info


def test_a_reprint_line_naming_an_aliased_unit():
    info = parse_source(f"（据《学习时报》作者为{ALIASED}）")
    assert info is not None and info["affiliation"] == ALIASED and info["source_paper"] == "学习时报"


def _page(*articles: tuple[Piece, str]) -> str:
    return "\n\n".join(block for piece, byline in articles
                       for block in (piece.title, byline, *piece.paragraphs)) + "\n"


@pytest.mark.parametrize(("first", "second"), [
    ("东江大学教授　王明", f"{ALIASED} 李强"),
    ("作者：王明（东江大学教授）", f"文/李强（{ALIASED}）"),
])
def test_pages_with_these_bylines_keep_both_articles_whole(first, second):
    doc = extract_text(Path("units.txt"), _page((GOVERNANCE, first), (CULTURE, second)))
    assert [a.title for a in doc.articles] == [GOVERNANCE.title, CULTURE.title]
    assert [a.authors for a in doc.articles] == [["王明"], ["李强"]]
    assert doc.articles[1].affiliation == ALIASED
    for article, piece in zip(doc.articles, (GOVERNANCE, CULTURE), strict=True):
        assert [b.text for b in article.blocks] == list(piece.paragraphs)


def test_a_bylines_unit_printed_with_half_width_brackets_gets_them_repaired():
    """The unit is read from the byline's printed line: its brackets are repaired to full
    width as the body's are (临湖市委党校(行政学院)讲师 stayed half-width)."""
    text = f"{GOVERNANCE.title}\n\n■谭凯 临湖市委党校(行政学院)讲师\n\n" + "\n\n".join(GOVERNANCE.paragraphs) + "\n"
    [article] = extract_text(Path("u.txt"), text).articles
    assert (article.authors, article.affiliation) == (["谭凯"], "临湖市委党校（行政学院）讲师")
