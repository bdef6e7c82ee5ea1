"""Subheadings of the genre's theory articles: two-clause headings up to about 50 characters,
headings that close on the literary 之 and a one-character noun (…之路, …之本), told from the
first half of a paragraph that a column or page break cut, by the genre's limits and by the
article's other subheadings (its siblings)."""
from __future__ import annotations

from pathlib import Path

from site_builder.ingest import grammar
from site_builder.ingest.raw_page import extract_text

HEAD = "以高质量党建引领基层治理现代化\n\n■王明\n\n基层是国家治理的基石。推进基层治理现代化，是一项系统工程，需要从以下几个方面着力。\n\n"
FOOT = "（作者单位：东江市委党校）\n"
PARAGRAPHS = [
    "基层党组织是党在社会基层组织中的战斗堡垒，要健全党组织领导的自治、法治、德治相结合的城乡基层治理体系，推动各类组织和群众有序参与。",
    "网格是基层治理的最小单元，要科学划分网格，配齐配强网格员队伍，让群众的操心事、烦心事、揪心事在网格中得到解决。",
    "共同富裕是社会主义的本质要求。要聚焦群众急难愁盼，办好民生实事，持续增强人民群众的获得感、幸福感、安全感。",
    "数字技术为基层治理提供了新的手段，要推动政务数据共享，让数据多跑路、群众少跑腿，提升基层治理的精准化水平。",
]


def _blocks(*sections: tuple[str, str]) -> list[tuple[str, str]]:
    """A page of one article whose body is each (line, paragraph) in turn; its blocks."""
    body = "".join(f"{line}\n\n{paragraph}\n\n" for line, paragraph in sections)
    doc = extract_text(Path("subheadings.txt"), HEAD + body + FOOT)
    [article] = doc.articles
    return [(b.type, b.text) for b in article.blocks]


def test_two_clause_subheadings_longer_than_thirty_two_characters():
    long_one = "坚持和加强党的全面领导，把党的政治优势和组织优势转化为基层治理效能"  # 33
    longer = "完善网格化管理、精细化服务、信息化支撑的基层治理平台，推动治理重心和工作力量向基层下移"  # 43
    blocks = _blocks((long_one, PARAGRAPHS[0]), (longer, PARAGRAPHS[1]))
    assert blocks[1:] == [("heading", long_one), ("paragraph", PARAGRAPHS[0]),
                          ("heading", longer), ("paragraph", PARAGRAPHS[1])]


def test_a_subheading_that_closes_on_zhi_and_a_one_character_noun():
    blocks = _blocks(("加强党建引领，夯实基层治理根基", PARAGRAPHS[0]), ("筑牢共同富裕之本", PARAGRAPHS[2]))
    assert blocks[3:] == [("heading", "筑牢共同富裕之本"), ("paragraph", PARAGRAPHS[2])]


def test_a_long_cut_line_with_a_clause_longer_than_a_subheading_is_joined():
    """A long subheading is two clauses, each no longer than most subheadings: a line whose
    clause runs on past that is a sentence's first half (even where the article prints a
    subheading nearly as long)."""
    first_half = "各级党组织要深入学习贯彻党的二十届三中全会关于进一步全面深化改革的重大部署，把思想和行动统一到党中央"
    rest = "决策部署上来，以钉钉子精神抓好改革任务落实，推动基层治理各项工作取得新成效。"
    sibling = "完善网格化管理、精细化服务、信息化支撑的基层治理平台，推动治理重心和工作力量向基层下移"  # 43
    blocks = _blocks((sibling, PARAGRAPHS[1]), (first_half, rest))
    assert blocks[1:] == [("heading", sibling), ("paragraph", PARAGRAPHS[1]), ("paragraph", first_half + rest)]


def test_a_long_line_out_of_its_siblings_series_is_joined():
    """The article's subheadings are short (15 characters); a 40-character line, two clauses
    each of a heading's length, is more than twice as long as any of them: the first half of
    a paragraph, not one of the series."""
    first_half = "各地要把数字技术作为提升基层治理效能的重要抓手，推动政务服务事项向基层延伸覆盖"  # 39
    rest = "到村到户，让群众办事少跑腿、好办事、办成事，不断提升基层治理的精准化水平。"
    blocks = _blocks(("加强党建引领，夯实基层治理根基", PARAGRAPHS[0]), ("深化网格管理，织密基层治理网络", PARAGRAPHS[1]),
                     (first_half, rest))
    assert blocks[-1] == ("paragraph", first_half + rest)


def test_zhi_and_a_noun_is_a_whole_word_however_it_is_cut():
    assert not grammar.ends_on_single_character("筑牢共同富裕之本")
    assert grammar.ends_on_single_character("展现了党")


def test_ba_with_a_complement_of_result_is_a_verb_not_a_fronted_object():
    """把好…之舵 holds its verb (把好); 把 fronting an object waits for the verb after a break."""
    blocks = _blocks(("加强党建引领，夯实基层治理根基", PARAGRAPHS[0]), ("把牢基层党建工作方向", PARAGRAPHS[3]))
    assert blocks[3:] == [("heading", "把牢基层党建工作方向"), ("paragraph", PARAGRAPHS[3])]
    assert grammar.stops_short("各社区应把社区工作的重心") and not grammar.stops_short("把好乡村人才培养之关")


def test_an_unnumbered_line_among_numbered_subheadings_is_a_cut_piece():
    """The article numbers its subheadings: a short unnumbered line over a paragraph that
    opens with a short sentence is the first half of that sentence (a column's cut), not
    one more subheading. Among unnumbered ones the same line stays a subheading."""
    first_half = "全市城乡社区专职网格员队伍规模"
    rest = "位居全省前列。" + PARAGRAPHS[1]
    numbered = _blocks(("一、加强党建引领，夯实基层治理根基", PARAGRAPHS[0]), (first_half, rest),
                       ("二、深化网格管理，织密基层治理网络", PARAGRAPHS[2]), ("三、推动数字赋能，提升基层治理效能", PARAGRAPHS[3]))
    assert numbered[1:4] == [("heading", "一、加强党建引领，夯实基层治理根基"), ("paragraph", PARAGRAPHS[0]),
                             ("paragraph", first_half + rest)]
    plain = _blocks(("加强党建引领，夯实基层治理根基", PARAGRAPHS[0]), (first_half, rest),
                    ("深化网格管理，织密基层治理网络", PARAGRAPHS[2]))
    assert plain[3] == ("heading", first_half)


def test_a_line_that_introduces_a_clause_or_predicates_its_first_clause_is_a_cut_piece():
    """A subheading names its point: a line whose verb takes the next clause as its object
    (…也要看到，…) or whose second clause has no subject of its own (…的配置，还要与…) is a
    sentence of the body cut by a column, even among unnumbered subheadings. A two-part
    subheading with a correlative (既要…，也要…) stays one."""
    heads = (("加强党建引领，夯实基层治理根基", PARAGRAPHS[0]), ("深化网格管理，织密基层治理网络", PARAGRAPHS[1]))
    for first_half, rest in (("但也应当看到，一些社区的网格", "划得过大，网格员疲于应付。" + PARAGRAPHS[2]),
                             ("公共服务资源的配置，还要与吸纳新市民", "数量和结构相匹配。" + PARAGRAPHS[3])):
        assert _blocks(*heads, (first_half, rest))[-1] == ("paragraph", first_half + rest)
    correlative = "既要织密服务网络，也要提升服务温度"
    assert _blocks(*heads, (correlative, PARAGRAPHS[2]))[-2:] == [("heading", correlative), ("paragraph", PARAGRAPHS[2])]
