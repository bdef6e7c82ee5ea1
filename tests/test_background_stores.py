"""What a full analysis keeps in the build cache (the carried analysis, its related lists,
jieba's IDF table, the memo's tables) is made and written by a forked process while the build goes on
(analyze/carry.py `carry`, analyze/memo.py `save`, forked.py `in_background`); the build
waits for that process before it returns."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder import forked
from site_builder.analyze import carry, keywords
from site_builder.analyze.carry import Carried
from site_builder.build import BuildOptions, build_site
from site_builder.cache import BuildCache, cache_root
from tests.test_carried_analysis import make_site


@pytest.mark.skipif(forked.workers() < 2, reason="one core: written in the build's own process")
def test_the_analysis_stores_are_written_by_another_process_before_the_build_ends(tmp_path: Path, monkeypatch):
    content = make_site(tmp_path)
    writers = tmp_path / "writers.txt"

    def noted(what: str) -> None:
        with open(writers, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {what}\n")

    write, write_idf = BuildCache._write, keywords.write_idf_file
    monkeypatch.setattr(BuildCache, "_write", lambda self, kind, key, made: noted(f"{kind}/{key}") or write(self, kind, key, made))
    monkeypatch.setattr(keywords, "write_idf_file", lambda *arguments: noted("idf") or write_idf(*arguments))
    facts_of = carry.facts_of  # (what the carried analysis is made of is read there too)
    monkeypatch.setattr(carry, "facts_of", lambda article: noted("made") or facts_of(article))

    build_site(BuildOptions(content, tmp_path / "public", with_search=False))

    by = {what: int(pid) for pid, what in (line.split() for line in writers.read_text("utf-8").splitlines())}
    for what in ("made", "carried/archive", "carried/related", "idf", "memo/analysis"):
        assert by[what] != os.getpid(), what
    cache = BuildCache(cache_root(content))  # written when the build returned
    assert isinstance(cache.load("carried", "archive"), Carried)
    assert isinstance(cache.load("memo", "analysis"), tuple)
    assert list((cache.folder / "carried").glob("*.sqlite"))
