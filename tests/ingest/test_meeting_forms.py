"""Forms that meet on one page and take each other's cues away: a report's dateline under a
title that follows an unsigned commentary, a short piece of body under a title after closing
lines, a displaced byline with its unit on a line of its own at the page's foot, a dateline
that signs its article (a displaced byline is not its), a title found by where an
article's numbered subheadings stop, a sentence's last characters alone on a line (学 |
子们), no name, an author line led by 作者丨 (丨 is a Chinese character: no name's), and a
round table's host line (主持人：…) under its title where no blank line parts them, and a
byline printed after the next article whose own article was read into the one before."""
from __future__ import annotations

import pytest

from site_builder.ingest.displaced import _numbering_ends_at
from site_builder.ingest.lines import Unit
from site_builder.ingest.names import plausible_name
from tests.ingest.genre_pages import CULTURE, DIGITAL, GOVERNANCE, body, extract, heads, page

UNIT = "（作者单位：东江市委党校）"
REPRINT = "（原载3月1日《光明日报》）"
DATELINE = "本报北京10月18日电（记者金宇雨）"


def test_a_reports_dateline_under_a_title_opens_it_after_an_unsigned_commentary():
    # (the commentary closes with a whole paragraph and no closing lines: nothing but the
    # dateline says that the title-shaped line opens an article)
    commentary = ("短评", GOVERNANCE.title, body(GOVERNANCE.paragraphs))
    first, *rest = CULTURE.paragraphs
    doc = extract(page(*commentary, CULTURE.title, body([DATELINE + first, *rest]), UNIT))
    assert heads(doc) == [(GOVERNANCE.title, []), (CULTURE.title, ["金宇雨"])]


def test_a_title_after_closing_lines_over_a_short_piece_of_two_sentences_opens_an_article():
    # (an expert group's short pieces: the first paragraph under the title is short)
    short = "人才是第一资源。一个地方的发展后劲，取决于能不能把人才留下来。"
    doc = extract(page(GOVERNANCE.title, "▲张明远", body(GOVERNANCE.paragraphs), UNIT,
                       "激活人才之源", body([short, *CULTURE.paragraphs[1:]]), "——　李晓红", REPRINT))
    assert [a.title for a in doc.articles] == [GOVERNANCE.title, "激活人才之源"]
    assert not doc.articles[1].title_inferred


def test_a_short_piece_that_a_column_cuts_after_a_sentence_opens_an_article_too():
    cut = "区域协调发展是实现共同富裕的必然要求。我国地域辽阔，区域发展不平衡是长期"
    doc = extract(page(GOVERNANCE.title, "▲张明远", body(GOVERNANCE.paragraphs), REPRINT,
                       CULTURE.title, body([cut]), body(CULTURE.paragraphs), "——　李晓红", UNIT))
    assert [a.title for a in doc.articles] == [GOVERNANCE.title, CULTURE.title]


def test_one_short_sentence_under_a_line_after_closing_lines_opens_nothing():
    # (a caption or a note: one sentence, no body under it)
    doc = extract(page(GOVERNANCE.title, "▲张明远", body(GOVERNANCE.paragraphs), UNIT,
                       "延伸阅读", "本文所引数据来自国家统计局。"))
    assert [a.title for a in doc.articles] == [GOVERNANCE.title]


def test_a_displaced_byline_with_its_unit_under_it_at_the_foot_goes_back():
    doc = extract(page(GOVERNANCE.title, body(GOVERNANCE.paragraphs), REPRINT,
                       CULTURE.title, "■李晓红", body(CULTURE.paragraphs), "作者单位：北原大学公共管理学院",
                       "萧然庆　赵思", "北原县委党校"))
    assert [(a.authors, a.affiliation) for a in doc.articles] == [
        (["萧然庆", "赵思"], "北原县委党校"), (["李晓红"], "北原大学公共管理学院")]
    assert not [left for left in doc.leftovers if left.kind == "fragment"]


def test_a_report_signed_by_its_dateline_takes_no_displaced_byline():
    # the third article's byline printed after its body (its title read as the second's
    # subheading): it is the third's, not the report's, which its dateline signs
    first, *rest = GOVERNANCE.paragraphs
    numbered = ("一、" + "健全组织体系", *DIGITAL.paragraphs[:1], "二、完善服务机制", *DIGITAL.paragraphs[1:])
    doc = extract(page(GOVERNANCE.title, body([DATELINE + first, *rest]), UNIT,
                       DIGITAL.title, "本报记者　黄静洋", *numbered,
                       CULTURE.title, *CULTURE.paragraphs[:1], "繁荣乡村文化", *CULTURE.paragraphs[1:],
                       "●李晓红", REPRINT))
    assert heads(doc) == [(GOVERNANCE.title, ["金宇雨"]), (DIGITAL.title, ["黄静洋"]), (CULTURE.title, ["李晓红"])]


def test_a_title_is_where_the_numbered_subheadings_stop():
    texts = ["正文。", "一、健全组织体系", "正文。", "二、完善服务机制", "正文。", "以文化振兴赋能乡村全面振兴",
             "正文。", "繁荣乡村文化", "正文。"]
    body_units = [Unit(t, [], t) for t in texts]
    assert _numbering_ends_at(body_units, 5)
    assert not _numbering_ends_at(body_units, 2)
    assert not _numbering_ends_at([Unit(t, [], t) for t in texts if "、" not in t], 3)


def test_a_sentences_last_characters_alone_on_a_line_are_no_name():
    cut = "在西南边陲的一个村寨，通了公路、修了学"
    doc = extract(page(GOVERNANCE.title, "▲张明远", body(GOVERNANCE.paragraphs[:1]), cut + "\n子们",
                       body(GOVERNANCE.paragraphs[1:]), UNIT, CULTURE.title, "■李晓红", body(CULTURE.paragraphs)))
    assert [a.title for a in doc.articles] == [GOVERNANCE.title, CULTURE.title]
    assert [plausible_name(n) for n in ("子们", "王的", "李强", "欧阳修")] == [False, False, True, True]


@pytest.mark.parametrize("lead", ["作者丨", "作者｜", "作者／", "作者："])
def test_an_author_line_with_its_unit_after_the_name_in_brackets(lead):
    doc = extract(page(GOVERNANCE.title, "■张明远", body(GOVERNANCE.paragraphs), REPRINT,
                       CULTURE.title, lead + "郭英（长乐市社科联）", body(CULTURE.paragraphs)))
    assert [(a.authors, a.affiliation) for a in doc.articles] == [(["张明远"], None), (["郭英"], "长乐市社科联")]


@pytest.mark.parametrize("host", ["主持人：谭志杰", "主持人:谭志杰"])
def test_a_round_tables_host_line_under_its_title_where_no_blank_line_parts_them(host):
    turns = ("史文：区域协调发展是实现共同富裕的必然要求。我国幅员辽阔，各地发展条件差别很大。",
             "韦刚：不同地区的功能定位不同，不能要求所有地区都追求同样的经济总量。")
    text = "\n".join([GOVERNANCE.title, "■张明远", body(GOVERNANCE.paragraphs), "（作者系青川区委党校研究员）",
                      "【学思践悟】", "推动区域协调发展向更高水平迈进", host, *turns, UNIT]) + "\n"
    assert heads(extract(text)) == [(GOVERNANCE.title, ["张明远"]), ("推动区域协调发展向更高水平迈进", ["谭志杰"])]


def test_a_byline_printed_after_the_next_article_splits_its_article_off_the_one_before():
    # the second article follows the first's last paragraph with no closing lines between
    # (its title read as the first's subheading, its unit line as the first's); its byline
    # stands after the third article: the first numbers its subheadings, the second does not
    numbered = ("一、健全组织体系", GOVERNANCE.paragraphs[1], "二、完善服务机制", GOVERNANCE.paragraphs[2])
    doc = extract(page(GOVERNANCE.title, "本报记者　黄静洋", GOVERNANCE.paragraphs[0], *numbered,
                       CULTURE.title, *CULTURE.paragraphs[:1], "繁荣乡村文化", *CULTURE.paragraphs[1:],
                       "（作者系东江市委党校副教授）",
                       DIGITAL.title, "▲王海涛", *DIGITAL.paragraphs, REPRINT, "●李晓红"))
    assert heads(doc) == [(GOVERNANCE.title, ["黄静洋"]), (CULTURE.title, ["李晓红"]), (DIGITAL.title, ["王海涛"])]
    assert doc.articles[1].affiliation == "东江市委党校副教授"


def test_an_interviews_question_over_a_unit_line_is_a_turn_never_a_title():
    # (a column cut leaves the question alone on its line, the article's unit line under it:
    # a title-shaped line over a unit line, but 问： labels a turn of the talk)
    talk = ["制造业是国民经济的主体。记者就此采访了相关专家。", "问：当前我国智能制造发展处在什么阶段？",
            "答：总体上看，智能制造已经从试点示范走向全面推广，但不同企业之间差距很大。"]
    question = "问：企业在推进智能化改造时，最大的难点是什么？"
    answer = "答：最大的难点是资金和人才，不少中小企业还处在补课阶段。"
    doc = extract(page("智能制造如何赋能产业升级", "■张明远", *talk, question, UNIT, answer))
    assert [a.title for a in doc.articles] == ["智能制造如何赋能产业升级"]
    assert doc.articles[0].blocks[-1].text == question


def test_a_boxs_label_with_a_bylines_marker_is_the_boxs_heading_not_a_byline():
    # (a page that marks its subheadings with ■ marks the box's label too: 背景 is no name)
    box = "集中带量采购以明确采购量、以量换价为主要特征，医疗机构按照约定采购量优先使用中选产品。"
    doc = extract(page(GOVERNANCE.title, "●张明远", *GOVERNANCE.paragraphs, "■背景", box, UNIT,
                       CULTURE.title, "●李晓红", *CULTURE.paragraphs))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), (CULTURE.title, ["李晓红"])]
    assert [(b.type, b.text) for b in doc.articles[0].blocks[-2:]] == [("heading", "背景"), ("paragraph", box)]


def test_a_byline_after_a_report_signed_by_its_dateline_goes_back_to_the_unsigned_article():
    first, *rest = CULTURE.paragraphs
    doc = extract(page(GOVERNANCE.title, *GOVERNANCE.paragraphs, REPRINT,
                       CULTURE.title, DATELINE + first, *rest, UNIT, "■萧然庆　赵思"))
    assert heads(doc) == [(GOVERNANCE.title, ["萧然庆", "赵思"]), (CULTURE.title, ["金宇雨"])]


def test_a_banner_on_a_title_line_as_the_pages_first_title_prints_one_opens_an_article():
    # (the second article read in turns with the first, unsigned: nothing but its banner and
    # the first title's form says that the line after a cut paragraph heads an article)
    first, *rest = GOVERNANCE.paragraphs
    cut = first[:len(first) // 2]
    doc = extract(page("【理论前沿】" + GOVERNANCE.title, "■张明远", cut, "【学思践悟】 " + CULTURE.title,
                       *CULTURE.paragraphs, first[len(first) // 2:], *rest, UNIT))
    assert [(a.kicker, a.title) for a in doc.articles] == [("【理论前沿】", GOVERNANCE.title),
                                                          ("【学思践悟】", CULTURE.title)]


def test_a_bracketed_label_in_a_body_whose_title_prints_no_banner_opens_nothing():
    doc = extract(page(GOVERNANCE.title, "■张明远", *GOVERNANCE.paragraphs[:2], "【案例】 某社区探索红色物业新模式",
                       *GOVERNANCE.paragraphs[2:], UNIT))
    assert [a.title for a in doc.articles] == [GOVERNANCE.title]


def test_a_reprint_and_a_unit_line_under_the_article_after_a_round_table_are_that_articles():
    # (a round table, led by its host's line, prints no closing lines of its own: the two
    # lines set together are one article's, （载《…》）（作者单位系…）)
    turns = ["李晓红：" + p for p in GOVERNANCE.paragraphs]
    doc = extract(page(GOVERNANCE.title, "主持人：本报记者 张明远", *turns,
                       CULTURE.title, "萧然庆", *CULTURE.paragraphs, "（载《学习时报》）", "（作者单位系东江市委党校）"))
    assert [(a.title, a.source_paper, a.affiliation) for a in doc.articles][1] == (CULTURE.title, "学习时报", "东江市委党校")
    assert (doc.articles[0].source_paper, doc.articles[0].affiliation) == (None, None)


def test_the_title_between_two_articles_subheadings_is_the_much_longer_line():
    # (the first article names its unit in its byline and prints no closing lines; the
    # second is signed at its end: of the title-shaped lines between, the title is the one
    # much longer than the subheadings of both)
    g, c = GOVERNANCE.paragraphs, CULTURE.paragraphs
    doc = extract(page(GOVERNANCE.title, "■张明远　东江大学马克思主义学院", g[0], "夯实基层基础", *g[1:],
                       "坚持以人民为中心推进文化振兴", c[0], "守正创新", *c[1:], "——李晓红", UNIT))
    assert heads(doc) == [(GOVERNANCE.title, ["张明远"]), ("坚持以人民为中心推进文化振兴", ["李晓红"])]


def test_two_unit_lines_under_a_byline_that_splits_off_its_article_go_one_to_each():
    # (the second article's byline printed after its body splits it off the first, whose
    # numbered subheadings stop at its title; the two unit lines set together under the byline
    # are one for each, as where the two articles stood apart from the start)
    g, c = GOVERNANCE.paragraphs, CULTURE.paragraphs
    doc = extract(page(GOVERNANCE.title, "■张明远", g[0], "一、夯实基层基础", g[1], "二、健全治理体系", *g[2:],
                       CULTURE.title, *c, "■李晓红", "作者单位：东江市社科联", "作者单位：北原市社科联"))
    assert [(a.title, a.authors, a.affiliation) for a in doc.articles] == [
        (GOVERNANCE.title, ["张明远"], "东江市社科联"), (CULTURE.title, ["李晓红"], "北原市社科联")]


def test_a_displaced_bylines_bracketed_unit_under_it_goes_back_with_it():
    # (the article holding the byline gave its own unit above it: the bracketed line under the
    # byline is the byline's, not a second unit of the article)
    doc = extract(page(GOVERNANCE.title, *GOVERNANCE.paragraphs, REPRINT,
                       CULTURE.title, "▲李晓红", *CULTURE.paragraphs, "（据《人民日报》作者为北原大学公共管理学院）",
                       "▲萧然庆", "（东江区委党校副院长）"))
    assert [(a.authors, a.affiliation) for a in doc.articles] == [
        (["萧然庆"], "东江区委党校副院长"), (["李晓红"], "北原大学公共管理学院")]
