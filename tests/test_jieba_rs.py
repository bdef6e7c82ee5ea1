"""rjieba's segmenter class loaded without its package's default instance (site_builder/jieba_rs.py)."""
from __future__ import annotations

import subprocess
import sys
import textwrap

TEXT = "推进基层治理现代化，以科技创新引领新质生产力。城市更新要坚持人民城市理念。"

PROBE = textwrap.dedent(f"""
    import sys
    from site_builder.analyze.keywords import KeywordReader
    from site_builder.ingest import lexicon

    keywords = KeywordReader(["新质生产力"]).keywords({TEXT!r})
    words = lexicon.cut({TEXT!r})
    print("package loaded" if "rjieba" in sys.modules else "package not loaded")
    import rjieba  # a later import of the package finds its extension module loaded

    plain = rjieba.Jieba()
    print(words == plain.cut({TEXT!r}, False), rjieba.cut({TEXT!r}, False) == words, bool(keywords))
""")


def test_keywords_and_ingest_cut_without_the_package_default_instance():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["package not loaded", "True True True"]
