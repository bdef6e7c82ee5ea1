"""A Markdown copy of a page marks titles with #: a marked line between two paragraphs is
a subheading when the page marks its subheadings too, the next article's title when the
article above prints its subheadings unmarked."""
from __future__ import annotations

from tests.ingest.genre_pages import CULTURE, GOVERNANCE, extract, page

SUBHEADINGS = ("健全组织体系", "完善服务机制")


def _governance(mark: str) -> list[str]:
    """The first article, a staff piece (no closing lines), its two subheadings marked so."""
    first, second, third = GOVERNANCE.paragraphs
    return ["## " + GOVERNANCE.title, "本报记者　王　明", first, mark + SUBHEADINGS[0], second,
            mark + SUBHEADINGS[1], third]


def test_a_marked_line_after_an_article_with_plain_subheadings_is_a_title():
    doc = extract(page(*_governance(""), "## " + CULTURE.title, *CULTURE.paragraphs, CULTURE.byline))
    assert [(a.title, a.authors) for a in doc.articles] == [(GOVERNANCE.title, ["王明"]), (CULTURE.title, ["李晓红"])]
    assert [b.text for b in doc.articles[0].blocks if b.type == "heading"] == list(SUBHEADINGS)


def test_a_marked_line_among_marked_subheadings_stays_a_subheading():
    doc = extract(page(*_governance("## "), "## 繁荣乡村文化", *CULTURE.paragraphs))
    assert [a.title for a in doc.articles] == [GOVERNANCE.title]
    assert [b.text for b in doc.articles[0].blocks if b.type == "heading"] == [*SUBHEADINGS, "繁荣乡村文化"]
