"""The analysis memo in the build cache (analyze/memo.py `load`, `save`): the tables are
written whole once, the answers computed by later builds kept apart until they weigh a
tenth of the tables; every later process finds every answer either way."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder import forked
from site_builder.analyze import memo
from site_builder.cache import BuildCache


def new_process() -> None:
    """What a fresh process starts with: no tables, nothing known of the cache."""
    memo.begin(None, reuse=False)
    memo._kept = None


def answers(cache: BuildCache, texts: list[str], computed: list[str]) -> list[str]:
    """One build: `load`, a lookup of each text (`computed` records the misses), `save`."""
    memo.load(cache)
    found = [memo.lookup("upper", (text,), lambda t=text: computed.append(t) or t.upper()) for text in texts]
    memo.save(cache)
    forked.settle()  # (the tables are written whole by a forked process; a build waits for it as it ends)
    return found


@pytest.fixture
def cache(tmp_path: Path):
    new_process()
    yield BuildCache(tmp_path / "cache")
    new_process()


MANY = [f"文章{n}" * 50 for n in range(100)]  # long texts: kept by their digests


def test_answers_computed_later_are_kept_apart_and_found_by_the_next_process(cache: BuildCache):
    computed: list[str] = []
    answers(cache, MANY, computed)
    whole = Path(cache._name("memo", "analysis")).read_bytes()
    new_process()
    assert answers(cache, [*MANY[1:], "c"], computed) == [*(t.upper() for t in MANY[1:]), "C"]
    assert computed == [*MANY, "c"]
    assert Path(cache._name("memo", "analysis")).read_bytes() == whole  # not written again
    assert cache.load("memo", "added") is not None
    new_process()
    assert answers(cache, [*MANY, "c"], computed) == [*(t.upper() for t in MANY), "C"]
    assert computed == [*MANY, "c"]  # every answer from the cache


def test_the_tables_are_written_whole_again_with_the_answers_used_once_those_apart_weigh_enough(
        cache: BuildCache, monkeypatch: pytest.MonkeyPatch):
    computed: list[str] = []
    answers(cache, ["a", "b"], computed)
    new_process()
    monkeypatch.setattr(memo, "REWRITE_SHARE", 0.0)
    answers(cache, ["b", "c"], computed)
    assert cache.load("memo", "added") is None
    token, tables = cache.load("memo", "analysis")
    assert sorted(key for key, in tables["upper"]) == ["b", "c"]
    new_process()
    assert answers(cache, ["a", "b", "c"], computed) == ["A", "B", "C"]
    assert computed == ["a", "b", "c", "a"]  # "a" was not used by the build that wrote the tables
