"""A generated archive of 1,000+ articles with dates, papers and pages (benchmarks/make_archive.py),
built into a site for the whole-site checks (valid HTML, axe, links)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from site_builder.build import BuildOptions, build_site, load_archive
from site_builder.config import SiteConfig
from site_builder.model import Archive

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
    """Build the site as `site-builder build` does (front matter and sidecars give the dates,
    papers and pages); return the config and archive the build read."""
    build_site(BuildOptions(content, out, with_search=with_search, cache=False))
    return load_archive(content)
