"""A build whose search stage runs in its second process (BuildOptions.search_apart, as the
command builds: lane.py) makes what a build in one process makes, and fails as it does."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build_site
from site_builder.errors import SiteBuildError
from site_builder.search import pagefind, update
from test_incremental_property import apply, files_of, start_site


def _indexing_processes(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Each process that indexes pages writes its id to `log` (a lane forked after this
    inherits the counting function)."""
    real = update.index_pages

    def counted(*args, **kwargs):
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(update, "index_pages", counted)


def test_an_edit_built_apart_is_indexed_in_the_second_process_and_is_a_clean_build(tmp_path, monkeypatch):
    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published, search_apart=True))  # (no record yet: all in this process)
    log = tmp_path / "indexed-by"
    _indexing_processes(monkeypatch, log)
    for step in [("append md", "a", "干部要多到一线去。"), ("append md", "b", "调查研究是谋事之基。")]:
        apply(content, step)
        built = build_site(BuildOptions(content, published, search_apart=True))
        assert built.search is not None and built.search.pages > 3 and 0 < built.pages_rendered < built.pages_written
    indexed_by = log.read_text(encoding="utf-8").split()
    assert len(indexed_by) == 2 and str(os.getpid()) not in indexed_by
    monkeypatch.undo()
    again = build_site(BuildOptions(content, published, search_apart=True))
    assert again.unchanged  # the record (stamps and folders) is the published site's
    assert files_of(published) == _clean_build(tmp_path, content)


def test_a_search_stage_that_fails_apart_fails_the_build_and_leaves_the_site(tmp_path, monkeypatch):
    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published, search_apart=True))
    before = files_of(published)

    def broken(language: str):
        raise SiteBuildError("Pagefind failed (exit 1): test")

    monkeypatch.setattr(pagefind, "engine_output", broken)
    apply(content, ("append md", "a", "干部要多到一线去。"))
    with pytest.raises(SiteBuildError, match="Pagefind failed"):
        build_site(BuildOptions(content, published, search_apart=True))
    assert files_of(published) == before
    monkeypatch.undo()
    assert build_site(BuildOptions(content, published, search_apart=True)).search is not None


def test_a_build_that_fails_while_the_second_process_indexes_ends_it_at_once(tmp_path, monkeypatch):
    from site_builder import build

    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published, search_apart=True))
    before = files_of(published)
    finished = tmp_path / "indexed"
    real = update.index_pages

    def slow(*args, **kwargs):  # (in the lane: the fork inherits it)
        time.sleep(3)  # a long indexing: what the build must not wait for when it fails
        finished.write_text("done", encoding="utf-8")
        return real(*args, **kwargs)

    def broken(*args):  # after the lane was sent the search stage
        raise SiteBuildError("stamps failed: test")

    monkeypatch.setattr(update, "index_pages", slow)
    monkeypatch.setattr(build, "page_stamps", broken)
    apply(content, ("append md", "a", "干部要多到一线去。"))
    with pytest.raises(SiteBuildError, match="stamps failed"):
        build_site(BuildOptions(content, published, search_apart=True))
    time.sleep(0.2)  # (a lane left running would go on and finish)
    assert not finished.exists()
    assert files_of(published) == before
    monkeypatch.undo()
    assert build_site(BuildOptions(content, published, search_apart=True)).search is not None
    assert files_of(published) == _clean_build(tmp_path, content)


def test_a_search_stage_prepared_ahead_runs_pagefind_and_loads_the_saved_index_no_more(tmp_path, monkeypatch):
    from site_builder import search
    from site_builder.config import load_config
    from site_builder.search import state

    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published))
    config = load_config(content)
    calls: list[str] = []
    real_engine, real_load = pagefind.engine_output, state.IndexStore.load
    monkeypatch.setattr(pagefind, "engine_output", lambda language: calls.append("engine") or real_engine(language))
    monkeypatch.setattr(state.IndexStore, "load", lambda store, expected: calls.append("load") or real_load(store, expected))
    search.prepare(config)
    assert calls == ["engine", "load"]
    before = files_of(published)
    stats = search.build_index(published, config)
    assert calls == ["engine", "load"]  # both taken from what was prepared
    assert stats.cached == stats.pages and files_of(published) == before


def test_the_spare_site_is_checked_by_the_second_process_while_the_build_reads(tmp_path, monkeypatch):
    from site_builder import spare

    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published, search_apart=True))  # (its site linked as the spare)
    log = tmp_path / "checked-by"
    real = spare.as_recorded

    def logged(*args):
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return real(*args)

    monkeypatch.setattr(spare, "as_recorded", logged)
    apply(content, ("append md", "a", "干部要多到一线去。"))
    built = build_site(BuildOptions(content, published, search_apart=True))
    checked_by = log.read_text(encoding="utf-8").split()
    assert len(checked_by) == 1 and checked_by != [str(os.getpid())]
    assert 0 < built.pages_rendered < built.pages_written  # the spare claimed: the pages it holds taken
    monkeypatch.undo()
    assert build_site(BuildOptions(content, published, search_apart=True)).unchanged


@pytest.mark.parametrize("steps", [
    [("rename md", "a", "e"), ("delete md", "b"), ("write raw", "q", 1)],
    [("template", "article.html", True), ("config", 20, "理论档案"), ("retitle md", "c", "久久为功")],
])
def test_changes_of_every_kind_built_apart_are_clean_builds(tmp_path, steps):
    from test_incremental_property import folders_of

    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published, search_apart=True))
    for number, step in enumerate(steps):
        apply(content, step)
        build_site(BuildOptions(content, published, search_apart=True))
        clean = tmp_path / f"clean{number}"
        build_site(BuildOptions(content, clean, cache=False))
        assert files_of(published) == files_of(clean) and folders_of(published) == folders_of(clean), step


def _clean_build(tmp_path, content):
    """The files of a clean build of the content, without cache."""
    clean = tmp_path / "clean"
    build_site(BuildOptions(content, clean, cache=False))
    return files_of(clean)


def _log_keyword_readers(tmp_path, monkeypatch):
    """A file to which every process that reads an article's keywords writes its pid."""
    from site_builder.analyze import keywords

    log = tmp_path / "read-by"
    real = keywords.KeywordReader._read

    def logged(self, text, limit):
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return real(self, text, limit)

    monkeypatch.setattr(keywords.KeywordReader, "_read", logged)
    return log


def test_an_edit_built_apart_reads_its_keywords_in_the_second_process(tmp_path, monkeypatch):
    """keywords_ahead.py: the cutter is made, and the edited article's keywords read, by the
    second process while the build reads; the build's analysis takes them from its memo."""
    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published, search_apart=True))
    log = _log_keyword_readers(tmp_path, monkeypatch)
    for step in [("append md", "a", "干部要多到一线去。"), ("append md", "a", "调查研究是谋事之基。")]:
        apply(content, step)
        built = build_site(BuildOptions(content, published, search_apart=True))
        read_by = log.read_text(encoding="utf-8").split()
        log.unlink()
        assert built.carried and read_by and str(os.getpid()) not in read_by, step
    monkeypatch.undo()
    assert files_of(published) == _clean_build(tmp_path, content)


def test_an_edit_the_carried_analysis_cannot_take_sends_the_second_process_no_keywords(tmp_path, monkeypatch):
    from site_builder.analyze import carry

    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published, search_apart=True))
    log = _log_keyword_readers(tmp_path, monkeypatch)
    monkeypatch.setattr(carry, "MOST_CHANGED", 0)  # (as for more touched files than it takes)
    apply(content, ("append md", "a", "干部要多到一线去。"))
    built = build_site(BuildOptions(content, published, search_apart=True))
    assert not built.carried
    assert set(log.read_text(encoding="utf-8").split()) == {str(os.getpid())}  # read by the analysis alone


def test_an_edit_built_apart_has_its_pages_listed_ahead_by_the_second_process(tmp_path, monkeypatch):
    """The second process lists the published site's pages as the search stage lists them
    while the build renders; an edit's search stage (the same pages) is sent only the pages
    the build did not take from the published site, and its bundle is a clean build's."""
    from site_builder import lane, search

    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published, search_apart=True))
    sent: list[tuple[str, tuple]] = []
    real_send, real_index = lane.Lane.send, search.build_index

    def logged_send(self, function, *args, name=""):
        sent.append((function.__name__, args))
        return real_send(self, function, *args, name=name)

    log = tmp_path / "indexed"

    def logged_index(site, config, cache=True, pages=None, known=None, listed=None):
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {listed is not None} {pages is None}\n")
        return real_index(site, config, cache, pages, known, listed)

    monkeypatch.setattr(lane.Lane, "send", logged_send)
    monkeypatch.setattr(search, "build_index", logged_index)
    apply(content, ("append md", "a", "干部要多到一线去。"))
    built = build_site(BuildOptions(content, published, search_apart=True))
    names = [name for name, _ in sent]
    assert "search_ahead" in names and names.index("search_ahead") < names.index("index_as_recorded")
    (_, args), = [call for call in sent if call[0] == "index_as_recorded"]
    assert 0 < len(args[-1]) <= built.pages_rendered < built.pages_written  # the pages written, no more
    pid, given, no_pages = log.read_text(encoding="utf-8").split()
    assert pid != str(os.getpid()) and given == no_pages == "True"
    monkeypatch.undo()
    assert build_site(BuildOptions(content, published, search_apart=True)).unchanged
    assert files_of(published) == _clean_build(tmp_path, content)


def test_an_edit_built_apart_saves_its_index_after_answering_and_before_publishing(tmp_path, monkeypatch):
    """The second process answers with the bundle, then saves the patched index (state.pkl
    last) while the build stamps the site; the build publishes after it is saved."""
    from site_builder import lane
    from site_builder.search import state

    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published, search_apart=True))
    log = tmp_path / "events"

    def note(event: str) -> None:
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{time.monotonic_ns()} {event} {os.getpid()}\n")

    real_answer, real_save = lane.Lane.answer, state.IndexStore.save

    def answered(self, name):
        value = real_answer(self, name)
        note(f"answered:{name}")
        return value

    def saved(self, *args):
        note("save")
        return real_save(self, *args)

    monkeypatch.setattr(lane.Lane, "answer", answered)
    monkeypatch.setattr(state.IndexStore, "save", saved)
    apply(content, ("append md", "a", "干部要多到一线去。"))
    build_site(BuildOptions(content, published, search_apart=True))
    events = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    order = [event for _, event, _ in sorted(events, key=lambda line: int(line[0]))]
    assert order.index("answered:build_index") < order.index("save") < order.index("answered:save_search_state")
    assert {pid for _, event, pid in events if event == "save"} != {str(os.getpid())}
    assert len(list(content.rglob("index/state.pkl"))) == 1  # saved whole
    monkeypatch.undo()
    assert build_site(BuildOptions(content, published, search_apart=True)).unchanged
    apply(content, ("append md", "b", "调查研究是谋事之基。"))  # patched from the index saved apart
    build_site(BuildOptions(content, published, search_apart=True))
    assert files_of(published) == _clean_build(tmp_path, content)
