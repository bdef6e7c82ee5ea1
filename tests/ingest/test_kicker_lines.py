"""A column's banner or series line set over two lines in a narrow head (the text layer
gives each line as a line of its own, a blank line between) is one kicker. Each case prints
a sample page's kicker broken in two and expects the articles of the page as printed."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest.kicker_lines import join_kicker_lines
from site_builder.ingest.lines import Unit
from site_builder.model import LineSpan
from tests.ingest.page_reading import articles_read, line_broken

RAW = Path(__file__).resolve().parents[2] / "content" / "raw"
BROKEN = [
    ("001_ded6bf816fead40a.txt", "深入学习贯彻习近平新时代", "中国特色社会主义思想"),  # a series line
    ("002_7c0823d0556f9dc4.txt", "学习贯彻党的", "二十届三中全会精神"),  # the page's top
    ("002_7c0823d0556f9dc4.txt", "“清廉建", "设”时评"),  # a quote left open; the second half a label
    ("003_931da840dc53cf60.txt", "【领导干部", "学习笔谈】"),  # a bracketed banner
]


@pytest.mark.parametrize(("name", "first", "second"), BROKEN, ids=[c[1] for c in BROKEN])
def test_a_kicker_broken_in_two_lines_is_one_kicker(name: str, first: str, second: str, tmp_path: Path):
    page = RAW / name
    assert articles_read(line_broken(page, first, second, tmp_path)) == articles_read(page)


def _unit(text: str, line: int) -> Unit:
    span = LineSpan(line, line)
    return Unit(text, [span], text)


@pytest.mark.parametrize("lines", [["———", "深化户籍制度改革"],  # a rule of dashes over a title
                                   ["推动城乡融合发展", "理论笔谈"],  # a title over a kicker printed below it
                                   ["学习贯彻党的二十大精神", "推动高质量发展"]])  # a whole kicker over its title
def test_a_title_and_a_whole_line_beside_it_stay_apart(lines: list[str]):
    units = [_unit(text, 2 * k + 1) for k, text in enumerate(lines)]
    assert [u.text for u in join_kicker_lines(units)] == lines
