"""Search stage: a Pagefind index of the article pages, with segmentation-free Chinese search.

``build_index(site, config)`` runs after rendering, on the staging folder:

1. every page with ``data-pagefind-body`` is read (``extract``): the text a reader sees in
   the article, its heading levels, and the filters/meta of ``partials/search_fields.html``;
2. its words (``shadow.page_words``): the text as overlapping character-bigram tokens, a
   presence word per character and the title's own tokens (``normalize``; made as integer
   keys by ``tokens``), nothing readable;
3. ``writer`` writes them as a Pagefind bundle in ``<site>/pagefind/``: word index, filters,
   pf_meta, and one fragment per page with its readable text, title, authors, source and
   date, named by its content and prefixed with the page's date; the browser engine's files
   come from the standard binary (``pagefind``). ``indexer`` runs steps 1-3 on every core,
   and takes a page whose bytes it indexed before from the page cache (``pagecache``);
   with the index the last build saved (``state``), ``update`` patches only the words of
   the pages added, removed or changed (``entries``) into the same bytes, and a bundle the
   folder already holds (a build's spare site's) is patched in place (``inplace``);
4. Netlify's ``<site>/_headers`` names the content-hashed files netlify.toml cannot.

The article pages themselves are not changed; readers never see tokens.
"""
from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder import collector
from site_builder.cache import BuildCache, cache_root
from site_builder.config import SiteConfig
from site_builder.search.names import base36
from site_builder.search.normalize import t2s_table

if TYPE_CHECKING:
    from site_builder.search.extract import PageRecord

# The stage's modules (numpy's among them) are imported where it runs: a build that gives
# the stage to its second process (lane.py) never imports them, nor the render stage, which
# takes the templates' globals.

__all__ = ["SearchStats", "build_index", "prepare", "template_globals"]

BUNDLE_DIR = "pagefind"


@dataclass(frozen=True)
class SearchStats:
    """What ``build_index`` made, for the build report and the benchmarks."""

    pages: int  # pages indexed
    words: int  # distinct words in the index
    pairs: int  # (word, page) pairs: the index's page entries
    files: int  # files in the bundle
    bytes: int  # their total size
    cached: int  # pages whose entries came from the page cache
    seconds: float  # the whole stage
    read_seconds: float  # indexing the pages (the rest: the engine's files, checks, _headers)


# the fold table as the search page loads it, beside search.js, in parts of ``FOLD_PART`` pairs,
# each when a text it reads holds one of its characters (``fold_keys``): most queries need
# none of it, one with a traditional character one or two parts (~0.5 KB each; 13 KB in all)
FOLD_FOLDER = Path(__file__).parent.parent / "templates" / "static" / "search-fold"
FOLD_PART = 100


def template_globals() -> dict[str, object]:
    """Jinja globals the search templates use."""
    return {"search_fold_keys": fold_keys}


def fold_pairs() -> str:
    """The fold table as one string of (traditional, simplified) character pairs."""
    return "".join(k + v for k, v in sorted(t2s_table().items()))


def fold_files() -> dict[str, str]:
    """``FOLD_FOLDER``'s files: part n of the table (pairs n * FOLD_PART on) as a JSON string of
    character pairs, by file name."""
    pairs = sorted(t2s_table().items())
    return {f"{n}.json": json.dumps("".join(k + v for k, v in pairs[start:start + FOLD_PART]), ensure_ascii=False) + "\n"
            for n, start in enumerate(range(0, len(pairs), FOLD_PART))}


def fold_keys() -> dict[str, object]:
    """What the search page holds of the fold table (2 KB gzipped): the characters it maps,
    their code points rising, each as its difference from the one before in base 36, by
    commas; and how many pairs a part has."""
    codes = [0, *sorted(map(ord, t2s_table()))]
    return {"part": FOLD_PART, "keys": ",".join(base36(code - before) for before, code in zip(codes, codes[1:], strict=False))}


def build_index(site: Path, config: SiteConfig, cache: Path | None | bool = True,
                pages: Iterable[str] | None = None, known: Mapping[str, tuple[int, ...]] | None = None,
                listed: list[tuple[str, str]] | None = None) -> SearchStats:
    """Index the article pages of ``site`` into ``site/pagefind`` and write ``site/_headers``.

    ``cache``: the folder of the page cache; True (the default) for the build cache of the
    content folder ``config`` was read from, None or False for none. ``pages``: the paths
    (relative to ``site``, ``/``-separated) of every file of the site that may be an HTML
    page, when the caller knows them (a build does): the site is not walked. ``known``: the
    size and modification time (ns) of pages the caller vouches for, by path (a build's
    pages taken from the published site: not stat'ed again). ``listed``: the pages as
    ``_listed_pages`` gives them, listed ahead (a build's second process: build_search.py)."""
    from site_builder.search.headers import write_cache_headers
    from site_builder.search.pagecache import PageCache
    from site_builder.search.pagefind import ENTRY_FILE, engine_files, replace_file
    from site_builder.search.update import index_pages
    from site_builder.search.writer import BundleIndex

    started = time.perf_counter()
    language = (config.language or "zh-CN").lower()
    bundle = site / BUNDLE_DIR  # may hold an earlier build's bundle: patched in place (``inplace``)
    made = _engines.pop(language, None)
    entry = engine_files(bundle, language, made)
    writer = BundleIndex(bundle, language, entry["version"])
    candidates = listed if listed is not None else _candidate_pages(site) if pages is None else _listed_pages(pages)
    page_cache = PageCache(_cache_folder(config, cache))
    # as in a build (``collector``): the saved index's ~100,000 objects loaded, and the
    # pages' listing made again, would each start a walk of the whole heap
    with page_cache.held(), collector.paused():
        done = index_pages(site, candidates, writer, page_cache, known)
    read = time.perf_counter()
    engine: dict = next(iter(entry["languages"].values()), {})
    entry["languages"] = {language: {"hash": done.meta, "wasm": engine.get("wasm"), "page_count": done.pages}}
    replace_file(bundle / ENTRY_FILE, json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    write_cache_headers(site, bundle)
    files, size = _files_and_bytes(bundle, writer.folder.sizes)
    files, size = files + writer.folder.kept_files, size + writer.folder.kept_bytes
    return SearchStats(pages=done.pages, words=done.words, pairs=done.pairs, files=files, bytes=size, cached=done.cached,
                       seconds=round(time.perf_counter() - started, 3),
                       read_seconds=round(read - started, 3))


# Pagefind's engine files made ahead (`prepare`), by language: taken by the next build_index
_engines: dict[str, tuple[dict[str, bytes], dict]] = {}


def prepare(config: SiteConfig, cache: Path | None | bool = True) -> None:
    """Make ahead what the next ``build_index`` of this site in this process starts from:
    Pagefind's engine files, the saved index (``update.load_ahead``). A build's second process
    (lane.py) does it while the build reads and renders."""
    from site_builder.search.pagefind import engine_output
    from site_builder.search.update import load_ahead

    language = (config.language or "zh-CN").lower()
    made = _engines[language] = engine_output(language)
    folder = _cache_folder(config, cache)
    if folder is not None:
        load_ahead(folder, language, made[1]["version"])


def _cache_folder(config: SiteConfig, cache: Path | None | bool) -> Path | None:
    from site_builder.search.pagecache import FOLDER as PAGE_CACHE

    if cache is True:
        root = cache_root(config.path.parent) if config.path is not None else None
        return BuildCache(root).folder / PAGE_CACHE if root is not None else None  # type: ignore[operator]
    return cache or None


def _candidate_pages(site: Path) -> list[tuple[str, str]]:
    """Each HTML page outside the bundle, in path order (folder by folder, as sorted paths
    are): (its path relative to ``site``, with ``/``; its URL). Strings, not Paths: 10,000
    articles' ~14,000 pages take a second as Paths."""
    found: list[tuple[str, ...]] = []
    base = os.path.join(site, "")
    for folder, folders, names in os.walk(site):
        parts = tuple(folder[len(base):].split(os.sep)) if len(folder) > len(base) else ()
        if not parts and BUNDLE_DIR in folders:
            folders.remove(BUNDLE_DIR)
        found.extend((*parts, name) for name in names if name.endswith(".html"))
    relatives = ["/".join(parts) for parts in sorted(found)]
    return [(relative, _pagefind_url(relative)) for relative in relatives]


def _listed_pages(paths: Iterable[str]) -> list[tuple[str, str]]:
    """``_candidate_pages`` of a site whose files are ``paths``."""
    pages = sorted((path for path in paths if path.endswith(".html") and not path.startswith(BUNDLE_DIR + "/")),
                   key=lambda path: path.split("/"))  # folder by folder, as the walk's
    return [(relative, _pagefind_url(relative)) for relative in pages]


def _files_and_bytes(bundle: Path, known: dict[str, int]) -> tuple[int, int]:
    """The files of the bundle and their bytes, but those kept from the saved index: those of
    ``known`` (path -> bytes: every content-named file written) and a stat of each other file."""
    from site_builder.search.inplace import CONTENT_FOLDERS

    files, size, folders = len(known), sum(known.values()), [str(bundle)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.path != os.path.join(bundle, entry.name) or entry.name not in CONTENT_FOLDERS:
                        folders.append(entry.path)
                elif entry.is_file() and entry.path not in known:
                    files, size = files + 1, size + entry.stat().st_size
    return files, size


def _indexable_pages(site: Path) -> Iterator[tuple[str, PageRecord]]:
    """Each page with text to index, in path order, with its path relative to ``site``."""
    from site_builder.search.extract import extract

    for relative, _ in _candidate_pages(site):
        record = extract((site / relative).read_text(encoding="utf-8"))
        if record is not None and record.blocks:
            yield relative, record


def _pagefind_url(relative: str) -> str:
    """The URL Pagefind gives the page at ``relative`` (``/``-separated; a folder's
    index.html is the folder)."""
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return f"/{relative[:-len('index.html')]}"
    return f"/{relative}"
