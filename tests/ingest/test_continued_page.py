"""A page that opens with the rest of an article begun on another page: an untitled
article (title_inferred), its numbered subheadings headings, and a title made from its text
that is never a bare year or date, a jump line or an editor's note."""
from __future__ import annotations

import pytest

from tests.ingest.genre_pages import CULTURE, GOVERNANCE, body, column, extract, page

REST = GOVERNANCE.paragraphs[1:]
NEXT = (CULTURE.title, CULTURE.byline, body(CULTURE.paragraphs), "（作者系南屏大学教授）")


@pytest.mark.parametrize("jump", ["（上接第5版）", "(上接第5版)", "（上接第五版）", "（上接1版）", "（紧接第一版）",
                                  "（緊接第一版）"])
def test_text_under_a_jump_line_is_an_untitled_article(jump):
    doc = extract(page(jump, "三、坚持系统观念，增强治理合力", body(REST), "（作者单位：东江市委党校）", *NEXT))
    first, second = doc.articles
    assert first.title_inferred and first.title == "健全组织体系"
    assert [b.type for b in first.blocks] == ["heading", "paragraph", "paragraph"]
    assert first.affiliation == "东江市委党校"
    assert (second.title, second.title_inferred, second.authors) == (CULTURE.title, False, ["李晓红"])
    assert [left.kind for left in doc.leftovers] == ["notice"]


def test_a_jump_line_on_the_first_line_of_the_text_is_not_its_title():
    doc = extract(page("（上接第5版）" + column(REST[0], indent=False) + "\n" + body(REST[1:]),
                       "（作者单位：东江市委党校）", *NEXT))
    assert doc.articles[0].title == "健全组织体系" and doc.articles[0].title_inferred


@pytest.mark.parametrize("jump", ["（下转第4版）", "（下轉第4版）"])
def test_a_jump_line_at_a_paragraphs_end_is_taken_out_in_either_script(jump):
    # stray-traditional damage prints the jump's verb as 轉: the jump is still furniture
    first, *rest = GOVERNANCE.paragraphs
    doc = extract(page(GOVERNANCE.title, GOVERNANCE.byline, body([first + jump, *rest]), "（作者单位：东江市委党校）",
                       *NEXT))
    assert [b.text for b in doc.articles[0].blocks][0] == first


@pytest.mark.parametrize("opening", ["1971年，", "2023年10月，", "十月，", "2019年以来，"])
def test_an_inferred_title_is_never_a_bare_year_or_date(opening):
    doc = extract(page(body([opening + REST[0], *REST[1:]]), "（作者单位：东江市委党校）", *NEXT))
    assert doc.articles[0].title == "健全组织体系" and doc.articles[0].title_inferred
