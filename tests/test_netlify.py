"""netlify.toml: its build command, run as Netlify would, fills the publish folder it names,
and the cache rules make the search's content-hashed files immutable and the others not."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT

# content-hashed; index chunks and fragments are named by their place (search/names.py): revalidated
HASHED = re.compile(r"(^|/)(text/[^/]+\.pf_text|filter/[^/]+\.pf_filter|[^/]+\.pf_meta)$")


@pytest.fixture(scope="module")
def netlify():
    return tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def published(seed_site):
    """What the build command publishes; the command itself runs in a clean copy of the
    repository in tests/test_packaging.py."""
    return seed_site


def test_build_settings(netlify):
    assert netlify["build"]["environment"]["PYTHON_VERSION"] == "3.11"
    assert "site-builder build" in netlify["build"]["command"]
    assert (ROOT / "requirements.txt").read_text().splitlines()[-1] == "."  # installed as a wheel would be


def test_publish_folder_holds_the_site(published):
    for name in ("index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "search/index.html"):
        assert (published / name).is_file(), name
    assert list(published.glob("articles/*/index.html"))
    assert list(published.glob("pagefind*/pagefind.js"))


def _rules(netlify: dict, published: Path) -> list[tuple[str, dict]]:
    rules = [(h["for"], h["values"]) for h in netlify.get("headers", [])]
    headers_file = published / "_headers"
    if headers_file.exists():
        path = None
        for line in headers_file.read_text(encoding="utf-8").splitlines():
            if line.startswith("/"):
                path = line.strip()
                rules.append((path, {}))
            elif ":" in line and path:
                name, value = line.split(":", 1)
                rules[-1][1][name.strip()] = value.strip()
    return rules


def _matches(pattern: str, path: str) -> bool:
    """Netlify path rules: exact, or a prefix ending in a `*` splat."""
    assert "*" not in pattern[:-1], f"'*' may only end a Netlify path rule: {pattern}"
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


def test_pagefind_cache_headers(netlify, published):
    rules = _rules(netlify, published)
    files = [p for p in published.glob("pagefind*/**/*") if p.is_file()]
    assert files
    for file in files:
        url = "/" + file.relative_to(published).as_posix()
        cache = [v["Cache-Control"] for pattern, v in rules if "Cache-Control" in v and _matches(pattern, url)]
        assert len(cache) <= 1, f"{url}: Cache-Control set by {len(cache)} rules (Netlify merges them)"
        if HASHED.search(url):
            assert cache and "immutable" in cache[0], url
        else:
            assert not cache or "immutable" not in cache[0], url


def test_cache_headers_name_shards_and_meta_files(tmp_path):
    from site_builder.search.headers import write_cache_headers

    for folder in ("pagefind/index", "pagefind/shards/0/index", "pagefind/shards/0/fragment",
                   "pagefind/shards/1/filter"):
        (tmp_path / folder).mkdir(parents=True)
    for meta in ("pagefind/pagefind.zh-cn_ab12.pf_meta", "pagefind/shards/0/pagefind.zh-cn_cd34.pf_meta"):
        (tmp_path / meta).write_bytes(b"x")
    write_cache_headers(tmp_path, tmp_path / "pagefind")
    rules = [line for line in (tmp_path / "_headers").read_text().splitlines() if line.startswith("/")]
    assert rules == ["/pagefind/pagefind.zh-cn_ab12.pf_meta", "/pagefind/shards/0/pagefind.zh-cn_cd34.pf_meta",
                     "/pagefind/shards/1/filter/*"]
