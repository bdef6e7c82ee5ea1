"""A short title of two parts (守正 创新) has the shape of a line of two names: where an
article opens, with its byline under it, it is the title."""
from __future__ import annotations

from pathlib import Path

from site_builder.ingest.raw_page import extract_text

FIRST = ("加强党的建设\n\n■ 王明\n\n"
         "党的建设是一项伟大工程，必须坚持不懈地推进。各级党组织要切实担负起管党治党的政治责任，"
         "把全面从严治党的要求落实到每一个环节，确保党始终成为坚强领导核心。\n\n"
         "（作者单位：东江市委党校）\n\n")
BODY = ("城市更新是推动城市可持续发展、改善居民生活质量、提升城市竞争力的重要途径，"
        "必须坚持以人民为中心，问需于民、问计于民、问效于民，让群众在更新中有更多获得感。\n\n")


def _heads(text: str) -> list[tuple]:
    doc = extract_text(Path("short.txt"), text)
    return [(a.kicker, a.title, a.authors) for a in doc.articles]


def test_two_part_title_over_a_marked_byline():
    assert _heads(FIRST + "守正图强 固本开新\n\n●李强\n\n" + BODY)[1] == (None, "守正图强 固本开新", ["李强"])


def test_two_part_title_over_unmarked_names_under_a_column_name():
    heads = _heads(FIRST + "“民生”时评\n\n守正 创新\n\n李强 赵刚\n\n" + BODY)
    assert heads[1] == ("“民生”时评", "守正创新", ["李强", "赵刚"])



def test_two_part_title_over_its_dash_subtitle_and_byline():
    heads = _heads(FIRST + "守正图强 固本开新\n\n——推动文化和旅游深度融合发展\n\n●李强\n\n" + BODY)
    assert heads[1] == (None, "守正图强 固本开新——推动文化和旅游深度融合发展", ["李强"])


def test_two_part_title_at_the_top_with_its_byline_after_the_body():
    """No byline under the title: the body runs on to the article's own byline, printed
    after it, so the two-part line above the body is the title, not a line of names."""
    doc = extract_text(Path("short.txt"), "守正图强 固本开新\n\n" + BODY + "●李强\n\n（作者单位：东江市委党校）\n\n" + FIRST)
    assert [(a.title, a.authors) for a in doc.articles] == [("守正图强 固本开新", ["李强"]), ("加强党的建设", ["王明"])]


def test_two_part_title_over_its_kicker_printed_after_it_and_the_byline():
    heads = _heads(FIRST + "守正图强 固本开新\n\n【理论热点】\n\n李强\n\n" + BODY)
    assert heads[1] == ("【理论热点】", "守正图强 固本开新", ["李强"])


def test_two_part_title_under_a_byline_printed_away_from_its_article():
    """The first article's byline, printed under its closing lines, stands above the next
    article's two-part title: the title still opens that article."""
    first = FIRST.replace("■ 王明\n\n", "")
    doc = extract_text(Path("short.txt"), first + "■王明\n\n守正图强 固本开新\n\n●李强\n\n" + BODY)
    assert [(a.title, a.authors) for a in doc.articles] == [("加强党的建设", ["王明"]), ("守正图强 固本开新", ["李强"])]


def test_two_part_title_under_a_column_name_that_parses_as_names():
    """A column name of four characters (治理之道) parses as a name, as the two-part title
    under it does: over a marked byline they are the column's name and the title."""
    heads = _heads(FIRST + "治理之道\n\n守正图强 固本开新\n\n●李强\n\n" + BODY)
    assert heads[1] == ("治理之道", "守正图强 固本开新", ["李强"])


def test_two_part_title_right_under_an_article_printed_without_closing_lines():
    """The article above ends on its last paragraph, no closing lines under it (its unit in
    its byline): the two-part line between that paragraph's end and a marked byline is the
    next title, not a bare line of names (before: it stayed in the body above, the next
    article headless)."""
    first = FIRST.replace("（作者单位：东江市委党校）\n\n", "").replace("■ 王明", "■ 王明 东江市委党校教授")
    assert _heads(first + "守正 创新\n\n●李强\n\n" + BODY) == [
        (None, "加强党的建设", ["王明"]), (None, "守正创新", ["李强"])]
