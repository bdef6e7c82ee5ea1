"""Shared fixtures: the project's paths and the seed site built once per test session."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, BuildResult, build_site

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> BuildResult:
    """The project's own content built with search, as `site-builder build` does."""
    out = tmp_path_factory.mktemp("seed") / "public"
    return build_site(BuildOptions(content_dir=CONTENT, output_dir=out))


@pytest.fixture(scope="session")
def seed_site(seed_build) -> Path:
    return seed_build.output_dir


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
