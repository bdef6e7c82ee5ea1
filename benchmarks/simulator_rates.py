"""Pass rate of the extraction per kind of damage, on simulator pages the tests never use.

    .venv/bin/python benchmarks/simulator_rates.py [--pages 100] [--base 300000] [--kinds interleave,combined]

The test (tests/ingest/test_simulator.py) runs 100 pages a kind from fixed seeds; this runs
as many as asked from another range of seeds, so a rule that only suits the test's pages
shows up here as a lower rate.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from site_builder.ingest.raw_page import extract_text  # noqa: E402
from tests.ingest.accounting import unaccounted  # noqa: E402
from tests.ingest.simulator import KINDS, differences, make_page  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--base", type=int, default=300_000)
    ap.add_argument("--kinds", default=",".join(["clean", *KINDS]))
    args = ap.parse_args()
    every_kind = ["clean", *KINDS]
    for kind in args.kinds.split(","):
        start, failed = time.perf_counter(), 0
        for n in range(args.pages):
            page = make_page(args.base + 10_000 * every_kind.index(kind) + n, kind)
            doc = extract_text(Path(f"sim-{kind}-{n}.txt"), page.text)
            missing, invented = unaccounted(page.text, doc)
            if differences(page, doc) or missing or invented:
                failed += 1
        rate = 1 - failed / args.pages
        print(f"{kind:14} {rate:.3f}  ({failed} of {args.pages} pages wrong, {time.perf_counter() - start:.1f} s)",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
