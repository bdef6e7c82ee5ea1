"""What a build leaves in its process: the documents read and the analysis memo stay for
the next build of a long-running process (the preview server) only."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder import sources
from site_builder.analyze import memo
from site_builder.build import BuildOptions, build_site
from test_incremental_property import start_site


@pytest.fixture(autouse=True)
def _nothing_left_after() -> Iterator[None]:
    yield
    memo.forget()
    sources._in_memory.clear()


def test_documents_and_memo_stay_in_memory_only_for_a_long_running_process(tmp_path: Path):
    content = start_site(tmp_path)
    build_site(BuildOptions(content, tmp_path / "once", with_search=False))
    assert not sources._in_memory and not memo._tables
    build_site(BuildOptions(content, tmp_path / "served", with_search=False, long_running=True))
    assert len(sources._in_memory) == len(list((content / "articles").glob("*.md"))) + 1  # and the raw page
    assert memo._tables["keywords"]
