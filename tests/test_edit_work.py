"""The work a one-article edit does is the edit's, not the archive's: counted, not timed.
(The output of such builds is a clean build's: test_incremental_property.py.)"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder import cache_patches
from site_builder.build import BuildOptions, build_site
from site_builder.cache import BuildCache, cache_root, sha1_of
from site_builder.incremental import load_record, site_stamps
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


def test_an_edit_keeps_the_site_and_spare_records_as_changes_of_their_bases(edited_twice, monkeypatch):
    """The records of the published and the spare site (a stamp of each file, 72,000 at
    10,000 articles) are kept as changes of a base: an edit writes the entries it changed,
    not a base. The new site is the spare brought up to date, so its record is kept as
    changes of the spare's base (the published site's has other folders, each with its
    mtime), and the spare's (the last site's) as it was loaded."""
    content, published = edited_twice
    cache = BuildCache(cache_root(content))
    assert cache.folder is not None
    name = sha1_of(str(published.resolve()))
    monkeypatch.setattr(cache_patches, "REBASE_SHARE", 1.0)  # (a small site: an edit changes much of it)
    for step in [("append md", "b", "调查研究是谋事之基。"), ("append md", "c", "把工作做实。")]:
        apply(content, step)
        build_site(BuildOptions(content, published))
    bases = {path: os.stat(path).st_mtime_ns for path in (cache.folder / cache_patches.BASE_KIND).rglob(f"{name}-*")}
    site, spare = cache.load("site", name), cache.load("spare-record", name)
    apply(content, ("append md", "a", "基层治理要抓实。"))
    built = build_site(BuildOptions(content, published))
    assert {path: os.stat(path).st_mtime_ns for path in (cache.folder / cache_patches.BASE_KIND).rglob(f"{name}-*")} \
        == bases  # no base written
    now_site, now_spare = cache.load("site", name), cache.load("spare-record", name)
    assert (now_site.base, now_spare.base) == (spare.base, site.base)
    assert now_spare.changes == {field: site.changes[field] for field in ("files", "folders")}
    record = load_record(BuildCache(cache_root(content)), published.resolve())
    assert record is not None and record.files == site_stamps(published)
    # the folders written into since the base, not every folder (each site's own mtimes)
    assert 0 < len(now_site.changes["folders"][0]) < len(record.folders) and built.pages_rendered
