"""A save in the preview with the real build: shown at once from the last build's archive
kept in memory (serve/quick.py), then built in the background; once the search index has
caught up, the site is byte for byte what a clean `site-builder build` writes."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from site_builder.build import DEFAULT_TEMPLATES, BuildOptions, build_site
from site_builder.serve.builds import PAGES_LAG, SEARCH_LAGS

from .conftest import LiveSite
from .realsite import HeldBuild, WatchedBuild, clean_build, files_of, make_content, page_of, state_where, write_article
from .sitekit import EventStream, TinyBuilder, get, wait_until


def save_by_rename(content: Path, name: str, title: str, body: str, day: int) -> None:
    """As editors that write a new file and rename it into place save (the watcher sees the
    file "added")."""
    written = write_article(content, f".{name}.saving", title, body, day)
    os.replace(written, content / "articles" / f"{name}.md")


@pytest.mark.parametrize("save", [write_article, save_by_rename])
def test_an_edit_is_shown_before_the_build_and_ends_as_a_clean_build(tmp_path, save):
    content, output = make_content(tmp_path), tmp_path / "public"
    build = WatchedBuild(gated=True)
    live = LiveSite(content=content, output=output, builder=TinyBuilder()).start(build=build, timeout=300)
    try:
        page = page_of(output, "城市治理的新路径")
        with EventStream(live.url) as events:
            first = events.next_state(5)
            assert first.get("notice") is None
            save(content, "a", "城市治理的新路径", "第二版的正文。" * 20, 1)
            ahead, _ = state_where(events, lambda state: state.get("notice") == PAGES_LAG, timeout=60)
            status, _, body = get(live.url + page)
            assert status == 200 and "第二版的正文" in body.decode()
            # no build has run since the save: the page was rendered ahead of it
            assert build.calls <= 2 and "第二版的正文" not in (output / page).read_text(encoding="utf-8")
            build.gate.set()
            current, seen = state_where(events, lambda state: state.get("notice") is None)
        assert ahead["version"] != first["version"] and current["version"] != ahead["version"]
        assert SEARCH_LAGS in [state.get("notice") for state in seen]  # the lists first, then the index
        status, _, body = get(live.url + page)
        assert status == 200 and "第二版的正文" in body.decode()
    finally:
        build.gate.set()
        live.stop()
    assert files_of(output) == clean_build(content, tmp_path / "clean")
    again = build_site(BuildOptions(content, output))
    assert again.unchanged and not again.search_stale


def test_a_bad_save_is_reported_at_once_and_the_last_good_site_stays(tmp_path, capsys):
    content, output = make_content(tmp_path), tmp_path / "public"
    build = WatchedBuild()
    live = LiveSite(content=content, output=output, builder=TinyBuilder()).start(build=build, timeout=300)
    try:
        page = page_of(output, "城市治理的新路径")
        with EventStream(live.url) as events:
            first = events.next_state(5)
            bad = content / "articles" / "a.md"
            bad.write_text("---\ntitle 城市治理的新路径\n---\n坏的正文\n", encoding="utf-8")
            failed, _ = state_where(events, lambda state: state.get("error"))
            assert failed["error"].startswith(f"{bad}:2:") and failed["version"] == first["version"]
            status, _, body = get(live.url + page)
            assert status == 200 and "第一版的正文" in body.decode() and "坏的正文" not in body.decode()
            assert build.failed.wait(300)  # the build after the save met the bad file too
            write_article(content, "a", "城市治理的新路径", "修好的正文。" * 20, 1)
            state_where(events, lambda state: state.get("notice") is None and not state.get("error"))
        status, _, body = get(live.url + page)
        assert "修好的正文" in body.decode()
    finally:
        live.stop()
    # said once: the build after the save failed alike and kept quiet
    assert capsys.readouterr().err.count(f"{bad}:2:") == 1


def test_a_template_edit_renders_the_open_page_first_and_the_rest_in_the_build(tmp_path):
    content, output = make_content(tmp_path), tmp_path / "public"
    template = content / "templates" / "article.html"
    template.parent.mkdir()
    shutil.copyfile(DEFAULT_TEMPLATES / "article.html", template)
    build = WatchedBuild(gated=True)
    live = LiveSite(content=content, output=output, builder=TinyBuilder()).start(build=build, timeout=300)
    try:
        opened, other = page_of(output, "城市治理的新路径"), page_of(output, "乡村振兴的实践")
        with EventStream(live.url, page="/" + opened.removesuffix("index.html")) as events:
            events.next_state(5)
            text = template.read_text(encoding="utf-8")
            template.write_text(text.replace("</article>", "<p>模板标记</p></article>", 1), encoding="utf-8")
            state_where(events, lambda state: state.get("notice") == PAGES_LAG, timeout=60)
            assert "模板标记" in get(live.url + opened)[2].decode()
            assert "模板标记" not in get(live.url + other)[2].decode()  # not open: the build renders it
            build.gate.set()
            state_where(events, lambda state: state.get("notice") is None)
        assert "模板标记" in get(live.url + other)[2].decode()
    finally:
        build.gate.set()
        live.stop()
    assert files_of(output) == clean_build(content, tmp_path / "clean")


def test_a_save_the_build_refuses_takes_the_open_pages_back_to_the_last_good_site(tmp_path):
    """The quick path shows the save; the build (strict: an unknown topic is a warning)
    refuses it: the open pages reload to the last good site and show why."""
    content, output = make_content(tmp_path), tmp_path / "public"
    (content / "site.toml").write_text('title = "档案"\n\n[topics]\n"城市治理" = ["治理"]\n', encoding="utf-8")
    build = WatchedBuild(gated=True, strict=True)
    live = LiveSite(content=content, output=output, builder=TinyBuilder()).start(build=build, timeout=300)
    try:
        page = page_of(output, "城市治理的新路径")
        with EventStream(live.url, page="/" + page.removesuffix("index.html")) as events:
            first = events.next_state(5)
            (content / "articles" / "a.md").write_text(
                "---\ntitle: 城市治理的新路径\ndate: 2024-06-01\ntopics: [未知话题]\n---\n" + "未知话题的正文。" * 20,
                encoding="utf-8")
            ahead, _ = state_where(events, lambda state: state.get("notice") == PAGES_LAG, timeout=60)
            assert "未知话题的正文" in get(live.url + page)[2].decode()
            build.gate.set()
            refused, _ = state_where(events, lambda state: state.get("error"))
        assert "未知话题" in refused["error"] and refused["version"] not in (first["version"], ahead["version"])
        body = get(live.url + page)[2].decode()
        assert "第一版的正文" in body and "未知话题的正文" not in body
    finally:
        build.gate.set()
        live.stop()


def test_a_site_built_before_serve_shows_its_first_save_at_once(tmp_path, capsys):
    """The first build finds nothing to do (and reads no archive): the archive is read
    through the build cache after it, so the first save is shown ahead of its build too."""
    content, output = make_content(tmp_path), tmp_path / "public"
    build_site(BuildOptions(content, output))
    build = WatchedBuild(gated=True)
    live = LiveSite(content=content, output=output, builder=TinyBuilder()).start(build=build, timeout=300)
    try:
        printed: list[str] = []
        wait_until(lambda: printed.append(capsys.readouterr().out) or "saves are shown at once" in "".join(printed),
                   timeout=120, what="the archive read for the quick path")
        page = page_of(output, "城市治理的新路径")
        with EventStream(live.url) as events:
            events.next_state(5)
            write_article(content, "a", "城市治理的新路径", "第二版的正文。" * 20, 1)
            state_where(events, lambda state: state.get("notice") == PAGES_LAG, timeout=60)
            assert "第二版的正文" in get(live.url + page)[2].decode()
            build.gate.set()
            state_where(events, lambda state: state.get("notice") is None)
    finally:
        build.gate.set()
        live.stop()
    assert files_of(output) == clean_build(content, tmp_path / "clean")


def test_saves_during_a_build_are_shown_at_once_and_never_shown_older(tmp_path):
    """A build that read an earlier save ends while a later one is shown: the open page keeps
    the later save, also when a save of another file renders it again from that build's
    archive (the later save is read into it again)."""
    content, output = make_content(tmp_path), tmp_path / "public"
    build = HeldBuild()
    live = LiveSite(content=content, output=output, builder=TinyBuilder()).start(build=build, timeout=300)
    try:
        page = page_of(output, "城市治理的新路径")

        def shown() -> str:
            return get(live.url + page)[2].decode()

        with EventStream(live.url, page="/" + page.removesuffix("index.html")) as events:
            seen = events.next_state(5)
            write_article(content, "a", "城市治理的新路径", "第二版的正文。" * 20, 1)
            seen, _ = state_where(events, lambda state, v=seen["version"]: state["version"] != v, timeout=60)
            assert "第二版的正文" in shown()
            assert build.holding.wait(300)  # its build has read it
            write_article(content, "a", "城市治理的新路径", "第三版的正文。" * 20, 1)
            seen, _ = state_where(events, lambda state, v=seen["version"]: state["version"] != v, timeout=60)
            assert "第三版的正文" in shown()
            build.release()  # the build of the second version publishes it
            seen, _ = state_where(events, lambda state, v=seen["version"]: state["version"] != v)
            assert "第二版的正文" in (output / page).read_text(encoding="utf-8") and "第三版的正文" in shown()
            write_article(content, "b", "乡村振兴的实践", "另一篇文章的第二版。" * 20, 2)
            state_where(events, lambda state, v=seen["version"]: state["version"] != v, timeout=60)
            assert "第三版的正文" in shown()
            build.release(100)
            state_where(events, lambda state: state.get("notice") is None)
        assert "第三版的正文" in shown()
    finally:
        build.release(100)
        live.stop()
    assert files_of(output) == clean_build(content, tmp_path / "clean")
