"""Build speed and memory: cold build, then rebuilds with nothing changed, one article edited, added, deleted.

    python benchmarks/build_bench.py --articles 1000 [--no-search]

Each build runs as its own `site-builder build` process (as a user or Netlify runs it) and
is timed from outside, with the peak resident memory of the process tree read from
`/usr/bin/time -v` when it is available.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITE_BUILDER = Path(sys.executable).with_name("site-builder")


def timed_build(content: Path, output: Path, search: bool) -> tuple[float, float | None, str]:
    cmd = [str(SITE_BUILDER), "build", "--content", str(content), "--output", str(output)]
    if not search:
        cmd = [sys.executable, "-c", "from pathlib import Path; from site_builder.build import *; "
               f"r = build_site(BuildOptions(Path({str(content)!r}), Path({str(output)!r}), with_search=False)); "
               "print(f'built {r.articles} articles, {r.pages_written} pages ({r.pages_rendered} rendered)')"]
    timer = ["/usr/bin/time", "-v"] if Path("/usr/bin/time").exists() else []
    started = time.perf_counter()
    run = subprocess.run(timer + cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(run.stderr[-2000:])
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    return seconds, int(peak.group(1)) / 1024 if peak else None, run.stdout.strip().splitlines()[-1]


def change_steps(content: Path) -> list[tuple[str, object]]:
    """The editor's steps timed after the cold build, each on the content the last left."""
    articles = content / "articles"

    def edit() -> None:
        first = sorted(articles.glob("*.md"))[0]
        first.write_text(first.read_text(encoding="utf-8") + "\n编辑补充的一段话。\n", encoding="utf-8")

    def add() -> None:
        model = sorted(articles.glob("*.md"))[1].read_text(encoding="utf-8")
        (articles / "zz-added.md").write_text(model.replace("title: '", "title: '新增：", 1), encoding="utf-8")

    def delete() -> None:
        sorted(articles.glob("*.md"))[2].unlink()

    return [("nothing changed", lambda: None), ("one article edited", edit), ("one article added", add),
            ("one article deleted", delete)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--no-search", action="store_true", help="leave out the Pagefind stage")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="build-bench-") as tmp:
        content, output = Path(tmp) / "content", Path(tmp) / "public"
        subprocess.run([sys.executable, str(HERE / "make_archive.py"), "--articles", str(args.articles),
                        "--out", str(content)], check=True, capture_output=True)
        rows = [("cold", *timed_build(content, output, not args.no_search))]
        for name, step in change_steps(content):
            step()  # type: ignore[operator]
            rows.append((name, *timed_build(content, output, not args.no_search)))
        shutil.rmtree(output, ignore_errors=True)
    print(f"{args.articles} articles, search {'off' if args.no_search else 'on'}")
    for name, seconds, peak, summary in rows:
        memory = f"{peak:7.0f} MB" if peak is not None else "      ?"
        print(f"  {name:<20} {seconds:6.1f} s  peak {memory}   ({summary})")


if __name__ == "__main__":
    main()
