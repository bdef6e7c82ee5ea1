"""A build learns each content file's SHA-1 once: the build key's listing gives them to the
reading of the documents (incremental.BuildKey.hashes), which neither stats nor hashes them again."""
from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

from site_builder.build import BuildOptions, build_site
from site_builder.cache import BuildCache
from test_carried_analysis import make_site


def test_each_content_file_is_hashed_once_a_build(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    content = make_site(tmp_path, articles=6)
    build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    edited = content / "articles" / "a2.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n补充的一句话。\n", encoding="utf-8")
    hashed: Counter[str] = Counter()
    real = BuildCache.file_hash

    def counted(self, path, stat=None):
        hashed[Path(path).name] += 1
        return real(self, path, stat)

    monkeypatch.setattr(BuildCache, "file_hash", counted)
    result = build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    assert result.carried
    assert {name: hashed[name] for name in hashed if name.endswith(".md")} == {f"a{n}.md": 1 for n in range(6)}


def test_the_site_is_checked_while_the_content_is_read(tmp_path, monkeypatch):
    """A build with changes checks the published site against its record (incremental.
    RecordCheck) on a thread of its own, while it reads the content; a site changed by hand
    meanwhile is still found."""
    from site_builder import incremental, sources

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    content = make_site(tmp_path, articles=6)
    first = build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    reading, seen = threading.Event(), []
    real_check, real_read = incremental.as_recorded, sources.read_sources

    def check(*arguments):
        seen.append(reading.wait(timeout=120))  # (a guard against a hang: the build reads at once)
        return real_check(*arguments)

    def read(*arguments, **named):
        reading.set()
        return real_read(*arguments, **named)

    monkeypatch.setattr(incremental, "as_recorded", check)
    monkeypatch.setattr(sources, "read_sources", read)
    edited = content / "articles" / "a2.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n补充的一句话。\n", encoding="utf-8")
    (tmp_path / "public" / "by-hand.html").write_text("x", encoding="utf-8")
    result = build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    assert seen == [True]
    assert result.pages_rendered == first.pages_rendered and not (tmp_path / "public" / "by-hand.html").exists()


def test_the_ingest_workers_collect_none_of_the_objects_the_build_holds(tmp_path, monkeypatch):
    """The files are read by forked workers whose collector runs; what the build holds is
    frozen (gc.freeze) before they are forked, and unfrozen after."""
    import gc
    import os

    from site_builder import sources
    from site_builder.progress import Progress

    seen = []

    def read(path):
        return sources.ContentError(f"{os.getpid()} {gc.get_freeze_count()}", path)

    monkeypatch.setattr(sources, "_read_one", read)
    paths = [tmp_path / f"a{n}.md" for n in range(sources.PARALLEL_FROM)]
    for outcome in sources._read_all(paths, Progress(enabled=False)):
        pid, frozen = outcome.message.split()
        seen.append((pid, int(frozen)))
    assert {pid for pid, _ in seen} != {str(os.getpid())}  # read in the workers
    assert all(frozen > 0 for _, frozen in seen)
    assert gc.get_freeze_count() == 0
