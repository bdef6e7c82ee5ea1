"""Dash lines that are not subtitles: a quotation's source under it (“…。” | ——某某) goes on
the quotation, body text of the article; a name after a dash under the text (——王某) signs
the article."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest.raw_page import extract_text
from site_builder.ingest.shapes import terminated
from tests.ingest.genre_pages import CULTURE, GOVERNANCE

SAYING = "“民为邦本，本固邦宁。”"


def _read(*blocks: str):
    return extract_text(Path("quote.txt"), "\n\n".join(blocks) + "\n")


def _second_whole(doc) -> None:
    assert doc.articles[-1].title == CULTURE.title and doc.articles[-1].authors == ["李晓红"]
    assert [b.text for b in doc.articles[-1].blocks] == list(CULTURE.paragraphs)


@pytest.mark.parametrize("source", ["——《尚书》", "——张居正", "—— 习近平在某地考察时的讲话"])
@pytest.mark.parametrize("where", [0, 1, 3])  # (an epigraph, inside the text, closing it)
def test_a_quotations_source_goes_on_the_quotation(source, where):
    body = list(GOVERNANCE.paragraphs)
    body[where:where] = [SAYING, source]
    doc = _read(GOVERNANCE.title, "■张明远", *body, CULTURE.title, "■李晓红", *CULTURE.paragraphs)
    first = doc.articles[0]
    assert first.title == GOVERNANCE.title and first.authors == ["张明远"] and not first.kicker
    expected = list(GOVERNANCE.paragraphs)
    expected[where:where] = [SAYING + "——" + source.lstrip("— ")]
    assert [b.text for b in first.blocks] == expected
    _second_whole(doc)


def test_a_name_after_a_dash_under_the_text_signs_the_article():
    doc = _read(GOVERNANCE.title, *GOVERNANCE.paragraphs, "——张明远", CULTURE.title, "■李晓红", *CULTURE.paragraphs)
    assert doc.articles[0].authors == ["张明远"]
    assert [b.text for b in doc.articles[0].blocks] == list(GOVERNANCE.paragraphs)
    assert not doc.articles[1].kicker
    _second_whole(doc)


@pytest.mark.parametrize(("text", "ends"), [
    ("“民为邦本，本固邦宁。”——《尚书·五子之歌》", True),
    ("“民为邦本，本固邦宁。”——张居正", True),
    ("要把党组织建在网格上——", False),
    ("这一论断——", False),
])
def test_a_quotation_and_its_source_end_a_sentence(text, ends):
    assert terminated(text) is ends


def test_a_title_over_an_epigraph_and_a_report_with_no_byline():
    """An article with no byline under its title (a report signed in its dateline) opens
    with an epigraph: the short quotation under the title is no piece of body that makes the
    line over it a subheading; the title opens the article (before: it and its text went to
    the article above)."""
    doc = _read(CULTURE.title, "■李晓红", *CULTURE.paragraphs, "（作者单位：东江市委党校）",
                GOVERNANCE.title, SAYING, "——《尚书》", *GOVERNANCE.paragraphs)
    assert [a.title for a in doc.articles] == [CULTURE.title, GOVERNANCE.title]
    assert [b.text for b in doc.articles[1].blocks] == [SAYING + "——《尚书》", *GOVERNANCE.paragraphs]
