"""What a build leaves in its process: the documents read and the analysis memo stay for
the next build of a long-running process (the preview server) only."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder import sources
from site_builder.analyze import memo
from site_builder.build import BuildOptions, build_site
from test_incremental_property import apply, start_site


@pytest.fixture(autouse=True)
def _nothing_left_after() -> Iterator[None]:
    yield
    memo.forget()
    sources._in_memory.clear()


def test_documents_and_memo_stay_in_memory_only_for_a_long_running_process(tmp_path: Path):
    content = start_site(tmp_path)
    build_site(BuildOptions(content, tmp_path / "once", with_search=False))
    assert not sources._in_memory and not memo._tables
    apply(content, ("config", 2, "理论档案"))  # (a build that takes the last analysis loads no memo: analyze/carry.py)
    build_site(BuildOptions(content, tmp_path / "served", with_search=False, long_running=True))
    assert len(sources._in_memory) == len(list((content / "articles").glob("*.md"))) + 1  # and the raw page
    assert memo._tables["keywords"]


def test_rendering_an_edit_looks_its_answers_up_in_the_memo_the_analysis_loaded(tmp_path: Path):
    """The memo is dropped as the build ends, not as the analysis does: the render's lookups
    (the newspapers' slugs, the same as the source terms') are answered from it, and an
    edit works out no slug again."""
    content = start_site(tmp_path)
    (content / "articles" / "printed.md").write_text(
        "---\ntitle: 把工作做实\nauthors: [李明]\ndate: 2024-03-05\npaper: 人民日报\npage: 5\n"
        "page_name: 理论\n---\n调查研究是谋事之基、成事之道。\n", encoding="utf-8")
    build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    apply(content, ("append md", "a", "干部要多到一线去。"))
    computed = []
    real_lookup = memo.lookup

    def lookup(kind, arguments, compute):
        return real_lookup(kind, arguments, lambda: computed.append(kind) or compute())

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(memo, "lookup", lookup)
        build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    assert not [kind for kind in computed if kind.endswith("pinyin_slug")]
    assert not memo._tables
