"""A news report names its writers in its dateline (本报北京6月5日电（记者 王某）): they are the
article's authors when no byline names them; the dateline stays the paragraph's text."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest.dateline import writers
from site_builder.ingest.raw_page import extract_text
from tests.ingest.genre_pages import CULTURE, GOVERNANCE


@pytest.mark.parametrize(("paragraph", "names"), [
    ("本报北京6月5日电（记者王明远）基层治理是国家治理的基石。", ["王明远"]),
    ("本报讯（记者 王明远 通讯员 李强）基层治理是国家治理的基石。", ["王明远", "李强"]),
    ("新华社北京6月5日电（记者王明远、李强）基层治理是国家治理的基石。", ["王明远", "李强"]),
    ("本报讯（王明远）基层治理是国家治理的基石。", []),  # (no role: a name in brackets is not enough)
    ("基层治理是国家治理的基石（记者王明远）。", []),  # (no dateline)
])
def test_the_writers_of_a_dateline(paragraph, names):
    assert writers(paragraph) == names


def test_a_report_without_a_byline_takes_its_writers_from_its_dateline():
    first = "本报北京6月5日电（记者王明远）" + GOVERNANCE.paragraphs[0]
    text = "\n\n".join([GOVERNANCE.title, first, *GOVERNANCE.paragraphs[1:],
                        CULTURE.title, "■李晓红", *CULTURE.paragraphs]) + "\n"
    doc = extract_text(Path("report.txt"), text)
    assert [a.authors for a in doc.articles] == [["王明远"], ["李晓红"]]
    assert doc.articles[0].blocks[0].text == first


SUMMARY = "基层治理是国家治理的基石。本文从组织体系、服务群众和减负增效三个方面，讨论党建引领基层治理的路径。"


def test_a_dateline_under_an_epigraph():
    """An epigraph (a quotation and its source after a dash) set over the report's first
    paragraph: the dateline opening the paragraph under it still names the writers (before:
    only the first block was read, the report had no author)."""
    first = "本报北京6月5日电（记者王明远）" + GOVERNANCE.paragraphs[0]
    text = "\n\n".join([GOVERNANCE.title, "内容提要", SUMMARY, "“民为邦本，本固邦宁。”", "——《尚书》", first,
                        *GOVERNANCE.paragraphs[1:], CULTURE.title, "■李晓红", *CULTURE.paragraphs]) + "\n"
    doc = extract_text(Path("report.txt"), text)
    assert [a.authors for a in doc.articles] == [["王明远"], ["李晓红"]]
    assert doc.articles[0].blocks[0].text == "“民为邦本，本固邦宁。”——《尚书》"
