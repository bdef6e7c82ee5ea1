"""Bylines that label each writer by their part in the writing (an oral account and who wrote
it down, a drafter, a writer after a slash) instead of with a marker, and a bracketed byline led
by 作者： that names several writers: the labels are dropped and the names are the authors."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest.closing import parse_affiliation
from site_builder.ingest.metadata import parse_byline_parts
from site_builder.ingest.raw_page import extract_text
from tests.ingest.genre_pages import CULTURE, GOVERNANCE, Piece, body, page


@pytest.mark.parametrize(("line", "names"), [
    ("口述：王明　整理：李强", ["王明", "李强"]),
    ("王明　口述　李强　整理", ["王明", "李强"]),
    ("王明/文", ["王明"]),
    ("王明 ／ 文", ["王明"]),
    ("执笔：王明　李强", ["王明", "李强"]),
    ("【作者】王明", ["王明"]),
    ("本报记者　李强　整理", ["李强"]),
    ("（作者：王明　李强）", ["王明", "李强"]),
    ("■王明 等", ["王明"]),
    ("王明　李强　等", ["王明", "李强"]),
    ("■王明（执笔）", ["王明"]),
])
def test_the_writers_parts_label_a_byline(line, names):
    assert parse_byline_parts(line, marked_only=True) == {"names": names}


@pytest.mark.parametrize("line", [
    "冯 文",  # (a name printed with a justification space: 文 is its second character)
    "整理好思路　办好实事",  # (a title's two parts: 整理 opens a phrase, labels nobody)
    "（李强 整理）",  # (a closing line saying who wrote it up: a note, read elsewhere)
])
def test_lines_the_parts_do_not_turn_into_a_byline_of_other_names(line):
    parts = parse_byline_parts(line, marked_only=True)
    assert parts is None or parts == {"names": ["冯文"]}


def test_a_bracketed_byline_of_several_names_is_no_unit():
    assert parse_affiliation("（作者：王明　李强）") is None
    assert parse_affiliation("（作者：东江大学教授）") == {"affiliation": "东江大学教授"}


@pytest.mark.parametrize(("first", "second"), [
    ("口述：王明　整理：李强", "赵刚/文"),
    ("王明　口述　李强　整理", "【作者】赵刚"),
    ("（作者：王明　李强）", "执笔：赵刚"),
    ("王明　李强　等", "■赵刚（执笔）"),
])
def test_pages_with_these_bylines_keep_their_titles_and_authors(first, second):
    def article(piece: Piece, byline: str) -> list[str]:
        return [piece.title, byline, body(piece.paragraphs)]

    doc = extract_text(Path("parts.txt"), page(*article(GOVERNANCE, first), *article(CULTURE, second)))
    assert [a.title for a in doc.articles] == [GOVERNANCE.title, CULTURE.title]
    assert [a.authors for a in doc.articles] == [["王明", "李强"], ["赵刚"]]
    assert [a.affiliation for a in doc.articles] == [None, None]
    assert not doc.leftovers
    for article_read, piece in zip(doc.articles, (GOVERNANCE, CULTURE), strict=True):
        assert [b.text for b in article_read.blocks] == list(piece.paragraphs)
