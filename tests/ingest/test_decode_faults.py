"""Faulty raw pages: no title, UTF-16 without a byte-order mark, damaged UTF-8.

Each is read (nothing refused that is text) and, where something had to be guessed or
repaired, a warning names the file and the line.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.errors import ContentError
from site_builder.ingest import read_source
from site_builder.ingest.decode import read_page, read_text
from site_builder.ingest.export import document_to_json

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "content" / "raw").glob("*.txt"))
PAGE = SAMPLES[0]

UNTITLED = (
    "\n\n"
    "，我们要坚持以人民为中心的发展思想，推动高质量发展不断取得新成效。这是一段正文，用来说明问题。\n"
    "\n"
    "第二段正文继续论述，坚持改革开放，推进中国式现代化建设取得新的更大成就。\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_an_article_without_a_title_is_published_with_a_warning_naming_file_and_line(tmp_path: Path):
    page = write(tmp_path, "untitled.txt", UNTITLED.encode("utf-8"))
    doc = read_source(page)
    [article] = doc.articles
    assert article.title is None
    [warning] = [w for w in article.warnings if w.code == "untitled"]
    assert warning.file == page and warning.line == 3
    assert str(warning).endswith(":3: " + warning.message) and "untitled.txt" in str(warning)
    assert "（无题）" in warning.message


def test_a_titled_page_has_no_untitled_warning():
    doc = read_source(PAGE)
    assert doc.articles and not [w for a in doc.articles for w in a.warnings if w.code == "untitled"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_reads_like_utf8(tmp_path: Path, codec: str):
    text = PAGE.read_text(encoding="utf-8")
    page = write(tmp_path, PAGE.name, text.encode(codec))
    (tmp_path / "ref").mkdir()
    reference = write(tmp_path / "ref", PAGE.name, text.encode("utf-8"))
    assert read_text(page) == text
    assert document_to_json(read_source(page)) == document_to_json(read_source(reference))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_of_a_page_with_many_U_xx00_characters(tmp_path: Path, codec: str):
    # 一 (U+4E00) and 最 (U+6700) put a NUL on the other side of the pair than "\n" does
    text = "一一最一\n" * 50 + "标题\n正文一段。\n"
    assert read_text(write(tmp_path, "p.txt", text.encode(codec))) == text


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 20,                       # NULs on one side, but no UTF-16 text
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,          # NULs on both sides
    "标题\n正文。\n".encode("utf-16-le") + b"\x00",  # odd length
    "标题\x01\x02\x03\x04\n".encode("utf-16-le") * 10,  # control characters
])
def test_nul_bytes_in_no_utf16_pattern_are_binary(tmp_path: Path, data: bytes):
    page = write(tmp_path, "bin.txt", data)
    with pytest.raises(ContentError) as info:
        read_source(page)
    assert info.value.file == page and "binary" in info.value.message


def test_one_damaged_utf8_sequence_is_replaced_and_warned_with_its_line(tmp_path: Path):
    text = PAGE.read_text(encoding="utf-8")
    lines = text.split("\n")
    target = next(i for i, line in enumerate(lines) if len(line.encode()) > 30 and i > 5)
    raw = bytearray("\n".join(lines[:target]).encode() + b"\n")
    damaged_at = len(raw) + 6  # inside the line: cut a character in two
    raw += lines[target].encode() + b"\n" + "\n".join(lines[target + 1:]).encode()
    raw[damaged_at:damaged_at + 1] = b"\xff"
    page = write(tmp_path, "damaged.txt", bytes(raw))

    decoded = read_page(page)
    assert decoded.text.count("\ufffd") >= 1
    assert decoded.text.split("\n")[target].count("\ufffd") >= 1
    assert [(w.file, w.line, w.code) for w in decoded.warnings] == [(page, target + 1, "encoding")]
    doc = read_source(page)
    assert [w.line for w in doc.warnings if w.code == "encoding"] == [target + 1]
    assert doc.articles  # the page is published, not refused


def test_damage_on_many_lines_names_each_and_sums_up_the_rest(tmp_path: Path):
    body = b"".join(f"第{n}行的正文，内容很长很长很长很长很长很长很长很长。".encode() + b"\xff\n"
                    for n in range(1, 31))
    page = write(tmp_path, "many.txt", "标题\n\n".encode() + body)
    warnings = read_page(page).warnings
    assert [w.line for w in warnings[:20]] == list(range(3, 23))
    assert len(warnings) == 21 and "10 more lines" in warnings[-1].message


def test_crlf_and_cr_count_as_one_line_break_each_in_a_damage_warning(tmp_path: Path):
    data = "标题\r\n\r\n正文第一段，内容很长很长很长很长很长很长很长很长很长很长很长。\r旧式换行\r".encode()
    data += "最后一段，仍然是很长很长很长很长的正文内容。".encode() + b"\xc3\n"
    warnings = read_page(write(tmp_path, "cr.txt", data)).warnings
    assert [w.line for w in warnings] == [5]


def test_gb18030_is_still_gb18030_not_damaged_utf8(tmp_path: Path):
    text = PAGE.read_text(encoding="utf-8")
    decoded = read_page(write(tmp_path, "gb.txt", text.encode("gb18030")))
    assert decoded.text == text and not decoded.warnings


def test_a_short_gb18030_page_is_not_read_as_damaged_utf8(tmp_path: Path):
    text = "坚持以人民为中心\n\n推动高质量发展不断取得新成效，这是正文。\n"
    assert read_text(write(tmp_path, "gb.txt", text.encode("gb18030"))) == text
