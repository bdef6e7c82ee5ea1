"""Shared fixtures: the project's paths, the seed site built once per test session, and each
raw page's extraction done once per distinct text."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

import site_builder.ingest.raw_page
from extraction_cache import extract_raw_page_once, share_with_other_workers
from site_builder.build import BuildOptions, BuildResult, build_site, load_archive
from site_builder.config import SiteConfig
from site_builder.model import Archive

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"

# Test modules whose module-scoped fixtures are costly (a browser, a built site, a build run
# as a subprocess, an installed wheel): under `pytest -n` (pytest-xdist, --dist loadgroup)
# each runs on a single worker, so that those fixtures are made once; every other test is
# spread on its own.
ONE_WORKER_MODULES = ("render/test_pages.py", "search/test_search_browser.py", "test_csp.py",
                      "test_packaging.py", "test_publish.py")
TESTS = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)  # before xdist reads the marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(TESTS) and item.path.relative_to(TESTS).as_posix() in ONE_WORKER_MODULES:
            item.add_marker(pytest.mark.xdist_group(item.path.relative_to(TESTS).as_posix()))


# ---------- one extraction per distinct raw page ----------

@pytest.fixture(scope="session", autouse=True)
def extraction_once_per_page(tmp_path_factory):
    """Every in-process build, `read_source` and the damage simulator's sample sentences
    read raw pages through tests/extraction_cache.py (subprocesses run the real command)."""
    run_folder = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run_folder = run_folder.parent  # the folder of this run, above each worker's own
    share_with_other_workers(run_folder / "extractions")
    simulator = sys.modules.get("tests.ingest.simulator")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site_builder.ingest.raw_page, "extract_raw_page", extract_raw_page_once)
        if simulator is not None:
            patch.setattr(simulator, "extract_raw_page", extract_raw_page_once)
        yield


# ---------- the seed site ----------

@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> BuildResult:
    """The project's own content built with search, as `site-builder build` does. Tests
    only read it: a test that changes a site builds its own."""
    out = tmp_path_factory.mktemp("seed") / "public"
    return build_site(BuildOptions(content_dir=CONTENT, output_dir=out))


@pytest.fixture(scope="session")
def seed_site(seed_build) -> Path:
    return seed_build.output_dir


class SeedArchive:
    """The seed content's config and analysed archive, unpacked as `config, archive = …`.
    Its repr is short: pytest prints a failing test's arguments, and an Archive's repr
    (entries linking each other) grows until the test run runs out of memory."""

    def __init__(self, config: SiteConfig, archive: Archive):
        self.config, self.archive = config, archive

    def __iter__(self):
        return iter((self.config, self.archive))

    def __repr__(self) -> str:
        return f"SeedArchive({len(self.archive.entries)} articles)"


@pytest.fixture(scope="session")
def seed_archive() -> SeedArchive:
    """The seed content's config and analysed archive (read-only for every test)."""
    return SeedArchive(*load_archive(CONTENT))


@pytest.fixture
def small_content(tmp_path) -> Path:
    """A copy of the project's content (config + raw pages) that a test may change."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target, ignore=shutil.ignore_patterns("templates"))
    return target


def write_markdown(folder: Path, name: str, front: str, body: str = "正文第一段。\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\n{front.strip()}\n---\n{body}", encoding="utf-8")
    return path
