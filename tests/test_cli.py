"""The command line: `extract` prints the contract's JSON from the same code path as the build."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import CONTENT, ROOT


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "site_builder", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_extract_prints_pages_json():
    pages = sorted((CONTENT / "raw").glob("*.txt"))
    run = _cli("extract", *map(str, pages))
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert [p["file"] for p in data["pages"]] == [p.name for p in pages]
    for page in data["pages"]:
        assert page["articles"], page["file"]
        for article in page["articles"]:
            assert {"title", "title_inferred", "kicker", "authors", "affiliation", "source",
                    "source_paper", "summary", "blocks"} <= set(article)
            assert all(b["type"] in ("paragraph", "heading") and b["text"] for b in article["blocks"])


def test_extract_reports_bad_file_and_still_prints_the_others(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    good = sorted((CONTENT / "raw").glob("*.txt"))[0]
    run = _cli("extract", str(empty), str(good))
    assert run.returncode == 1
    assert f"{empty}: file is empty" in run.stderr
    assert [p["file"] for p in json.loads(run.stdout)["pages"]] == [good.name]


def test_build_prints_summary(tmp_path):
    run = _cli("build", "--content", str(CONTENT), "--output", str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    assert "built" in run.stdout and "articles" in run.stdout


def test_strict_turns_warnings_into_failure(small_content, tmp_path):
    from conftest import write_markdown

    for raw in (small_content / "raw").glob("*.txt"):
        raw.unlink()  # only the Markdown article below: its one warning is the only one
    write_markdown(small_content / "articles", "a.md", "title: 一篇\ntopics: [不在词表里的主题]")
    relaxed = _cli("build", "--content", str(small_content), "--output", str(tmp_path / "ok"))
    assert relaxed.returncode == 0 and "1 warning(s): 1 unknown-topic" in relaxed.stderr
    strict = _cli("build", "--content", str(small_content), "--output", str(tmp_path / "out"), "--strict")
    assert strict.returncode == 1 and "--strict: 1 warning(s)" in strict.stderr
    assert "不在词表里的主题" in strict.stderr and not (tmp_path / "out").exists()


def test_usage_error_exits_2():
    run = _cli("nonsense")
    assert run.returncode == 2 and "usage" in run.stderr


def test_build_lists_warnings_by_file_and_line_with_paths_as_typed(tmp_path):
    """An editor reads the warnings down the pages: sorted by file, then line; every file
    named as the command was given it (relative), never as an absolute path."""
    import re
    import shutil

    shutil.copytree(CONTENT / "raw", tmp_path / "content" / "raw")
    shutil.copy(CONTENT / "site.toml", tmp_path / "content" / "site.toml")
    run = _cli("build", "--content", "content", "--output", "public", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    places = [(m[1], int(m[2])) for m in re.finditer(r"^  warning: (\S+?):(\d+): ", run.stderr, re.M)]
    assert len(places) >= 5 and places == sorted(places)
    assert all(name.startswith("content/raw/") for name, _ in places)
    assert str(tmp_path) not in run.stderr
