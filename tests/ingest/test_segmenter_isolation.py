"""How a page reads never depends on what an earlier build taught a word segmenter.

The preview rebuilds in one process, and analyze teaches the site's vocabulary to its
keyword cutter. Ingest cuts and tags with its own segmenter, so a page extracted after a
build, in a process whose module-level rjieba has learnt words, reads exactly as it does
in a fresh process.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import CONTENT, ROOT

PAGE = CONTENT / "raw" / "002_7c0823d0556f9dc4.txt"
# Taught to a shared dictionary, this word changes how PAGE reads: its subheading
# 提高服务能力，把服务群众、造福群众作为基层治理的出发点和落脚点 would end on the single
# character 点 (…出发点和落脚|点), a sign of a line cut in mid-sentence, and be glued to the
# paragraph after it.
WORD = "出发点和落脚"

EXTRACT = """
import sys
from site_builder.cli import main
raise SystemExit(main(["extract", sys.argv[1]]))
"""

BUILD_THEN_EXTRACT = """
import sys
from pathlib import Path

import rjieba

rjieba.add_word(sys.argv[4], 20000, None)  # a word taught at module level, as a plugin might

from site_builder.build import BuildOptions, build_site
from site_builder.cli import main

build_site(BuildOptions(content_dir=Path(sys.argv[2]), output_dir=Path(sys.argv[3])))
raise SystemExit(main(["extract", sys.argv[1]]))
"""


def _run(script: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _content_teaching(tmp_path: Path, word: str) -> Path:
    """The site's content without PAGE, its topic vocabulary holding `word` (analyze teaches
    the vocabulary to its keyword cutter)."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns("templates", PAGE.name))
    config = content / "site.toml"
    text = config.read_text(encoding="utf-8")
    assert '"基层治理" = ["基层治理", ' in text
    config.write_text(text.replace('"基层治理" = ["基层治理", ', f'"基层治理" = ["基层治理", "{word}", '),
                      encoding="utf-8")
    return content


def _headings(extracted: dict) -> list[str]:
    return [block["text"] for article in extracted["pages"][0]["articles"] for block in article["blocks"]
            if block["type"] == "heading"]


def test_a_page_reads_the_same_after_a_build_taught_words(tmp_path):
    fresh = _run(EXTRACT, str(PAGE))
    assert any(heading.endswith("落脚点") for heading in _headings(fresh))  # the subheading WORD would unmake
    content = _content_teaching(tmp_path, WORD)
    after_build = _run(BUILD_THEN_EXTRACT, str(PAGE), str(content), str(tmp_path / "public"), WORD)
    assert _headings(after_build) == _headings(fresh)
    assert after_build == fresh
