"""The whole `serve()`: real files changed on disk -> rebuild -> live-reload event."""
from __future__ import annotations

import re
import socket
import threading
import time

from site_builder.build import BuildOptions
from site_builder.serve import serve

from .sitekit import PAGE, EventStream, TinyBuilder, get, wait_until, write_article


def text_of(site, path: str = "/a/first/") -> str:
    status, _, body = get(site.url + path.lstrip("/"))
    assert status == 200, status
    return body.decode("utf-8")


def test_edit_rebuilds_and_pushes_reload(site, capsys):
    site.start()
    assert "第一版正文" in text_of(site)
    with EventStream(site.url) as events:
        before = events.next_state(5)
        assert before["version"] and before["error"] is None
        write_article(site.content, "first", "城市治理", "第二版正文")
        after = events.next_state(10)  # (benchmarks measure how soon; here: that it comes)
    assert after["version"] != before["version"] and after["error"] is None
    assert "第二版正文" in text_of(site)
    assert f'data-version="{after["version"]}"' in text_of(site)
    out = capsys.readouterr().out
    assert "serving" in out and "changed: content/articles/first.md" in out


def test_new_and_deleted_files_rebuild(site):
    site.start()
    with EventStream(site.url) as events:
        events.next_state(5)
        write_article(site.content, "second", "新文章", "新文章正文")
        events.next_state(10)
        assert "新文章" in text_of(site, "/")
        assert "新文章正文" in text_of(site, "/a/second/")
        (site.content / "articles" / "second.md").unlink()
        events.next_state(10)
    assert "新文章" not in text_of(site, "/")
    assert get(site.url + "a/second/")[0] == 404


def test_broken_front_matter_keeps_last_good_site_then_recovers(site, capsys):
    site.start()
    with EventStream(site.url) as events:
        good = events.next_state(5)
        bad = site.content / "articles" / "first.md"
        bad.write_text("---\ntitle 城市治理\n---\n坏的正文\n", encoding="utf-8")
        failed = events.next_state(10)
        assert failed["version"] == good["version"]
        # the real Markdown reader's message (the YAML is one string, not `key: value` pairs)
        assert failed["error"] == f"{bad}:2: front matter must be a mapping of keys to values"
        err = capsys.readouterr().err
        assert f"error: {bad}:2: front matter must be a mapping of keys to values" in err
        assert "still serving the last good site" in err
        # still serving the last good site, still told the same version
        assert "第一版正文" in text_of(site)
        assert f'data-version="{good["version"]}"' in text_of(site)
        # the next good save recovers
        write_article(site.content, "first", "城市治理", "修好了")
        recovered = events.next_state(10)
    assert recovered["error"] is None and recovered["version"] != good["version"]
    assert "修好了" in text_of(site)


def test_template_error_names_the_template(site, capsys):
    site.start()
    template = site.content / "templates" / "page.html"
    with EventStream(site.url) as events:
        events.next_state(5)
        template.write_text(PAGE.replace("$body", "$body ${oops"), encoding="utf-8")
        failed = events.next_state(10)
        assert failed["error"].startswith(f"{template}:")
        assert f"error: {template}:" in capsys.readouterr().err
        assert "第一版正文" in text_of(site)
        template.write_text(PAGE.replace("<main>", "<main class=new>"), encoding="utf-8")
        assert events.next_state(10)["error"] is None
    assert "<main class=new>" in text_of(site)


def test_unexpected_exception_in_the_build_does_not_stop_the_server(site, capsys):
    calls = []

    def flaky(options: BuildOptions):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("bug in the pipeline")
        return site.builder(options)

    site.start(build=flaky)
    with EventStream(site.url) as events:
        events.next_state(5)
        write_article(site.content, "first", "城市治理", "第二版")
        failed = events.next_state(10)
        assert "unexpected RuntimeError during the build: bug in the pipeline" in failed["error"]
        assert "Traceback" in capsys.readouterr().err
        write_article(site.content, "first", "城市治理", "第三版")
        assert events.next_state(10)["error"] is None
    assert "第三版" in text_of(site)


def rebuilt_for(out: str) -> list[set[str]]:
    """The files each rebuild printed as changed (`changed: a, b and 2 more; rebuilding`)."""
    return [set(re.sub(r" \(saved [0-9.]+ s ago\)$", "", line.removeprefix("changed: ").removesuffix("; rebuilding"))
                .split(", ")) for line in out.splitlines() if line.startswith("changed: ")]


def test_editor_temp_files_do_not_rebuild(site, capsys):
    site.start()
    builds = site.builder.builds
    articles = site.content / "articles"
    for name in ("first.md.swp", ".first.md.swx", "first.md~", ".#first.md", "#first.md#", "4913",
                 "first.md.tmp"):
        (articles / name).write_text("junk", encoding="utf-8")
    # The watcher delivers events in order: once a save made after the junk is built, the
    # junk's events have been handled (a rebuild for them would have come first, or in the
    # same batch, and either way named them).
    write_article(site.content, "first", "城市治理", "真的改了")
    wait_until(lambda: "真的改了" in text_of(site), 10, what="the save after the junk to be built")
    # and once a later save to another file is built, every event of the first save has been
    # handled too: one save, one build (two if its events split)
    write_article(site.content, "later", "后来的文章", "后来的正文")
    wait_until(lambda: get(site.url + "a/later/")[0] == 200, 10, what="the later save to be built")
    rebuilds = rebuilt_for(capsys.readouterr().out)
    assert site.builder.builds - builds == len(rebuilds)
    assert all(files <= {"content/articles/first.md", "content/articles/later.md"} for files in rebuilds), rebuilds
    assert 1 <= sum("content/articles/first.md" in files for files in rebuilds) <= 2, rebuilds


def test_burst_of_saves_and_saves_during_a_build_are_not_lost(site):
    site.builder.delay = 0.5
    site.start()
    with EventStream(site.url) as events:
        events.next_state(5)
        site.builder.started.clear()
        write_article(site.content, "first", "城市治理", "v1")
        assert site.builder.started.wait(10)
        for n in range(2, 6):  # saved while that build runs
            write_article(site.content, "first", "城市治理", f"v{n}")
            time.sleep(0.05)
        wait_until(lambda: "v5" in text_of(site), 15, what="the last save to be built")
    # one build for the first save, one (or two) for the burst: never one per save
    assert site.builder.builds <= 4


def test_site_config_change_rebuilds(site):
    site.start()
    builds = site.builder.builds
    (site.content / "site.toml").write_text('title = "x"\n', encoding="utf-8")
    wait_until(lambda: site.builder.builds > builds, 10, what="a rebuild")


def test_first_build_failure_still_serves_and_recovers(site, capsys):
    (site.content / "articles" / "first.md").write_text("no front matter", encoding="utf-8")
    site.start()
    assert "front matter" in capsys.readouterr().err
    status, _, body = get(site.url)
    assert status == 503 and b"front matter" in body and b"/__livereload.js" in body
    with EventStream(site.url) as events:
        bad = site.content / "articles" / "first.md"
        assert events.next_state(5) == {
            "version": "", "error": f"{bad}:1: missing front matter: the file must start with a line '---'"}
        write_article(site.content, "first", "城市治理", "好了")
        assert events.next_state(10)["version"]
    assert "好了" in text_of(site)


def test_output_inside_content_is_not_watched(tmp_path, capsys):
    """Even a build folder under content/ (or its staging folders) never triggers a rebuild."""
    from .conftest import LiveSite
    from .sitekit import write_site
    content = tmp_path / "content"
    write_site(content)
    live = LiveSite(content=content, output=content / "public", builder=TinyBuilder())
    live.start()
    try:
        builds = live.builder.builds
        # Each save below is built after the events of every build before it (the first
        # build's output included) have been handled: had they started a rebuild, it would
        # have come before the save's, or with it, and named the output's files.
        for version in ("第二版", "第三版"):
            write_article(content, "first", "城市治理", version)
            wait_until(lambda v=version: v in text_of(live), 10, what=f"the save of {version} to be built")
        rebuilds = rebuilt_for(capsys.readouterr().out)
        assert rebuilds and all(files == {"content/articles/first.md"} for files in rebuilds), rebuilds
        assert live.builder.builds - builds == len(rebuilds)
    finally:
        live.stop()


def test_stop_returns_zero_and_ends_all_threads(site):
    site.start()
    events = EventStream(site.url)
    events.next_state(5)
    try:
        assert site.stop() == 0
    finally:
        events.close()
    names = [t.name for t in threading.enumerate()]
    assert not [n for n in names if n.startswith("site-builder-")], names


def test_port_in_use_is_a_clear_error(tmp_path, capsys):
    from .sitekit import write_site
    write_site(tmp_path / "content")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        options = BuildOptions(content_dir=tmp_path / "content", output_dir=tmp_path / "public")
        assert serve(options, port, build=TinyBuilder()) == 1
    assert f"error: port {port} on 127.0.0.1 is already in use; try --port {port + 1}" in capsys.readouterr().err


def test_missing_content_folder_is_a_clear_error(tmp_path, capsys):
    options = BuildOptions(content_dir=tmp_path / "nope", output_dir=tmp_path / "public")
    assert serve(options, 0, build=TinyBuilder()) == 1
    assert "content folder does not exist" in capsys.readouterr().err
