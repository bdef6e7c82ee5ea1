"""Heads and feet where one page mixes its forms: a byline over the first title while later
ones stand under theirs, a byline over the next title after a signed article's closing
lines, a column's name after an unsigned commentary, a displaced byline over an afterword,
a title right over its first subheading (no lede), a report's dateline under its title,
a short title of two parts under a byline, and a column's cut after a verb bound to its
object."""
from __future__ import annotations

import pytest

from site_builder.ingest import grammar, lexicon, names
from tests.ingest.genre_pages import CULTURE, DIGITAL, GOVERNANCE, body, extract, heads, page

UNIT = "（作者单位：东江市委党校）"
REPRINT = "（原载3月1日《光明日报》）"


def _flat(title: str | None) -> str:
    return "".join((title or "").split())


def _texts(article) -> list[str]:
    return [b.text for b in article.blocks]


def test_a_byline_over_the_first_title_is_its_own_where_later_bylines_stand_under_theirs():
    doc = extract(page("▲张明远", GOVERNANCE.title, body(GOVERNANCE.paragraphs), UNIT,
                       CULTURE.title, "●李晓红", body(CULTURE.paragraphs), REPRINT))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"])]
    assert not [x for x in doc.leftovers if x.kind == "byline"]


def test_a_byline_after_a_signed_articles_closing_lines_heads_the_next_title():
    doc = extract(page(GOVERNANCE.title, "●张明远", body(GOVERNANCE.paragraphs), UNIT,
                       "■李晓红", "【理论热点】", CULTURE.title, body(CULTURE.paragraphs), REPRINT))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"])]


def test_a_displaced_byline_over_an_afterword_goes_back_to_its_article():
    afterword = "编后　基层是一切工作的落脚点。这篇文章讲的经验，值得各地结合实际学习借鉴。"
    doc = extract(page(GOVERNANCE.title, body(GOVERNANCE.paragraphs), UNIT,
                       CULTURE.title, "●李晓红", body(CULTURE.paragraphs), REPRINT, "■张明远", afterword))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"])]


def test_a_column_name_after_an_unsigned_commentary_is_not_its_text():
    doc = extract(page(GOVERNANCE.title, body(GOVERNANCE.paragraphs), "理论圆桌",
                       CULTURE.title, "●李晓红", body(CULTURE.paragraphs), UNIT,
                       DIGITAL.title, "■王海涛", body(DIGITAL.paragraphs), UNIT))
    assert [a.title for a in doc.articles] == [GOVERNANCE.title, CULTURE.title, DIGITAL.title]
    assert _texts(doc.articles[0]) == list(GOVERNANCE.paragraphs)


SERIES = ("让物业服务有人管", "让居民议事有平台", "让志愿服务有活力")


def test_a_title_right_over_its_first_subheading_stays_whole():
    paragraphs = GOVERNANCE.paragraphs
    doc = extract(page("小区治理的“绣花功夫”", *(part for heading, text in zip(SERIES, paragraphs, strict=True)
                                          for part in (heading, body([text]))),
                       UNIT, "张明远", CULTURE.title, "●李晓红", body(CULTURE.paragraphs), REPRINT))
    first = doc.articles[0]
    assert first.title == "小区治理的“绣花功夫”"
    assert [b.text for b in first.blocks if b.type == "heading"] == list(SERIES)


def test_a_reports_dateline_under_its_title_opens_it_however_short_its_first_piece():
    text = "本报北京3月12日电（记者 叶勇）民为国基，谷为民命。粮食安全是国家安全的重要基础。"
    doc = extract(page(GOVERNANCE.title, "●张明远", body(GOVERNANCE.paragraphs), UNIT,
                       "端牢中国饭碗　筑牢粮食安全根基", text[:22], "10", text[22:],
                       body(CULTURE.paragraphs)))
    assert _flat(doc.articles[1].title) == "端牢中国饭碗筑牢粮食安全根基"
    assert doc.articles[1].authors == ["叶勇"]


def test_a_short_title_of_two_parts_under_a_byline_is_no_line_of_names():
    doc = extract(page("学习贯彻党的二十大精神", "张明远", "强基　固本", body(GOVERNANCE.paragraphs), UNIT,
                       "■李晓红", CULTURE.title, body(CULTURE.paragraphs), REPRINT))
    assert [(_flat(a.title), a.authors) for a in doc.articles] == [("强基固本", ["张明远"]), (CULTURE.title, ["李晓红"])]


@pytest.mark.parametrize(("char", "surname"), [("王", True), ("覃", True), ("固", False), ("守", False)])
def test_a_surname_opens_names_of_the_lexicon(char, surname):
    assert lexicon.opens_names(char) is surname


@pytest.mark.parametrize("line", ["城市是人民的城市，城市治理离不开", "发展的成效取决于", "这意味着"])
def test_a_verb_bound_to_its_object_ends_no_subheading(line):
    assert grammar.stops_short(line) and grammar.phrase_stops_short(line)


@pytest.mark.parametrize("line", ["让志愿服务有活力", "城市治理要有温度"])
def test_a_subheading_ends_on_a_whole_phrase(line):
    assert not grammar.stops_short(line)


def test_names_the_dictionary_does_not_list_stay_a_byline_whatever_word_runs_across():
    # (雷雨洋 | 红色…: 洋红 is a word of the lexicon across the line's end)
    red = ("红色资源是我们党艰辛而辉煌奋斗历程的见证，是最宝贵的精神财富。一处旧址、一件文物、一段故事，"
           "都承载着共产党人的初心和使命。",)
    doc = extract(page("用好红色资源　赓续红色血脉", "袁彬杰 雷雨洋", body(red + GOVERNANCE.paragraphs[1:]), UNIT,
                       CULTURE.title, "■李晓红", body(CULTURE.paragraphs), REPRINT))
    assert [a.authors for a in doc.articles] == [["袁彬杰", "雷雨洋"], ["李晓红"]]


def test_a_subheading_over_a_speakers_turn_stays_a_subheading():
    # (…发展 | 史文：…: 发展史 is a word of the lexicon across the break)
    turns = ("史文：区域协调发展是实现共同富裕的必然要求。我国幅员辽阔，各地发展条件差别很大。",
             "韦刚：不同地区的功能定位不同，不能要求所有地区都追求同样的经济总量。",
             "促进城乡融合发展",
             "史文：区域协调发展，也包括城乡之间的协调发展。要推进以县城为重要载体的新型城镇化。")
    doc = extract(page("推动区域协调发展向更高水平迈进", "主持人：本报记者 蒋霞欣", *turns, UNIT,
                       CULTURE.title, "■李晓红", body(CULTURE.paragraphs), REPRINT))
    assert [(b.type, b.text) for b in doc.articles[0].blocks] == [
        ("paragraph", turns[0]), ("paragraph", turns[1]), ("heading", turns[2]), ("paragraph", turns[3])]


def test_a_column_cut_over_reported_speech_is_one_paragraph():
    # (…的大学 | 生写道：“…: a surname-like character then a verb, cut by a column's end)
    head, tail = "一位在西部支教的大学", "生写道：“站上讲台的那一刻，我才真正明白什么叫责任。”青年在基层一线经受磨炼。"
    doc = extract(page(GOVERNANCE.title, "●张明远", body(GOVERNANCE.paragraphs[:2]), head,
                       body([tail, *GOVERNANCE.paragraphs[2:]]), UNIT))
    assert head + tail in _texts(doc.articles[0])


@pytest.mark.parametrize(("line", "turn"), [("史文：区域协调发展", True), ("主持人：请谈谈", True),
                                            ("问题：如何", False), ("发展：一是", False),
                                            ("生写道：“站上讲台", False), ("吴指出：要", False)])
def test_a_speakers_label_opens_a_turn(line, turn):
    assert names.opens_a_turn(line) is turn


@pytest.mark.parametrize(("line", "open_"), [("可再生能源具有间歇性、波动性的特点，大规模并网对电网", True),
                                             ("扎根在基层，奋斗在一线", False), ("坚持人民至上，对党忠诚", False)])
def test_a_clause_of_a_subject_and_a_preposition_has_its_predicate_after_the_break(line, open_):
    assert grammar.open_last_clause(line) is open_


def test_a_column_name_between_a_byline_and_its_title_is_the_kicker():
    doc = extract(page("■张明远", GOVERNANCE.title, body(GOVERNANCE.paragraphs), UNIT,
                       "▲李晓红", "治理之道", CULTURE.title, body(CULTURE.paragraphs), REPRINT))
    assert [(a.title, a.authors, a.kicker) for a in doc.articles] == [
        (GOVERNANCE.title, ["张明远"], None), (CULTURE.title, ["李晓红"], "治理之道")]
    assert not doc.leftovers
