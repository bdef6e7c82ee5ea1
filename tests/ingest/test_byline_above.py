"""Pages that print each byline above its title (■王某 / 题目 / 正文)."""
from __future__ import annotations

from pathlib import Path

from site_builder.ingest.raw_page import extract_text

BODY_ONE = ("党的建设是一项伟大工程，必须坚持不懈地推进。各级党组织要切实担负起管党治党的政治责任，"
            "把全面从严治党的要求落实到每一个环节，确保党始终成为坚强领导核心。")
BODY_TWO = ("城市更新是推动城市可持续发展、改善居民生活质量、提升城市竞争力的重要途径，"
            "必须坚持以人民为中心，问需于民、问计于民、问效于民，让群众在更新中有更多获得感。")
BODY_THREE = ("文化振兴是乡村振兴的铸魂工程。要深入挖掘乡村优秀传统文化资源，"
              "推动农耕文明与现代文明相互融合，让乡土文化在传承中焕发新的生机活力。")
CLOSING_ONE = "（作者单位：东江市委党校）"
CLOSING_TWO = "（原载11月8日《人民日报》）"


def _read(*lines: str):
    doc = extract_text(Path("above.txt"), "\n\n".join(lines) + "\n")
    return [(a.title, a.kicker, a.authors) for a in doc.articles]


def test_bylines_above_titles_from_the_page_top():
    assert _read("■王明", "加强党的建设", BODY_ONE, CLOSING_ONE, "●李强", "推进城市更新法治保障", BODY_TWO) == [
        ("加强党的建设", None, ["王明"]), ("推进城市更新法治保障", None, ["李强"])]


def test_a_kicker_over_the_byline_over_the_title():
    """The kicker over a byline is no title when the title stands under that byline (it read
    as a title shaped like a series line, printed over its byline)."""
    assert _read("学习贯彻党的二十大精神", "■王明", "加强党的建设", BODY_ONE, CLOSING_ONE,
                 "“民生”时评", "●李强", "推进城市更新法治保障", BODY_TWO) == [
        ("加强党的建设", "学习贯彻党的二十大精神", ["王明"]),
        ("推进城市更新法治保障", "“民生”时评", ["李强"])]


def test_a_byline_printed_after_its_body_is_not_the_next_articles():
    """Bylines printed late stand over the next title too, but the page opens with a title,
    not a byline: each goes back to the article before it."""
    assert _read("加强党的建设", BODY_ONE, "■王明", CLOSING_ONE, "推进城市更新法治保障", BODY_TWO, "●李强",
                 CLOSING_TWO) == [("加强党的建设", None, ["王明"]), ("推进城市更新法治保障", None, ["李强"])]


def test_a_title_over_a_short_piece_of_body_under_its_byline():
    """Under a byline that stands above its title, the title-shaped line is the title even
    where a column's cut leaves only a few words of body under it (the title wanted a long
    paragraph below to open an article). The text under the piece shows it runs on (here a
    word runs across the cut: 持|续); a short piece with no such sign reads as the
    second line of a head set over two lines, the commoner form (test_title_lines)."""
    assert _read("■王明", "加强党的建设", BODY_ONE, CLOSING_ONE, "●李强", "推进城市更新法治保障", BODY_TWO[:11],
                 BODY_TWO[11:]) == [
        ("加强党的建设", None, ["王明"]), ("推进城市更新法治保障", None, ["李强"])]


def test_a_marked_host_line_above_a_round_tables_title():
    """A round table's host line is a byline led by the host's part (主持人：…); marked as any
    byline may be (■主持人：王明) and printed above the title, it was taken for the title."""
    assert _read("■主持人：王明", "加强党的建设", BODY_ONE, CLOSING_ONE, "●李强", "推进城市更新法治保障", BODY_TWO) == [
        ("加强党的建设", None, ["王明"]), ("推进城市更新法治保障", None, ["李强"])]


def test_unmarked_bylines_above_titles():
    """A bare line of names over each title, the first at the page's top (under its kicker):
    the page prints its bylines above its titles, unmarked."""
    assert _read("“民生”时评", "王明", "加强党的建设", BODY_ONE, CLOSING_ONE, "李强 张华", "推进城市更新法治保障",
                 BODY_TWO) == [
        ("加强党的建设", "“民生”时评", ["王明"]), ("推进城市更新法治保障", None, ["李强", "张华"])]


def test_a_two_part_title_under_a_byline_is_no_second_byline():
    """A short title of two parts parses as a line of names; under a byline, with the body
    under it, it is that byline's title."""
    assert _read("■王明", "以文塑旅 以旅彰文", BODY_ONE, CLOSING_ONE, "李强", "推进城市更新法治保障", BODY_TWO) == [
        ("以文塑旅 以旅彰文", None, ["王明"]), ("推进城市更新法治保障", None, ["李强"])]


def test_a_plain_column_name_over_a_later_byline_over_its_title():
    """A column's name set as plain words (思想纵横) over a byline over a title reads as a
    title with that byline under it; on a page that prints its bylines over its titles it
    is the kicker over the head, like a bracketed one (before: the page was not read as
    such, the name became a title or a fragment, its byline lost)."""
    assert _read("■王明", "加强党的建设", BODY_ONE, CLOSING_ONE, "思想纵横", "●李强", "推进城市更新法治保障",
                 BODY_TWO) == [("加强党的建设", None, ["王明"]), ("推进城市更新法治保障", "思想纵横", ["李强"])]
    assert _read("学习贯彻党的二十大精神", "王明", "加强党的建设", BODY_ONE, CLOSING_ONE, "思想纵横", "李强",
                 "推进城市更新法治保障", BODY_TWO) == [
        ("加强党的建设", "学习贯彻党的二十大精神", ["王明"]), ("推进城市更新法治保障", "思想纵横", ["李强"])]


def test_names_over_their_unit_over_the_title():
    """A byline above its title with the writers' unit on the line under the names: the unit
    is the byline's, not the title (it read as the title, the true title glued to the body)."""
    doc = extract_text(Path("above.txt"), "\n\n".join(
        ["王明　李强", "东江市社科联", "加强党的建设", BODY_ONE, CLOSING_TWO,
         "张华", "西岭大学马克思主义学院", "推进城市更新法治保障", BODY_TWO]) + "\n")
    assert [(a.title, a.authors, a.affiliation) for a in doc.articles] == [
        ("加强党的建设", ["王明", "李强"], "东江市社科联"),
        ("推进城市更新法治保障", ["张华"], "西岭大学马克思主义学院")]


def test_a_dash_signature_on_a_page_of_bylines_over_titles_leaves_the_page_as_it_is():
    """The last article is signed at its end (——王某): that line stands over its unit's line,
    not over a title, and says nothing of where the page prints its bylines (the page's
    first byline read as a kicker, the second taken by the first article)."""
    assert _read("王明", "加强党的建设", BODY_ONE, CLOSING_ONE, "●李强", "推进城市更新法治保障", BODY_TWO,
                 CLOSING_TWO, "坚持以人民为中心推进文化振兴", BODY_THREE, "—— 张华", CLOSING_ONE) == [
        ("加强党的建设", None, ["王明"]), ("推进城市更新法治保障", None, ["李强"]),
        ("坚持以人民为中心推进文化振兴", None, ["张华"])]
