"""A page that prints a paragraph a line with no blank line between (a text layer or a web
page's copy that keeps no empty line) reads as the same page with blank lines.

Each sample page is written again without its blank lines, once keeping the paragraphs'
indent and once not; the articles read from it must equal those of the page as printed, but
for the line numbers. (``tests/ingest/sim``'s form ``no-blank-lines`` draws the same on
generated pages, together with the other kinds.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest.lines import units_from_lines
from tests.ingest.page_reading import articles_read

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "content" / "raw").glob("*.txt"))
WIDE_SPACE = "\u3000"


@pytest.mark.parametrize("keep_indent", [True, False], ids=["indented", "flush"])
@pytest.mark.parametrize("page", PAGES, ids=[p.stem[:3] for p in PAGES])
def test_a_page_without_blank_lines_reads_as_printed(page: Path, keep_indent: bool, tmp_path: Path):
    lines = [line for line in page.read_text(encoding="utf-8").split("\n") if line.strip()]
    if not keep_indent:
        lines = [line.lstrip(" " + WIDE_SPACE) for line in lines]
    packed = tmp_path / page.name
    packed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert articles_read(packed) == articles_read(page)


def test_lines_of_scattered_length_are_not_a_wrap_width():
    paragraph_a_line = ["标题", "■王某", "段" * 180 + "。", "二" * 12, "段" * 95 + "。", "段" * 260 + "。", "段" * 40 + "。"]
    assert len(units_from_lines(paragraph_a_line)) == len(paragraph_a_line)


def test_lines_of_one_width_are_wrapped_text():
    wrapped = ["段" * 24, "段" * 24, "段" * 23 + "，", "段" * 9 + "。", "", "文" * 24, "文" * 24, "文" * 5 + "。"]
    assert [len(u.spans) for u in units_from_lines(wrapped)] == [1, 1]
    assert units_from_lines(wrapped)[0].raw.count("\n") == 3
