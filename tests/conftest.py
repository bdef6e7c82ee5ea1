"""Shared fixtures: the project's paths, the seed site built once per test session, and each
raw page's extraction done once per distinct text."""
from __future__ import annotations

import io
import pickle
import shutil
from pathlib import Path, PurePath

import pytest

import site_builder.ingest
from site_builder.build import BuildOptions, BuildResult, build_site, load_archive
from site_builder.config import SiteConfig
from site_builder.ingest.raw_page import extract_raw_page
from site_builder.model import Archive, SourceDocument

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"

# Test modules whose module-scoped fixtures are costly (a browser, a built site, a build run
# as a subprocess): under `pytest -n` (pytest-xdist, --dist loadgroup) each runs on a single
# worker, so that those fixtures are made once; every other test is spread on its own.
ONE_WORKER_MODULES = ("render/test_pages.py", "search/test_search_browser.py", "test_netlify.py")
TESTS = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)  # before xdist reads the marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(TESTS) and item.path.relative_to(TESTS).as_posix() in ONE_WORKER_MODULES:
            item.add_marker(pytest.mark.xdist_group(item.path.relative_to(TESTS).as_posix()))


# ---------- one extraction per distinct raw page ----------

# the file's bytes -> its extraction, pickled with the page's own path left out
EXTRACTIONS: dict[bytes, bytes] = {}


class _PagePickler(pickle.Pickler):
    """Pickles an extraction with every reference to its page's path left as a slot, which
    _PageUnpickler fills with the path of the copy being read."""

    def __init__(self, file, page: Path):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.page = page

    def persistent_id(self, obj):
        return "page" if isinstance(obj, PurePath) and obj == self.page else None


class _PageUnpickler(pickle.Unpickler):
    def __init__(self, file, page: Path):
        super().__init__(file)
        self.page = page

    def persistent_load(self, pid):
        assert pid == "page", pid
        return self.page


def extract_raw_page_once(path: Path) -> SourceDocument:
    """`extract_raw_page`, run once per distinct file content in this test process.

    The sample pages are read by most builds of the suite, in many copies of the content
    folder, and one of them takes seconds to extract; the extraction depends on the text
    alone (the path is only recorded in it: tests/ingest/test_seeds.py checks that a copy
    read from the cache equals a fresh extraction). Each call gets its own copy, which the
    build may change freely. Files that do not read, or fail to extract, always take the
    real path, so their errors are the real ones."""
    try:
        data = path.read_bytes()
    except OSError:
        return extract_raw_page(path)
    if data not in EXTRACTIONS:
        buffer = io.BytesIO()
        _PagePickler(buffer, path).dump(extract_raw_page(path))
        EXTRACTIONS[data] = buffer.getvalue()
    return _PageUnpickler(io.BytesIO(EXTRACTIONS[data]), path).load()


@pytest.fixture(scope="session", autouse=True)
def extraction_once_per_page():
    """Every in-process build and `read_source` in this session reads raw pages through
    extract_raw_page_once (subprocesses run the real command, uncached)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site_builder.ingest, "extract_raw_page", extract_raw_page_once)
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


@pytest.fixture(scope="session")
def seed_archive() -> tuple[SiteConfig, Archive]:
    """The seed content's config and analysed archive (read-only for every test)."""
    return load_archive(CONTENT)


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
