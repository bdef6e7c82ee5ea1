"""Subheadings the genre prints that look unfinished word by word or line by line: one of a
parallel series (an article may open on one), one closing a place frame (…用在研究上) or
the literary 之 with its noun as one word (…之要), one followed by a maxim (人无德不立。)."""
from __future__ import annotations

from pathlib import Path

from site_builder.ingest import grammar, heading_forms, series
from site_builder.ingest.raw_page import extract_text

HEAD = "让民生保障更有温度\n\n■李明\n\n"
INTRO = "保障和改善民生没有终点，只有连续不断的新起点。"
FOOT = "（作者单位：东江市委党校）\n"
PARAGRAPHS = [
    "养老服务体系建设直接关系老年人的幸福感。社区要把助餐、助浴、助医等服务送到老人身边，让他们在家门口就能享受便利。",
    "儿童是家庭的希望、国家的未来。要完善托育服务，办好普惠性幼儿园，让每个孩子都能在关爱中健康成长。",
    "青年人渴望干事创业，需要更多机会和平台。要拓宽就业渠道，完善创业扶持政策，让青年的才华有用武之地。",
]


def _blocks(*sections: tuple[str, str], intro: str = "") -> list[tuple[str, str]]:
    """A page of one article whose body is `intro`, then each (line, paragraph) in turn; its blocks."""
    body = (f"{intro}\n\n" if intro else "") + "".join(f"{line}\n\n{paragraph}\n\n" for line, paragraph in sections)
    [article] = extract_text(Path("heads.txt"), HEAD + body + FOOT).articles
    return [(b.type, b.text) for b in article.blocks]


def test_an_article_may_open_on_a_subheading_of_its_series():
    """No paragraph before the first subheading: it opens like the others (让…有…), so it
    is one of them, not the first half of a paragraph cut under the title."""
    heads = ["让老人养老有保障", "让儿童成长有关爱", "让青年发展有舞台"]
    blocks = _blocks(*zip(heads, PARAGRAPHS, strict=True))
    assert blocks == [x for head, para in zip(heads, PARAGRAPHS, strict=True)
                      for x in (("heading", head), ("paragraph", para))]


def test_a_cut_first_line_unlike_the_subheadings_is_still_joined():
    first = PARAGRAPHS[0]
    blocks = _blocks(("让儿童成长有关爱", PARAGRAPHS[1]), ("让青年发展有舞台", PARAGRAPHS[2]),
                     intro=f"{first[:9]}\n\n{first[9:]}")
    assert blocks[0] == ("paragraph", first)


def test_a_subheading_ending_on_a_closed_place_frame():
    """…用在研究上: the localizer closes 在…; the verb before 在 is tagged a preposition."""
    head = "激发基层干部干事热情，把更多心思和精力用在发展上"
    blocks = _blocks(("让老人养老有保障", PARAGRAPHS[0]), (head, "事在人为，贵在落实。" + PARAGRAPHS[1]), intro=INTRO)
    assert blocks[3] == ("heading", head)
    assert not grammar.stops_short(head) and not grammar.ends_on_single_character(head)
    assert heading_forms.closes_frame(head) and heading_forms.closes_frame("把论文写在祖国大地上")
    assert not heading_forms.closes_frame("各社区应把工作重心") and not heading_forms.closes_frame("大力发展社会事业")


def test_zhi_with_its_noun_as_one_word_is_whole():
    """The segmenter makes 之要 one word (a conjunction): still the literary 之 and its noun."""
    assert not grammar.stops_short("人才振兴是乡村振兴之要")
    assert not grammar.ends_on_single_character("人才振兴是乡村振兴之要")


def test_a_maxim_after_a_subheading_of_a_one_length_series():
    """人无德不立。 is a whole sentence of five characters, the way the end of a cut sentence
    looks; the line before has the one length of the article's other subheadings."""
    maxim = "人无德不立。青年要自觉践行社会主义核心价值观，明大德、守公德、严私德。"
    blocks = _blocks(("坚定理想信念", PARAGRAPHS[0]), ("练就过硬本领", PARAGRAPHS[1]), ("锤炼品德修为", maxim),
                     intro=INTRO)
    assert blocks[5:] == [("heading", "锤炼品德修为"), ("paragraph", maxim)]


def test_series_shapes():
    assert series.in_series("让老人养老有保障", ["加强党的建设", "让青年发展有舞台"])
    assert not series.in_series("让老人养老有保障", ["让青年发展"])  # too short to be of one series
    assert series.one_length_series("锤炼品德修为", ["坚定理想信念", "练就过硬本领"])
    assert not series.one_length_series("锤炼品德修为", ["坚定理想信念"])  # one sibling is no series


def test_a_long_imperative_subheading_among_short_siblings():
    """Two clauses opening on verbs, 35 characters, among subheadings of 8 to 10: the genre's
    long subheading form, not a sentence's first half (which opens on a subject or 要…)."""
    long_head = "完善多层次社会保障体系，构建覆盖全民、统筹城乡、公平统一的基本养老和医疗保障网络"
    blocks = _blocks((long_head, PARAGRAPHS[0]), ("让儿童成长有关爱", PARAGRAPHS[1]), ("办好人民满意的教育", PARAGRAPHS[2]),
                     intro=INTRO)
    assert blocks[1:3] == [("heading", long_head), ("paragraph", PARAGRAPHS[0])]
    assert heading_forms.imperative_clauses(long_head)
    assert not heading_forms.imperative_clauses("要健全碳排放权交易市场，完善绿色电力证书制度")
