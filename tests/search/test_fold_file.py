"""The fold table the search page loads in parts when it needs them (static/search-fold/) is
the one the index folds by, and the page lists exactly the characters it maps, each with its
part."""
from __future__ import annotations

import json

from site_builder.search import FOLD_FOLDER, FOLD_PART, fold_files, fold_keys
from site_builder.search.normalize import t2s_table


def test_the_static_fold_files_are_the_index_fold_table():
    files = fold_files()
    # written by: python -c "from site_builder.search import *; [(FOLD_FOLDER / n).write_text(t, 'utf-8') for n, t in fold_files().items()]"
    assert {f.name: f.read_text(encoding="utf-8") for f in FOLD_FOLDER.iterdir()} == files
    table = {}
    for n in range(len(files)):
        pairs = json.loads(files[f"{n}.json"])
        assert len(pairs) == 2 * FOLD_PART or n == len(files) - 1
        table.update(zip(pairs[::2], pairs[1::2], strict=True))
    assert table == t2s_table()


def test_the_page_lists_the_folded_characters_as_rising_differences():
    listed = fold_keys()
    code, chars = 0, []
    for step in listed["keys"].split(","):
        assert int(step, 36) > 0
        code += int(step, 36)
        chars.append(chr(code))
    assert set(chars) == set(t2s_table()) and listed["part"] == FOLD_PART
    for n, text in fold_files().items():  # the k-th listed character is in part k // part
        part = int(n.split(".")[0])
        assert set(json.loads(text)[::2]) == set(chars[part * FOLD_PART:(part + 1) * FOLD_PART])
