"""Segmentation accounts for every unit: a unit placed nowhere (or twice) stops the page with
an error naming the file and the lines, instead of publishing it with text missing."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.errors import ContentError
from site_builder.ingest import raw_page, segment

PAGE = "\n\n".join([
    "城市治理要坚持人民至上",
    "王某某",
    "城市是人民的城市，城市治理的出发点和落脚点是满足人民对美好生活的向往。",
    "提升城市治理现代化水平，需要在精细化上下功夫，让城市更宜居、更韧性、更智慧。",
    "（作者单位：某某大学公共管理学院）",
])


def test_a_page_reads_whole():
    doc = raw_page.extract_text(Path("page.txt"), PAGE)
    assert [a.title for a in doc.articles] == ["城市治理要坚持人民至上"]


def test_a_unit_lost_by_segmentation_stops_the_page_naming_its_lines(monkeypatch):
    settle = segment._settle_headless

    def losing_the_last_draft(drafts, leftovers):
        kept, left, fragments = settle(drafts, leftovers)
        return kept[:-1], left, fragments

    monkeypatch.setattr(segment, "_settle_headless", losing_the_last_draft)
    with pytest.raises(ContentError) as error:
        raw_page.extract_text(Path("page.txt"), PAGE)
    assert error.value.file == Path("page.txt") and error.value.line == 1
    assert "lost track of the text on lines [1, 3, 5, 7, 9]" in str(error.value)
