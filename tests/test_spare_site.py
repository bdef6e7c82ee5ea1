"""The spare site (site_builder/spare.py): the site a build retires is kept in the build cache
and made into the next one. A build working in it never writes into a file of the published
site (the two share files by hard links), ends with the bytes and folders of a clean build,
and does not use a spare that was changed by hand."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build_site
from site_builder.cache import BuildCache, cache_root
from site_builder.incremental import load_record, site_stamps
from site_builder.spare import spare_folder
from test_incremental_property import PLAIN_TITLES, apply, files_of, folders_of, start_site


def spare_of(content: Path, published: Path) -> Path:
    folder = spare_folder(BuildCache(cache_root(content)), published.resolve())
    assert folder is not None
    return folder


def clean_build(content: Path, output: Path, with_search: bool = False) -> Path:
    build_site(BuildOptions(content, output, with_search=with_search, cache=False))
    return output


def three_builds(tmp_path: Path) -> tuple[Path, Path]:
    """A site built, edited and built again: the first site is now the spare."""
    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published, with_search=False))
    apply(content, ("append md", "a", "干部要多到一线去。"))
    build_site(BuildOptions(content, published, with_search=False))
    assert spare_of(content, published).is_dir()
    return content, published


def test_a_build_made_from_the_spare_never_writes_into_the_published_site(tmp_path: Path):
    content, published = three_builds(tmp_path)
    before = files_of(published)
    spare = spare_of(content, published)
    claimed = os.stat(spare).st_ino
    apply(content, ("retitle md", "b", PLAIN_TITLES[1]))
    apply(content, ("delete md", "c"))
    build_site(BuildOptions(content, published, with_search=False))
    assert os.stat(published).st_ino == claimed  # the new site is the spare, brought up to date
    assert files_of(spare) == before  # the site it replaced (now the spare) is as it was published
    clean = clean_build(content, tmp_path / "clean")
    assert files_of(published) == files_of(clean)
    assert folders_of(published) == folders_of(clean)


def test_a_site_made_from_the_spare_is_recorded_with_its_files_own_stamps(tmp_path: Path):
    """Publish stamps the files taken from the published site by their recorded stamps
    (spare.Staged.stamps), not by a walk of the site: those must be the files' own."""
    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published, with_search=False))
    for edit in [("append md", "a", "干部要多到一线去。"), ("append md", "b", "基层治理要抓实。")]:
        apply(content, edit)
        built = build_site(BuildOptions(content, published, with_search=False))
        assert 0 < built.pages_rendered < built.pages_written  # the others were taken
        record = load_record(BuildCache(cache_root(content)), published.resolve())
        assert record is not None  # (none when a file's stamp is not the recorded one)
        assert record.files == site_stamps(published)


def test_a_site_with_search_files_made_anew_is_recorded_with_every_file(tmp_path: Path):
    """The files the search stage made are stamped by a walk of its bundle folder and of
    the top of the site only (build._search_stamps): the record must still hold every file
    of the site, and name as search files all but the pages and static files."""
    content = start_site(tmp_path)
    published = tmp_path / "public"
    for edit in [None, ("append md", "a", "干部要多到一线去。")]:
        if edit is not None:
            apply(content, edit)
        built = build_site(BuildOptions(content, published))
        assert built.search is not None and not built.search_stale
        record = load_record(BuildCache(cache_root(content)), published.resolve())
        assert record is not None
        assert record.files == site_stamps(published)
        assert set(record.search_files) == record.files.keys() - record.pages.keys() - {
            name for name in record.files if name.startswith("static/")}
        assert "_headers" in record.search_files


@pytest.mark.parametrize("change", ["replaced", "added", "removed"])
def test_a_spare_changed_by_hand_is_not_used(tmp_path: Path, change: str):
    content, published = three_builds(tmp_path)
    spare = spare_of(content, published)
    claimed = os.stat(spare).st_ino
    page = spare / "articles" / "index.html"
    if change == "replaced":  # a new file in its place: the published one is left alone
        page.unlink()
        page.write_text("stale", encoding="utf-8")
    elif change == "added":
        (spare / "articles" / "stale.html").write_text("stale", encoding="utf-8")
    else:
        page.unlink()
    apply(content, ("append md", "b", "调查研究是谋事之基、成事之道。"))
    build_site(BuildOptions(content, published, with_search=False))
    assert os.stat(published).st_ino != claimed
    clean = clean_build(content, tmp_path / "clean")
    assert files_of(published) == files_of(clean)
    assert folders_of(published) == folders_of(clean)


def test_search_files_from_the_spare_and_the_published_site_match_a_clean_build(tmp_path: Path):
    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published))
    apply(content, ("append md", "a", "干部要多到一线去。"))
    build_site(BuildOptions(content, published))
    apply(content, ("retitle md", "b", PLAIN_TITLES[2]))
    lagging = build_site(BuildOptions(content, published, search_may_lag=True))  # takes the search files
    assert lagging.search_stale
    apply(content, ("append md", "d", "调查研究是谋事之基、成事之道。"))
    build_site(BuildOptions(content, published))
    clean = clean_build(content, tmp_path / "clean", with_search=True)
    assert files_of(published) == files_of(clean)
    assert folders_of(published) == folders_of(clean)


@pytest.mark.parametrize("with_search", [False, True])
def test_a_cold_build_leaves_a_spare_that_the_next_build_is_made_from(tmp_path: Path, with_search: bool):
    """A cold build retires no site: it links its own as the spare, so the first edit after it
    finds its unchanged files in place instead of linking each into an empty folder."""
    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published, with_search=with_search))
    spare = spare_of(content, published)
    assert files_of(spare) == files_of(published)
    claimed = os.stat(spare).st_ino
    apply(content, ("append md", "a", "干部要多到一线去。"))
    build_site(BuildOptions(content, published, with_search=with_search))
    assert os.stat(published).st_ino == claimed
    clean = clean_build(content, tmp_path / "clean", with_search=with_search)
    assert files_of(published) == files_of(clean)
    assert folders_of(published) == folders_of(clean)


def test_a_spare_file_written_into_in_place_is_replaced(tmp_path: Path):
    """A spare is checked by its folders' mtimes (spare.claim_spare): a file written into in
    place keeps its folder's mtime, and, not being the published file, is replaced."""
    content, published = three_builds(tmp_path)
    spare = spare_of(content, published)
    claimed = os.stat(spare).st_ino
    changed = [p for p in sorted(spare.rglob("*.html"))
               if os.stat(p).st_ino != os.stat(published / p.relative_to(spare)).st_ino]
    assert changed  # the pages the last edit changed
    with open(changed[0], "r+b") as page:
        page.write(b"stale")
    apply(content, ("append md", "b", "调查研究是谋事之基、成事之道。"))
    build_site(BuildOptions(content, published, with_search=False))
    assert os.stat(published).st_ino == claimed  # the spare was used
    clean = clean_build(content, tmp_path / "clean")
    assert files_of(published) == files_of(clean)
