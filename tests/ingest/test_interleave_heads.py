"""Two articles whose columns the text layer read in turns are parted whatever the second
article's head holds: a byline, only an author-unit line, or only a kicker above its title."""
from __future__ import annotations

import pytest

from tests.ingest.genre_pages import CULTURE, DIGITAL, GOVERNANCE, extract, page

COLUMN = 70  # characters a column holds


def _columns(paragraphs: tuple[str, ...]) -> list[list[str]]:
    """Column pieces: a column holds COLUMN characters (a paragraph's end loses a few to the
    short last line); a paragraph that does not fit is cut where the column ends."""
    columns: list[list[str]] = [[]]
    room = COLUMN
    for text in paragraphs:
        while text:
            piece, text = text[:room], text[room:]
            columns[-1].append(piece)
            room = room - len(piece) - 4 if not text else 0
            if room <= 4:
                columns.append([])
                room = COLUMN
    return [c for c in columns if c]


def _interleaved(second_head: list[str]) -> str:
    """The first article's columns and the second's read in turns, the second's head before
    its first column, the first article's closing line after its last."""
    first = _columns(GOVERNANCE.paragraphs + CULTURE.paragraphs)
    second = _columns(DIGITAL.paragraphs)
    blocks = [GOVERNANCE.title, GOVERNANCE.byline, *first[0], *second_head, *second[0]]
    for k in range(1, len(first)):
        blocks += first[k] + (second[k] if k < len(second) else [])
    return page(*blocks, "（作者单位：东江市委党校）")


def _bodies(doc) -> list[list[str]]:
    return [[b.text for b in a.blocks] for a in doc.articles]


@pytest.mark.parametrize("head, kicker, affiliation", [
    ([DIGITAL.title, "（作者单位：西岭大学经济学院）"], None, "西岭大学经济学院"),
    (["【学思践悟】", DIGITAL.title], "【学思践悟】", None),
])
def test_the_second_article_is_parted_without_a_byline_name(head, kicker, affiliation):
    """Read as the same page with a byline is read: the columns are put back in both."""
    with_byline = extract(_interleaved([DIGITAL.title, DIGITAL.byline]))
    assert "interleave" in [w.code for w in with_byline.warnings]
    doc = extract(_interleaved(head))
    first, second = doc.articles
    assert (first.title, first.authors, first.affiliation) == (GOVERNANCE.title, ["张明远"], "东江市委党校")
    assert (second.title, second.kicker, second.authors, second.affiliation) == (DIGITAL.title, kicker, [], affiliation)
    assert _bodies(doc) == _bodies(with_byline)
    assert second.blocks[0].text == DIGITAL.paragraphs[0]
