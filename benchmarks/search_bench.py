"""Search benchmark: this archive's search against stock Pagefind, same pages, same queries.

    .venv/bin/python benchmarks/search_bench.py --seed                 # the seed site
    .venv/bin/python benchmarks/search_bench.py --articles 10000       # a generated archive
    .venv/bin/python benchmarks/search_bench.py --articles 1000 --keep-site --identical-to main
                                      # the search files of main's code and this code compared
    (stock pagefind-bin-extended comes with the bench extra: pip install -e ".[bench]")

The site is built by the real build (without search), then indexed three ways:

  ours      site_builder.search.build_index (bigram tokens written straight into a Pagefind
            bundle) + the search page's own window.siteSearch
  bin       stock `python -m pagefind_bin` over the article pages, query as typed
  ext       stock `python -m pagefind_bin_extended` (segments Chinese at index time), as typed
  ext-quoted the extended index with the query in double quotes (the best stock setup)

Every query runs in a fresh browser context of Debian's Chromium (cold cache), the site
served over HTTP on 127.0.0.1, text files gzipped as Netlify serves them; the server counts
the bytes it sends. The truth of each query is computed from the article texts (what a
reader sees inside data-pagefind-body). Reported per variant: recall (pages found / pages
containing the query), false-hit rate in the top 10, median and worst query time, KB
fetched per query after the engine has started (index chunks, fragments and text parts) and to start the
engine, index size, index build time (wall and CPU) and peak memory.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from site_builder.build import BuildOptions, build_site  # noqa: E402
from site_builder.render.minify import minified  # noqa: E402
from site_builder.search import FOLD_FOLDER, fold_keys  # noqa: E402
from site_builder.search.heavy import HEAVY_FOLDER  # noqa: E402
from tests.search.queries import query_set  # noqa: E402
sys.path.insert(0, str(ROOT / "benchmarks"))
from make_archive import GIVEN, PAPERS, SURNAMES, sentences  # noqa: E402  (one generator of names and text)
from search_queries import STOCK, article_texts, run_queries, truths  # noqa: E402  (the browser's side)

VARIANTS = ("ours", "bin", "ext", "ext-quoted")  # --variants ours,bin,ext for a shorter run


# ---- a generated archive -----------------------------------------------------------------
def _pool() -> list[str]:
    return sentences()


def _dictionary_words(rng: random.Random, n: int = 60000) -> list[str]:
    """Common words of jieba's dictionary (for vocabulary beyond the seed's sentences)."""
    import jieba

    path = Path(jieba.__file__).with_name("dict.txt")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split(" ")
        if 2 <= len(word) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", word):
            rows.append((int(freq), word))
    rows.sort(reverse=True)
    return [w for _, w in rows[:n]]


def generate_content(out: Path, articles: int, seed: int = 11) -> None:
    """Markdown articles for the real build: the seed's sentences (about 70 %) mixed with
    sentences of common dictionary words (30 %), about 3,300 characters an article."""
    rng = random.Random(seed)
    pool = _pool()
    words = _dictionary_words(rng)
    authors = sorted({rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
                      for _ in range(max(50, articles // 6))})

    def sentence() -> str:
        if rng.random() < 0.7:
            return rng.choice(pool)
        clauses = ["".join(rng.choices(words, k=rng.randint(3, 7))) for _ in range(rng.randint(1, 3))]
        return "，".join(clauses) + "。"

    if out.exists():
        shutil.rmtree(out)
    (out / "articles").mkdir(parents=True)
    shutil.copy(ROOT / "content/site.toml", out / "site.toml")
    for number in range(articles):
        title = rng.choice(pool)[:rng.randint(8, 22)].rstrip("，、；：") + f"（{number}）"
        paragraphs = ["".join(sentence() for _ in range(rng.randint(4, 8))) for _ in range(rng.randint(8, 14))]
        year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
        paper = rng.choice(PAPERS)
        front = (f"title: '{title}'\nauthors: [{', '.join(rng.sample(authors, rng.choice((1, 1, 1, 2))))}]\n"
                 f"date: {year}-{month:02d}-{day:02d}\nsource: 原载{month}月{day}日《{paper}》\n")
        body = "\n\n".join(paragraphs[:3] + [f"## {rng.choice(pool)[:14]}"] + paragraphs[3:])
        (out / "articles" / f"a{number:05d}.md").write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")


# ---- building ----------------------------------------------------------------------------
def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def build_all(content: Path, site: Path, variants: list[str], reuse: dict | None = None,
              keep_site: bool = False) -> dict:
    """Build the site without search, then each index. With ``reuse`` (the stats of an earlier
    run on the same site), the site and the stock indexes are kept; only ours is rebuilt.
    With ``keep_site``, the site of an earlier run is kept as it is, with the search page's
    script and style taken from the templates; every index is built again."""
    stats: dict = dict(reuse or {})
    if keep_site:
        for name in ("search.js", "search.css", "style.css"):  # as the build copies them: minified
            (site / "static" / name).unlink(missing_ok=True)  # a new file: the old may be a linked copy's too
            (site / "static" / name).write_bytes(minified(name, (ROOT / "site_builder/templates/static" / name).read_bytes()))
        shutil.rmtree(site / "static" / HEAVY_FOLDER.name, ignore_errors=True)
        shutil.copytree(HEAVY_FOLDER, site / "static" / HEAVY_FOLDER.name)
        _keep_fold(site)
    else:
        stats.update(_build_site(content, site, reuse is not None))
    if "ours" in variants:
        stats["ours"] = index_ours(content, site)
    for name, (module, folder) in STOCK.items():
        if name not in variants and f"{name}-quoted" not in variants:
            continue
        if reuse and name in reuse and (site / folder / "pagefind-entry.json").exists():
            continue
        out = site / folder
        shutil.rmtree(out, ignore_errors=True)  # Pagefind leaves an earlier run's files
        t = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", sys.executable, "-m", module, "--site", str(site),
                               "--output-path", str(out), "--silent"], check=True, capture_output=True, text=True)
        rss, user, system = proc.stderr.strip().splitlines()[-1].split()
        stats[name] = {"index_s": round(time.perf_counter() - t, 2), "index_bytes": dir_bytes(out),
                       "peak_rss_mb": int(rss) // 1024, "index_cpu_s": round(float(user) + float(system), 1)}
        page = site / "_bench" / name / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(STOCK_PAGE.replace("BUNDLE", f"/{folder}/"), encoding="utf-8")
        stats[f"{name}-quoted"] = stats[name]
    return stats


def _keep_fold(site: Path) -> None:
    """The search page's fold table as this code writes it: its parts' files, and the list of
    the characters it maps in the page itself."""
    folder = site / "static" / FOLD_FOLDER.name
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(FOLD_FOLDER, folder)
    page = site / "search" / "index.html"
    html = re.sub(r'(<script type="application/json" id="search-fold">)[^<]*(</script>)',
                  lambda m: m.group(1) + json.dumps(fold_keys(), sort_keys=True) + m.group(2), page.read_text(encoding="utf-8"))
    page.unlink()  # a new file: the old may be a linked copy's too
    page.write_text(html, encoding="utf-8")


def _build_site(content: Path, site: Path, keep_pages: bool) -> dict:
    """The site without search; with ``keep_pages``, only its search page and static files
    are taken from the fresh build (the article pages are the same)."""
    started = time.perf_counter()
    target = site.with_name(site.name + ".fresh") if keep_pages else site
    result = build_site(BuildOptions(content_dir=content, output_dir=target, with_search=False))
    stats = {"build_without_search_s": round(time.perf_counter() - started, 2), "articles": result.articles}
    if keep_pages:
        shutil.copy(target / "search" / "index.html", site / "search" / "index.html")
        shutil.rmtree(site / "static")
        shutil.copytree(target / "static", site / "static")
        shutil.rmtree(target)
    return stats


INDEX_OURS = """
import json, resource, sys
from pathlib import Path
from site_builder.config import load_config
from site_builder.search import build_index
def cpu():
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
config = load_config(Path(sys.argv[1]))
before = cpu()
s = build_index(Path(sys.argv[2]), config, Path(sys.argv[3]))
call = cpu() - before
usage = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
rss = [u.ru_maxrss // 1024 for u in usage]
print(json.dumps({"index_s": s.seconds, "index_bytes": s.bytes, "pages": s.pages, "cached": s.cached,
                  "words": s.words, "pairs": s.pairs, "parent_rss_mb": rss[0], "worker_rss_mb": rss[1],
                  "cpu_s": round(cpu(), 1), "call_cpu_s": round(call, 2)}))
"""


def index_ours(content: Path, site: Path) -> dict:
    """build_index in a process of its own (so that its peak memory and CPU time, its worker
    processes' included, are its own), five times: cold (an empty page cache), again with
    nothing changed, after one article page's text was edited (it stays edited: every
    variant indexes the same pages), after a page was added (a copy of an article under a
    new URL early in path order) and after that page was deleted again. The bundles of the
    first two runs, and those after the edit and after the deletion, are compared byte for
    byte."""
    cache = site.parent / "search-page-cache"
    shutil.rmtree(cache, ignore_errors=True)
    cold = _index_process(content, site, cache)
    first = _bundle_digest(site / "pagefind")
    warm = _index_process(content, site, cache)
    identical = _bundle_digest(site / "pagefind") == first
    pages = sorted((site / "articles").glob("*/index.html"))
    page = pages[len(pages) // 2]  # it stays edited: every variant indexes the same pages
    edited_bytes = page.read_bytes().replace("。".encode(), "；".encode(), 1)
    page.unlink()  # a new file: the old may be a linked copy's too (the edit bench's copies)
    page.write_bytes(edited_bytes)
    edited = _index_process(content, site, cache)
    before_adding = _bundle_digest(site / "pagefind")
    copy = site / "articles" / "0-bench-added"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(pages[1].parent, copy)
    added = _index_process(content, site, cache)
    shutil.rmtree(copy)
    deleted = _index_process(content, site, cache)
    return {**cold, "warm": warm, "edited": edited, "added": added, "deleted": deleted,
            "identical_builds": identical and _bundle_digest(site / "pagefind") == before_adding}


def _index_process(content: Path, site: Path, cache: Path) -> dict:
    t = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", sys.executable, "-c", INDEX_OURS, str(content), str(site),
                           str(cache)], check=True, capture_output=True, text=True, cwd=ROOT)
    rss, user, system = proc.stderr.strip().splitlines()[-1].split()
    return {**json.loads(proc.stdout.strip().splitlines()[-1]), "wall_s": round(time.perf_counter() - t, 2),
            "peak_rss_mb": int(rss) // 1024, "index_cpu_s": round(float(user) + float(system), 1)}


def identical_to(revision: str, content: Path, site: Path) -> list[str]:
    """Index ``site`` cold with the ``site_builder`` of git ``revision`` and with this one,
    each in a process of its own with an empty page cache; the files of the bundle (and
    ``_headers``) that differ between the two, or that only one has."""
    with tempfile.TemporaryDirectory(prefix="search-rev-") as tmp:
        code = Path(tmp) / "code"
        code.mkdir()
        archive = subprocess.run(["git", "archive", revision, "site_builder"], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
        files = []
        for name, cwd in (("theirs", code), ("ours", ROOT)):
            run = subprocess.run([sys.executable, "-c", INDEX_OURS, str(content), str(site), str(Path(tmp) / name)],
                                 check=True, capture_output=True, text=True, cwd=cwd)
            print(name, revision if name == "theirs" else "this code", run.stdout.strip().splitlines()[-1], flush=True)
            files.append(_file_digests(site))
    theirs, ours = files
    return sorted(name for name in theirs.keys() | ours.keys() if theirs.get(name) != ours.get(name))


def _file_digests(site: Path) -> dict[str, str]:
    paths = [site / "_headers", *(p for p in (site / "pagefind").rglob("*") if p.is_file())]
    return {p.relative_to(site).as_posix(): hashlib.sha1(p.read_bytes()).hexdigest() for p in paths}


def _bundle_digest(bundle: Path) -> str:
    digest = hashlib.sha1()
    for f in sorted(p for p in bundle.rglob("*") if p.is_file()):
        digest.update(f.relative_to(bundle).as_posix().encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()


STOCK_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>stock</title></head>
<body><script type="module">
let pf;
window.stockReady = async () => { pf = await import("BUNDLE" + "pagefind.js"); await pf.init();
  await pf.search("预热"); return true; };
window.stockSearch = async (q, limit) => {
  const r = await pf.search(q);
  const top = await Promise.all(r.results.slice(0, limit).map(x => x.data()));
  return { ids: r.results.map(x => x.id), top: top.map(d => ({ url: d.url, title: d.meta.title, excerpt: d.excerpt })) };
};
</script></body></html>
"""

def table(report: dict) -> str:
    lines = ["| | " + " | ".join(report["variants"]) + " |", "|---" * (len(report["variants"]) + 1) + "|"]
    res, build = report["results"], report["build"]

    def row(label, fn):
        lines.append(f"| {label} | " + " | ".join(fn(v) for v in report["variants"]) + " |")

    row("recall (pages found / containing)", lambda v: f"{res[v]['recall']:.1%}")
    row("queries with a missed page", lambda v: f"{res[v]['queries_with_misses']} / {res[v]['queries']}")
    row("false hits in top 10", lambda v: f"{res[v]['false_hit_rate_top10']:.1%}")
    row("false hits, all results", lambda v: str(res[v]["false_hits_all"]))
    row("median / worst query ms", lambda v: f"{res[v]['median_ms']:.0f} / {res[v]['worst_ms']:.0f}")
    row("KB per query, cold (median / worst)", lambda v: f"{res[v]['median_kb']:.0f} / {res[v]['worst_kb']:.0f}")
    row("median KB per query: index chunks / fragments / text parts",
        lambda v: "{index:.0f} / {fragment:.0f} / {text:.0f}".format(
            **{"index": 0, "fragment": 0, "text": 0, **res[v].get("median_kb_by_kind", {})}))
    row("KB to start the engine", lambda v: f"{res[v]['boot_kb']:.0f}")
    row("index size on disk", lambda v: f"{build[v]['index_bytes'] / 1e6:.1f} MB")
    row("index time added to the build", lambda v: f"{build[v]['index_s']:.1f} s")
    row("index CPU time (user + system)", lambda v: f"{build[v].get('index_cpu_s', 0):.1f} s")
    row("peak memory of the indexer", lambda v: f"{build[v].get('peak_rss_mb', 0)} MB")
    row("  ours: parent / each worker process", lambda v: _ours(build[v], lambda b: f"{b['parent_rss_mb']} / {b['worker_rss_mb']} MB"))
    row("re-index, nothing changed (wall / CPU)", lambda v: _ours(build[v], lambda b: _times(b["warm"])))
    row("re-index, one article edited (wall / CPU)", lambda v: _ours(build[v], lambda b: _times(b["edited"])))
    row("re-index, one added / deleted (wall / CPU)",
        lambda v: _ours(build[v], lambda b: f"{_times(b['added'])}, {_times(b['deleted'])}" if "added" in b else "–"))
    row("byte-identical: cold and unchanged; edited and after add + delete", lambda v: _ours(build[v], lambda b: "yes" if b["identical_builds"] else "NO"))
    return "\n".join(lines)


def _ours(stats: dict, show) -> str:
    return show(stats) if "warm" in stats else "–"


def _times(stats: dict) -> str:
    return f"{stats['wall_s']:.1f} / {stats['index_cpu_s']:.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", action="store_true", help="the project's own content")
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--sampled", type=int, default=30, help="queries cut from the texts")
    parser.add_argument("--trials", type=int, default=1, help="cold runs of each query (its time: the median)")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--keep-site", action="store_true",
                        help="keep the built site of the last run (no site build); build every index again")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the built site and stock indexes of the last run; rebuild ours")
    parser.add_argument("--identical-to", metavar="REVISION",
                        help="only index the work folder's site with the code of a git revision and with this "
                             "code, and compare every search file (exit 1 when any differs)")
    args = parser.parse_args()
    variants = args.variants.split(",")
    work = args.work or Path(f"/tmp/search-bench-{'seed' if args.seed else args.articles}")
    work.mkdir(parents=True, exist_ok=True)
    if args.seed:
        content = ROOT / "content"
    else:
        content = work / "content"
        marker = content / f".generated-{args.articles}"
        if not marker.exists():
            t = time.perf_counter()
            generate_content(content, args.articles)
            marker.touch()
            print(f"generated {args.articles} articles in {time.perf_counter() - t:.1f} s", flush=True)
    site = work / "site"
    if args.identical_to:
        if not (site / "articles").is_dir():
            parser.error(f"no site in {work}: run the bench there once first")
        differ = identical_to(args.identical_to, content, site)
        print(f"{len(differ)} search files differ" + "".join(f"\n  {name}" for name in differ[:20]))
        sys.exit(1 if differ else 0)
    saved = work / "build.json"
    reuse = json.loads(saved.read_text()) if args.reuse and saved.exists() and site.exists() else None
    build = build_all(content, site, variants, reuse, args.keep_site and site.exists())
    saved.write_text(json.dumps(build, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(build, ensure_ascii=False), flush=True)
    texts, authors, titles = article_texts(site)
    queries = query_set(texts, authors, titles, args.sampled)
    chars = sum(len(t) for t in texts.values())
    print(f"{len(texts)} articles, {chars} characters, {len(queries)} queries", flush=True)
    truth_of = truths(queries, texts)
    results = {}
    for v in variants:
        t = time.perf_counter()
        results[v] = run_queries(site, v, queries, truth_of, args.trials)
        print(v, {k: x for k, x in results[v].items() if k != "rows"}, f"({time.perf_counter() - t:.0f} s)", flush=True)
    report = {"site": "seed" if args.seed else f"{args.articles} generated", "articles": len(texts),
              "characters": chars, "queries": len(queries), "variants": variants, "build": build,
              "results": results}
    print(table(report))
    out = args.json or work / "report.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"report: {out}")


if __name__ == "__main__":
    main()
