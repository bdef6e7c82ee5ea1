"""A list of contents over the page (本版导读 and the titles below it) is page matter: the
articles keep their titles and their text."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest.dedupe import key
from site_builder.ingest.raw_page import extract_text
from tests.ingest.genre_pages import CULTURE, DIGITAL, GOVERNANCE

PIECES = [(GOVERNANCE, "■张明远"), (CULTURE, "■李晓红"), (DIGITAL, "●王海涛")]


def _read(listed: list[str]):
    blocks = [*listed, *(b for piece, byline in PIECES for b in (piece.title, byline, *piece.paragraphs))]
    return extract_text(Path("contents.txt"), "\n\n".join(blocks) + "\n")


@pytest.mark.parametrize("listed", [
    ["本版导读", GOVERNANCE.title, CULTURE.title, DIGITAL.title],
    [GOVERNANCE.title, CULTURE.title],  # (no label: two entries in a row)
    ["【本期提要】", CULTURE.title + "\u3000李晓红"],  # (an entry with its writer)
    ["导读", GOVERNANCE.title + "  张明远", DIGITAL.title],
    ["本期提要", GOVERNANCE.title, CULTURE.title + "\u3000东江市委政策研究室课题组", DIGITAL.title],  # (a group writes)
])
def test_a_list_of_contents_is_page_matter(listed):
    doc = _read(listed)
    assert [a.title for a in doc.articles] == [piece.title for piece, _ in PIECES]
    for article, (piece, _) in zip(doc.articles, PIECES, strict=True):
        assert [b.text for b in article.blocks] == list(piece.paragraphs)
    assert [key(left.text) for left in doc.leftovers] == [key(line) for line in listed]
    assert {left.kind for left in doc.leftovers} == {"other"}


def test_one_title_line_with_no_label_is_no_list():
    """A lone line printed again below is not a list: a title repeated as a kicker, say."""
    doc = _read([DIGITAL.title])
    assert all(left.kind != "other" for left in doc.leftovers)


def test_a_listed_title_under_a_paragraph_opens_its_article():
    """A title the list names, right under the last paragraph of the article above (that one
    prints no closing lines) and over its own text (its byline printed after it): where a
    subheading would stand, the list says it is a title (before: the article ran on into it)."""
    listed = ["本版导读", GOVERNANCE.title, CULTURE.title]
    first = [GOVERNANCE.paragraphs[0], "健全组织体系", *GOVERNANCE.paragraphs[1:]]  # (a subheading in it)
    blocks = [*listed, GOVERNANCE.title, "■张明远", *first, CULTURE.title, *CULTURE.paragraphs,
              "■李晓红", "（作者单位：东江市委党校）"]
    doc = extract_text(Path("contents.txt"), "\n\n".join(blocks) + "\n")
    assert [(a.title, a.authors) for a in doc.articles] == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"])]
    assert [b.text for b in doc.articles[1].blocks] == list(CULTURE.paragraphs)
