"""An editor's note (编者按) heading a group of articles is page matter of its own kind:
never an article, never a title, never in an article's body."""
from __future__ import annotations

import pytest

from site_builder.ingest.editor_note import is_editor_note
from tests.ingest.genre_pages import CULTURE, GOVERNANCE, body, column, extract, heads, page

NOTE = ("党的二十届三中全会对进一步全面深化改革作出系统部署。本版今起推出系列理论文章，"
        "从不同角度阐释全会精神，敬请关注。")


def _group(note: str, *, bylines: bool = True) -> str:
    return page(note,
                GOVERNANCE.title, *([GOVERNANCE.byline] if bylines else []), body(GOVERNANCE.paragraphs),
                "（作者单位：东江市委党校）",
                CULTURE.title, CULTURE.byline, body(CULTURE.paragraphs), "（作者系南屏大学教授）")


@pytest.mark.parametrize("label", ["编者按：", "编者按\u3000", "【编者按】"])
def test_a_note_with_its_label_on_its_first_line(label):
    doc = extract(_group(column(label + NOTE, indent=False)))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"])]
    notes = [left.text for left in doc.leftovers if left.kind == "editor_note"]
    assert len(notes) == 1 and notes[0].endswith("敬请关注。")


def test_a_label_standing_alone_heads_the_note_paragraph():
    doc = extract(_group("编者按\n\n" + column(NOTE)))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"])]
    assert [left.kind for left in doc.leftovers] == ["editor_note", "editor_note"]


def test_a_note_cut_by_a_column_runs_on_into_the_next_piece():
    cut = len(NOTE) // 2
    doc = extract(_group(column("编者按：" + NOTE[:cut], indent=False) + "\n\n" + column(NOTE[cut:], indent=False)))
    assert [left.kind for left in doc.leftovers] == ["editor_note", "editor_note"]
    assert all("敬请关注" not in p.text for a in doc.articles for p in a.blocks)


def test_a_note_never_becomes_a_title_when_the_first_byline_follows_its_body():
    doc = extract(_group(column("编者按\u3000" + NOTE, indent=False), bylines=False))
    assert [a.title for a in doc.articles] == [GOVERNANCE.title, CULTURE.title]
    assert not any(a.title_inferred for a in doc.articles)


def test_a_note_in_mid_page_heads_the_articles_below_it():
    text = page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs),
                column("编者按：" + NOTE, indent=False),
                CULTURE.title, CULTURE.byline, body(CULTURE.paragraphs))
    doc = extract(text)
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"])]
    assert all("敬请关注" not in p.text for a in doc.articles for p in a.blocks)


@pytest.mark.parametrize("label", ["编者的话\n\n", "开栏的话\n\n", "【主持人语】\n\n", "编者按语：", "开栏的话："])
def test_the_notes_other_labels_head_it_too(label):
    doc = extract(_group(label + column(NOTE, indent=False)))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"])]
    assert any(left.kind == "editor_note" and left.text.endswith("敬请关注。") for left in doc.leftovers)


AFTERWORD = "基层是一切工作的落脚点。这篇文章讲的经验，值得各地结合实际学习借鉴。"


@pytest.mark.parametrize("note", ["【编后】\n\n" + AFTERWORD, "编后语\n\n" + AFTERWORD, "编后：" + AFTERWORD,
                                  "编后\u3000" + AFTERWORD])
def test_an_afterword_closing_an_article_is_page_matter(note):
    """编后 after an article (its label alone over its paragraph, or before a colon or a space
    that cleaning drops), and a column host's credit, are no text of the article's."""
    text = page(GOVERNANCE.title, GOVERNANCE.byline, body(GOVERNANCE.paragraphs), note, "（本栏目主持：王小明）",
                CULTURE.title, CULTURE.byline, body(CULTURE.paragraphs))
    doc = extract(text)
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"])]
    assert [b.text for b in doc.articles[0].blocks] == list(GOVERNANCE.paragraphs)
    assert any(left.kind == "editor_note" and left.text.endswith("学习借鉴。") for left in doc.leftovers)
    assert ("notice", "（本栏目主持：王小明）") in [(left.kind, left.text) for left in doc.leftovers]


def test_a_paragraph_opening_on_the_characters_of_the_label_is_text():
    assert not is_editor_note("编后期工作要跟上。") and is_editor_note("编后：" + AFTERWORD)
