"""A generated archive of 1,000+ articles with dates, papers and pages (benchmarks/make_archive.py),
built into a site for the whole-site checks (valid HTML, axe, links)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from site_builder import render, search
from site_builder.build import template_dirs
from site_builder.config import SiteConfig
from site_builder.model import Archive
from site_builder.render.inputs import Fingerprints

ROOT = Path(__file__).resolve().parents[1]


def _make_archive_module():
    spec = importlib.util.spec_from_file_location("make_archive", ROOT / "benchmarks" / "make_archive.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_archive", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


make_archive = _make_archive_module()


def build_generated(content: Path, out: Path, with_search: bool = True) -> tuple[SiteConfig, Archive]:
    """Ingest and analyze (make_archive's pages.json applied), render, index for search."""
    config, archive = make_archive.load_generated(content)
    render.render_site(archive, config, out, template_dirs(content), Fingerprints(archive, "generated", {}))
    if with_search:
        search.build_index(out, config)
    return config, archive
