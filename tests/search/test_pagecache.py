"""The search stage's page cache (``search/pagecache.py``): a batch of pages to a file, found
by its directory; what a build does not keep, and what a killed build left, removed."""
from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from site_builder.config import SiteConfig
from site_builder.search import _candidate_pages, build_index, gz, indexer, pagecache
from site_builder.search.pagecache import DIRECTORY, PACKS, PageCache
from site_builder.search.postings import EMPTY_ITEMS, PagePostings
from site_builder.search.state import FOLDER as INDEX_FOLDER


def _cache_files(cache: Path) -> list[Path]:
    """The page cache's files but its saved index's and its lock."""
    return [p for p in cache.rglob("*") if p.is_file() and INDEX_FOLDER not in p.relative_to(cache).parts
            and not p.name.startswith(".")]


def _page(url: str) -> PagePostings:
    return PagePostings(url=url, fragment=b"{}", fragment_hash="f", date="", word_count=1, filters={}, parts=[],
                        items=EMPTY_ITEMS)


def test_a_batch_of_pages_is_one_file_of_the_cache(seed_site, tmp_path, monkeypatch):
    """A cold indexing stores its pages a batch to a file (at 10,000 articles one file a page
    was 10,000 file creations, the largest part of the cache's cost), and the next indexing
    finds every page there."""
    site = tmp_path / "site"
    shutil.copytree(seed_site, site, ignore=shutil.ignore_patterns("pagefind", "_headers"))
    monkeypatch.setattr(indexer, "PARALLEL_FROM", 1)
    monkeypatch.setattr(indexer, "BATCH_PAGES", 4)
    cache = tmp_path / "cache"
    cold = build_index(site, SiteConfig(), cache=cache)
    batches = -(-len(_candidate_pages(site)) // 4)
    packs = list((cache / PACKS).iterdir())
    assert cold.pages > 4 and len(packs) <= batches < cold.pages
    assert sorted(_cache_files(cache)) == sorted([*packs, cache / DIRECTORY])
    shutil.rmtree(cache / INDEX_FOLDER)  # (no saved index: every page from the page cache)
    warm = build_index(site, SiteConfig(), cache=cache)
    assert warm.cached == warm.pages == cold.pages


def test_packs_no_kept_page_is_in_are_removed(tmp_path):
    cache = PageCache(tmp_path)
    cache.store_all([("a1", _page("/a1")), ("a2", _page("/a2"))])
    cache.store_all([("b1", _page("/b1"))])
    cache.store("c1", _page("/c1"))
    (tmp_path / PACKS / "left-by-a-killed-build").write_bytes(b"")
    cache.keep_only({"a2", "c1", "gone"})
    assert len(list((tmp_path / PACKS).iterdir())) == 2
    again = PageCache(tmp_path)  # (a later build's: the directory read from its file)
    assert again.load("a2") is not None and again.load("a2").url == "/a2"
    assert again.load("c1").url == "/c1"
    assert again.load("a1") is None and again.load("b1") is None and again.load("gone") is None


def test_a_page_whose_pack_is_gone_is_not_found(tmp_path):
    cache = PageCache(tmp_path)
    cache.store("k", _page("/k"))
    cache.keep_only({"k"})
    for pack in (tmp_path / PACKS).iterdir():
        pack.unlink()
    assert PageCache(tmp_path).load("k") is None


def test_what_another_gzip_codec_made_is_not_reused(seed_site, tmp_path, monkeypatch):
    """The bundle's files are compressed by libdeflate when it is installed, else by zlib
    (``search/gz.py``): a page cache or saved index made with the other is indexed afresh,
    so a bundle is never patched with another codec's files."""
    site = tmp_path / "site"
    shutil.copytree(seed_site, site, ignore=shutil.ignore_patterns("pagefind", "_headers"))
    cache = tmp_path / "cache"
    first = build_index(site, SiteConfig(), cache=cache)
    assert build_index(site, SiteConfig(), cache=cache).cached == first.pages
    monkeypatch.setattr(gz, "CODEC", ("another", "0"))
    monkeypatch.setattr(pagecache, "CODEC", gz.CODEC)
    assert build_index(site, SiteConfig(), cache=cache).cached == 0


def test_both_codecs_write_the_same_contents(monkeypatch):
    data = "党的二十大精神".encode() * 50
    made = gz.compress(data, gz.CHUNK_LEVEL)
    monkeypatch.setattr(gz, "deflate", None)
    assert gzip.decompress(made) == gzip.decompress(gz.compress(data, 5)) == data
    assert gz.compress(data, 9) == gz.compress(data, 9)  # (no time stamp)
