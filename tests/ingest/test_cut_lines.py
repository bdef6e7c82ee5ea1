"""The first half of a paragraph that a column's foot cut, told from a subheading by the
genre's forms: a subheading never opens on an indefinite or anaphoric subject (一位…, 某地…)
or on a scene-setting clause (在一些街区，…), never stops on a determiner (…所有), and is
rarely stacked on another subheading."""
from __future__ import annotations

from pathlib import Path

from site_builder.ingest import heading_forms
from site_builder.ingest.raw_page import extract_text

HEAD = "让基层治理更有温度\n\n■张华\n\n基层治理是国家治理的基石，关系群众切身利益。\n\n"
FOOT = "（作者单位：东江市委党校）\n"
SECTION = "推进社区服务提质增效"
PARAGRAPH = "社区是城市治理的末梢，要把服务资源下沉到社区，让群众办事更方便、更舒心。"


def _blocks(*lines: str) -> list[tuple[str, str]]:
    body = "".join(f"{line}\n\n" for line in lines)
    [article] = extract_text(Path("cut.txt"), HEAD + body + FOOT).articles
    return [(b.type, b.text) for b in article.blocks]


def test_a_cut_line_opening_on_an_indefinite_subject_is_joined():
    first, rest = "一位退休后回到社区的老党员，带领居民们", "成立了志愿服务队，如今小区面貌焕然一新。"
    assert _blocks(SECTION, PARAGRAPH, first, rest)[-1] == ("paragraph", first + rest)


def test_a_cut_line_opening_on_a_scene_setting_clause_is_joined():
    first, rest = "在一些小区，助餐点、托育点、快递驿站", "相继建成，居民下楼就能办成不少事。"
    assert _blocks(SECTION, PARAGRAPH, first, rest)[-1] == ("paragraph", first + rest)


def test_a_cut_line_stopping_on_a_determiner_is_joined():
    first, rest = "社区工作千头万绪，不能指望所有", "问题一夜之间解决，要久久为功、持续用力。"
    assert _blocks(SECTION, PARAGRAPH, first, rest)[-1] == ("paragraph", first + rest)


def test_a_weakly_cut_line_under_a_subheading_is_the_paragraph_not_a_second_subheading():
    """…的实施，标志着家庭 | 教育…: a compound across the break (2 nats), too weak
    alone, enough for a line stacked on a subheading."""
    first, rest = "促进法的实施，标志着家庭", "教育由传统的家事上升为重要的国事。各地要抓好落实。"
    section = "健全基层公共服务制度"  # (the page writes the pair across the break nowhere else)
    assert _blocks(section, first, rest)[1:] == [("heading", section), ("paragraph", first + rest)]


def test_subheadings_do_not_open_as_sentences():
    assert heading_forms.opens_as_sentence("某地一家老牌纺织企业引入智能")
    assert not heading_forms.opens_as_sentence("以人民为中心，持续提升城市更新法治保障水平")
    assert not heading_forms.opens_as_sentence("在要素保障上精准发力，建立要素协同保障的工作机制")


def test_a_cut_series_of_words_is_no_byline():
    """革命老区、民族地区、… under a subheading: words longer than names, the head of a cut
    paragraph, not a byline that makes the subheading a new article's title."""
    first, rest = "革命老区、民族地区、边疆地区、欠发达地区", "是区域协调发展的重点和难点，要加大支持力度。"
    doc = extract_text(Path("series.txt"), HEAD + f"{SECTION}\n\n{PARAGRAPH}\n\n支持特殊类型地区发展\n\n{first}\n\n{rest}\n\n" + FOOT)
    [article] = doc.articles
    assert article.authors == ["张华"] and "支持特殊类型地区发展" in [b.text for b in article.blocks]


def test_a_line_stacked_on_a_subheading_with_no_evidence_either_way_is_the_paragraph():
    """The genre rarely stacks two subheadings: a short unterminated line under one, over the
    rest of its sentence, is the paragraph's first half unless its evidence says otherwise
    (neither is the subheading read as a paragraph of its own)."""
    first, rest = "基层医疗机构的药品配备品种", "不断增加，群众在家门口就能买到常用药。"
    section = "健全基层医疗服务体系"
    assert _blocks(section, first, rest)[1:] == [("heading", section), ("paragraph", first + rest)]


def test_a_numbered_heading_over_a_cut_line_stays_a_heading():
    first, rest = "基层医疗机构的药品配备品种", "不断增加，群众在家门口就能买到常用药。"
    section = "二、健全基层医疗服务体系"
    assert _blocks(section, first, rest)[1:] == [("heading", section), ("paragraph", first + rest)]


def test_a_cut_line_whose_rest_opens_with_a_one_character_clause_is_joined():
    """…老支书 | 说，…: a paragraph's first clause is never one character."""
    first, rest = "村里的老支书", "说，过去修一条路要等好几年，如今大家一起商量着办。"
    assert _blocks(SECTION, PARAGRAPH, first, rest)[-1] == ("paragraph", first + rest)


def test_a_series_running_on_across_the_break_is_joined():
    """…托育、就业 | 服务、文化服务…: the line ends on an item of a series that the next
    line carries on with the series' own mark."""
    first, rest = "提升养老、托育、就业", "服务、文化服务等公共服务的水平，让群众得实惠。"
    assert _blocks(SECTION, PARAGRAPH, first, rest)[-1] == ("paragraph", first + rest)


def test_a_paragraph_opening_with_a_series_does_not_continue_a_subheading_whose_series_closed():
    section = "推进教育、医疗、养老等公共服务均衡发展的工作机制"
    paragraph = "教育、医疗、养老是群众最关心的事，各地要加大投入。"
    assert _blocks(section, paragraph)[1:] == [("heading", section), ("paragraph", paragraph)]


def test_scene_setting_and_topic_clauses_open_sentences():
    assert heading_forms.opens_as_sentence("新一轮改革启动以来，各地医保")
    assert heading_forms.opens_as_sentence("对于群众反映强烈的突出问题，各级")
    assert not heading_forms.opens_as_sentence("以改革创新为动力，推动医保目录扩容")


def test_a_cut_line_holding_the_first_half_of_a_correlative_is_joined():
    """…不是… | …，而是…: the line holds 不是 and not the 而是 the sentence needs."""
    first, rest = "老旧小区改造不是刷刷外墙", "那么简单，而是要补齐设施短板。"
    assert _blocks(SECTION, PARAGRAPH, first, rest)[-1] == ("paragraph", first + rest)


def test_a_cut_line_whose_rest_opens_on_the_copula_is_joined():
    """…社区议事会和居民说事点 | 是基层协商的有效形式。: no paragraph opens on 是 (its subject
    stands before it), so the short line above is the subject cut off by a column's foot."""
    first, rest = "社区议事会和居民说事点", "是基层协商的有效形式。群众的事由群众商量着办，矛盾化解在家门口。"
    assert _blocks(SECTION, PARAGRAPH, first, rest)[-1] == ("paragraph", first + rest)


def test_a_cut_line_whose_rest_opens_with_a_noun_phrase_sentence_is_joined():
    """…是提高服务 | 质量的有效途径。: a first sentence that is a noun phrase with 的 and no
    verb says nothing of its own; it completes the sentence begun above the break."""
    first, rest = "数字化改造是提高企业", "效益的有效途径。一些企业上线平台后，设备综合效率明显提升。"
    assert _blocks(SECTION, PARAGRAPH, first, rest)[-1] == ("paragraph", first + rest)


def test_a_subheading_over_a_paragraph_that_opens_with_a_whole_sentence_stays():
    rest = "居民的事由居民商量着办。矛盾化解在家门口，服务送到心坎上。"
    assert _blocks(SECTION, PARAGRAPH, "让居民议事有平台", rest)[-2:] == [("heading", "让居民议事有平台"), ("paragraph", rest)]
