"""Markdown front matter names the printed page (paper, page, page_name beside date), so a
hand-written article joins the newspaper view; its 原载 line is dated like a raw page's."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from site_builder.errors import ContentError
from site_builder.ingest import read_source
from site_builder.model import PageInfo

HEAD = "---\ntitle: 抓好城市治理\n"
BODY = "---\n城市治理是国家治理的重要内容。\n"


def _read(tmp_path: Path, front: str):
    path = tmp_path / "a.md"
    path.write_text(HEAD + front + BODY, encoding="utf-8")
    return read_source(path)


def test_front_matter_fills_the_page(tmp_path: Path):
    doc = _read(tmp_path, "date: 2024-06-25\npaper: 《人民日报》\npage: 9\npage_name: 理论\n"
                          "source: 原载6月20日《光明日报》\n")
    assert doc.page == PageInfo("人民日报", dt.date(2024, 6, 25), 9, "理论")
    [article] = doc.articles
    assert article.page == doc.page
    assert article.date == dt.date(2024, 6, 25) and article.source_date == dt.date(2024, 6, 20)


def test_without_them_the_page_knows_the_date_only(tmp_path: Path):
    doc = _read(tmp_path, "date: 2024-06-25\n")
    assert doc.page == PageInfo(None, dt.date(2024, 6, 25), None, None)
    assert _read(tmp_path, "source: 原载6月20日《光明日报》\n").articles[0].source_date is None  # no year


@pytest.mark.parametrize(("front", "line"), [("page: 第九版\n", 3), ("date: 2024-06-25\npage: 0\n", 4),
                                             ("page_name: [理论]\n", 3)])
def test_a_bad_page_key_names_file_and_line(tmp_path: Path, front: str, line: int):
    with pytest.raises(ContentError) as caught:
        _read(tmp_path, front)
    assert caught.value.line == line and caught.value.file == tmp_path / "a.md"
