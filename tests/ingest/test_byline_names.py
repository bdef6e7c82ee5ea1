"""A byline of several names set over two lines in a narrow column (■李奕 王芳 | 张明: the
text layer gives each line as a line of its own, the second unmarked) reads as the byline
printed on one line: its names are the article's authors, none glued to the body."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.page_reading import articles_read

RAW = Path(__file__).resolve().parents[2] / "content" / "raw"
PAGE = RAW / "000_c07093acd40772cb.txt"


def _page_with_byline(folder: Path, byline_lines: list[str]) -> Path:
    """The sample page with its first byline printed as `byline_lines`, a blank line between."""
    lines = PAGE.read_text(encoding="utf-8").split("\n")
    at = lines.index("■李奕")
    lines[at:at + 1] = "\n\n".join(byline_lines).split("\n")
    folder.mkdir()
    page = folder / PAGE.name
    page.write_text("\n".join(lines), encoding="utf-8")
    return page


@pytest.mark.parametrize("lines", [["■李奕 王芳", "张明"], ["■李奕", "王芳 张明"], ["■李奕", "王芳"]])
def test_a_byline_over_two_lines_reads_as_one(lines: list[str], tmp_path: Path):
    broken = _page_with_byline(tmp_path / "two-lines", lines)
    whole = _page_with_byline(tmp_path / "one-line", [" ".join(lines)])
    read = articles_read(broken)
    assert read == articles_read(whole)
    assert read[0]["authors"] == " ".join(lines).lstrip("■").split()


_HEAD = "用好红色资源\n\n■张明远\n\n"
_NEXT = "\n\n推进城市更新法治保障\n\n●李强\n\n" + (
    "城市更新是推动城市可持续发展、改善居民生活质量、提升城市竞争力的重要途径，必须坚持以人民为中心。\n")


def _first_article(text: str):
    from site_builder.ingest.raw_page import extract_text

    doc = extract_text(Path("spaced.txt"), text)
    return doc.articles[0]


def test_a_short_spaced_piece_of_common_words_is_no_line_of_names():
    """A column's cut leaves a few words of the first paragraph under the byline, and the
    text layer put a space in them (红色 资源): two words of the lexicon that name no person
    are text, not a second line of the byline (before: 红色 and 资源 became authors)."""
    article = _first_article(_HEAD + "红色 资源\n\n承载着共产党人的初心和使命，一处旧址、一件文物都是历史的见证。" + _NEXT)
    assert article.authors == ["张明远"]
    assert article.blocks[0].text == "红色资源承载着共产党人的初心和使命，一处旧址、一件文物都是历史的见证。"


def test_a_short_spaced_piece_that_runs_on_is_no_line_of_names():
    """One of the “names” is no word at all (问题本), but the piece runs on into the text
    under it (本|质: a word across): text, not a line of the byline."""
    rest = "质上是党性问题，党的作风关系党的形象，关系人心向背，关系党的生死存亡，必须常抓不懈、久久为功，以优良作风凝心聚力。"
    article = _first_article(_HEAD + "作风 问题本\n\n" + rest + _NEXT)
    assert article.authors == ["张明远"]
    assert article.blocks[0].text == "作风问题本" + rest
