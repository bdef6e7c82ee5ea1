"""Search stage: a Pagefind index of the article pages, with segmentation-free Chinese search.

``build_index(site, config)`` runs after rendering, on the staging folder:

1. every page with ``data-pagefind-body`` is read (``extract``): the text a reader sees in
   the article, its heading levels, and the filters/meta of ``partials/search_fields.html``;
2. its words (``shadow.page_words``): the text as overlapping character-bigram tokens, a
   presence word per character and the title's own tokens (``normalize``), nothing readable;
3. ``writer`` writes them, page by page, as a Pagefind bundle in ``<site>/pagefind/``: word
   index, filters, pf_meta, and one fragment per page with its readable text, title,
   authors, source and date, named by its content and prefixed with the page's date; the
   browser engine's files come from the standard binary (``pagefind``);
4. Netlify's ``<site>/_headers`` names the content-hashed files netlify.toml cannot.

The article pages themselves are not changed; readers never see tokens.
"""
from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from site_builder.config import SiteConfig
from site_builder.search.extract import PageRecord, extract
from site_builder.search.headers import write_cache_headers
from site_builder.search.normalize import t2s_table
from site_builder.search.pagefind import ENTRY_FILE, engine_files
from site_builder.search.reproducible import make_reproducible
from site_builder.search.shadow import page_words
from site_builder.search.writer import BundleWriter

__all__ = ["SearchStats", "build_index", "template_globals"]

BUNDLE_DIR = "pagefind"


@dataclass(frozen=True)
class SearchStats:
    """What ``build_index`` made, for the build report and the benchmarks."""

    pages: int  # pages indexed
    words: int  # distinct words in the index
    pairs: int  # (word, page) pairs: the index's page entries
    files: int  # files in the bundle
    bytes: int  # their total size
    seconds: float  # the whole stage
    read_seconds: float  # reading pages and encoding their postings (the rest is writing)


def template_globals() -> dict[str, object]:
    """Jinja globals the search templates use."""
    return {"search_fold_pairs": fold_pairs}


def fold_pairs() -> str:
    """The fold table as one string of (traditional, simplified) character pairs."""
    return "".join(k + v for k, v in sorted(t2s_table().items()))


def build_index(site: Path, config: SiteConfig) -> SearchStats:
    """Index the article pages of ``site`` into ``site/pagefind`` and write ``site/_headers``."""
    started = time.perf_counter()
    language = (config.language or "zh-CN").lower()
    bundle = site / BUNDLE_DIR
    if bundle.exists():
        shutil.rmtree(bundle)
    entry = engine_files(bundle, language)
    writer = BundleWriter(bundle, language, entry["version"])
    for relative, record in _indexable_pages(site):
        writer.add(page_words(_pagefind_url(relative), record))
    read = time.perf_counter()
    words, pairs = len(writer.index), sum(count for _, count, _ in writer.index.values())
    meta = writer.write()
    engine: dict = next(iter(entry["languages"].values()), {})
    entry["languages"] = {language: {"hash": meta, "wasm": engine.get("wasm"), "page_count": len(writer.pages)}}
    (bundle / ENTRY_FILE).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    make_reproducible(bundle)  # a no-op on what writer wrote; it checks the bundle reads back
    write_cache_headers(site, bundle)
    files = [f for f in bundle.rglob("*") if f.is_file()]
    return SearchStats(pages=len(writer.pages), words=words, pairs=pairs, files=len(files),
                       bytes=sum(f.stat().st_size for f in files),
                       seconds=round(time.perf_counter() - started, 3),
                       read_seconds=round(read - started, 3))


def _indexable_pages(site: Path) -> Iterator[tuple[Path, PageRecord]]:
    """Each page with text to index, in path order, with its path relative to ``site``."""
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if relative.parts[0] == BUNDLE_DIR:
            continue
        record = extract(path.read_text(encoding="utf-8"))
        if record is not None and record.blocks:
            yield relative, record


def _pagefind_url(relative: Path) -> str:
    """The URL Pagefind gives the page at ``relative`` (a folder's index.html is the folder)."""
    if relative.name == "index.html":
        parent = relative.parent.as_posix()
        return "/" if parent == "." else f"/{parent}/"
    return f"/{relative.as_posix()}"
