"""Encodings and bad files: a page reads the same whatever its encoding; bad files name themselves."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.errors import ContentError
from site_builder.ingest import read_source
from site_builder.ingest.decode import read_text
from site_builder.ingest.export import document_to_json

PAGE = sorted((Path(__file__).resolve().parents[2] / "content" / "raw").glob("*.txt"))[:1]


@pytest.fixture(scope="module")
def utf8_text() -> str:
    return PAGE[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("codec,bom", [("gb18030", b""), ("utf-16-le", b"\xff\xfe"),
                                       ("utf-16-be", b"\xfe\xff"), ("utf-8", b"\xef\xbb\xbf")])
def test_encodings_read_the_same(tmp_path: Path, utf8_text: str, codec: str, bom: bytes):
    reference = tmp_path / "ref" / PAGE[0].name
    reference.parent.mkdir()
    reference.write_text(utf8_text, encoding="utf-8")
    other = tmp_path / PAGE[0].name
    other.write_bytes(bom + utf8_text.encode(codec))
    assert read_text(other) == read_text(reference)
    assert document_to_json(read_source(other)) == document_to_json(read_source(reference))


def test_crlf_reads_as_lf(tmp_path: Path, utf8_text: str):
    f = tmp_path / "crlf.txt"
    f.write_bytes(utf8_text.replace("\n", "\r\n").encode("utf-8"))
    assert read_text(f) == utf8_text


@pytest.mark.parametrize("content,words", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (bytes(range(256)) * 20, "binary"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "binary"),
])
def test_bad_files_name_themselves(tmp_path: Path, content: bytes, words: str):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(ContentError) as info:
        read_source(f)
    assert info.value.file == f
    assert "bad.txt" in str(info.value)
    assert words in info.value.message


def test_huge_file_is_refused(tmp_path: Path):
    f = tmp_path / "huge.txt"
    with f.open("wb") as out:
        out.seek(50 * 1024 * 1024 - 1)
        out.write(b"\n")
    with pytest.raises(ContentError) as info:
        read_source(f)
    assert "huge.txt" in str(info.value) and "MB" in info.value.message


def test_missing_file(tmp_path: Path):
    with pytest.raises(ContentError) as info:
        read_source(tmp_path / "gone.txt")
    assert "gone.txt" in str(info.value)
