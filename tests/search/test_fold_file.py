"""The fold table the search page loads when it needs it (static/search-fold.json) is the one
the index folds by, and the page lists exactly the characters it maps."""
from __future__ import annotations

import json

from site_builder.search import FOLD_FILE, fold_file_text, fold_keys
from site_builder.search.normalize import t2s_table


def test_the_static_fold_file_is_the_index_fold_table():
    assert FOLD_FILE.read_text(encoding="utf-8") == fold_file_text()  # python -c "…fold_file_text()" writes it
    pairs = json.loads(fold_file_text())
    assert dict(zip(pairs[::2], pairs[1::2], strict=True)) == t2s_table()


def test_the_page_lists_the_folded_characters_as_rising_differences():
    code, listed = 0, set()
    for step in fold_keys().split(","):
        assert int(step, 36) > 0
        code += int(step, 36)
        listed.add(chr(code))
    assert listed == set(t2s_table())
