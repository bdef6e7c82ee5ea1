"""One-article edits re-indexed by two codes in turn: the CPU seconds (user + system, the
indexer's processes included: the whole process's, and the ``build_index`` call's alone, as
in a build, whose process has imported everything already) and wall seconds of each re-index.

Runs on the site and the page cache a ``search_bench.py`` run left in its work folder (run
``search_bench.py --articles N`` there once first). Each code gets its own copy of both in
``<work>/edit-copies/`` (hard links: nothing is ever written into a file of either, so the
copies share no change; the saved index's format may differ between codes), kept for the
next run (removing ~200,000 files takes minutes) and indexed once as it is first. Each trial edits
one article page (the middle one in path order) and re-indexes it with the code of a git
revision and with this code, one after the other, in alternating order (the machine's load
falls on both alike); each re-index sees exactly one page changed since the one before (the
edit, or its undoing).

    .venv/bin/python benchmarks/search_edit_bench.py --articles 10000 --revision main --trials 3
    .venv/bin/python benchmarks/search_edit_bench.py --articles 10000 --revision main --trials 2 --shift

(``--this REVISION``: "this code" as committed, so that the working tree may change meanwhile.)

The edit: one 。 made ； (no word changes: only the page's fragment and text part), or with
``--shift`` one character inserted a third into the text (the positions after it shift: the
items of most of the page's words change). The page is left as it was.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
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


def _code(revision: str | None, folder: Path) -> Path:
    """A folder holding the ``site_builder`` of git ``revision`` (None: this working tree)."""
    if revision is None:
        return ROOT
    folder.mkdir()
    archive = subprocess.run(["git", "archive", revision, "site_builder"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def _linked_copy(source: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cp", "-al", str(source), str(target)], check=True)


def _write(page: Path, text: str) -> None:
    """The page with ``text``, as a new file (its old one may be another copy's too)."""
    temporary = page.with_name(page.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(page)


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
    parser.add_argument("--this", default=None, metavar="REVISION",
                        help="'this code' as of a git revision (default: the working tree's)")
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--shift", action="store_true", help="an edit that shifts the positions after it")
    args = parser.parse_args()
    work = args.work or Path(f"/tmp/search-bench-{args.articles}")
    site, content, cache = work / "site", work / "content", work / "search-page-cache"
    if not (site / "articles").is_dir():
        parser.error(f"no site in {work}: run search_bench.py --articles {args.articles} there once first")
    relative = sorted((site / "articles").rglob("index.html"))
    relative_page = relative[len(relative) // 2].relative_to(site)
    original, edited = _edits(site / relative_page, args.shift)
    cpu: dict[str, list[float]] = {args.revision: [], "this code": []}  # the process's, imports included
    call: dict[str, list[float]] = {args.revision: [], "this code": []}  # the build_index call's alone
    with tempfile.TemporaryDirectory(prefix="search-edit-") as tmp:
        theirs, ours = _code(args.revision, Path(tmp) / "theirs"), _code(args.this, Path(tmp) / "ours")
        codes = [(args.revision, theirs), ("this code", ours)]
        copies = {name: (work / "edit-copies" / f"{n}-site", work / "edit-copies" / f"{n}-cache")
                  for n, name in ((re.sub(r"\W", "_", name), name) for name, _ in codes)}
        for name, code in codes:
            copy, its_cache = copies[name]
            if not copy.is_dir() or not its_cache.is_dir():
                _linked_copy(site, copy)
                _linked_copy(cache, its_cache)
            _write(copy / relative_page, original)
            print(f"{name}, unchanged pages (its copy indexed as it is):", _index(code, content, copy, its_cache),
                  flush=True)
        for trial in range(args.trials):
            for name, code in codes if trial % 2 == 0 else codes[::-1]:
                copy, its_cache = copies[name]
                _write(copy / relative_page, edited if trial % 2 == 0 else original)
                row = _index(code, content, copy, its_cache)
                cpu[name].append(row["cpu_s"])
                call[name].append(row["call_cpu_s"])
                print(f"{name}: {row['cpu_s']} s CPU ({row['call_cpu_s']} s in build_index), {row['wall_s']} s wall, "
                      f"{row['cached']} pages cached", flush=True)
    for name, seconds in cpu.items():
        print(f"{name}: CPU {sorted(seconds)}, median {round(statistics.median(seconds), 2)} s; in build_index "
              f"{sorted(call[name])}, median {round(statistics.median(call[name]), 2)} s")


if __name__ == "__main__":
    main()
