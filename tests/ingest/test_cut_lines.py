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
