"""The build report at /__build/ of the preview: per raw page its articles, the cleaner's
warnings with file and line, the corrections that apply; never part of the built site."""
from __future__ import annotations

import html
import shutil
from pathlib import Path

from site_builder.build import BuildOptions, build_site
from site_builder.corrections import write_correction
from site_builder.errors import display_path

from .conftest import LiveSite
from .sitekit import TinyBuilder, get

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "content" / "raw").glob("*.txt"))


def test_the_report_lists_each_pages_articles_warnings_and_corrections(tmp_path):
    content = tmp_path / "content"
    (content / "raw").mkdir(parents=True)
    for page in PAGES:
        shutil.copyfile(page, content / "raw" / page.name)
    correction = write_correction(content / "raw" / PAGES[0].name, 1)
    expected = build_site(BuildOptions(content, tmp_path / "check", with_search=False))
    located = [w for w in expected.warnings if w.line and w.file and w.file.suffix == ".txt"]
    assert located, "the sample pages give the cleaner something to warn about"

    live = LiveSite(content=content, output=tmp_path / "public", builder=TinyBuilder())
    live.start(build=lambda options: build_site(BuildOptions(options.content_dir, options.output_dir,
                                                             with_search=False)), timeout=300)
    try:
        status, headers, body = get(live.url.rstrip("/") + "/__build/")
    finally:
        live.stop()
    page = html.unescape(body.decode())
    assert status == 200 and headers["content-type"].startswith("text/html")
    for report in expected.report:
        assert display_path(report.path) in page
        for title, url in report.articles:
            assert title in page and (url is None or f'href="{url}"' in page)
    for warning in located:
        assert f"{display_path(warning.file)}:{warning.line}: {warning.message}" in page
    assert "手工校正" in page and display_path(correction) in page
    built = tmp_path / "public"
    assert not list(built.rglob("__build*")) and "__build" not in (built / "sitemap.xml").read_text()
