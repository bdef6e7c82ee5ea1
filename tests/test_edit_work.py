"""The work a one-article edit does is the edit's, not the archive's: counted, not timed.
(The output of such builds is a clean build's: test_incremental_property.py.)"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build_site
from site_builder.search import update
from test_incremental_property import apply, files_of, start_site


@pytest.fixture
def edited_twice(tmp_path: Path) -> tuple[Path, Path]:
    """A site with search built, then an article edited and built again: the next build
    claims the first site as its spare and takes the unchanged pages from the published one."""
    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published))
    apply(content, ("append md", "a", "干部要多到一线去。"))
    build_site(BuildOptions(content, published))
    return content, published


def test_the_search_stage_of_an_edit_stats_only_the_pages_the_build_wrote(edited_twice, monkeypatch, tmp_path):
    content, published = edited_twice
    stated: list[str] = []
    real_stat = os.stat

    def counted(path, *args, dir_fd=None, **kwargs):
        if dir_fd is not None:  # (how update stats a page: by its path inside the site's folder)
            stated.append(path)
        return real_stat(path, *args, dir_fd=dir_fd, **kwargs)

    monkeypatch.setattr(update.os, "stat", counted)
    apply(content, ("append md", "a", "基层治理要抓实。"))
    built = build_site(BuildOptions(content, published))
    monkeypatch.undo()
    assert built.search is not None and built.search.pages > 3
    assert 0 < len(stated) <= built.pages_rendered  # not every page of the site
    clean = tmp_path / "clean"
    build_site(BuildOptions(content, clean, cache=False))
    assert files_of(published) == files_of(clean)
