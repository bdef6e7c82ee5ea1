"""The browser's side of `search_bench.py`: each query typed into a fresh browser context
(cold) on the site served on 127.0.0.1, what it found against the pages that hold it, its
time and the bytes it fetched, and the summary of a variant's queries."""
from __future__ import annotations

import re
import statistics
from pathlib import Path

from site_builder.search.browser import FILE_KINDS, chromium, fragment_urls, serve
from site_builder.search.extract import extract
from site_builder.search.normalize import haystack_of, plan_query

# the stock variants: (the PyPI module that runs Pagefind, the bundle's folder in the site)
STOCK = {"bin": ("pagefind_bin", "_pf_bin"), "ext": ("pagefind_bin_extended", "_pf_ext")}

OURS_QUERY = """async (q) => {  // the first page of results, as the page shows it
  const t = performance.now();
  const top = await siteSearch(q, { limit: 10 });
  const ms = performance.now() - t;
  const ranked = await siteSearch.ranked(q);
  return { ms, ids: ranked.ids, top: top.map(r => ({ url: r.url, title: r.title, excerpt: r.excerpt })) };
}"""
STOCK_QUERY = """async (q) => {
  const t = performance.now();
  const r = await stockSearch(q, 10);
  return { ms: performance.now() - t, ids: r.ids, top: r.top };
}"""


# ---- measuring ---------------------------------------------------------------------------
def article_texts(site: Path) -> tuple[dict[str, str], list[str], list[str]]:
    texts, authors, titles = {}, [], []
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).parts
        if rel[0].startswith("_") or rel[0] == "pagefind":
            continue
        html = path.read_text(encoding="utf-8")
        if "data-pagefind-body" not in html:
            continue
        record = extract(html)
        url = "/" + path.parent.relative_to(site).as_posix() + "/"
        texts[url] = record.text
        authors += record.filters.get("作者", [])
        titles.append(record.meta.get("title", ""))
    return texts, authors, titles


def truths(queries: list[tuple[str, str]], texts: dict[str, str]) -> dict[str, set[str]]:
    """Query -> URLs of the articles whose normalised text contains every part of it
    (``normalize.matches``, with each text normalised once)."""
    hay = {u: haystack_of(t) for u, t in texts.items()}
    out = {}
    for _, q in queries:
        parts = [p.text for p in plan_query(q)]
        out[q] = {u for u, h in hay.items() if parts and all(p in h for p in parts)}
    return out


def run_queries(site: Path, variant: str, queries: list[tuple[str, str]], truth_of: dict[str, set[str]],
                trials: int = 1) -> dict:
    """Each query ``trials`` times, each in a fresh browser context (cold); its time is the
    median of the trials, its bytes those of the last (they do not vary)."""
    bundle = site / ("pagefind" if variant == "ours" else STOCK[variant.split("-")[0]][1])
    id_url = fragment_urls(bundle)
    counter: dict = {}
    rows = []
    with serve(site, counter, compress=True) as base, chromium() as browser:
        for kind, q in queries:
            times = []
            for _ in range(trials):
                out, boot, fetched, parts = _cold_query(browser, base, variant, q, counter)
                times.append(out["ms"])
            truth = truth_of[q]
            found = [id_url.get(i, "?") for i in out["ids"]]
            top = [re.sub(r"^https?://[^/]+", "", r["url"]) for r in out["top"]]
            rows.append({
                "kind": kind, "query": q, "truth": len(truth), "found": len(found),
                "hit": len(truth & set(found)), "false_top10": sum(1 for u in top if u not in truth),
                "shown": len(top), "false_all": sum(1 for u in found if u not in truth),
                "ms": round(statistics.median(times), 1), "ms_trials": [round(t, 1) for t in times],
                "kb": round(fetched / 1024, 1), "boot_kb": round(boot / 1024, 1), "kb_by_kind": parts,
            })
    return summarize(rows)


def _cold_query(browser, base: str, variant: str, q: str, counter: dict) -> tuple[dict, int, int, dict]:
    """(the query's answer, bytes before it, bytes for it, those by kind of file)."""
    context = browser.new_context()
    page = context.new_page()
    counter.clear()
    if variant == "ours":
        page.goto(base + "/search/")
        page.wait_for_function("window.siteSearch && window.siteSearch.ready")
        page.evaluate("siteSearch.ready()")
    else:
        page.goto(f"{base}/_bench/{variant.split('-')[0]}/")
        page.wait_for_function("window.stockReady")
        page.evaluate("stockReady()")
    page.wait_for_load_state("networkidle")  # the engine's worker has its wasm and pf_meta
    boot = counter.get("bytes", 0)
    counter.clear()
    typed = f'"{q}"' if variant.endswith("-quoted") else q
    out = page.evaluate(OURS_QUERY if variant == "ours" else STOCK_QUERY, typed)
    fetched = counter.get("bytes", 0)
    parts = {k: round(counter.get(k, 0) / 1024, 1) for k in (*FILE_KINDS, "other")}
    context.close()
    return out, boot, fetched, parts


def summarize(rows: list[dict]) -> dict:
    truth = sum(r["truth"] for r in rows)
    shown = sum(r["shown"] for r in rows)
    ms = [r["ms"] for r in rows]
    kb = [r["kb"] for r in rows]
    missed_queries = [r["query"] for r in rows if r["hit"] < r["truth"]]
    return {
        "queries": len(rows),
        "recall": round(sum(r["hit"] for r in rows) / truth, 4) if truth else None,
        "queries_with_misses": len(missed_queries),
        "false_hit_rate_top10": round(sum(r["false_top10"] for r in rows) / shown, 4) if shown else 0.0,
        "false_hits_all": sum(r["false_all"] for r in rows),
        "median_ms": round(statistics.median(ms), 1), "worst_ms": round(max(ms), 1),
        "median_kb": round(statistics.median(kb), 1), "worst_kb": round(max(kb), 1),
        "boot_kb": round(statistics.median(r["boot_kb"] for r in rows), 1),
        "median_kb_by_kind": {k: round(statistics.median(r["kb_by_kind"][k] for r in rows), 1)
                              for k in (*FILE_KINDS, "other")},
        "examples_missed": missed_queries[:8],
        "rows": rows,
    }
