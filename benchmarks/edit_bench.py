"""The build without the search stage: a cold build, then one article edited, again and again.

    python benchmarks/edit_bench.py --articles 10000 --trials 5 [--code /path/to/other/checkout ...]

Each `--code` names a checkout of site_builder to time (default: this one's); with several,
their builds take turns (cold, cold, edit, edit, ...), each on its own copy of one archive
made by make_archive.py, so that a machine whose load moves treats them alike. Every build
is a whole process (`build_site(..., with_search=False)`, the cycle collector off and the
process ended at once, as the `site-builder` command does) timed by `/usr/bin/time`: CPU
seconds (user + system of the process and the workers it waited for), wall seconds, peak memory. An edit appends a
sentence to the middle article. Printed per build, then the median of the edits.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

BUILD = """
import gc, os, sys
from pathlib import Path
from site_builder import staging
gc.disable()  # as the site-builder command: the process ends with the build, no collection after it
from site_builder.build import BuildOptions, build_site
from site_builder.progress import Progress
result = build_site(BuildOptions(Path(sys.argv[1]), Path(sys.argv[2]), with_search=False,
                                 progress=Progress(enabled=False)))
print(result.pages_rendered, result.pages_written, flush=True)
staging.hand_over_removals()
os._exit(0)
"""


def timed_build(code: Path, content: Path, output: Path) -> tuple[float, float, float, str]:
    """CPU s, wall s, peak MB and the pages rendered / written of one build by `code`."""
    command = ["/usr/bin/time", "-f", "%U %S %e %M", sys.executable, "-c", BUILD, str(content), str(output)]
    # run in the checkout: its site_builder is the one imported (the script's folder comes first)
    done = subprocess.run(command, cwd=code, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the build by {code} failed:\n{done.stderr[-3000:]}")
    user, system, wall, peak = done.stderr.strip().splitlines()[-1].split()
    return float(user) + float(system), float(wall), int(peak) / 1024, done.stdout.strip()


def edit(content: Path, number: int) -> None:
    articles = sorted((content / "articles").glob("*.md"))
    article = articles[len(articles) // 2]
    article.write_text(article.read_text(encoding="utf-8") + f"\n编辑补充的第{number}段话。\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--trials", type=int, default=5, help="edits timed after the cold build")
    parser.add_argument("--code", type=Path, action="append", help="a checkout to time (default: this one)")
    args = parser.parse_args()
    checkouts = [c.resolve() for c in args.code or [HERE.parent]]
    edits: dict[Path, list[float]] = {c: [] for c in checkouts}
    with tempfile.TemporaryDirectory(prefix="edit-bench-") as tmp:
        archive = Path(tmp) / "archive"
        subprocess.run([sys.executable, str(HERE / "make_archive.py"), "--articles", str(args.articles),
                        "--out", str(archive)], check=True, capture_output=True)
        sites = {}
        for number, code in enumerate(checkouts):
            content, output = Path(tmp) / f"content-{number}", Path(tmp) / f"site-{number}"
            subprocess.run(["cp", "-r", str(archive), str(content)], check=True)
            sites[code] = (content, output)
        for trial in range(args.trials + 1):
            for code, (content, output) in sites.items():
                if trial:
                    edit(content, trial)
                cpu, wall, peak, pages = timed_build(code, content, output)
                if trial:
                    edits[code].append(cpu)
                step = "cold" if not trial else f"edit {trial}"
                print(f"{code}  {step:<8} cpu {cpu:7.2f} s  wall {wall:7.2f} s  peak {peak:5.0f} MB  "
                      f"pages rendered / written {pages.replace(' ', ' / ')}", flush=True)
    for code, times in edits.items():
        print(f"{code}: one edit, median of {len(times)}: {statistics.median(times):.2f} s CPU")


if __name__ == "__main__":
    main()
