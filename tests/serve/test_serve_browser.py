"""Real headless Chromium: the open page reloads by itself after a save.

Uses Debian's /usr/bin/chromium through Playwright. A missing Chromium is a failure, not a
skip: the live reload is only proven in a real browser.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from site_builder.build import build_site

from .sitekit import write_article

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def page():
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=30_000)
        try:
            tab = browser.new_page()
            tab.set_default_timeout(15_000)
            yield tab
        finally:
            browser.close()


def body_text(tab) -> str:
    return tab.locator("#body").inner_text(timeout=5_000)


def test_page_reloads_by_itself_after_a_save(site, page):
    site.start()
    # wait for the page's event stream to be open (not needed for correctness: the page
    # carries its build id, so a page that connects late still sees it is stale)
    with page.expect_response(lambda response: urlsplit(response.url).path == "/__livereload"):
        page.goto(site.url + "a/first/")
    assert body_text(page) == "第一版正文"
    page.evaluate("window.__notReloaded = true")

    saved = time.perf_counter()
    write_article(site.content, "first", "城市治理", "浏览器里看到的新正文")
    page.wait_for_function("() => document.getElementById('body')?.textContent === '浏览器里看到的新正文'",
                           timeout=10_000)
    latency = time.perf_counter() - saved
    assert page.evaluate("window.__notReloaded") is None  # a real reload, not a DOM patch
    print(f"\nsave -> reloaded page: {latency * 1000:.0f} ms")

    # a broken save: the last good page stays, a banner names the file and line
    page.evaluate("window.__notReloaded = true")
    bad = site.content / "articles" / "first.md"
    bad.write_text("---\ntitle 城市治理\n---\n坏\n", encoding="utf-8")
    banner = page.locator("#__site_builder_error")
    banner.wait_for(state="visible", timeout=10_000)
    assert f"{bad}:2:" in banner.inner_text()
    assert body_text(page) == "浏览器里看到的新正文"
    assert page.evaluate("window.__notReloaded") is True
    page.reload()  # a page opened while the build is broken shows the last good site and the banner
    assert body_text(page) == "浏览器里看到的新正文"
    page.locator("#__site_builder_error").wait_for(state="visible", timeout=10_000)

    # the next good save recovers: reload, no banner
    write_article(site.content, "first", "城市治理", "修好之后")
    page.wait_for_function("() => document.getElementById('body')?.textContent === '修好之后'", timeout=10_000)
    assert page.locator("#__site_builder_error").count() == 0


def test_real_site_reloads_after_adding_a_markdown_article(tmp_path, page):
    """The real pipeline (`build_site`) on a copy of the real content folder."""
    from .conftest import LiveSite
    from .sitekit import TinyBuilder

    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content, ignore=shutil.ignore_patterns("*.swp", ".#*", "*~"))
    live = LiveSite(content=content, output=tmp_path / "public", builder=TinyBuilder())
    live.start(build=build_site, timeout=120)
    try:
        page.goto(live.url)
        assert page.title()
        assert page.evaluate("document.querySelectorAll('script[src=\"/__livereload.js\"]').length") == 1
        page.evaluate("window.__notReloaded = true")
        (content / "articles").mkdir(exist_ok=True)
        saved = time.perf_counter()
        (content / "articles" / "live-preview.md").write_text(
            "---\ntitle: 实时预览检验文章\nauthors: [编辑部]\ndate: 2099-01-01\nslug: shi-shi-yu-lan\n---\n"
            "这是一段用来检验实时预览的正文。\n", encoding="utf-8")
        page.wait_for_function("() => document.body.innerText.includes('实时预览检验文章')", timeout=60_000)
        latency = time.perf_counter() - saved
        print(f"\nreal build: save -> reloaded home page: {latency * 1000:.0f} ms")
        assert page.evaluate("window.__notReloaded") is None
        page.goto(live.url + "articles/shi-shi-yu-lan/")
        assert "这是一段用来检验实时预览的正文" in page.locator("body").inner_text()
    finally:
        live.stop()


def test_real_site_shows_template_and_article_edits_in_the_open_page(tmp_path, page):
    """The real build: a template edit and an article edit show in the open page, a broken
    template shows a banner naming its file and line over the last good page, and once
    everything is built the site is a clean build's."""
    from site_builder.build import DEFAULT_TEMPLATES

    from site_builder.serve.builds import PAGES_LAG

    from .conftest import LiveSite
    from .realsite import HeldBuild, clean_build, files_of, make_content, page_of, state_where
    from .realsite import write_article as write_dated_article
    from .sitekit import EventStream, TinyBuilder

    content = make_content(tmp_path)
    template = content / "templates" / "article.html"
    template.parent.mkdir()
    shutil.copyfile(DEFAULT_TEMPLATES / "article.html", template)
    live = LiveSite(content=content, output=tmp_path / "public", builder=TinyBuilder())
    build = HeldBuild()
    live.start(build=build, timeout=300)
    try:
        with page.expect_response(lambda response: urlsplit(response.url).path == "/__livereload"):
            page.goto(live.url + page_of(live.output, "城市治理的新路径"))
        text = template.read_text(encoding="utf-8")
        template.write_text(text.replace("</article>", "<p>模板标记</p></article>", 1), encoding="utf-8")
        shown = "m => document.body.innerText.includes(m)"
        page.wait_for_function(shown, arg="模板标记", timeout=60_000)
        notice = page.locator("#__site_builder_notice")  # shown before the build, which holds
        notice.wait_for(state="visible", timeout=60_000)
        assert PAGES_LAG in notice.inner_text()
        build.release(1000)
        with EventStream(live.url) as events:
            write_dated_article(content, "a", "城市治理的新路径", "浏览器里的第二版正文。" * 20, 1)
            page.wait_for_function(shown, arg="浏览器里的第二版正文", timeout=60_000)
            # the build and the search index after it reload the page too: wait until both are
            # done for this save (the published page holds its text)
            published = live.output / page_of(live.output, "城市治理的新路径")
            settled, _ = state_where(events, lambda state: state.get("notice") is None and not state.get("error")
                                     and "浏览器里的第二版正文" in published.read_text(encoding="utf-8"))
        page.wait_for_function(
            "v => document.querySelector('script[data-version]')?.getAttribute('data-version') === v",
            arg=settled["version"], timeout=60_000)

        page.evaluate("window.__notReloaded = true")
        broken = template.read_text(encoding="utf-8").replace("<p>模板标记", "<p>{% if %}模板标记", 1)
        line = next(n for n, text in enumerate(broken.splitlines(), 1) if "{% if %}" in text)
        template.write_text(broken, encoding="utf-8")
        banner = page.locator("#__site_builder_error")
        banner.wait_for(state="visible", timeout=60_000)
        assert f"{template}:{line}:" in banner.inner_text()
        assert page.evaluate("window.__notReloaded") is True
        assert "模板标记" in page.locator("body").inner_text()

        with EventStream(live.url) as events:
            template.write_text(broken.replace("{% if %}模板标记", "修好的模板标记"), encoding="utf-8")
            state_where(events, lambda state: state.get("notice") is None and not state.get("error"))
        page.wait_for_function(shown, arg="修好的模板标记", timeout=60_000)
        notice.wait_for(state="detached", timeout=60_000)  # all built, the search index too
        assert page.locator("#__site_builder_error").count() == 0
    finally:
        build.release(1000)
        live.stop()
    assert files_of(live.output) == clean_build(content, tmp_path / "clean")
