"""The seed site built end to end into a temporary folder: pages, links, feeds, search index."""
from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import CONTENT
from sitecheck import broken_links, links_of, parse
from site_builder.build import BuildOptions, build_site
from site_builder.staging import finish_removals


def test_every_seed_article_has_a_page(seed_site, seed_build, seed_archive):
    _, archive = seed_archive
    assert seed_build.articles == len(archive.entries) >= 10
    for entry in archive.entries:
        page = seed_site / entry.url.strip("/") / "index.html"
        assert page.is_file(), entry.url
        (article,) = parse(page).find_all("article", data_pagefind_body=True)
        assert [h1.text() for h1 in article.find_all("h1")] == [entry.title], entry.url


def test_no_internal_link_points_nowhere(seed_site):
    assert broken_links(seed_site) == []


def test_taxonomy_pages_exist_and_link_each_other(seed_site, seed_archive):
    _, archive = seed_archive
    for key in ("topics", "authors", "sources"):
        taxonomy = archive.taxonomies[key]
        assert taxonomy.terms, key
        overview = seed_site / key / "index.html"
        overview_links = links_of(overview)
        for term in taxonomy.terms:
            assert term.url in overview_links, (key, term.name)
            term_page = seed_site / term.url.strip("/") / "index.html"
            term_links = links_of(term_page)
            assert term.entries and all(e.url in term_links for e in term.entries[:20]), term.url
    # an article links back to its author, topic and source pages
    entry = next(e for e in archive.entries if e.article.authors and e.topics and e.sources)
    article_links = links_of(seed_site / entry.url.strip("/") / "index.html")
    terms = archive.taxonomies
    assert {t.url for t in terms["authors"].terms if t.name in entry.article.authors} <= set(article_links)
    assert {t.url for t in terms["topics"].terms if t.name in entry.topics} <= set(article_links)
    assert {t.url for t in terms["sources"].terms if t.name in entry.sources} <= set(article_links)


def test_authors_are_in_pinyin_order(seed_archive):
    from site_builder.analyze.identity import pinyin_sort_key

    _, archive = seed_archive
    names = [t.name for t in archive.taxonomies["authors"].terms]
    assert names == sorted(names, key=pinyin_sort_key)
    assert len(names) >= 3 and names != sorted(names)  # code-point order differs for real names


def test_feed_sitemap_robots_404(seed_site):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(seed_site / "feed.xml").getroot()
    entries = feed.findall("a:entry", ns)
    assert entries and all(e.find("a:title", ns).text for e in entries)
    assert all(e.find("a:link", ns).get("href").startswith("https://") for e in entries)
    sitemap = ET.parse(seed_site / "sitemap.xml").getroot()
    locs = [u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text for u in sitemap]
    assert any("/articles/" in loc for loc in locs) and any("/topics/" in loc for loc in locs)
    assert "Sitemap: https://" in (seed_site / "robots.txt").read_text(encoding="utf-8")
    assert "页面不存在" in (seed_site / "404.html").read_text(encoding="utf-8")


def test_pages_are_chinese_and_have_no_external_assets(seed_site):
    pages = sorted(seed_site.rglob("*.html"))
    assert len(pages) >= 10
    loaded = []  # what a browser fetches to show the pages: src of any element, <link> href
    for page in pages:
        doc = parse(page)
        assert doc.find("html").attrs.get("lang") == "zh-CN", page
        for node in doc.iter():
            if node.attrs.get("src"):
                loaded.append(node.attrs["src"])
            # a canonical or alternate link names a page; the browser does not fetch it
            if node.tag == "link" and node.attrs.get("href") and \
                    not {"canonical", "alternate"} & set((node.attrs.get("rel") or "").split()):
                loaded.append(node.attrs["href"])
    assert any(link.endswith(".css") for link in loaded) and any(link.endswith(".js") for link in loaded)
    assert [link for link in loaded if not link.startswith("/") or link.startswith("//")] == []


def test_pagefind_index_covers_exactly_the_article_pages(seed_site, seed_build):
    entry = json.loads((seed_site / "pagefind" / "pagefind-entry.json").read_text())
    pages = sum(index["page_count"] for index in entry["languages"].values())
    assert pages == seed_build.articles
    assert (seed_site / "pagefind" / "pagefind.js").is_file()
    article_pages = list((seed_site / "articles").glob("*/index.html"))
    assert len(article_pages) == seed_build.articles
    assert all("data-pagefind-body" in p.read_text(encoding="utf-8") for p in article_pages)
    others = [p for p in seed_site.rglob("*.html") if p.parent.parent.name != "articles"]
    assert not any("data-pagefind-body" in p.read_text(encoding="utf-8") for p in others)


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_is_deterministic_and_urls_stable(tmp_path):
    first = build_site(BuildOptions(CONTENT, tmp_path / "a", with_search=False)).output_dir
    second = build_site(BuildOptions(CONTENT, tmp_path / "b", with_search=False)).output_dir
    assert _digest(first) == _digest(second)


def test_rebuild_replaces_output_and_leaves_no_staging(tmp_path):
    out = tmp_path / "public"
    build_site(BuildOptions(CONTENT, out, with_search=False))
    (out / "stale.html").write_text("old", encoding="utf-8")
    build_site(BuildOptions(CONTENT, out, with_search=False))
    assert not (out / "stale.html").exists()
    finish_removals()  # the old site is deleted in the background
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_leftover_of_a_killed_build_is_cleaned_up(tmp_path):
    out = tmp_path / "public"
    build_site(BuildOptions(CONTENT, out, with_search=False))
    leftover = tmp_path / ".public.old-123-456"
    (leftover / "articles").mkdir(parents=True)
    build_site(BuildOptions(CONTENT, out, with_search=False))
    finish_removals()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_readers_never_find_the_site_missing_during_a_rebuild(tmp_path):
    """The new site and the old one trade places in one step: a reader polling the output
    folder all through three rebuilds always finds the home page."""
    import threading

    out = tmp_path / "public"
    build_site(BuildOptions(CONTENT, out, with_search=False))
    misses, looks, done = [], [0], threading.Event()

    def read_forever():
        while not done.is_set():
            looks[0] += 1
            if not (out / "index.html").is_file():
                misses.append(looks[0])

    reader = threading.Thread(target=read_forever)
    reader.start()
    try:
        for _ in range(3):
            build_site(BuildOptions(CONTENT, out, with_search=False))
    finally:
        done.set()
        reader.join()
    assert looks[0] > 100 and misses == []
