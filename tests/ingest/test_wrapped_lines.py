"""A page whose text layer gives a justified column's lines as they come: every paragraph
wrapped at the column's width, flush left, and no blank line anywhere. The paragraphs' ends
then show only in their lines (a line short of the column's edge, or one a character short
that ends a sentence), and titles, bylines, subheadings and closing lines in their forms
(``site_builder/ingest/wrapping.py``).

Each sample page is written again that way at several widths; its articles must read as
printed: the same titles, kickers, bylines, affiliations, sources, notes, summaries and
subheadings, and the same body text. Two paragraphs may come back as one where the first
one's last line fills the column: the page shows no sign of that end. A line a column wide
that is no paragraph's (a subheading, a kicker) is as unreadable: its page is not written
at that width. The page whose columns are interleaved (002) is not written this way: the
interleave reading needs the blank lines between its pieces (the simulator's form
``wrapped-lines`` with ``interleave`` measures that combination)."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest import shapes
from site_builder.ingest.lines import units_from_lines
from site_builder.ingest.raw_page import extract_text
from site_builder.ingest.wrapping import join_wrapped
from tests.ingest.page_reading import articles_read

ROOT = Path(__file__).resolve().parents[2]
PAGES = [p for p in sorted((ROOT / "content" / "raw").glob("*.txt")) if not p.name.startswith("002")]
WIDTHS = range(18, 41, 2)
PARAGRAPH_MIN = 50  # the sample pages' lines this long are paragraphs; shorter ones are not wrapped


def _wrapped(text: str, width: int) -> str:
    lines: list[str] = []
    for line in (raw.strip(" \u3000") for raw in text.split("\n")):
        if len(line) > PARAGRAPH_MIN:
            lines += [line[k:k + width] for k in range(0, len(line), width)]
        elif line:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _readable_at(text: str, width: int) -> bool:
    """No line that stays whole (a title, a subheading) is as wide as the column."""
    return all(abs(len(line.strip(" \u3000")) - width) > 1 for line in text.split("\n")
               if 0 < len(line.strip()) <= PARAGRAPH_MIN)


def _as_read(articles: list) -> list:
    """The articles with their body as its text and its subheadings (paragraphs may merge)."""
    return [{**{k: v for k, v in a.items() if k != "blocks"},
             "body": "".join(b["text"] for b in a["blocks"]),
             "headings": [b["text"] for b in a["blocks"] if b["type"] == "heading"]} for a in articles]


CASES = [(page, width) for page in PAGES for width in WIDTHS
         if _readable_at(page.read_text(encoding="utf-8"), width)]


@pytest.mark.parametrize("page,width", CASES, ids=[f"{p.stem[:3]}-{w}" for p, w in CASES])
def test_a_page_of_wrapped_lines_reads_as_printed(page: Path, width: int, tmp_path: Path):
    wrapped = tmp_path / page.name
    wrapped.write_text(_wrapped(page.read_text(encoding="utf-8"), width), encoding="utf-8")
    assert _as_read(articles_read(wrapped)) == _as_read(articles_read(page))


def test_every_sample_page_but_the_interleaved_one_is_read_at_several_widths():
    assert {page for page, _ in CASES} == set(PAGES) and len(CASES) >= 3 * len(PAGES)


# marks a typesetter never sets at a line's start: they stay on the line before (kinsoku)
_LINE_END_ONLY = "，。、；：！？”’）》 "


def _indented(text: str, width: int) -> list[str] | None:
    """The page as a text layer gives a column whose paragraphs open indented two places:
    each wrapped with kinsoku (a closing mark, or a space, stays on its line), no blank
    line anywhere; a paragraph the raw page broke in two goes on flush. None where that
    column cannot be read: a line that stays whole (a title, a subheading) as wide as the
    column, or a broken paragraph's first part whose last line is short, ends no sentence
    and stands under a full line that ends one (a subheading's form: a column's foot is
    full)."""
    lines: list[str] = []
    before = ""  # the paragraph before, when the line before was one
    for line in (raw.strip(" \u3000") for raw in text.split("\n")):
        if not line:
            continue
        if len(line) <= PARAGRAPH_MIN:
            if abs(len(line) - width) <= 1:
                return None
            lines.append(line)
            before = ""
            continue
        continued = bool(before) and not shapes.terminated(before)
        set_lines = _set_paragraph(line, width, indent=not continued)
        if not shapes.terminated(line) and len(set_lines) > 1 and len(set_lines[-1]) < width - 1 \
                and len(set_lines[-2].strip()) >= width - 1 and shapes.terminated(set_lines[-2]):
            return None
        lines += set_lines
        before = line
    return lines


def _set_paragraph(text: str, width: int, indent: bool) -> list[str]:
    lines, rest = [], text
    while rest:
        k = min(width - (2 if indent and not lines else 0), len(rest))
        while k < len(rest) and rest[k] in _LINE_END_ONLY:
            k += 1
        lines.append(("\u3000\u3000" if indent and not lines else "") + rest[:k])
        rest = rest[k:]
    return lines


INDENTED_CASES = [(page, width) for page in PAGES for width in WIDTHS
                  if _indented(page.read_text(encoding="utf-8"), width) is not None]


@pytest.mark.parametrize("page,width", INDENTED_CASES, ids=[f"{p.stem[:3]}-{w}" for p, w in INDENTED_CASES])
def test_a_page_of_indented_wrapped_lines_reads_as_printed(page: Path, width: int, tmp_path: Path):
    """A subheading then stands flush between a paragraph's last line and the next
    paragraph's indented first line: where that last line fills the column and ends a
    sentence, the short line that ends none is no part of its paragraph."""
    lines = _indented(page.read_text(encoding="utf-8"), width)
    assert lines is not None
    wrapped = tmp_path / page.name
    wrapped.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _as_read(articles_read(wrapped)) == _as_read(articles_read(page))


def test_every_sample_page_but_the_interleaved_one_is_read_indented_at_several_widths():
    assert {page for page, _ in INDENTED_CASES} == set(PAGES) and len(INDENTED_CASES) >= 3 * len(PAGES)


COLUMN = 20


def _column(text: str) -> list[str]:
    return [text[k:k + COLUMN] for k in range(0, len(text), COLUMN)]


def _units(lines: list[str]) -> list[str]:
    return [unit.raw.replace("\n", "") for unit in units_from_lines(lines)]


FIRST = "城市治理是国家治理体系的重要组成部分，事关人民群众的切身利益。各地要坚持人民城市人民建、人民城市为人民，把以人民为中心的发展思想落到实处。"
SECOND = "基层是城市治理的基础。要推动资源、服务、管理向基层下沉，让社区有人有物有权，把问题解决在家门口，让群众的获得感成色更足、幸福感更可持续。"
THIRD = "数字技术为城市治理提供了新的手段。要用好城市大脑，打破信息孤岛，推动数据共享，以数字化改革撬动治理方式变革，让城市运行更聪明、更有温度。"


def test_a_paragraph_ends_on_a_line_one_character_short_that_ends_a_sentence():
    first = FIRST[:2 * COLUMN + COLUMN - 1 - 1] + "。"  # its last line one short of the edge
    lines = _column(first) + _column(SECOND) + _column(THIRD) + _column(SECOND)
    assert _units(lines) == [first, SECOND, THIRD, SECOND]


def test_a_closing_line_a_numbered_subheading_and_a_title_with_its_byline_stand_alone():
    full_end = FIRST[:2 * COLUMN - 1] + "。"  # its last line as wide as the column
    lines = [*_column(full_end), "（一）以数字化改革撬动治理方式变革", *_column(SECOND),
             *_column(THIRD), "作者单位：某某市委党校", "让城市治理更聪明更有温度　■王某 李某", *_column(FIRST)]
    assert _units(lines) == [full_end, "（一）以数字化改革撬动治理方式变革", SECOND, THIRD,
                             "作者单位：某某市委党校", "让城市治理更聪明更有温度　■王某 李某", FIRST]


def test_a_title_as_wide_as_the_column_keeps_its_byline_of_names_apart():
    title = "以高质量党建引领城市基层治理现代化水平提升"[:COLUMN]
    lines = [title, "王某某", *_column(FIRST), *_column(SECOND), *_column(THIRD)]
    assert _units(lines) == [title, "王某某", FIRST, SECOND, THIRD]


def test_a_page_of_a_paragraph_a_line_with_headings_of_one_length_is_no_column():
    headings = ["推动资源服务管理下沉", "打破部门之间信息孤岛", "提升城市治理智能水平", "完善基层治理体制机制"]
    paragraphs = [FIRST, SECOND + THIRD, FIRST[:31] + "。", THIRD + FIRST + SECOND]  # (lengths scatter)
    lines = [line for heading, paragraph in zip(headings, paragraphs, strict=True) for line in (heading, paragraph)]
    assert _units(lines) == lines


@pytest.mark.parametrize("lines,joined", [
    (["课题：K23ZG32600", "50成果）"], "课题：K23ZG3260050成果）"),   # a number cut by the wrap
    (["专项重点课题:", "K23ZG3260050成果)"], "专项重点课题:K23ZG3260050成果)"),  # a half-width mark in Chinese
    (["填表、报账", " and 评审上。"], "填表、报账 and 评审上。"),  # a space printed at the break
    (["the Party,", "the people"], "the Party, the people"),  # a Latin text's wrap
])
def test_wrapped_lines_rejoin_without_a_space_inside_a_number(lines: list[str], joined: str):
    assert join_wrapped(lines) == joined


def test_a_lost_glyph_counts_as_the_character_it_was_where_a_line_ends():
    """A line that lost a glyph ((cid:685) removed) is a character short of the edge: it
    ends a sentence, yet it goes on in the next line, as the page printed it full."""
    full = "基层治理是国家治理的基石统筹发展和安全。"
    assert len(full) == COLUMN
    lost = full[:3] + full[4:]  # (理 lost)
    rest = "要把党的组织优势转化为治理效能让党的旗帜在每一个基层阵地高高飘扬。"
    lines = [*_column(SECOND), lost, *_column(rest), *_column(THIRD), *_column(SECOND)]
    printed = [line if line != lost else full[:3] + "\ufffd" + full[4:] for line in lines]
    assert _units(lines)[:3] == [SECOND, lost, rest]  # (read from the text alone)
    assert [unit.raw.replace("\n", "") for unit in units_from_lines(lines, printed)][:2] == [SECOND, lost + rest]


def test_a_line_a_character_wider_than_the_column_is_printed_whole_unless_a_closing_mark_is_squeezed_in():
    """A subheading one character wider than the column stands on a line of its own; a
    paragraph's line one character over that ends on a closing mark is a full line (the
    mark squeezed in, kept off the next line's start), and the paragraph goes on."""
    heading = "推进以县城为重要载体的城镇化建设促进城市协调发展"[:COLUMN + 1]
    paragraph = "要推动资源服务管理向基层下沉让社区有人有物有权"[:COLUMN] + "，把问题解决在家门口，让群众的获得感成色更足。"
    squeezed, rest = paragraph[:COLUMN + 1], paragraph[COLUMN + 1:]  # (the comma squeezed in)
    lines = [*_column(FIRST), heading, *_column(THIRD), squeezed, *_column(rest), *_column(SECOND)]
    assert _units(lines) == [FIRST, heading, THIRD, paragraph, SECOND]


def _wrapped_at(paragraphs: list[str], width: int) -> str:
    return "\n".join(p[k:k + width] for p in paragraphs for k in range(0, len(p), width)) + "\n"


P1 = ("城市更新是推动城市可持续发展、改善居民生活质量、提升城市竞争力的重要途径，必须坚持以人民为中心，"
      "问需于民、问计于民、问效于民，让群众在更新中有更多获得感。")
P2 = ("基层治理是国家治理的基石。要健全党组织领导的自治、法治、德治相结合的城乡基层治理体系，"
      "推进基层治理现代化，让基层既充满活力又和谐有序。")
P3 = ("党的建设是一项伟大工程，必须坚持不懈地推进。各级党组织要切实担负起管党治党的政治责任，"
      "把全面从严治党的要求落实到每一个环节，确保党始终成为坚强领导核心。")


def test_a_subheading_a_character_short_of_the_column_with_nothing_carried_down():
    """On a justified column with neither blank lines nor indents, a line a character short
    of the edge that ends no sentence is a full line only where the typesetter carried a
    character down to the next line (with a mark that may not open a line); otherwise it
    ends there: a subheading (it was joined to the paragraph under it)."""
    heading = "健全党组织领导的城乡基层治理体系和机制"
    text = _wrapped_at(["加强城市治理", "■王明", P1, heading, P2, P3], 20)
    blocks = [(b.type, b.text) for b in extract_text(Path("col.txt"), text).articles[0].blocks]
    assert blocks == [("paragraph", P1), ("heading", heading), ("paragraph", P2), ("paragraph", P3)]


def test_an_imperative_subheading_exactly_as_wide_as_the_column_over_a_sentence_of_its_own():
    """A long subheading of the genre's imperative form (two clauses each opening on a verb)
    that fills the column exactly stands apart where the next line opens a whole sentence
    with its own subject (县城是…。); a paragraph whose first line has that form and goes on
    with its object stays one paragraph."""
    heading = "推进以县城为重要载体的城镇化建设，促进城乡协调发展"
    below = "县城是城乡融合发展的关键纽带。要补齐县城在市政设施、公共服务等方面的短板，增强县城综合承载能力。"
    width = len(heading)
    text = _wrapped_at(["加强城市治理", "■王明", P1, heading, below, P2], width)
    blocks = [(b.type, b.text) for b in extract_text(Path("col.txt"), text).articles[0].blocks]
    assert blocks == [("paragraph", P1), ("heading", heading), ("paragraph", below), ("paragraph", P2)]
    # (control: the same first line, its sentence going on with the verb's object)
    goes_on = heading + "格局。要补齐县城在市政设施、公共服务等方面的短板，增强县城综合承载能力。"
    text = _wrapped_at(["加强城市治理", "■王明", P1, goes_on, P2], width)
    blocks = [(b.type, b.text) for b in extract_text(Path("col.txt"), text).articles[0].blocks]
    assert blocks == [("paragraph", P1), ("paragraph", goes_on), ("paragraph", P2)]
