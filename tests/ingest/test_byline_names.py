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
