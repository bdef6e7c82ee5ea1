"""The documents' pack (document_pack.py): a build finds the unchanged files' documents in one
file of the cache, the pack, not in 10,000 entries of their own; a document read anew is
kept in its own entry, and the pack is written again once a tenth of them are not in it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_builder import document_pack, ingest, sources
from site_builder.build import BuildOptions, build_site
from site_builder.cache import BuildCache, cache_root
from test_carried_analysis import files_of, make_site


def _edit(content: Path, number: int, line: str = "补充的一句话。") -> None:
    path = content / "articles" / f"a{number}.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def _reads(monkeypatch) -> list[str]:
    """The names of the files ingest reads from now on."""
    read: list[str] = []
    real = sources._read_one

    def counted(path: Path):
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(sources, "_read_one", counted)
    return read


def _equals_clean(root: Path, content: Path) -> None:
    clean = root / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    build_site(BuildOptions(content, clean, with_search=False, cache=False))
    assert files_of(root / "public") == files_of(clean)


@pytest.fixture
def content(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    made = make_site(tmp_path, articles=20)
    build_site(BuildOptions(made, tmp_path / "public", with_search=False))
    return made


def test_unchanged_documents_come_from_the_pack(tmp_path, content, monkeypatch):
    cache = BuildCache(cache_root(content))
    assert cache.folder is not None
    shutil.rmtree(cache.folder / "document", ignore_errors=True)  # the documents' own entries: only the pack holds them
    read = _reads(monkeypatch)
    _edit(content, 5)
    build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    assert read == ["a5.md"]
    _equals_clean(tmp_path, content)


def _entries(cache: BuildCache) -> list[Path]:
    assert cache.folder is not None
    return [path for path in (cache.folder / "document").rglob("*") if path.is_file()]


def test_documents_the_pack_holds_have_no_entries_of_their_own(tmp_path, content, monkeypatch):
    """The cold build wrote the pack: its documents are not kept once more each; a document
    read anew later, which the pack does not hold, is."""
    cache = BuildCache(cache_root(content))
    assert len(document_pack.load_pack(cache)) == 20
    assert _entries(cache) == []
    read = _reads(monkeypatch)
    _edit(content, 5)
    build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    assert read == ["a5.md"] and len(_entries(cache)) == 1
    read.clear()
    build_site(BuildOptions(content, tmp_path / "again", with_search=False))
    assert read == []
    _equals_clean(tmp_path, content)


def test_the_pack_is_written_again_once_a_tenth_is_not_in_it(tmp_path, content):
    cache = BuildCache(cache_root(content))
    first = document_pack.load_pack(cache)
    assert len(first) == 20
    _edit(content, 5)
    build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    assert document_pack.load_pack(cache).keys() == first.keys()  # one of 20 outside it: kept as it was
    _edit(content, 6)
    _edit(content, 7)
    build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    again = document_pack.load_pack(cache)
    assert len(again) == 20 and len(again.keys() - first.keys()) == 3  # three of 20: written again
    assert {d.path.name for d in again.values()} == {f"a{n}.md" for n in range(20)}
    _equals_clean(tmp_path, content)


def test_the_packs_bodies_are_read_from_its_file_when_first_needed(content, monkeypatch):
    """The heads are unpickled together; each document's bodies and raw lines stay in the
    pack's file until read, and are read from it even after the pack is written again."""
    cache = BuildCache(cache_root(content))
    reads: list[int] = []
    real = document_pack._Blobs.blob
    monkeypatch.setattr(document_pack._Blobs, "blob", lambda self, number: reads.append(number) or real(self, number))
    packed = document_pack.load_pack(cache)
    assert len(packed) == 20 and reads == []
    cache.store_written(*document_pack.PACK, lambda out: out.write(b"not a pack"))  # the file replaced
    document = next(d for d in packed.values() if d.path.name == "a3.md")
    fresh = ingest.read_source(document.path)
    assert [a.blocks for a in document.articles] == [a.blocks for a in fresh.articles]
    assert document.raw_lines == fresh.raw_lines and len(reads) == 1
    assert document_pack.load_pack(cache) == {}
