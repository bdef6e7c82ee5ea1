"""A save in the preview with the real build: shown at once from the last build's archive
kept in memory (serve/quick.py), then built in the background; once the search index has
caught up, the site is byte for byte what a clean `site-builder build` writes."""
from __future__ import annotations

import threading
from pathlib import Path

from site_builder.build import BuildOptions, build_site
from site_builder.serve.builds import PAGES_LAG, SEARCH_LAGS

from .conftest import LiveSite
from .sitekit import EventStream, TinyBuilder, get


def write_article(content: Path, name: str, title: str, body: str, day: int) -> Path:
    path = content / "articles" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\ndate: 2024-06-{day:02d}\ntopics: [城市治理]\n---\n{body}\n",
                    encoding="utf-8")
    return path


def make_content(root: Path) -> Path:
    content = root / "content"
    write_article(content, "a", "城市治理的新路径", "第一版的正文。" * 20, 1)
    write_article(content, "b", "乡村振兴的实践", "另一篇文章的正文。" * 20, 2)
    (content / "site.toml").write_text('title = "档案"\n', encoding="utf-8")
    return content


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def page_of(output: Path, title: str) -> str:
    """The site path of the article page titled `title`."""
    return next(p for p in output.glob("articles/*/index.html")
                if f"<title>{title}" in p.read_text(encoding="utf-8")).relative_to(output).as_posix()


def state_where(events: EventStream, wanted, timeout: float = 300) -> tuple[dict, list[dict]]:
    """The first live-reload state that is `wanted`, and every state up to it."""
    seen = []
    while True:
        seen.append(events.next_state(timeout))
        if wanted(seen[-1]):
            return seen[-1], seen


class WatchedBuild:
    """The real build; every build after the first waits until `gate` is set; `failed` is
    set once one has failed."""

    def __init__(self, gated: bool = False) -> None:
        self.gate = threading.Event()
        if not gated:
            self.gate.set()
        self.failed = threading.Event()
        self.calls = 0

    def __call__(self, options: BuildOptions):
        self.calls += 1
        if self.calls > 1:
            assert self.gate.wait(300), "the test never opened the gate"
        try:
            return build_site(options)
        except Exception:
            self.failed.set()
            raise


def test_an_edit_is_shown_before_the_build_and_ends_as_a_clean_build(tmp_path):
    content, output = make_content(tmp_path), tmp_path / "public"
    build = WatchedBuild(gated=True)
    live = LiveSite(content=content, output=output, builder=TinyBuilder()).start(build=build, timeout=300)
    try:
        page = page_of(output, "城市治理的新路径")
        with EventStream(live.url) as events:
            first = events.next_state(5)
            assert first.get("notice") is None
            write_article(content, "a", "城市治理的新路径", "第二版的正文。" * 20, 1)
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
    clean = tmp_path / "clean"
    build_site(BuildOptions(content, clean, cache=False))
    assert files_of(output) == files_of(clean)
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
