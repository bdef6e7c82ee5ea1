"""The five sample pages: the yardstick's score, character accounting, provenance."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest

from extraction_cache import EXTRACTIONS
from site_builder.ingest import read_source
from site_builder.ingest.export import document_to_json
from site_builder.ingest.raw_page import extract_raw_page
from tests.ingest.accounting import unaccounted

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"  # the yardstick stands beside the clone (as in CI)
PAGES = sorted((ROOT / "content" / "raw").glob("*.txt"))  # the five sample pages, copied in


def _scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", EVAL / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (EVAL / "seeds.gold.json").exists() and not os.environ.get("CI"),
                    reason="no shared/eval beside this clone (in CI it is there, and this never skips)")
def test_seed_score():
    scorer = _scorer()
    gold = json.loads((EVAL / "seeds.gold.json").read_text(encoding="utf-8"))
    pred = {"pages": [document_to_json(read_source(p)) for p in PAGES]}
    tally = scorer.Tally(verbose=False)
    scorer.score(gold, json.loads(json.dumps(pred, ensure_ascii=False)), tally)
    assert tally.passed / (tally.passed + tally.failed) >= 0.99


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_nothing_vanishes(page: Path):
    doc = read_source(page)
    missing, invented = unaccounted(page.read_text(encoding="utf-8"), doc)
    assert not missing, f"characters of the page found nowhere: {''.join(missing.elements())[:80]}"
    assert not invented, f"characters not on the page: {''.join(invented.elements())[:80]}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_block_knows_its_lines(page: Path):
    doc = read_source(page)
    n = len(doc.raw_lines)
    assert doc.articles
    for article in doc.articles:
        assert article.lines
        for block in article.blocks:
            assert block.lines, block.text[:20]
            assert all(1 <= s.first <= s.last <= n for s in block.lines)
    for left in doc.leftovers:
        assert left.lines


def test_warnings_have_codes():
    codes = set()
    for page in PAGES:
        doc = read_source(page)
        codes |= {w.code for w in doc.warnings}
        codes |= {w.code for a in doc.articles for w in a.warnings}
    assert {"duplicate", "interleave", "title-inferred", "title-after-body"} <= codes


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_cached_extraction_equals_a_fresh_one(page: Path, tmp_path: Path):
    """The suite reads each raw page through a cache keyed by its bytes (tests/extraction_cache.py):
    a copy of the page elsewhere, served from that cache, must be what extracting the copy
    itself gives, down to every path recorded in it."""
    read_source(page)
    assert page.read_bytes() in EXTRACTIONS
    copy = tmp_path / "elsewhere" / page.name
    copy.parent.mkdir()
    shutil.copy(page, copy)
    cached, fresh = read_source(copy), extract_raw_page(copy)
    assert cached is not fresh and cached.path == copy
    assert cached == fresh
