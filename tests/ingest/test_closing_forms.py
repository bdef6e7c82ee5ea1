"""Closing lines in forms other papers print: a note saying what the text was first (a speech,
a report: 本文为作者在…上的发言节选) or when it was delivered (（2024年3月1日）), a reprint line led by 节选自 or 文章来源：, and an
article's end mark alone on a line (■), which marks no byline when no name stands under it."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest.closing import parse_note, parse_source
from site_builder.ingest.raw_page import extract_text
from tests.ingest.genre_pages import CULTURE, GOVERNANCE, body, page


@pytest.mark.parametrize("line", [
    "（本文为作者在东江论坛上的发言节选）",
    "（本文是作者在东江大学开学典礼上的讲话）",
    "（本文系作者在东江省理论研讨会上的报告摘要）",
    "（2024年3月1日）",
    "（二〇二四年三月一日）",
])
def test_a_note_on_what_the_text_was_first(line):
    assert parse_note(line) == {"note": line.strip("（）")}
    assert parse_source(line) is None


@pytest.mark.parametrize(("line", "paper"), [
    ("（本文节选自《求是》2024年第5期）", "求是"),
    ("（文章来源：人民网）", "人民网"),
])
def test_more_reprint_leads(line, paper):
    info = parse_source(line)
    assert info is not None and info["source_paper"] == paper


def _two_articles(foot: str) -> str:
    return page(GOVERNANCE.title, "■张明远", body(GOVERNANCE.paragraphs), foot,
                CULTURE.title, "■李晓红", body(CULTURE.paragraphs))


@pytest.mark.parametrize("foot", ["（本文为作者在东江论坛上的发言节选）", "（2024年3月1日）", "■", "□"])
def test_a_closing_line_stays_with_its_article_and_the_next_title_stands(foot):
    doc = extract_text(Path("foot.txt"), _two_articles(foot))
    assert [a.title for a in doc.articles] == [GOVERNANCE.title, CULTURE.title]
    assert [a.authors for a in doc.articles] == [["张明远"], ["李晓红"]]
    for article, piece in zip(doc.articles, (GOVERNANCE, CULTURE), strict=True):
        assert [b.text for b in article.blocks] == list(piece.paragraphs)


def test_a_lone_end_mark_is_page_matter():
    doc = extract_text(Path("foot.txt"), _two_articles("■"))
    assert [(x.kind, x.text) for x in doc.leftovers] == [("other", "■")]


def test_a_marker_over_names_still_marks_the_byline():
    text = page(GOVERNANCE.title, "■", "张明远", body(GOVERNANCE.paragraphs))
    doc = extract_text(Path("marker.txt"), text)
    assert [(a.title, a.authors) for a in doc.articles] == [(GOVERNANCE.title, ["张明远"])]
    assert not doc.leftovers
