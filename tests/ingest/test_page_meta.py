"""A raw page's paper, date, 版次 and 版名: the page head's forms, the sidecar, the file name,
their precedence and conflicts; the head kept out of the articles; the dates of articles."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.errors import ContentError
from site_builder.ingest import read_source
from site_builder.sources import load_content
from site_builder.ingest.page_head import read_head
from site_builder.ingest.page_meta import reprint_date
from site_builder.model import PageInfo, SourceDocument
from tests.ingest.accounting import unaccounted
from tests.ingest.page_heads import read_back

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "content" / "raw" / "001_ded6bf816fead40a.txt"  # one article, no 原载 line
REPRINTED = ROOT / "content" / "raw" / "000_c07093acd40772cb.txt"  # 原载6月21日 / 原载6月20日《人民日报》
D = dt.date


@pytest.mark.parametrize(("head", "want"), [
    ("人民日报 2024年6月20日 星期四 第9版 理论", PageInfo("人民日报", D(2024, 6, 20), 9, "理论")),
    ("2023年11月8日 星期三 理论周刊 7", PageInfo(None, D(2023, 11, 8), 7, "理论周刊")),
    ("光明日报 2023-11-08 第11版：理论", PageInfo("光明日报", D(2023, 11, 8), 11, "理论")),
    ("光明日报 2023-11-08 第11版:理论", PageInfo("光明日报", D(2023, 11, 8), 11, "理论")),
    ("《求是》 2024.06.20 第09版", PageInfo("求是", D(2024, 6, 20), 9, None)),
    ("经济日报 二〇二四年六月二十日 星期四 第十一版 理论周刊", PageInfo("经济日报", D(2024, 6, 20), 11, "理论周刊")),
    ("人民日报 | 2024/06/20 | 周四 | 第9版 | 评论", PageInfo("人民日报", D(2024, 6, 20), 9, "评论")),
    ("７ 理论周刊 2023年11月8日 星期三", PageInfo(None, D(2023, 11, 8), 7, "理论周刊")),  # full-width digit
    ("12 思想理论 中国纪检监察报 2021年03月05日", PageInfo("中国纪检监察报", D(2021, 3, 5), 12, "思想理论")),
    ("学习时报 2024年6月20日 星期四 第27689期 第3版", PageInfo("学习时报", D(2024, 6, 20), 3, None)),
    ("人民日报 2024年6月20日 星期四 农历甲辰年五月十五 第9版", PageInfo("人民日报", D(2024, 6, 20), 9, None)),
    ("人民日报2024年6月20日星期四第9版理论", PageInfo("人民日报", D(2024, 6, 20), 9, "理论")),  # as cleaned
    ("2024年6月20日 星期四", PageInfo(None, D(2024, 6, 20), None, None)),  # one line of a two-line head
    ("第9版 理论·实践", PageInfo(None, None, 9, "理论·实践")),
    ("光明日报 2024年5月10日 星期五 11 理论", PageInfo("光明日报", D(2024, 5, 10), 11, "理论")),  # N, name at the edge
    ("学习时报 2024年5月10日 第A3版 理论周刊", PageInfo("学习时报", D(2024, 5, 10), 3, "理论周刊")),  # a section's letter
    ("A3 思想周刊 2024年5月10日 星期五", PageInfo(None, D(2024, 5, 10), 3, "思想周刊")),
    ("人民日报", PageInfo("人民日报", None, None, None)),
    ("《学习时报》", PageInfo("学习时报", None, None, None)),
    # a date without its year, with its weekday or its page: a head whose date is not known
    ("06月20日 星期四 第9版 理论", PageInfo(None, None, 9, "理论")),
    ("人民日报 6月20日 星期四", PageInfo("人民日报", None, None, None)),
    ("六月二十日 星期四", PageInfo(None, None, None, None)),
])
def test_head_forms(head: str, want: PageInfo):
    read = read_head(head)
    assert read is not None and read.info == want


@pytest.mark.parametrize("line", [
    "为加快发展新质生产力贡献高校力量",  # a title
    "求是",  # a name not of a paper's shape, alone
    "向人民汇报",
    "2024年6月20日，习近平总书记在北京考察",  # a sentence that opens with a date
    "2021年7月1日庆祝中国共产党成立100周年大会",
    "第二十届三中全会",
    "（下转第4版）",  # a jump line: furniture of another kind
    "2024年6月20日 星期四 2024年6月21日",  # two dates
    "人民日报 光明日报 2024年6月20日",  # two papers
    "人民日报 9 2024年6月20日 理论",  # a bare number inside the head, its name not beside it
    "原载2024年6月20日《人民日报》",  # a reprint line, even unbracketed
    "见《人民日报》2024年6月20日第9版",  # a citation
    "6月20日",  # a date without its year, alone: a diary's subheading as likely
    "6月20日 调研座谈",
])
def test_not_heads(line: str):
    assert read_head(line) is None


def test_an_impossible_date_is_a_head_whose_date_is_warned(tmp_path: Path):
    doc = _extracted(tmp_path, "x.txt", ["人民日报 2023年2月30日 第9版", ""] + _lines(SAMPLE))
    assert doc.page == PageInfo("人民日报", None, 9, None)
    assert [w.code for w in doc.warnings if w.code.startswith("page")] == ["page-head-date"]
    assert "2023年2月30日" in str(doc.warnings[-1]) and doc.warnings[-1].line == 1


@pytest.mark.parametrize(("head", "weekday_warned"), [
    (["人民日报 2024年6月20日 星期四 第9版", ""], False),
    (["人民日报 2024年6月23日 星期天 第9版", ""], False),  # 星期天 = 星期日
    (["人民日报 2024年6月20日 周三 第9版", ""], True),
    (["人民日报 2024年6月20日", "星期五 第9版", ""], True),  # the weekday on the head's second line
])
def test_a_weekday_the_date_does_not_fall_on_is_warned(tmp_path: Path, head: list[str], weekday_warned: bool):
    doc = _extracted(tmp_path, "x.txt", head + _lines(SAMPLE))
    warned = [w for w in doc.warnings if w.code == "page-head-weekday"]
    assert doc.page.date is not None and bool(warned) == weekday_warned
    assert all("is a 星期四: is the date misprinted?" in str(w) for w in warned)


@pytest.mark.parametrize("head", [
    ["人民日报 2024年6月20日 星期四 第9版 理论", ""],
    ["人民日报 2024年6月20日 星期四 第9版 理论"],  # no blank line before the title
    ["人民日报", "2024年6月20日 星期四 第9版 理论", ""],  # over two lines
    ["人民日报", "", "2024年6月20日 星期四", "", "第9版 理论", ""],  # three units
])
def test_the_head_is_kept_out_of_the_articles(tmp_path: Path, head: list[str]):
    plain = read_source(SAMPLE)
    doc = _extracted(tmp_path, SAMPLE.name, head + _lines(SAMPLE))
    assert doc.page == PageInfo("人民日报", D(2024, 6, 20), 9, "理论")
    shifted = len(head)  # the articles are those of the page without its head, lines moved down
    assert [(a.title, a.authors, [b.text for b in a.blocks]) for a in doc.articles] == \
        [(a.title, a.authors, [b.text for b in a.blocks]) for a in plain.articles]
    assert [a.lines[0].first for a in doc.articles] == [a.lines[0].first + shifted for a in plain.articles]
    heads = [left for left in doc.leftovers if left.lines[0].last <= shifted]
    # (a line of a date alone, or 第N版 alone, was page furniture of kind `other` already)
    assert {left.kind for left in heads} <= {"banner", "other"} and "banner" in {left.kind for left in heads}
    assert "".join(h.text for h in heads) == "人民日报2024年6月20日星期四第9版理论"
    assert all(a.date == D(2024, 6, 20) and a.page == doc.page for a in doc.articles)
    missing, invented = unaccounted("\n".join(head + _lines(SAMPLE)), doc)
    assert not missing and not invented


def test_a_head_without_its_year_is_kept_out_of_the_title(tmp_path: Path):
    plain = read_source(SAMPLE)
    doc = _extracted(tmp_path, SAMPLE.name, ["06月20日　星期四　　理论周刊", ""] + _lines(SAMPLE))
    assert [a.title for a in doc.articles] == [a.title for a in plain.articles]
    assert doc.page.date is None and all(a.date is None for a in doc.articles)
    # (page matter read as a head, not a fragment of text)
    assert [(left.kind, left.text) for left in doc.leftovers if left.lines[0].last <= 2] == \
        [("banner", "06月20日星期四理论周刊")]


def test_the_sample_pages_print_no_date():
    for page in sorted((ROOT / "content" / "raw").glob("*.txt")):
        doc = read_source(page)
        assert doc.page == PageInfo() and all(a.date is None and a.source_date is None for a in doc.articles)


@pytest.mark.parametrize(("name", "want"), [
    ("2024-06-20-人民日报-09.txt", PageInfo("人民日报", D(2024, 6, 20), 9, None)),
    ("2024-06-20-光明日报-11-理论.txt", PageInfo("光明日报", D(2024, 6, 20), 11, "理论")),
    ("2024-06-20.txt", PageInfo(None, D(2024, 6, 20), None, None)),
    ("2024-06-20-09.txt", PageInfo(None, D(2024, 6, 20), 9, None)),
    ("000_c07093acd40772cb.txt", PageInfo()),  # the sample pages' names say nothing
])
def test_file_name_convention(tmp_path: Path, name: str, want: PageInfo):
    assert _extracted(tmp_path, name, _lines(SAMPLE)).page == want


def test_a_file_name_with_an_impossible_date_is_warned(tmp_path: Path):
    doc = _extracted(tmp_path, "2024-02-30-人民日报-09.txt", _lines(SAMPLE))
    assert doc.page == PageInfo() and [w.code for w in doc.warnings][-1] == "file-name-date"


def test_precedence_sidecar_then_head_then_file_name(tmp_path: Path):
    head = ["人民日报 2024年6月20日 星期四 第9版", ""]
    # the file name alone
    assert _extracted(tmp_path, "2024-06-19-光明日报-05-学术.txt", _lines(SAMPLE)).page == \
        PageInfo("光明日报", D(2024, 6, 19), 5, "学术")
    # the head over the file name; what the head does not print comes from the name
    doc = _extracted(tmp_path, "2024-06-19-光明日报-05-学术.txt", head + _lines(SAMPLE))
    assert doc.page == PageInfo("人民日报", D(2024, 6, 20), 9, "学术")
    # the sidecar over both
    (tmp_path / "2024-06-19-光明日报-05-学术.toml").write_text('date = 2024-06-21\npage_name = "理论"\n',
                                                            encoding="utf-8")
    doc = _extracted(tmp_path, "2024-06-19-光明日报-05-学术.txt", head + _lines(SAMPLE))
    assert doc.page == PageInfo("人民日报", D(2024, 6, 21), 9, "理论")
    assert all(a.date == D(2024, 6, 21) for a in doc.articles)


def test_a_conflict_is_warned_naming_both_values_and_sources(tmp_path: Path):
    (tmp_path / "2024-06-19-人民日报.toml").write_text('paper = "人民日报"\n\ndate = 2024-06-21\n', encoding="utf-8")
    doc = _extracted(tmp_path, "2024-06-19-人民日报.txt", ["人民日报 2024年6月20日 第9版", ""] + _lines(SAMPLE))
    conflicts = [str(w) for w in doc.warnings if w.code == "page-meta-conflict"]
    assert len(conflicts) == 2, conflicts  # the date three ways; the paper agrees everywhere
    head, name = conflicts
    assert "the sidecar 2024-06-19-人民日报.toml:3 says 2024-06-21" in head
    assert "the page head (line 1) says 2024-06-20" in head and head.endswith("2024-06-21 is used")
    assert "the file name 2024-06-19-人民日报.txt says 2024-06-19" in name


@pytest.mark.parametrize(("sidecar", "line", "says"), [
    ('paper = "人民日报"\ndate = 2024-06-2x\n', 2, "broken page sidecar"),
    ('paper = "人民日报"\nedition = 3\n', 2, "unknown key 'edition'"),
    ('\npage = "9"\n', 2, "'page' must be the page number"),
    ('page = 0\n', 1, "'page' must be the page number"),
    ('paper = "人民日报"\ndate = 2024-06-20T08:00:00\n', 2, "'date' must be a date"),
    ('date = "June 20"\n', 1, "'date' must be a date"),
    ('paper = ""\n', 1, "'paper' must be text"),
    ('paper = "人民日报\n', 1, "broken page sidecar"),
])
def test_a_bad_sidecar_is_an_error_naming_file_and_line(tmp_path: Path, sidecar: str, line: int, says: str):
    (tmp_path / "page.toml").write_text(sidecar, encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_source(page)
    assert caught.value.file == tmp_path / "page.toml" and caught.value.line == line
    assert says in caught.value.message


def test_a_sidecar_that_is_not_utf8_is_an_error_naming_file_and_line(tmp_path: Path):
    (tmp_path / "page.toml").write_bytes('paper = "人民日报"\n'.encode() + 'page_name = "理论"\n'.encode("gbk"))
    page = tmp_path / "page.txt"
    page.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(ContentError, match="not UTF-8") as caught:
        read_source(page)
    assert (caught.value.file, caught.value.line) == (tmp_path / "page.toml", 2)


def test_a_sidecar_with_no_page_is_an_error(tmp_path: Path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "2024-06-20-人民日报-09.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "raw" / "2024-06-20-人民日报-9.toml").write_text('page_name = "理论"\n', encoding="utf-8")
    loaded = load_content(tmp_path)
    assert [str(e) for e in loaded.errors] == [f"{tmp_path / 'raw' / '2024-06-20-人民日报-9.toml'}: a page sidecar "
                                               "with no page beside it (expected 2024-06-20-人民日报-9.txt)"]
    assert [d.path.name for d in loaded.documents] == ["2024-06-20-人民日报-09.txt"]  # the page still loads


def test_extract_prints_the_page_and_article_dates(tmp_path: Path):
    page = tmp_path / "page.txt"
    page.write_text("光明日报 2024-06-25 第11版：理论\n\n" + REPRINTED.read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.toml").write_text("page = 'nine'\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "site_builder", "extract", str(page), str(bad)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1 and f"{tmp_path / 'bad.toml'}:1: 'page' must be" in run.stderr
    [printed] = json.loads(run.stdout)["pages"]
    assert {k: printed[k] for k in ("paper", "date", "page", "page_name")} == \
        {"paper": "光明日报", "date": "2024-06-25", "page": 11, "page_name": "理论"}
    assert {a["date"] for a in printed["articles"]} == {"2024-06-25"}
    reprints = [(a["source"], a["source_date"]) for a in printed["articles"] if a["source"]]
    assert ("原载6月20日《人民日报》", "2024-06-20") in reprints


@pytest.mark.parametrize(("source", "printed", "want"), [
    ("原载6月20日《人民日报》", D(2024, 6, 25), D(2024, 6, 20)),
    ("原载6月20日《人民日报》", D(2024, 6, 20), D(2024, 6, 20)),  # the same day
    ("原载12月30日《人民日报》", D(2024, 1, 5), D(2023, 12, 30)),  # the year before
    ("原载2022年3月1日《光明日报》", D(2024, 6, 20), D(2022, 3, 1)),  # its own year
    ("原载《人民日报》２０２４年６月１日", None, D(2024, 6, 1)),
    ("原载六月二十日《人民日报》", D(2024, 7, 1), D(2024, 6, 20)),
    ("原载2月29日《人民日报》", D(2023, 3, 1), None),  # 2023 has no 2月29日
    ("原载2月29日《人民日报》", D(2024, 3, 1), D(2024, 2, 29)),
    ("原载6月20日《人民日报》", None, None),  # the year is not known
    ("原载《求是》2024年第12期", D(2024, 6, 20), None),  # no day
    (None, D(2024, 6, 20), None),
])
def test_reprint_date(source: str | None, printed: dt.date | None, want: dt.date | None):
    assert reprint_date(source, printed) == want


def test_simulated_heads_read_back_exactly():
    """make_page_head's forms, on a fresh seed range, through the whole extractor: the page's
    fields exactly, the article untouched, nothing warned; with and without a blank line."""
    wrong = [(seed, head, page) for seed in range(7000, 7300)
             for exact, head, page in [read_back(seed, blank_line=seed % 2 == 0)] if not exact]
    assert not wrong, wrong[:5]


def _lines(page: Path) -> list[str]:
    return page.read_text(encoding="utf-8").split("\n")


def _extracted(folder: Path, name: str, lines: list[str]) -> SourceDocument:
    page = folder / name
    page.write_text("\n".join(lines), encoding="utf-8")
    return read_source(page)


@pytest.mark.parametrize(("head", "page"), [
    ("人民日报 2018.10.26 星期五 14版 评论", 14),  # the e-paper's page without 第
    ("2024年6月20日 A9版 理论", 9),  # a section letter before the number
])
def test_a_page_number_printed_without_its_di(head, page):
    found = read_head(head)
    assert found is not None and found.info.page == page
