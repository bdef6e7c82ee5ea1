"""Stray traditional characters: converted one at a time, never a valid simplified one."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest.raw_page import extract_text
from site_builder.ingest.stray_traditional import (build_tables, opencc_dictionary, simplify_stray,
                                                   table_module)
from site_builder.ingest.traditional_table import AMBIGUOUS, TRADITIONAL_ONLY


@pytest.mark.parametrize("text", [
    "活字印刷术由毕昇发明。",  # 昇 is the simplified form of the name
    "他把杯子打坏了。",  # 坏 is simplified (a traditional phrase table reads 打坏 as 打坯)
    "乾隆年间，扭转乾坤。",  # 乾 is simplified in these words
    "李乾说，要做好这项工作。",  # a given name: 乾 in no word, and 干 no function word here
    "著作显著，覆盖面广，怎么办。",  # 著 覆 么 are simplified characters
    "宫商角徵羽是五声音阶。",
])
def test_valid_simplified_text_is_never_rewritten(text):
    assert simplify_stray(text) == text


@pytest.mark.parametrize(("damaged", "repaired"), [
    ("推动高质量發展", "推动高质量发展"),
    ("此後，他回到家乡。", "此后，他回到家乡。"),
    ("由於历史原因，对於这个问题", "由于历史原因，对于这个问题"),
    ("改前问需于民，改中问计於民", "改前问需于民，改中问计于民"),  # 于 the preposition, in no word
    ("關於發展的意见", "关于发展的意见"),
    ("计畫经济", "计划经济"),  # 畫 -> 画 or 划: the phrase 計畫 chooses
    ("理髮店和麵条", "理发店和面条"),
    ("特徵明显，象徵意义", "特征明显，象征意义"),
    ("把衣服晾乾", "把衣服晾干"),
])
def test_stray_traditional_characters_are_repaired(damaged, repaired):
    assert simplify_stray(damaged) == repaired


def test_one_stray_does_not_convert_the_paragraph_around_it():
    # (the whole-paragraph conversion made 打坯 and 毕升 of these once 發 was seen)
    assert simplify_stray("毕昇把模子打坏了，發现问题。") == "毕昇把模子打坏了，发现问题。"


def test_a_page_with_strays_keeps_its_correct_words():
    page = ("活字印刷与毕昇\n\n■ 王明\n\n"
            "北宋毕昇发明活字印刷术，这一發明推动了文化传播。工匠们反复试验，泥活字打坏了就重做。\n\n"
            "乾隆年间，这项技术得到進一步推广。\n")
    doc = extract_text(Path("strays.txt"), page)
    body = "".join(b.text for a in doc.articles for b in a.blocks)
    assert "毕昇发明活字印刷术，这一发明推动" in body
    assert "打坏了就重做" in body and "乾隆年间，这项技术得到进一步推广" in body


def test_the_table_is_the_installed_openccs():
    """traditional_table.py is what the installed OpenCC's dictionaries give (regenerate it
    with `python -m site_builder.ingest.stray_traditional` after an OpenCC upgrade)."""
    only, ambiguous = build_tables(opencc_dictionary("TSCharacters"), opencc_dictionary("STCharacters"))
    assert (only, ambiguous) == (TRADITIONAL_ONLY, AMBIGUOUS)
    source = Path(__file__).parents[2] / "site_builder" / "ingest" / "traditional_table.py"
    assert source.read_text(encoding="utf-8") == table_module(only, ambiguous)


def test_the_tables_hold_no_simplified_character():
    """No character of either table is its own default simplified form, and the characters
    the samples' text uses as simplified (坏 著 覆 么 像) are in neither."""
    assert not any(k == v[0] for k, v in {**TRADITIONAL_ONLY, **AMBIGUOUS}.items())
    assert not set("坏著覆么像干后里面台发") & (set(TRADITIONAL_ONLY) | set(AMBIGUOUS))
    assert {"發", "後", "髮", "麵", "於", "乾", "昇"} <= set(TRADITIONAL_ONLY) | set(AMBIGUOUS)
