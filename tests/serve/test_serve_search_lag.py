"""An edit in the preview: the pages are published first with the last search index (the
open pages say the index is being updated), then the index catches up and the notice goes."""
from __future__ import annotations

from site_builder.build import BuildOptions, build_site
from site_builder.serve import serve  # noqa: F401 - the real server, started by LiveSite

from .conftest import LiveSite
from .sitekit import EventStream, TinyBuilder, get, write_article, write_site


def test_an_edit_shows_before_the_search_index_catches_up(tmp_path):
    content, output = tmp_path / "content", tmp_path / "public"
    write_site(content)
    (content / "site.toml").write_text('title = "档案"\n', encoding="utf-8")
    live = LiveSite(content=content, output=output, builder=TinyBuilder()).start(build=build_site, timeout=300)
    try:
        with EventStream(live.url) as events:
            first = events.next_state(5)
            assert first.get("notice") is None
            write_article(content, "first", "城市治理", "第二版正文写在这里")
            pages_first = events.next_state(300)
            assert pages_first["version"] != first["version"] and "搜索索引" in pages_first["notice"]
            index_after = events.next_state(300)
        assert index_after["version"] != pages_first["version"] and index_after.get("notice") is None
        page = next(output.glob("articles/*/index.html")).relative_to(output).parent.as_posix()
        status, _, body = get(f"{live.url}{page}/")
        assert status == 200 and "第二版正文写在这里" in body.decode()
    finally:
        live.stop()
    again = build_site(BuildOptions(content, output))
    assert again.unchanged and not again.search_stale  # the index was remade for these pages
