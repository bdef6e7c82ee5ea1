"""Search stage: a Pagefind index of the article pages, with segmentation-free Chinese search.

``build_index(site_dir, config)`` runs after rendering, on the staging folder:

1. every page with ``data-pagefind-body`` is read (``extract``): the text a reader sees in
   the article, its heading levels, and the filters/meta of ``partials/search_fields.html``;
2. for each one a *shadow page* is written to a temporary folder, at the same relative
   path (so Pagefind gives it the article's URL): the text as overlapping character-bigram
   tokens (``normalize``), headings kept as headings so Pagefind weights title hits, plus
   the readable text as meta ``text`` (for excerpts and the browser's own check);
3. Pagefind (``pagefind_bin``, the standard binary from PyPI) indexes the shadow folder
   into ``<site>/pagefind/``.

The article pages themselves are not changed; readers never see tokens.
"""
from __future__ import annotations

import gzip
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from site_builder.errors import SiteBuildError
from site_builder.search.extract import PageRecord, extract
from site_builder.search.normalize import fold_table_json, index_tokens, t2s_table

BUNDLE_DIR = "pagefind"
FILTER_NAMES = ("主题", "作者", "来源")


def template_globals() -> dict:
    """Jinja globals the search templates use."""
    return {"search_fold_pairs": fold_pairs}


def fold_pairs() -> str:
    """The fold table as one string of (traditional, simplified) character pairs."""
    return "".join(k + v for k, v in sorted(t2s_table().items()))


def shadow_page(record: PageRecord, language: str) -> str:
    """The page Pagefind indexes in place of an article page: tokens, meta and filters."""
    return shadow(record, language)[0]


def shadow(record: PageRecord, language: str) -> tuple[str, int, int]:
    """The shadow page, its number of tokens and of distinct tokens."""
    all_tokens: list[str] = []
    esc = html.escape
    out = [f'<!doctype html><html lang="{esc(language)}"><head><meta charset="utf-8">'
           "<title>-</title></head><body><main data-pagefind-body>"]
    for block in record.blocks:
        block_tokens = index_tokens(block.text)
        if not block_tokens:
            continue
        all_tokens.extend(block_tokens)
        tokens = " ".join(block_tokens)
        tag = f"h{block.level}" if block.level else "p"
        out.append(f"<{tag}>{tokens}</{tag}>")
    out.append("</main>")
    meta = dict(record.meta)
    if "title" not in meta:
        meta["title"] = next((b.text for b in record.blocks if b.level == 1), "")
    meta["text"] = "\n".join(b.text for b in record.blocks)
    # where the article's running text starts (after title, byline, source lines): excerpts
    # prefer matches from there on
    offset = 0
    for block in record.blocks:
        if not block.level and len(block.text) >= 30:
            break
        offset += len(block.text) + 1
    else:
        offset = 0
    meta["body_at"] = str(offset)
    for key, value in meta.items():
        out.append(f'<div data-pagefind-meta="{esc(key)}">{esc(value)}</div>')
    for key, values in record.filters.items():
        for value in values:
            out.append(f'<span data-pagefind-filter="{esc(key)}">{esc(value)}</span>')
    out.append("</body></html>\n")
    return "\n".join(out), len(all_tokens), len(set(all_tokens))


def pagefind_command() -> list[str]:
    """The standard Pagefind binary from PyPI (pagefind-bin), never the extended one: our
    tokens are ASCII words and must not be re-segmented."""
    return [sys.executable, "-m", "pagefind_bin"]


# Pagefind keeps every (word, page) pair of a run in memory, about 0.85 KB each: one run over
# 10,000 articles (about 21 million distinct token/page pairs) would need some 18 GB. The
# pages are therefore indexed in shards of at most this many pairs (about 4 GB per run, less
# than stock pagefind-bin-extended needs for the same 10,000 pages); the browser merges the
# shards' results (Pagefind's mergeIndex). Fewer, larger shards mean fewer index chunks per
# query; SITE_SEARCH_JOBS > 1 runs shards side by side (memory adds up).
SHARD_PAIRS = int(os.environ.get("SITE_SEARCH_SHARD_PAIRS", "5000000"))
SHARDS_FILE = "site-search.json"


JOBS = int(os.environ.get("SITE_SEARCH_JOBS", "1"))


def build_index(site_dir: Path, config, shard_pairs: int | None = None) -> dict:
    """Index the article pages of ``site_dir`` into ``site_dir/pagefind``; return stats.

    Pages are read in path order and cut into shards; each finished shard is handed to a
    Pagefind process at once (up to JOBS at a time) while the next shard is being written.
    """
    started = time.perf_counter()
    site_dir = Path(site_dir)
    budget = shard_pairs or SHARD_PAIRS
    language = (getattr(config, "language", None) or "zh-CN").lower()
    bundle = site_dir / BUNDLE_DIR
    if bundle.exists():
        shutil.rmtree(bundle)
    pages = characters = tokens = pairs = 0
    with tempfile.TemporaryDirectory(prefix="search-shadow-") as tmp, _Runner(JOBS) as runner:
        shadow_root = Path(tmp)
        shard = -1
        shard_pages = shard_pairs_now = 0

        def close_shard() -> None:
            if shard_pages:
                out = bundle if shard == 0 else bundle / "shards" / str(shard)
                runner.start(shadow_root / str(shard), out, prune=shard > 0)

        for path in sorted(site_dir.rglob("*.html")):
            relative = path.relative_to(site_dir)
            if relative.parts[0] == BUNDLE_DIR:
                continue
            record = extract(path.read_text(encoding="utf-8"))
            if record is None or not record.blocks:
                continue
            page_html, page_tokens, page_pairs = shadow(record, language)
            if shard < 0 or (shard_pairs_now + page_pairs > budget and shard_pages):
                close_shard()
                shard += 1
                shard_pages = shard_pairs_now = 0
            shard_pages += 1
            shard_pairs_now += page_pairs
            target = shadow_root / str(shard) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page_html, encoding="utf-8")
            pages += 1
            tokens += page_tokens
            pairs += page_pairs
            characters += sum(len(b.text) for b in record.blocks)
        close_shard()
        prepared = time.perf_counter()
        runner.wait_all()
    shards = [f"shards/{i}/" for i in range(1, shard + 1)]
    if bundle.exists():
        (bundle / SHARDS_FILE).write_text(json.dumps({"shards": shards}) + "\n", encoding="utf-8")
    index_bytes = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file()) if bundle.exists() else 0
    return {"pages": pages, "characters": characters, "tokens": tokens, "pairs": pairs,
            "shards": shard + 1, "seconds": round(time.perf_counter() - started, 3),
            "extract_seconds": round(prepared - started, 3), "bytes": index_bytes,
            "engine": "pagefind-bin 1.5.2, bigram tokens",
            # content-hashed, never-changing files (cache them as immutable)
            "immutable_globs": [f"/{BUNDLE_DIR}/{d}/*" for d in ("index", "fragment", "filter")]
            + [f"/{BUNDLE_DIR}/{s}{d}/*" for s in shards for d in ("index", "fragment", "filter")]}


class _Runner:
    """Pagefind processes, at most ``jobs`` at a time; any failure fails the build."""

    def __init__(self, jobs: int):
        self.jobs = max(1, jobs)
        self.running: list[tuple[subprocess.Popen, Path, Path, bool]] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for proc, *_ in self.running:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        return False

    def start(self, site: Path, out: Path, prune: bool) -> None:
        while len(self.running) >= self.jobs:
            self._reap(block=True)
        cmd = pagefind_command() + ["--site", str(site), "--output-path", str(out), "--silent"]
        env = dict(os.environ)
        env.pop("PAGEFIND_BINARY_PATH", None)
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
        self.running.append((proc, site, out, prune))

    def wait_all(self) -> None:
        while self.running:
            self._reap(block=True)

    def _reap(self, block: bool) -> None:
        first = self.running[0]
        proc, site, out, prune = first
        output = proc.communicate()[0] if block else b""
        self.running.remove(first)
        if proc.returncode != 0 or not (out / "pagefind-entry.json").exists():
            detail = output.decode("utf-8", "replace").strip()[-2000:]
            raise SiteBuildError(f"Pagefind failed (exit {proc.returncode}): {detail}", site)
        rewrite_fragments(out)
        if prune:
            _prune_shard(out)
        shutil.rmtree(site, ignore_errors=True)


def rewrite_fragments(bundle: Path) -> None:
    """Store the readable text, not the tokens, in each fragment (what the browser loads per
    result): content <- meta "text". The tokens are only needed in the word index; the
    fragment keeps its name (the browser looks it up by the name in the meta file)."""
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        signature = b"pagefind_dcd" if data.startswith(b"pagefind_dcd") else b""
        fragment = json.loads(data[len(signature):])
        meta = fragment.get("meta", {})
        if "text" not in meta:
            continue
        fragment["content"] = meta.pop("text").replace("\u200b", "")
        payload = signature + json.dumps(fragment, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        path.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))


def _prune_shard(out: Path) -> None:
    """A merged shard needs only its entry, meta, index, fragments and filters: the browser
    runs the primary bundle's pagefind.js and wasm for every shard."""
    for f in out.iterdir():
        if f.is_file() and not (f.name == "pagefind-entry.json" or f.name.endswith(".pf_meta")):
            f.unlink()


def run_pagefind(site: Path, output: Path, command: list[str] | None = None) -> None:
    cmd = (command or pagefind_command()) + ["--site", str(site), "--output-path", str(output), "--silent"]
    env = dict(os.environ)
    env.pop("PAGEFIND_BINARY_PATH", None)
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0 or not (output / "pagefind-entry.json").exists():
        detail = (proc.stderr or proc.stdout).strip()[-2000:]
        raise SiteBuildError(f"Pagefind failed (exit {proc.returncode}): {detail}", site)


__all__ = ["build_index", "template_globals", "fold_table_json", "shadow_page", "run_pagefind"]
