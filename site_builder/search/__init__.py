"""Search stage: a Pagefind index of the article pages, with segmentation-free Chinese search.

``build_index(site, config)`` runs after rendering, on the staging folder:

1. every page with ``data-pagefind-body`` is read (``extract``): the text a reader sees in
   the article, its heading levels, and the filters/meta of ``partials/search_fields.html``;
2. for each one a *shadow page* is written to a temporary folder, at the same relative
   path (so Pagefind gives it the article's URL): the text as overlapping character-bigram
   tokens, a presence word per character and the title's own tokens (``normalize``,
   ``shadow``), and the filters; nothing readable;
3. Pagefind (``pagefind_bin``, the standard binary from PyPI) indexes the shadow folder
   into ``<site>/pagefind/``; each fragment then gets its page's readable text, title,
   authors, source and date, and a name that starts with the date (``pagefind``);
4. Netlify's ``<site>/_headers`` names the content-hashed files netlify.toml cannot.

The article pages themselves are not changed; readers never see tokens.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from site_builder.config import SiteConfig
from site_builder.search.extract import PageRecord, extract
from site_builder.search.headers import write_cache_headers
from site_builder.search.normalize import t2s_table
from site_builder.search.pagefind import PagefindRuns
from site_builder.search.reproducible import make_reproducible
from site_builder.search.shadow import ShadowPage, shadow

__all__ = ["SearchStats", "build_index", "template_globals"]

BUNDLE_DIR = "pagefind"
SHARDS_FILE = "site-search.json"  # the shards' folders, for the search page to merge

# Pagefind keeps every (word, page) pair of a run in memory, about 0.85 KB each: one run over
# 10,000 articles (about 21 million distinct token/page pairs) would need some 18 GB. The
# pages are therefore indexed in shards of at most this many pairs (about 4 GB per run, less
# than stock pagefind-bin-extended needs for the same 10,000 pages); the browser merges the
# shards' results (Pagefind's mergeIndex). Fewer, larger shards mean fewer index chunks per
# query; SITE_SEARCH_JOBS > 1 runs shards side by side (memory adds up).
SHARD_PAIRS = int(os.environ.get("SITE_SEARCH_SHARD_PAIRS", "5000000"))
JOBS = int(os.environ.get("SITE_SEARCH_JOBS", "1"))


@dataclass(frozen=True)
class SearchStats:
    """What ``build_index`` made, for the build report and the benchmarks."""

    pages: int  # pages indexed
    shards: int  # Pagefind runs (the main bundle and its merged shards)
    pairs: int  # distinct (token, page) pairs: what sets Pagefind's memory use
    files: int  # files in the bundle
    bytes: int  # their total size
    seconds: float  # the whole stage
    extract_seconds: float  # reading pages and writing shadow pages (Pagefind runs meanwhile)


def template_globals() -> dict[str, object]:
    """Jinja globals the search templates use."""
    return {"search_fold_pairs": fold_pairs}


def fold_pairs() -> str:
    """The fold table as one string of (traditional, simplified) character pairs."""
    return "".join(k + v for k, v in sorted(t2s_table().items()))


def build_index(site: Path, config: SiteConfig, shard_pairs: int | None = None) -> SearchStats:
    """Index the article pages of ``site`` into ``site/pagefind`` and write ``site/_headers``.

    Pages are read in path order and cut into shards of at most ``shard_pairs`` pairs; each
    finished shard is handed to a Pagefind process at once (up to JOBS at a time) while the
    next shard is being written.
    """
    started = time.perf_counter()
    language = (config.language or "zh-CN").lower()
    bundle = site / BUNDLE_DIR
    if bundle.exists():
        shutil.rmtree(bundle)
    with tempfile.TemporaryDirectory(prefix="search-shadow-") as tmp, PagefindRuns(JOBS) as runs:
        shards = _Shards(Path(tmp), bundle, runs, shard_pairs or SHARD_PAIRS)
        for relative, record in _indexable_pages(site):
            shards.add(relative, shadow(record, language))
        shards.close()
        prepared = time.perf_counter()
        runs.wait_all()
    if bundle.exists():
        folders = [f"shards/{number}/" for number in range(1, shards.count)]
        (bundle / SHARDS_FILE).write_text(json.dumps({"shards": folders}) + "\n", encoding="utf-8")
    make_reproducible(bundle)  # Pagefind writes its filter files in no fixed order
    write_cache_headers(site, bundle)
    files = [f for f in bundle.rglob("*") if f.is_file()]
    return SearchStats(pages=shards.pages, shards=shards.count, pairs=shards.pairs, files=len(files),
                       bytes=sum(f.stat().st_size for f in files),
                       seconds=round(time.perf_counter() - started, 3),
                       extract_seconds=round(prepared - started, 3))


def _indexable_pages(site: Path) -> Iterator[tuple[Path, PageRecord]]:
    """Each page with text to index, in path order, with its path relative to ``site``."""
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if relative.parts[0] == BUNDLE_DIR:
            continue
        record = extract(path.read_text(encoding="utf-8"))
        if record is not None and record.blocks:
            yield relative, record


class _Shards:
    """Shadow pages written into numbered folders of at most ``budget`` pairs each; a full
    folder is handed to Pagefind at once. Shard 0 is the main bundle, the others are merged
    into it by the search page."""

    def __init__(self, root: Path, bundle: Path, runs: PagefindRuns, budget: int):
        self.root, self.bundle, self.runs, self.budget = root, bundle, runs, budget
        self.count = 0  # shards begun
        self.pages = self.pairs = 0  # in all shards
        self._open_pages = self._open_pairs = 0  # in the shard being written
        self._open_fields: dict[str, dict[str, str]] = {}  # readable fields of its pages, by URL

    def add(self, relative: Path, page: ShadowPage) -> None:
        if self.count == 0 or (self._open_pairs + page.pairs > self.budget and self._open_pages):
            self.close()
            self.count += 1
        self._open_pages += 1
        self._open_pairs += page.pairs
        target = self.root / str(self.count - 1) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.html, encoding="utf-8")
        self._open_fields[_pagefind_url(relative)] = page.fields
        self.pages += 1
        self.pairs += page.pairs

    def close(self) -> None:
        """Hand the shard being written, if it holds any page, to Pagefind."""
        if self._open_pages:
            number = self.count - 1
            out = self.bundle if number == 0 else self.bundle / "shards" / str(number)
            self.runs.start(self.root / str(number), out, prune=number > 0, fields=self._open_fields)
        self._open_pages = self._open_pairs = 0
        self._open_fields = {}


def _pagefind_url(relative: Path) -> str:
    """The URL Pagefind gives the page at ``relative`` (a folder's index.html is the folder)."""
    if relative.name == "index.html":
        parent = relative.parent.as_posix()
        return "/" if parent == "." else f"/{parent}/"
    return f"/{relative.as_posix()}"
