"""The index patched from what the last build saved (``search/update.py``): after edits,
additions and deletions, byte for byte the bundle a build from scratch writes, and found
so in Chromium.
"""
from __future__ import annotations

import fcntl
import os
import pickle
import shutil
from pathlib import Path

import pytest

from site_builder.config import SiteConfig
from site_builder.search import _candidate_pages, _listed_pages, build_index, indexer, inplace, state, update
from site_builder.search.browser import serve
from site_builder.search.extract import extract
from site_builder.search.normalize import matches
from site_builder.search.pagecache import LOCK_FILE, PageCache
from site_builder.search.state import FILE_KINDS, STATE_FILE, IndexStore

NEW_WORDS = "量子纠缠态实验"  # in no seed article


def _bundle_files(site: Path) -> dict[str, bytes]:
    files = sorted(p for p in site.rglob("*") if p.is_file() and (p.name == "_headers" or "pagefind" in p.parts))
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in files}


def _files_and_bytes(bundle: Path) -> tuple[int, int]:
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _articles(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("index.html")) if "data-pagefind-body" in p.read_text(encoding="utf-8")]


def _edit(page: Path, old: str, new: str) -> None:
    head, body = page.read_text(encoding="utf-8").split("data-pagefind-body", 1)
    assert old in body
    page.write_text(head + "data-pagefind-body" + body.replace(old, new, 1), encoding="utf-8")


def _from_scratch(site: Path, folder: Path) -> dict[str, bytes]:
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(site, folder, ignore=shutil.ignore_patterns("pagefind", "_headers"))
    build_index(folder, SiteConfig(), cache=None)
    return _bundle_files(folder)


@pytest.fixture
def patched_site(seed_site, tmp_path, monkeypatch) -> tuple[Path, Path]:
    """A copy of the seed site indexed once with a cache; every later build_index must patch."""
    site = tmp_path / "site"
    shutil.copytree(seed_site, site, ignore=shutil.ignore_patterns("pagefind", "_headers"))
    cache = tmp_path / "cache"
    build_index(site, SiteConfig(), cache=cache)
    from_scratch = indexer.index_all

    def only_without_cache(site, pages, bundle, cache, store, expected):
        assert store is None, "indexed from scratch, not patched"
        return from_scratch(site, pages, bundle, cache, store, expected)

    monkeypatch.setattr(indexer, "index_all", only_without_cache)
    monkeypatch.setattr(update, "MAX_CHANGED_SHARE", 1.0)  # the seed site is small
    return site, cache


def test_edits_additions_and_deletions_give_the_bytes_of_a_build_from_scratch(patched_site, tmp_path):
    site, cache = patched_site
    pages = _articles(site)
    assert len(pages) >= 8

    def added(source: Path, name: str) -> None:
        shutil.copytree(source.parent, source.parent.with_name(name))

    changes = [
        ("nothing", lambda: None),
        ("an edit", lambda: _edit(pages[3], "。", "，")),
        ("new words in a heading", lambda: _edit(pages[4], "</h1>", f"{NEW_WORDS}</h1>")),
        ("a page added last", lambda: added(pages[1], "zzz-added")),
        ("a page added first", lambda: added(pages[5], "0-added")),
        ("a page deleted", lambda: shutil.rmtree(pages[2].parent)),
        ("an edit, an addition and a deletion", lambda: (_edit(pages[6], "，", "、"), added(pages[0], "m-added"),
                                                          shutil.rmtree(pages[7].parent))),
    ]
    for label, change in changes:
        change()
        stats = build_index(site, SiteConfig(), cache=cache)
        expected = _from_scratch(site, tmp_path / "scratch")
        assert _bundle_files(site) == expected, label
        assert stats.pages == len(_articles(site)), label
        assert (stats.files, stats.bytes) == _files_and_bytes(site / "pagefind"), label


def test_the_saved_index_lists_its_files_inodes_and_sizes_as_stored(patched_site):
    """A patch takes the saved files' inodes and bytes from the saved index (no listing of
    the ~62,000 files an edit keeps at 10,000 articles): after edits, an addition and a
    deletion, they are still those of the files the store holds."""
    site, cache = patched_site
    pages = _articles(site)
    _edit(pages[3], "。", f"。{NEW_WORDS}。")
    shutil.copytree(pages[1].parent, pages[1].parent.with_name("zzz-added"))
    build_index(site, SiteConfig(), cache=cache)
    shutil.rmtree(pages[2].parent)
    _edit(pages[4], "，", "、")
    build_index(site, SiteConfig(), cache=cache)
    store = IndexStore(cache / "index")
    saved = store.load(_saved_fingerprint(cache))
    assert saved is not None
    for kind in FILE_KINDS:
        with os.scandir(store.files(kind)) as entries:
            stored = {entry.name: (entry.inode(), entry.stat().st_size) for entry in entries}
        assert {name: (saved.inodes[kind][name], size) for name, size in saved.sizes[kind].items()} == stored, kind


def test_an_edit_that_changes_no_filter_keeps_the_saved_filter_files(patched_site, tmp_path):
    site, cache = patched_site
    pages = _articles(site)
    _edit(pages[3], "。", f"。{NEW_WORDS}。")
    build_index(site, SiteConfig(), cache=cache)
    stored = {entry.name: entry.inode() for entry in os.scandir(cache / "index" / "files" / "filter")}
    bundle = {path.stem: path.stat().st_ino for path in (site / "pagefind" / "filter").iterdir()}
    assert bundle and bundle == stored  # linked from the saved index, not written again
    assert _bundle_files(site) == _from_scratch(site, tmp_path / "scratch")


def _saved_fingerprint(cache: Path) -> tuple:
    with open(cache / "index" / STATE_FILE, "rb") as state:
        return pickle.load(state).fingerprint


def test_a_patched_index_finds_the_new_text_and_not_the_deleted_page(patched_site, browser):
    site, cache = patched_site
    pages = _articles(site)
    _edit(pages[2], "。", f"。{NEW_WORDS}。")
    gone = pages[5]
    shutil.rmtree(gone.parent)
    build_index(site, SiteConfig(), cache=cache)
    texts = {"/" + p.parent.relative_to(site).as_posix() + "/": extract(p.read_text(encoding="utf-8")).text
             for p in _articles(site)}
    with serve(site) as base:
        page = browser.new_page()
        page.goto(base + "/search/")
        page.wait_for_function("window.siteSearch && window.siteSearch.ready")
        for query in (NEW_WORDS, "治理", "发展 人民"):
            found = page.evaluate("q => siteSearch(q).then(rs => rs.map(r => r.url))", query)
            truth = {url for url, text in texts.items() if matches(query, text)}
            assert truth and sorted(found) == sorted(truth), query
        page.close()
    assert "/" + gone.parent.relative_to(site).as_posix() + "/" not in texts


def _contents(path: Path) -> tuple[bytes, int]:
    """A file's bytes and modification time: both change when the file is written into."""
    return path.read_bytes(), path.stat().st_mtime_ns


def _linked_copy(folder: Path, target: Path) -> None:
    shutil.copytree(folder, target, copy_function=os.link)


def test_an_older_bundle_in_the_folder_is_patched_in_place_without_writing_into_its_files(patched_site, tmp_path):
    """As in a build made from the spare site: the folder holds the bundle of the build before
    last, its files hard links shared with the published site (here ``published``). Patched,
    it is byte for byte a build from scratch, and no shared file changed."""
    site, cache = patched_site
    pages = _articles(site)
    bundle = site / "pagefind"
    _linked_copy(bundle, tmp_path / "older")  # the spare's bundle
    _edit(pages[3], "。", f"。{NEW_WORDS}。")
    build_index(site, SiteConfig(), cache=cache)
    _linked_copy(bundle, tmp_path / "published")  # the published bundle, sharing files with the saved index
    published = {p: _contents(p) for p in sorted((tmp_path / "published").rglob("*")) if p.is_file()}
    shutil.rmtree(bundle)
    (tmp_path / "older").rename(bundle)
    (bundle / "fragment" / "stray.pf_fragment").write_bytes(b"not the bundle's")
    (bundle / "old-engine.js").write_bytes(b"not the engine's")
    _edit(pages[4], "，", "、")
    stats = build_index(site, SiteConfig(), cache=cache)
    assert _bundle_files(site) == _from_scratch(site, tmp_path / "scratch")
    assert (stats.files, stats.bytes) == _files_and_bytes(bundle)
    assert {p: _contents(p) for p in published} == published


def test_a_builds_bundle_is_the_one_a_walk_of_its_site_gives(seed_site, tmp_path):
    """A build names its pages to the search stage (no walk of the site): the same bundle."""
    assert _bundle_files(seed_site) == _from_scratch(seed_site, tmp_path / "walked")


def test_pages_named_are_listed_as_the_walk_lists_them(seed_site):
    files = [p.relative_to(seed_site).as_posix() for p in seed_site.rglob("*") if p.is_file()]
    walked = _candidate_pages(seed_site)
    assert len(walked) >= 8 and _listed_pages(reversed(files)) == walked


def test_one_indexer_at_a_time_holds_the_page_cache(tmp_path: Path):
    """Two builds of one content folder at once (a preview's and a command's, or two test
    workers') share its page cache and saved index: the second waits for the first, or
    each rewrites what the other saves (a build failed renaming the other's state.pkl)."""
    cache = PageCache(tmp_path / "cache")
    with cache.held():
        with open(tmp_path / "cache" / LOCK_FILE, "rb") as other:  # (another build's open file)
            with pytest.raises(BlockingIOError):
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    with open(tmp_path / "cache" / LOCK_FILE, "rb") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # (free once the block ended)


def test_the_bundle_is_the_same_indexed_in_this_process_or_in_a_pool(seed_site, tmp_path, monkeypatch):
    """From scratch and patched (an edit alone, then an edit, an addition and a deletion),
    the pages indexed in this process and in a pool of processes give the same bytes."""
    sites = {}
    for name in ("here", "pool"):
        sites[name] = tmp_path / name / "site"
        shutil.copytree(seed_site, sites[name], ignore=shutil.ignore_patterns("pagefind", "_headers"))

    def index(name: str) -> dict[str, bytes]:
        in_pool = name == "pool"
        monkeypatch.setattr(indexer, "PARALLEL_FROM", 0 if in_pool else 10 ** 9)
        monkeypatch.setattr(update, "PATCH_PARALLEL_FROM", 0 if in_pool else 10 ** 9)
        build_index(sites[name], SiteConfig(), cache=tmp_path / name / "cache")
        return _bundle_files(sites[name])

    monkeypatch.setattr(update, "MAX_CHANGED_SHARE", 1.0)  # the seed site is small: patched, not redone
    changes = [
        ("from scratch", lambda pages: None),
        ("an edit", lambda pages: _edit(pages[3], "。", "，")),
        ("an edit, an addition and a deletion", lambda pages: (
            _edit(pages[6], "，", "、"), shutil.copytree(pages[0].parent, pages[0].parent.with_name("m-added")),
            shutil.rmtree(pages[7].parent))),
    ]
    for label, change in changes:
        for site in sites.values():
            change(_articles(site))
        assert index("here") == index("pool"), label


def test_a_pool_patches_only_from_patch_parallel_from_pages_whose_items_change(patched_site, monkeypatch):
    site, cache = patched_site
    monkeypatch.setattr(update, "PATCH_PARALLEL_FROM", 2)
    asked: list[int] = []  # the pages each patch gave ``mapper``: 0, no pool
    real_mapper = update.mapper
    monkeypatch.setattr(update, "mapper", lambda pages: (asked.append(pages), real_mapper(pages))[1])
    pages = _articles(site)
    steps = [
        ("one page's words", lambda: _edit(pages[2], "。", f"。{NEW_WORDS}。"), False),
        ("and a page whose items stay", lambda: (_edit(pages[2], "。", f"。{NEW_WORDS[:3]}。"),
                                                 _edit(pages[5], "。", "，")), False),
        ("two pages' words", lambda: (_edit(pages[3], "。", f"。{NEW_WORDS}。"),
                                      _edit(pages[4], "。", f"。{NEW_WORDS}。")), True),
    ]
    for label, change, in_pool in steps:
        change()
        build_index(site, SiteConfig(), cache=cache)
        assert (asked[-1] > 0) == in_pool, label


def test_an_edit_saves_the_index_as_the_changes_of_its_base(patched_site, tmp_path, monkeypatch):
    """The saved index is a base and a patch: an edit pickles the entries it changed (a page,
    its stamp, the files made and dropped), not the ~130,000 of 10,000 articles; the base
    is written again only once the patch holds ``REBASE_SHARE`` of it (a tenth: more than
    one edit of the small seed site makes)."""
    site, cache = patched_site
    monkeypatch.setattr(state, "REBASE_SHARE", 1.0)
    index = cache / "index"
    bases = sorted(index.glob("base-*.pkl"))
    assert len(bases) == 1
    written = os.stat(bases[0]).st_mtime_ns, os.stat(bases[0]).st_ino
    pages = _articles(site)
    _edit(pages[3], "。", f"。{NEW_WORDS}。")
    build_index(site, SiteConfig(), cache=cache)
    assert (os.stat(bases[0]).st_mtime_ns, os.stat(bases[0]).st_ino) == written  # not written again
    with open(index / STATE_FILE, "rb") as saved:
        patch = pickle.load(saved)
    assert patch.base == bases[0].name and list(patch.pages) == [pages.index(pages[3])]
    changed, lost = patch.stamps
    assert list(changed) == [pages[3].relative_to(site).as_posix()] and not lost
    assert 0 < patch.entries < state._entries(IndexStore(index).load(patch.fingerprint)) / 2
    assert _bundle_files(site) == _from_scratch(site, tmp_path / "scratch")
    monkeypatch.setattr(state, "REBASE_SHARE", 0.01)
    _edit(pages[4], "。", "，")  # a patch past its share: a new base, the old one removed
    build_index(site, SiteConfig(), cache=cache)
    assert [path.name for path in index.glob("base-*.pkl")] != [bases[0].name]
    assert len(list(index.glob("base-*.pkl"))) == 1
    assert _bundle_files(site) == _from_scratch(site, tmp_path / "scratch")


def test_a_copied_cache_settles_after_one_build(patched_site, tmp_path, monkeypatch):
    """A copy of the build cache (a restored CI cache, a backup) holds the saved files under
    other inodes than the saved index lists. The first build on it links the bundle's files
    anew once and saves the copy's inodes; the next edit links only the files it made."""
    site, cache = patched_site
    copy, copied_cache = tmp_path / "copy", tmp_path / "copied-cache"
    shutil.copytree(site, copy)
    shutil.copytree(cache, copied_cache)
    pages = _articles(copy)
    _edit(pages[3], "。", f"。{NEW_WORDS}。")
    build_index(copy, SiteConfig(), cache=copied_cache)
    saved = IndexStore(copied_cache / "index").load(_saved_fingerprint(copied_cache))
    assert saved is not None
    for kind in FILE_KINDS:
        with os.scandir(copied_cache / "index" / "files" / kind) as entries:
            assert saved.inodes[kind] == {entry.name: entry.inode() for entry in entries}, kind
    linked = []
    monkeypatch.setattr(inplace, "place", lambda source, target: (linked.append(target), state.place(source, target)))
    _edit(pages[4], "，", "、")
    build_index(copy, SiteConfig(), cache=copied_cache)
    kept = sum(1 for path in (copy / "pagefind").rglob("*") if path.is_file())
    assert len(linked) < kept / 4, (len(linked), kept)
    assert _bundle_files(copy) == _from_scratch(copy, tmp_path / "scratch")


def test_the_saved_files_changes_are_carried_on_not_compared_again(patched_site, tmp_path, monkeypatch):
    """An edit's saved patch takes the last patch's changes of the files' sizes and inodes and
    moves them on by the files it added and dropped (each kind holds ~12,000 at 10,000
    articles): only the pages' stamps are compared. The changes are those a comparison finds."""
    site, cache = patched_site
    monkeypatch.setattr(state, "REBASE_SHARE", 1.0)
    compared: list[int] = []
    real = state.changes_of
    monkeypatch.setattr(state, "changes_of", lambda found, base: (compared.append(len(found)), real(found, base))[1])
    pages = _articles(site)
    for change in [lambda: _edit(pages[3], "。", f"。{NEW_WORDS}。"),
                   lambda: shutil.copytree(pages[1].parent, pages[1].parent.with_name("zzz-added")),
                   lambda: (shutil.rmtree(pages[2].parent), _edit(pages[4], "，", "、")),
                   lambda: _edit(pages[3], f"。{NEW_WORDS}。", "。")]:
        change()
        compared.clear()
        build_index(site, SiteConfig(), cache=cache)
        assert len(compared) == 1  # the stamps
        with open(cache / "index" / STATE_FILE, "rb") as stored:
            patch = pickle.load(stored)
        with open(cache / "index" / patch.base, "rb") as stored:
            base = pickle.load(stored)
        whole = patch.applied(base)
        for kind in FILE_KINDS:
            assert patch.sizes[kind] == real(whole.sizes[kind], base.sizes[kind]), kind
            assert patch.inodes[kind] == real(whole.inodes[kind], base.inodes[kind]), kind
    assert _bundle_files(site) == _from_scratch(site, tmp_path / "scratch")
