"""The order of a build from scratch's steps (``indexer.index_all``): what waits for what."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from site_builder.config import SiteConfig
from site_builder.search import build_index, indexer
from site_builder.search.state import STATE_FILE
from site_builder.search.trash import TRASH_PREFIX, Trash
from site_builder.search.writer import FRAGMENT_DIR, TEXT_DIR


def _site(seed_site: Path, folder: Path) -> Path:
    shutil.copytree(seed_site, folder, ignore=shutil.ignore_patterns("pagefind", "_headers"))
    return folder


def _bundle(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "pagefind").rglob("*")) if p.is_file()}


def test_each_range_is_merged_largest_first_after_the_pages_files_are_saved(seed_site, tmp_path, monkeypatch):
    """The ranges' merges start with the largest (by their scratch files), and the pages'
    fragments and text parts are linked into the saved index before (in a pool: while) the
    ranges are merged."""
    site, cache = _site(seed_site, tmp_path / "site"), tmp_path / "cache"
    monkeypatch.setattr(indexer, "PARALLEL_FROM", 10 ** 9)  # this process: the merges run as the results are read
    merge, seen = indexer._merge_shard, []

    def watched(job):
        shard, batches, _, state = job
        stored = state.parent / "files"
        seen.append((shard, sum(os.path.getsize(f"{stem}-{shard}") for stem, _ in batches),
                     len(os.listdir(stored / FRAGMENT_DIR)), len(os.listdir(stored / TEXT_DIR))))
        return merge(job)

    monkeypatch.setattr(indexer, "_merge_shard", watched)
    build_index(site, SiteConfig(), cache=cache)
    sizes = [size for _, size, _, _ in seen]
    assert len(seen) == indexer.SHARDS and sizes == sorted(sizes, reverse=True)
    fragments, texts = len(os.listdir(site / "pagefind" / FRAGMENT_DIR)), len(os.listdir(site / "pagefind" / TEXT_DIR))
    assert fragments >= 8 and texts >= fragments
    assert all(tuple(linked) == (fragments, texts) for _, _, *linked in seen)
    assert not [p for p in site.iterdir() if p.name.startswith(("search-", TRASH_PREFIX))]  # (the scratch files gone)


def test_an_index_from_scratch_over_an_older_one_removes_it_meanwhile(seed_site, tmp_path):
    """Over an earlier bundle and saved index (one this code cannot patch): the same bytes as
    into an empty folder, the old files removed (not written into: the published site may
    share them), nothing left aside."""
    site, cache = _site(seed_site, tmp_path / "site"), tmp_path / "cache"
    build_index(site, SiteConfig(), cache=cache)
    shutil.copytree(site / "pagefind", tmp_path / "published", copy_function=os.link)
    published = {p: p.read_bytes() for p in (tmp_path / "published").rglob("*") if p.is_file()}
    (site / "pagefind" / TEXT_DIR / "stray.pf_text").write_bytes(b"not the bundle's")
    (cache / "index" / STATE_FILE).unlink()  # (indexed from scratch again)
    build_index(site, SiteConfig(), cache=cache)
    assert _bundle(site) == _bundle(_indexed(seed_site, tmp_path / "fresh"))
    assert {p: p.read_bytes() for p in published} == published
    assert not [p for p in [*site.rglob("*"), *cache.rglob("*")] if p.name.startswith(TRASH_PREFIX)]


def _indexed(seed_site: Path, folder: Path) -> Path:
    site = _site(seed_site, folder)
    build_index(site, SiteConfig(), cache=None)
    return site


def test_a_folder_given_to_the_trash_frees_its_name_at_once(tmp_path):
    folder = tmp_path / "text"
    (folder / "deep").mkdir(parents=True)
    for n in range(50):
        (folder / "deep" / f"{n}.pf_text").write_bytes(b"x" * n)
    trash = Trash()
    trash.remove(folder)
    trash.remove(tmp_path / "none")  # (nothing there: nothing to do)
    assert not folder.exists()
    folder.mkdir()  # its name is free
    trash.wait()
    assert os.listdir(tmp_path) == ["text"] and not os.listdir(folder)



def test_a_page_s_tail_lengths_take_a_byte_each(seed_site):
    """(Most pages': the page cache and the scratch files hold ~35 million at 10,000 articles.)"""
    from site_builder.search import _candidate_pages
    from site_builder.search.pagecache import PageCache

    pages = [indexer.encoded_page((seed_site / relative).read_bytes(), url, str(n), PageCache(None))[0]
             for n, (relative, url) in enumerate(_candidate_pages(seed_site))]
    items = [page.items for page in pages if page is not None]
    assert len(items) >= 8 and {page.lengths.dtype.itemsize for page in items} == {1}
