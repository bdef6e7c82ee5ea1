"""A build lays out the newspaper view once: its page plans and the templates' links to it
(render/context.py) take the same newspapers."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from site_builder.build import BuildOptions, build_site
from site_builder.render import papers

ROOT = Path(__file__).resolve().parents[2]


def test_a_build_lays_out_the_newspapers_once(tmp_path, monkeypatch):
    content = tmp_path / "content"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_archive.py"), "--articles", "30",
                    "--out", str(content)], check=True, capture_output=True)
    laid_out = []
    real = papers.newspapers
    monkeypatch.setattr(papers, "newspapers", lambda archive: laid_out.append(len(archive.entries)) or real(archive))
    build_site(BuildOptions(content, tmp_path / "public", with_search=False, cache=False))
    assert laid_out == [30]
    assert (tmp_path / "public" / "papers" / "index.html").is_file()
