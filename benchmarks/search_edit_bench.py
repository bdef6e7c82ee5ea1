"""One-article edits re-indexed by two codes in turn: the CPU seconds (user + system, the
indexer's processes included) and wall seconds of each re-index.

Runs on the site and the page cache a ``search_bench.py`` run left in its work folder (run
``search_bench.py --articles N`` there once first). Each trial edits one article page (the
middle one in path order) and re-indexes it with the code of a git revision and with this
code, one after the other, in alternating order (the machine's load falls on both alike);
each re-index sees exactly one page changed since the one before (the edit, or its undoing).

    .venv/bin/python benchmarks/search_edit_bench.py --articles 10000 --revision main --trials 3
    .venv/bin/python benchmarks/search_edit_bench.py --articles 10000 --revision main --trials 2 --shift

The edit: one 。 made ； (no word changes: only the page's fragment and text part), or with
``--shift`` one character inserted a third into the text (the positions after it shift: the
items of most of the page's words change). The page is left as it was.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from search_bench import INDEX_OURS

ROOT = Path(__file__).resolve().parent.parent
BODY = "data-pagefind-body"


def _edits(page: Path, shift: bool) -> tuple[str, str]:
    """The page's text and its edited text."""
    text = page.read_text(encoding="utf-8")
    head, body = text.split(BODY, 1)
    if shift:
        at = body.index("。", len(body) // 3)
        return text, head + BODY + body[:at] + "治" + body[at:]
    return text, head + BODY + body.replace("。", "；", 1)


def _index(code: Path, content: Path, site: Path, cache: Path) -> dict:
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", INDEX_OURS, str(content), str(site), str(cache)],
                         check=True, capture_output=True, text=True, cwd=code)
    return {**json.loads(run.stdout.strip().splitlines()[-1]), "wall_s": round(time.perf_counter() - started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--revision", default="main", help="the code to compare with (a git revision)")
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--shift", action="store_true", help="an edit that shifts the positions after it")
    args = parser.parse_args()
    work = args.work or Path(f"/tmp/search-bench-{args.articles}")
    site, content, cache = work / "site", work / "content", work / "search-page-cache"
    if not (site / "articles").is_dir():
        parser.error(f"no site in {work}: run search_bench.py --articles {args.articles} there once first")
    pages = sorted((site / "articles").rglob("index.html"))
    page = pages[len(pages) // 2]
    original, edited = _edits(page, args.shift)
    cpu: dict[str, list[float]] = {args.revision: [], "this code": []}
    with tempfile.TemporaryDirectory(prefix="search-edit-") as tmp:
        theirs = Path(tmp)
        archive = subprocess.run(["git", "archive", args.revision, "site_builder"], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(theirs)], input=archive, check=True)
        codes = [(args.revision, theirs), ("this code", ROOT)]
        print("this code, unchanged pages (the saved index made this site's):", _index(ROOT, content, site, cache))
        runs = 0
        try:
            for trial in range(args.trials):
                for name, code in codes if trial % 2 == 0 else codes[::-1]:
                    page.write_text(edited if runs % 2 == 0 else original, encoding="utf-8")
                    runs += 1
                    row = _index(code, content, site, cache)
                    cpu[name].append(row["cpu_s"])
                    print(f"{name}: {row['cpu_s']} s CPU, {row['wall_s']} s wall, {row['cached']} pages cached",
                          flush=True)
        finally:
            page.write_text(original, encoding="utf-8")
    for name, seconds in cpu.items():
        print(f"{name}: CPU {sorted(seconds)}, median {round(statistics.median(seconds), 2)} s")


if __name__ == "__main__":
    main()
