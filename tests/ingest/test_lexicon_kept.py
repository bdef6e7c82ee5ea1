"""jieba's dictionary frequencies are parsed once and kept in the temporary folder; a later
process loads the copy. The copy must give exactly what parsing gives, and a damaged copy
must be parsed again and replaced, never trusted."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from site_builder.ingest import lexicon


@pytest.fixture
def kept_in(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    lexicon._frequencies.cache_clear()
    yield tmp_path
    lexicon._frequencies.cache_clear()


def _dictionary() -> Path:
    import jieba
    return Path(jieba.__file__).with_name("dict.txt")


def test_the_kept_copy_gives_what_parsing_gives(kept_in: Path):
    parsed = lexicon._parse_dictionary(_dictionary())
    assert lexicon._frequencies() == parsed  # (parsed, and kept)
    [copy] = kept_in.glob("site_builder-lexicon-*.marshal")
    lexicon._frequencies.cache_clear()
    assert lexicon._frequencies() == parsed  # (loaded from the copy)
    assert not list(kept_in.glob("*.marshal.*"))  # (no scratch file left)


def test_a_damaged_copy_is_parsed_again_and_replaced(kept_in: Path):
    lexicon._frequencies()
    [copy] = kept_in.glob("site_builder-lexicon-*.marshal")
    copy.write_bytes(b"\x00damaged")
    lexicon._frequencies.cache_clear()
    assert lexicon._frequencies() == lexicon._parse_dictionary(_dictionary())
    assert copy.read_bytes() != b"\x00damaged"
