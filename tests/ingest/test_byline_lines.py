"""A byline as the text layer or OCR gives it: on its title's line (…贡献高校力量　■李奕, or
after a wide gap with no marker), its
marker on a line of its own above the names, the marker read as 口, or the writer's unit
after the names on the byline's line (■李奕　某某大学). The sample pages, their marked
bylines printed each way, read as printed (the unit aside, which becomes the affiliation)."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.ingest.metadata import parse_byline_parts
from tests.ingest.page_reading import articles_read

RAW = Path(__file__).resolve().parents[2] / "content" / "raw"
MARKED = re.compile(r"^([■●▲])\s*(\S{2,4})$")
# the sample pages that print marked bylines
PAGES = [p for p in sorted(RAW.glob("*.txt"))
         if any(MARKED.match(line.strip()) for line in p.read_text(encoding="utf-8").split("\n"))]


def _on_title_line(lines: list[str], k: int, m: re.Match) -> None:
    title = max(j for j in range(k) if lines[j].strip())
    lines[title] = lines[title].rstrip() + "\u3000" + m.group(0)
    lines[k] = ""


def _unmarked_on_title_line(lines: list[str], k: int, m: re.Match) -> None:
    """The names right of the title after a wide gap, no marker (题目　　王某). (A byline set
    over its title, under the closing line of the article before, stays as printed.)"""
    title = max(j for j in range(k) if lines[j].strip())
    if not lines[title].lstrip().startswith(("（", "(")):
        lines[title] = lines[title].rstrip() + "\u3000\u3000" + m.group(2)
        lines[k] = ""


def _marker_apart(lines: list[str], k: int, m: re.Match) -> None:
    lines[k] = f"{m.group(1)}\n\n{m.group(2)}"


def _read_by_ocr(lines: list[str], k: int, m: re.Match) -> None:
    lines[k] = "口" + m.group(2)


LAYOUTS: dict[str, Callable[[list[str], int, re.Match], None]] = {
    "on-title-line": _on_title_line, "unmarked-on-title-line": _unmarked_on_title_line, "marker-apart": _marker_apart, "read-by-ocr": _read_by_ocr}


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("page", PAGES, ids=[p.stem[:3] for p in PAGES])
def test_marked_bylines_printed_another_way_read_as_printed(page: Path, layout: str, tmp_path: Path):
    lines = page.read_text(encoding="utf-8").split("\n")
    for k, line in enumerate(list(lines)):
        m = MARKED.match(line.strip())
        if m:
            LAYOUTS[layout](lines, k, m)
    printed = tmp_path / page.name
    printed.write_text("\n".join(lines), encoding="utf-8")
    assert articles_read(printed) == articles_read(page)


@pytest.mark.parametrize(("line", "names", "unit"), [
    ("■李奕　某某大学马克思主义学院", ["李奕"], "某某大学马克思主义学院"),
    ("●王某 李某 青岛市委党校", ["王某", "李某"], "青岛市委党校"),
    ("口李奕", ["李奕"], None),
    ("口孔敏丽", ["孔敏丽"], None),  # (口孔 is a rare lexicon entry, no word a line opens with)
    ("ロ王岩松 华东师范大学教授", ["王岩松"], "华东师范大学教授"),
])
def test_byline_forms(line: str, names: list[str], unit: str | None):
    parts = parse_byline_parts(line)
    assert parts is not None and parts["names"] == names and parts.get("affiliation") == unit


@pytest.mark.parametrize("line", ["口号响亮", "口碑相传", "■ 筑牢根基 推进改革", "坚持 人民至上",
                                  "●家庭 是社会的基本细胞，是人生的第一所学校"])
def test_lines_that_are_no_byline(line: str):
    assert parse_byline_parts(line) is None


def test_a_unit_in_brackets_under_the_byline_is_the_affiliation(tmp_path: Path):
    """（某某大学马克思主义学院教授） under ■李奕: the article's affiliation, not its first paragraph."""
    page = PAGES[0]
    lines = page.read_text(encoding="utf-8").split("\n")
    first = next(k for k, line in enumerate(lines) if MARKED.match(line.strip()))
    lines[first] += "\n\n（某某大学马克思主义学院教授）"
    printed = tmp_path / page.name
    printed.write_text("\n".join(lines), encoding="utf-8")
    got, want = articles_read(printed), articles_read(page)
    assert got[0]["affiliation"] == "某某大学马克思主义学院教授"
    assert [{**a, "affiliation": None} for a in got[:1]] + got[1:] == [{**a, "affiliation": None} for a in want[:1]] + want[1:]
