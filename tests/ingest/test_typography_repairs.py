"""Typography repairs: each fixes its damage and leaves correct text alone."""
from __future__ import annotations

import pytest

from site_builder.ingest.typography import REPAIRS, normalize


@pytest.mark.parametrize("text", ["他说：“这是……”", "省略号……之后", "等等……", "“……”"])
def test_a_correct_ellipsis_stays_two_characters(text):
    assert normalize(text) == text


@pytest.mark.parametrize(("damaged", "repaired"), [
    ("矛盾不上交...", "矛盾不上交……"),
    ("他说......好", "他说……好"),
    ("他说…好", "他说……好"),  # a lone … beside Chinese is half an ellipsis
    ("他说… …好", "他说……好"),  # a pair split at an old wrap point is a pair
])
def test_a_damaged_ellipsis_is_repaired(damaged, repaired):
    assert normalize(damaged) == repaired


def test_dots_in_latin_text_are_not_an_ellipsis():
    assert normalize("见 www.example.com/a...b 页面") == "见 www.example.com/a...b 页面"


@pytest.mark.parametrize(("damaged", "repaired"), [
    ("他称之为'中国之治'。", "他称之为‘中国之治’。"),
    ('他说："要做到\'三个务必\'。"', "他说：“要做到‘三个务必’。”"),
])
def test_ascii_single_quotes_around_chinese_become_full_width(damaged, repaired):
    assert normalize(damaged) == repaired


def test_an_apostrophe_is_not_a_quote():
    assert normalize("Xi's 'Governance' 一书") == "Xi's 'Governance' 一书"


@pytest.mark.parametrize(("damaged", "repaired"), [
    ("暨20 19年春季", "暨2019年春季"),
    ("占8 9%的企业", "占89%的企业"),
    ("成立1 00周年", "成立100周年"),
    ("纲要（2024—2 035年）", "纲要（2024—2035年）"),
    ("在2 013 年", "在2013年"),
    ("增长3.5 6%", "增长3.56%"),  # the wrap in a decimal's fraction
    ("达到10.9 2亿人", "达到10.92亿人"),
    ("达7 7.5%。", "达77.5%。"),  # the wrap before the decimal point
    ("用好“12 345”热线", "用好“12345”热线"),  # a number in quotes
])
def test_a_number_split_at_an_old_wrap_point_is_joined(damaged, repaired):
    assert normalize(damaged) == repaired


@pytest.mark.parametrize(("text", "kept"), [
    ("2023 2024年度", "2023 2024"),  # two years
    ("分别为1 2 3个", "1 2 3"),  # a list of numbers
    ("G 20峰会", "G 20"),  # a Latin word before it
    ("分别为1.5 2.5亿", "1.5 2.5"),  # two decimals
    ("iPhone 15 Pro", "15 Pro"),  # no Chinese at all
    ("电话：010 12345678转总机", "010 12345678"),  # an area code and its number
])
def test_separate_numbers_stay_apart(text, kept):
    assert kept in normalize(text)


def test_each_repair_can_be_switched_off():
    damaged = "他说...好，'中国'20 19年 and 发展"
    assert normalize(damaged) == "他说……好，‘中国’2019年和发展"
    assert normalize(damaged, skip={"ellipsis"}) == "他说...好，‘中国’2019年和发展"
    # (an ASCII quote before the number is no Chinese: the number is not known to be one)
    assert normalize(damaged, skip={"single_quotes"}) == "他说……好，'中国'20 19年和发展"
    assert normalize(damaged, skip={"split_numbers"}) == "他说……好，‘中国’20 19年和发展"
    assert normalize(damaged, skip={"stray_and"}) == "他说……好，‘中国’2019年 and 发展"
    assert normalize("城市 治理", skip={"chinese_spaces"}) == "城市 治理"
    assert normalize("城市 治理") == "城市治理"


def test_every_repair_says_what_it_fixes():
    for name, repair in REPAIRS.items():
        assert repair.__doc__ and len(repair.__doc__) > 40, name


@pytest.mark.parametrize(("damaged", "repaired"), [
    ("要深化改革.高校作为", "要深化改革。高校作为"),
    ("打通堵点卡点.”高校", "打通堵点卡点。”高校"),  # before the closing quote
    ("长效机制”.当前", "长效机制”。当前"),  # after it
    ("崇尚家风.“孟母三迁”", "崇尚家风。“孟母三迁”"),  # before an opening quote
    ("普及率达77.5%.网络空间", "普及率达77.5%。网络空间"),  # after a per cent sign
])
def test_a_full_stop_read_as_a_dot_is_repaired(damaged, repaired):
    assert normalize(damaged) == repaired


@pytest.mark.parametrize("text", ["数量3.5万元", "第1.2节", "图1.内容", "英文A.B测试", "增长0.5%", "生态良.92亿"])
def test_a_decimal_point_or_a_latin_dot_stays(text):
    assert normalize(text) == text
