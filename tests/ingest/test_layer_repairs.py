"""What a PDF's text layer puts in place of the printed characters: radicals for ideographs,
invisible characters between them, page breaks (layer_repairs)."""
from __future__ import annotations

from pathlib import Path

from site_builder.ingest.raw_page import extract_raw_page, extract_text
from tests.ingest.accounting import altered, unaccounted

HEAD = "加强党的建设\n\n■ 王明\n\n"
FIRST = "党的建设是一项伟大工程，必须坚持不懈地推进，确保党始终成为坚强领导核心。"
SECOND = "各级党组织要切实担负起管党治党的政治责任，把全面从严治党的要求落实到每一个环节。"
RADICALS = str.maketrans({"一": "\u2f00", "大": "\u2f24", "工": "\u2f2f", "长": "\u2ed3", "见": "\u2ec5"})


def _body(text: str, name: str = "layer.txt"):
    doc = extract_text(Path(name), text)
    return doc, [b.text for a in doc.articles for b in a.blocks]


def test_radicals_are_read_as_the_ideographs_they_print():
    damaged = (FIRST + "长期坚持，久见成效。").translate(RADICALS)
    assert "\u2f00" in damaged and "\u2ec5" in damaged
    doc, body = _body(HEAD + damaged + "\n\n" + SECOND + "\n")
    assert body == [FIRST + "长期坚持，久见成效。", SECOND]
    warned = [w for w in doc.warnings if w.code == "radical"]
    assert [w.line for w in warned] == [5] and "⼀→一" in warned[0].message


def test_invisible_characters_are_removed_and_named():
    damaged = SECOND[:5] + "\u200b" + SECOND[5:9] + "\u00ad" + SECOND[9:20] + "\ufeff" + SECOND[20:]
    doc, body = _body(HEAD + FIRST + "\n\n" + damaged + "\n")
    assert body == [FIRST, SECOND]
    warned = [w for w in doc.warnings if w.code == "invisible-character"]
    assert [w.line for w in warned] == [7]
    assert all(code in warned[0].message for code in ("U+200B", "U+00AD", "U+FEFF"))


def test_a_form_feed_ends_a_line():
    """pdftotext ends each page with a form feed: on a page with no blank lines, the
    paragraph after one is not joined to the line before (removed as a control character,
    the two were one line)."""
    doc, body = _body("加强党的建设\n■ 王明\n" + FIRST + "\n\f" + SECOND + "\n\f")
    assert body == [FIRST, SECOND]


def test_the_repairs_are_listed_for_the_accounting():
    """The check that no character is altered but by the listed repairs knows these."""
    raw = HEAD + (FIRST + "长期坚持，久见成效。").translate(RADICALS) + "\u200b\n\n\f" + SECOND + "\n"
    doc = extract_text(Path("layer.txt"), raw)
    assert altered(raw, doc) == []
    assert unaccounted(raw, doc) == ({}, {})


def test_a_raw_file_is_repaired_and_its_warnings_name_it(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(HEAD + FIRST.translate(RADICALS) + "\f\n\n" + SECOND + "\n", encoding="utf-8")
    doc = extract_raw_page(path)
    assert [b.text for a in doc.articles for b in a.blocks] == [FIRST, SECOND]
    assert any(w.code == "radical" and w.file == path and w.line == 5 for w in doc.warnings)


def test_a_line_drawn_twice_is_read_once():
    """A bold face drawn twice gives each character twice: the title, its byline and a
    subheading read once; a line with a few doubled words of its own, or of AABB words alone,
    is left alone."""
    def doubled(line: str) -> str:
        return "".join(ch * 2 if not ch.isspace() else ch for ch in line)

    natural = "大家常常说，人人都要天天学习。"
    raw = "\n\n".join([doubled("加强党的建设 筑牢根基"), doubled("■王明"), FIRST, doubled("一、坚持党的领导"),
                       SECOND, natural, "实实在在 兢兢业业", SECOND[::-1]]) + "\n"
    doc = extract_text(Path("bold.txt"), raw)
    article = doc.articles[0]
    assert (article.title, article.authors) == ("加强党的建设 筑牢根基", ["王明"])
    assert [b.text for b in article.blocks][:4] == [FIRST, "一、坚持党的领导", SECOND, natural]
    assert "实实在在" in "".join(b.text for b in article.blocks)
    assert [w.line for w in doc.warnings if w.code == "doubled"] == [1, 3, 7]
    assert altered(raw, doc) == [] and unaccounted(raw, doc) == ({}, {})


def test_every_format_character_is_invisible():
    """The pattern names Unicode's format characters (Cf) of the Basic Multilingual Plane,
    and no other character."""
    import unicodedata

    from site_builder.ingest.layer_repairs import INVISIBLE

    matched = {code for code in range(0x10000) if INVISIBLE.match(chr(code))}
    assert matched == {code for code in range(0x10000) if unicodedata.category(chr(code)) == "Cf"}


def test_other_widths_are_set_as_chinese_text_sets_them():
    """Full-width digits, Latin letters and full stops (２０２４, ＧＤＰ, ．) half-width, a
    full stop after Chinese then 。; half-width ｡ ､ ｢ ｣ as 。、「」 (a sentence ending on ｡ or ．
    was read as going on)."""
    raw = HEAD + "２０２４年ＧＤＰ增长５．２％，必须坚持不懈地推进．各级党组织要担负起责任｡要把要求落实到每一个环节､每一个岗位．２０２５年要再上台阶。\n"
    doc, body = _body(raw)
    assert body == ["2024年GDP增长5.2％，必须坚持不懈地推进。各级党组织要担负起责任。要把要求落实到每一个环节、每一个岗位。2025年要再上台阶。"]
    assert altered(raw, doc) == []
