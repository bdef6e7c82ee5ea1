"""Pass rate of the extraction per kind of damage, on simulator pages the tests never use.

    .venv/bin/python benchmarks/simulator_rates.py [--pages 100] [--base 300000] [--kinds interleave combined] [--quiet]

The test (tests/ingest/test_simulator.py) runs 100 pages a kind from fixed seeds; this runs
as many as asked from another range of seeds (base + 10000 x the kind's place in the list
below + n), so a rule that only suits the test's pages shows up here as a lower rate. Kinds
still pending (issue 15) are marked; the first failure of each kind is printed under it.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ingest.sim import FORMS, KINDS, PENDING_KINDS, make_page  # noqa: E402
from tests.ingest.sim.check import extract_page, page_problems  # noqa: E402

EVERY_KIND = ["clean", *KINDS, *FORMS]


def rate(kind: str, pages: int, base: int) -> tuple[int, str | None]:
    """(pages wrong, the first failure)."""
    failed, first = 0, None
    for n in range(pages):
        page = make_page(base + 10_000 * EVERY_KIND.index(kind) + n, kind)
        problems = page_problems(page, extract_page(page, f"sim-{kind}-{n}.txt"))
        if problems:
            failed += 1
            first = first or f"seed {base + 10_000 * EVERY_KIND.index(kind) + n}: {problems[0][:160]}"
    return failed, first


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--base", type=int, default=300_000)
    ap.add_argument("--kinds", nargs="+", default=EVERY_KIND,
                    help="kinds to read, separated by spaces or commas (default: every kind)")
    ap.add_argument("--quiet", action="store_true", help="no failure lines")
    args = ap.parse_args()
    print(f"{'kind':22} rate   wrong  time")
    kinds = [k for arg in args.kinds for k in arg.split(",") if k]
    unknown = [k for k in kinds if k not in EVERY_KIND]
    if unknown:
        ap.error(f"unknown kinds: {', '.join(unknown)} (known: {', '.join(EVERY_KIND)})")
    for kind in kinds:
        start = time.perf_counter()
        failed, first = rate(kind, args.pages, args.base)
        mark = " (pending)" if kind in PENDING_KINDS else ""
        print(f"{kind + mark:22} {1 - failed / args.pages:.3f}  {failed:3}/{args.pages}  "
              f"{time.perf_counter() - start:.1f} s", flush=True)
        if first and not args.quiet:
            print(f"    {first}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
