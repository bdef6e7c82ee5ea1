"""Extraction speed over 1,000 raw pages made by the damage simulator.

    .venv/bin/python benchmarks/extract_bench.py [--pages 1000]

Prints pages per second (extraction only, pages already in memory as text) and the
peak memory of the extraction (tracemalloc) and of the process (ru_maxrss).
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from site_builder.ingest.raw_page import extract_text  # noqa: E402
from tests.ingest.sim import KINDS, make_page  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1000)
    args = ap.parse_args()
    kinds = ["clean", *KINDS]
    pages = [make_page(50_000 + n, kinds[n % len(kinds)]).text for n in range(args.pages)]
    chars = sum(len(p) for p in pages)
    start = time.perf_counter()
    for n, text in enumerate(pages):
        extract_text(Path(f"bench-{n}.txt"), text)
    elapsed = time.perf_counter() - start
    # memory on a second, traced pass over 100 pages (tracing slows Python down ~5x)
    tracemalloc.start()
    for n, text in enumerate(pages[:100]):
        extract_text(Path(f"bench-{n}.txt"), text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pages: {args.pages} ({chars / args.pages / 1000:.1f} k characters each on average)")
    print(f"time: {elapsed:.2f} s  ->  {args.pages / elapsed:.1f} pages/s")
    print(f"peak traced memory during extraction: {peak / 1e6:.1f} MB; process max RSS: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
