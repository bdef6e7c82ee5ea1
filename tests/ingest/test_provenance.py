"""When each content file entered the archive (SourceDocument.added): its first git commit,
else its modification time; SOURCE_DATE_EPOCH wins."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import site_builder.ingest.provenance as provenance
from site_builder.errors import SiteBuildError
from site_builder.sources import load_content

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "content" / "raw" / "001_ded6bf816fead40a.txt"
ARTICLE = "---\ntitle: 手写的文章\ndate: 2024-06-20\n---\n正文段落。\n"
T1, T2 = 1_700_000_000, 1_710_000_000  # two commit times
MTIME = 1_650_000_000


def _utc(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def _git(repo: Path, *args: str, when: int | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{when} +0000"
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder: two raw pages (one with a name in Chinese) and a Markdown article."""
    folder = tmp_path / "site" / "content"
    (folder / "raw").mkdir(parents=True)
    (folder / "articles").mkdir()
    for name in ("2024-06-20-人民日报-09.txt", "b.txt"):
        shutil.copy(SAMPLE, folder / "raw" / name)
    (folder / "articles" / "a.md").write_text(ARTICLE, encoding="utf-8")
    for path in folder.rglob("*.*"):
        os.utime(path, (MTIME, MTIME))
    return folder


def _added(folder: Path) -> dict[str, dt.datetime | None]:
    loaded = load_content(folder)
    assert not loaded.errors
    return {doc.path.name: doc.added for doc in loaded.documents}


def test_first_commit_of_each_file(content: Path, monkeypatch: pytest.MonkeyPatch):
    repo = content.parent  # the content folder is a subfolder of the checkout
    _git(repo, "init", "-q")
    _git(repo, "add", "content/raw/2024-06-20-人民日报-09.txt")
    _git(repo, "commit", "-qm", "first page", when=T1)
    _git(repo, "add", "content")
    _git(repo, "commit", "-qm", "the rest", when=T2)
    (content / "raw" / "2024-06-20-人民日报-09.txt").write_text("改过的\n\n" + SAMPLE.read_text(encoding="utf-8"),
                                                          encoding="utf-8")
    _git(repo, "commit", "-qam", "a later change does not move the date", when=T2 + 1000)
    shutil.copy(SAMPLE, content / "raw" / "new.txt")  # not committed: its modification time
    os.utime(content / "raw" / "new.txt", (MTIME, MTIME))
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counted(command, *args, **kwargs):
        calls.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(provenance.subprocess, "run", counted)
    assert _added(content) == {"2024-06-20-人民日报-09.txt": _utc(T1), "b.txt": _utc(T2), "new.txt": _utc(MTIME),
                               "a.md": _utc(T2)}
    assert sum("log" in command for command in calls) == 1  # one `git log` for the whole folder


def test_modification_time_outside_a_checkout(content: Path):
    assert subprocess.run(["git", "-C", str(content), "rev-parse"], capture_output=True).returncode != 0
    assert set(_added(content).values()) == {_utc(MTIME)}


def test_modification_time_without_git(content: Path, monkeypatch: pytest.MonkeyPatch):
    _git(content, "init", "-q")
    _git(content, "add", ".")
    _git(content, "commit", "-qm", "all", when=T1)
    assert set(_added(content).values()) == {_utc(T1)}
    monkeypatch.setenv("PATH", "")  # git is not installed
    assert set(_added(content).values()) == {_utc(MTIME)}


def test_source_date_epoch_wins(content: Path, monkeypatch: pytest.MonkeyPatch):
    _git(content, "init", "-q")
    _git(content, "add", "raw")
    _git(content, "commit", "-qm", "pages", when=T1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T2))
    assert set(_added(content).values()) == {_utc(T2)}


@pytest.mark.parametrize("value", ["yesterday", "1.5", "99999999999999999999"])
def test_a_bad_source_date_epoch_is_an_error(content: Path, monkeypatch: pytest.MonkeyPatch, value: str):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(SiteBuildError, match="SOURCE_DATE_EPOCH must be a whole number"):
        load_content(content)


def _feed_after_builds(content: Path, output: Path) -> str:
    from site_builder.build import BuildOptions, build_site

    build_site(BuildOptions(content, output, with_search=False))
    return (output / "feed.xml").read_text(encoding="utf-8")


def _clean_feed(content: Path, output: Path) -> str:
    from site_builder.build import BuildOptions, build_site

    build_site(BuildOptions(content, output, with_search=False, cache=False))
    return (output / "feed.xml").read_text(encoding="utf-8")


def test_a_cached_build_follows_entry_times_as_a_clean_build(content: Path, tmp_path: Path):
    """The sample pages print no date: their feed date is when they entered the archive. A
    build that finds every file's bytes unchanged still sees a new modification time, and a
    first commit, and writes the feed a clean build writes."""
    (content / "articles" / "a.md").unlink()  # (dated by its front matter
    (content / "raw" / "2024-06-20-人民日报-09.txt").unlink()  # and by its name)
    site = tmp_path / "public"
    first = _feed_after_builds(content, site)
    assert f"<updated>{_utc(MTIME).isoformat().replace('+00:00', 'Z')}" in first
    for path in (content / "raw").iterdir():
        os.utime(path, (MTIME + 86_400, MTIME + 86_400))  # the same bytes, written again
    touched = _feed_after_builds(content, site)
    assert touched != first and touched == _clean_feed(content, tmp_path / "clean1")
    repo = content.parent
    _git(repo, "init", "-q")
    _git(repo, "add", "content")
    _git(repo, "commit", "-qm", "the pages", when=T1)
    committed = _feed_after_builds(content, site)
    assert committed not in (first, touched) and committed == _clean_feed(content, tmp_path / "clean2")
