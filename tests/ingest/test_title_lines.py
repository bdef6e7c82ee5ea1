"""A title printed on two lines (a blank line between, as the text layer gives every printed
line) is one title when the break cuts a word or a phrase; a kicker above a title stays a
kicker. Each case prints a sample page's title broken in two and expects the articles of
the page as printed."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.page_reading import articles_read, line_broken

RAW = Path(__file__).resolve().parents[2] / "content" / "raw"
BROKEN = [
    ("000_c07093acd40772cb.txt", "为加快发展新质生产", "力贡献高校力量"),  # a word cut (生产力)
    ("001_ded6bf816fead40a.txt", "抓好城市治理体系和", "治理能力现代化"),  # ends on a conjunction, under a kicker
    ("003_931da840dc53cf60.txt", "加快构建泛在可及的", "终身教育体系"),  # ends on 的
    ("002_7c0823d0556f9dc4.txt", "以人民为中心,", "完善城市更新法治保障"),  # broken at its comma
]


@pytest.mark.parametrize(("name", "first", "second"), BROKEN, ids=[c[1] for c in BROKEN])
def test_a_title_broken_in_two_lines_is_one_title(name: str, first: str, second: str, tmp_path: Path):
    page = RAW / name
    assert articles_read(line_broken(page, first, second, tmp_path)) == articles_read(page)


FOOT_ABOVE_TITLE = ("让基层治理更有温度\n\n■张华\n\n基层治理是国家治理的基石，关系群众切身利益。\n\n{foot}\n\n"
                    "以优良作风推动乡村振兴\n\n■李明\n\n作风建设永远在路上，乡村振兴需要实干。\n\n")


@pytest.mark.parametrize("foot", ["各地的网格化服务管理平台把矛盾纠纷排查化解情况汇总起来，",  # one clause longer than a heading's
                                  "社区服务中心把养老、托育、",  # stops inside a series
                                  # after a paragraph, a sentence's first half: its own subject and
                                  # predicate, then a comma or a bare preposition
                                  "各地的资源禀赋不同，", "社区服务中心把"],
                         ids=["long-clause", "series", "clause-and-comma", "subject-and-preposition"])
def test_a_columns_foot_above_a_title_is_not_its_first_line(foot: str):
    from site_builder.ingest.raw_page import extract_text

    doc = extract_text(Path("foot.txt"), FOOT_ABOVE_TITLE.format(foot=foot))
    assert [a.title for a in doc.articles] == ["让基层治理更有温度", "以优良作风推动乡村振兴"]


HEAD_AFTER_ARTICLE = ("让基层治理更有温度\n\n■张华\n\n基层治理是国家治理的基石，关系群众切身利益。\n\n"
                      "（作者单位：某某大学）\n\n{first}\n\n{second}\n\n■李明\n\n作风建设永远在路上，乡村振兴需要实干。\n\n")


@pytest.mark.parametrize(("first", "second"), [("以优良作风凝心", "聚力干事创业"), ("走好新时代乡村", "全面振兴之路")],
                         ids=["balanced", "first-longer"])
def test_a_head_that_fills_its_first_line_is_one_title(first: str, second: str):
    """A head set over two lines breaks where its first line fills, whether or not the break
    cuts a word the lexicon knows: the first line is the longer, or the two are balanced."""
    from site_builder.ingest.raw_page import extract_text

    doc = extract_text(Path("head.txt"), HEAD_AFTER_ARTICLE.format(first=first, second=second))
    assert [a.title for a in doc.articles] == ["让基层治理更有温度", first + second]


@pytest.mark.parametrize(("kicker", "title"), [("城市更新", "让老城区焕发新活力"),  # shorter than its title
                                               ("坚持以人民为中心的发展思想", "让城市更宜居")],  # far longer
                         ids=["short-kicker", "long-kicker"])
def test_a_kicker_is_not_a_first_line_by_its_length(kicker: str, title: str):
    from site_builder.ingest.raw_page import extract_text

    doc = extract_text(Path("head.txt"), HEAD_AFTER_ARTICLE.format(first=kicker, second=title))
    assert [a.title for a in doc.articles] == ["让基层治理更有温度", title]


def test_a_two_line_head_under_its_byline_is_one_title():
    """On a page that prints its bylines over its heads, the head under a byline may be set
    over two lines."""
    from site_builder.ingest.raw_page import extract_text

    page = ("■张华\n\n让基层治理更有温度\n\n基层治理是国家治理的基石，关系群众切身利益，也关系社会的和谐稳定。\n\n"
            "（作者单位：某某大学）\n\n■李明\n\n以钉钉子精神抓好\n\n重大项目建设\n\n"
            "重大项目是稳增长、调结构、惠民生的重要抓手，一个项目落地往往能带动一片产业发展、带动一方百姓就业增收。\n\n")
    doc = extract_text(Path("above.txt"), page)
    assert [(a.title, a.authors) for a in doc.articles] == [("让基层治理更有温度", ["张华"]),
                                                            ("以钉钉子精神抓好重大项目建设", ["李明"])]


def test_a_two_line_head_over_its_body_is_one_title():
    """A head set over two lines with the body right under it (its byline printed after the
    body): the first line, taken for the title, and the second, where the body's first
    paragraph would stand, short and unfinished, are one title."""
    from site_builder.ingest.raw_page import extract_text

    page = ("让基层治理更有温度\n\n■张华\n\n基层治理是国家治理的基石，关系群众切身利益。\n\n（作者单位：某某大学）\n\n"
            "把稳就业摆在更\n\n加突出的位置\n\n就业是最基本的民生。一人就业，全家幸福，稳住了就业就稳住了千家万户的收入，也就稳住了经济社会发展的基本盘。\n\n■李明\n\n")
    doc = extract_text(Path("body.txt"), page)
    assert [(a.title, a.authors) for a in doc.articles] == [("让基层治理更有温度", ["张华"]),
                                                            ("把稳就业摆在更加突出的位置", ["李明"])]


def test_a_two_line_head_under_a_plain_kicker_is_one_title():
    """A column's name set as plain text over a head set over two lines: the kicker stays,
    and the two lines under it are the title."""
    from site_builder.ingest.raw_page import extract_text

    doc = extract_text(Path("kicker.txt"), HEAD_AFTER_ARTICLE.format(first="思想纵横\n\n以优良作风凝心", second="聚力干事创业"))
    assert [(a.title, a.kicker) for a in doc.articles] == [("让基层治理更有温度", None), ("以优良作风凝心聚力干事创业", "思想纵横")]


def test_a_two_line_head_right_after_a_paragraph_is_one_title():
    """An article printed with no closing lines: the next head, set over two lines, follows
    its last paragraph. After a sentence's end, a first line the head filled is the title's
    first line..."""
    from site_builder.ingest.raw_page import extract_text

    page = ("让基层治理更有温度\n\n■张华\n\n基层治理是国家治理的基石，关系群众切身利益。\n\n"
            "以优良作风凝\n\n心聚力干事创业\n\n■李明\n\n作风建设永远在路上，乡村振兴需要实干。\n\n")
    doc = extract_text(Path("after.txt"), page)
    assert [a.title for a in doc.articles] == ["让基层治理更有温度", "以优良作风凝心聚力干事创业"]


def test_a_columns_foot_that_goes_on_elsewhere_is_not_a_first_line():
    """...but a column's foot whose paragraph goes on at the top of another column (a word
    runs from its end into that line) is no head's line, however long."""
    from site_builder.ingest.raw_page import extract_text

    page = ("让基层治理更有温度\n\n■张华\n\n基层治理是国家治理的基石，关系群众切身利益。\n\n"
            "城市运行管理服务平台把交\n\n扎实推进基本公共服务均等化\n\n■李明\n\n"
            "通、水务、燃气等数据汇聚起来，实现一网统管。\n\n基本公共服务均等化是民生之本，需要久久为功。\n\n")
    doc = extract_text(Path("foot.txt"), page)
    assert "扎实推进基本公共服务均等化" in [a.title for a in doc.articles]


@pytest.mark.parametrize(("first", "second", "title"), [
    ("【思想纵横】稳妥推进", "能源绿色低碳转型之路", "稳妥推进能源绿色低碳转型之路"),  # the banner fills the first line too
], ids=["banner"])
def test_a_two_line_head_as_the_text_layer_prints_it(first: str, second: str, title: str):
    from site_builder.ingest.raw_page import extract_text

    doc = extract_text(Path("head.txt"), HEAD_AFTER_ARTICLE.format(first=first, second=second))
    assert [a.title for a in doc.articles] == ["让基层治理更有温度", title]


def test_a_quotation_the_head_breaks_is_turned_across_the_break():
    """Half-width quotes are turned line by line; a line never ends on an opening quote, so
    the second line's first quote closes the quotation the first line opened."""
    from site_builder.ingest.raw_page import extract_text

    page = ('让基层治理更有温度\n\n■张华\n\n基层治理是国家治理的基石，关系群众切身利益。\n\n（作者单位：某某大学）\n\n'
            '让超大城市治理更"聪\n\n明"更有"温度"\n\n丁娟\n\n超大城市人口密集、要素集聚、系统复杂,是现代化建设的重要引擎,'
            '也是各类风险交织叠加的地方。推进超大城市治理现代化,既要用好科技手段。\n\n')
    doc = extract_text(Path("quotes.txt"), page)
    assert [(a.title, a.authors) for a in doc.articles] == [("让基层治理更有温度", ["张华"]),
                                                            ("让超大城市治理更“聪明”更有“温度”", ["丁娟"])]
