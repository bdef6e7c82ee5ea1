"""When each content file entered the archive, as a build works it out: kept between builds,
worked out again only for the files whose modification time changed, and read through a
content subfolder that is a link to a folder."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder import sources
from site_builder.build import BuildOptions, build_site
from test_incremental_property import files_of, start_site


def _asked(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The names of the files each call of sources.entry_times_of works out."""
    calls: list[list[str]] = []
    real = sources.entry_times_of

    def recording(content_dir: Path, paths: list[Path], cache):  # noqa: ANN001
        calls.append(sorted(path.name for path in paths))
        return real(content_dir, paths, cache)

    monkeypatch.setattr(sources, "entry_times_of", recording)
    return calls


def test_only_the_files_whose_mtime_changed_are_worked_out_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    content = start_site(tmp_path)
    build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    asked = _asked(monkeypatch)
    edited = content / "articles" / "c.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n补充一句话。\n", encoding="utf-8")
    os.utime(edited, (1_700_000_000, 1_700_000_000))
    build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    assert asked == [["c.md"]]
    build_site(BuildOptions(content, tmp_path / "clean", with_search=False, cache=False))
    assert files_of(tmp_path / "public") == files_of(tmp_path / "clean")


def test_a_linked_articles_folder_is_read_through_the_link(tmp_path: Path):
    content = start_site(tmp_path / "plain")
    linked = start_site(tmp_path / "linked")
    (linked / "articles").rename(tmp_path / "elsewhere")
    (linked / "articles").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    for folder in (content, linked):
        for path in [*(folder / "articles").iterdir(), *(folder / "raw").iterdir()]:
            os.utime(path, (1_700_000_000, 1_700_000_000))  # the same feed dates in both
    build_site(BuildOptions(content, tmp_path / "plain-site", with_search=False))
    build_site(BuildOptions(linked, tmp_path / "linked-site", with_search=False))
    assert files_of(tmp_path / "linked-site") == files_of(tmp_path / "plain-site")
