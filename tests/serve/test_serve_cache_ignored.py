"""The build cache inside the content folder is written by every build: writing it must
not look like an edit to the preview (it would rebuild for ever)."""
from __future__ import annotations

import watchfiles

from site_builder.cache import CACHE_DIR_NAME
from site_builder.serve.watch import SiteFilter


def test_writes_into_the_build_cache_are_not_changes(tmp_path):
    content, output = tmp_path / "content", tmp_path / "public"
    watched = SiteFilter(output)
    assert watched(watchfiles.Change.modified, str(content / "articles" / "a.md"))
    assert not watched(watchfiles.Change.added, str(content / CACHE_DIR_NAME / "0123" / "document" / "ab" / "x"))
    assert not watched(watchfiles.Change.modified, str(content / CACHE_DIR_NAME))
