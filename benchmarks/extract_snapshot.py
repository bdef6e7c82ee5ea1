"""Print what extraction makes of the sample pages and of the simulator's test pages, as one
JSON document, so that a change meant to keep behaviour can be checked with `cmp`.

    .venv/bin/python benchmarks/extract_snapshot.py > before.json
    (change the code)
    .venv/bin/python benchmarks/extract_snapshot.py > after.json && cmp before.json after.json

The simulator pages are exactly those of tests/ingest/test_simulator.py (100 a kind, the
test's seeds); each is printed as `site-builder extract` prints a page.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from site_builder.ingest import read_source  # noqa: E402
from site_builder.ingest.export import document_to_json  # noqa: E402
from site_builder.ingest.raw_page import extract_text  # noqa: E402
from tests.ingest.sim import KINDS, make_page  # noqa: E402
from tests.ingest.test_simulator import PAGES_PER_KIND  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=PAGES_PER_KIND, help="simulator pages per kind")
    ap.add_argument("--samples", type=Path, default=ROOT / "content" / "raw")
    args = ap.parse_args()
    pages = [document_to_json(read_source(path)) for path in sorted(args.samples.glob("*.txt"))]
    every_kind = ["clean", *KINDS]
    for kind in every_kind:
        for n in range(args.pages):
            page = make_page(1000 * every_kind.index(kind) + n, kind)
            pages.append(document_to_json(extract_text(Path(f"sim-{kind}-{n}.txt"), page.text)))
    json.dump({"pages": pages}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
