"""Common bigrams: a fixed list, and the two kinds of index words made of them.

A query part looks up every bigram it spans, each with every position in every page: a
bigram of the archive's common words (治理, 城市, 发展) is in nearly every page, tens of
times, and its entry alone is a quarter of a megabyte gzipped at 10,000 articles. Two kinds of
words make such a part cheaper, both decided by this list alone, never by the content (an
edit must not change other pages' words):

  w + bigram        a *twin*: the page holds the bigram (one fixed position, as a presence
                    word has): a part of exactly those two characters needs no positions;
  v + 4 codes       a *quad*: the four characters of two common bigrams one after the other
                    (城市治理), at the position of the first: a phrase looks it up instead of
                    its first bigram, and a phrase that ends with it drops the two bigrams
                    after it (its covering words are rarer than the bigrams they replace).

The list is the commonest two-character words of jieba's dictionary (its frequencies, a
general corpus: not this archive's text), written once by ``python -m site_builder.search.heavy``
(``heavy.json``). The search page loads it in parts (``heavy_files``, in the static folder
beside ``search.js``): a query the parts of its characters, each bigram in the part of its
first character's code point (~0.3 KB each, against 6.9 KB for the whole list).
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import numpy as np
import numpy.typing as npt

from site_builder.search.cborarrays import Ints
from site_builder.search.normalize import PRESENCE, QUAD, TWIN, PartPlan, boundary_token, char_code, fold, t2s_table

HEAVY_FILE = Path(__file__).with_name("heavy.json")
HEAVY_COUNT = 2048  # 11 bits a bigram's rank (a quad's key holds two ranks)
HEAVY_FOLDER = Path(__file__).parent.parent / "templates" / "static" / "search-heavy"
HEAVY_PARTS = 64  # a bigram is in part (first code point % HEAVY_PARTS)
_POINT_BITS = 21
_CJK = re.compile(r"[\u4e00-\u9fa5]{2}")


@functools.lru_cache(maxsize=1)
def heavy_bigrams() -> tuple[str, ...]:
    """The list, in code point order (as the index's words sort)."""
    joined = json.loads(HEAVY_FILE.read_text(encoding="utf-8"))
    return tuple(joined[k:k + 2] for k in range(0, len(joined), 2))


@functools.lru_cache(maxsize=1)
def heavy_lows() -> Ints:
    """Each listed bigram as the low bits of its key (``first << 21 | second + 1``), rising:
    a bigram's rank is its index here."""
    return np.array([ord(b[0]) << _POINT_BITS | (ord(b[1]) + 1) for b in heavy_bigrams()], np.int64)


@functools.lru_cache(maxsize=1)
def heavy_points() -> tuple[Ints, Ints]:
    """Each listed bigram's first and second code points, by rank."""
    lows = heavy_lows()
    return lows >> _POINT_BITS, (lows & ((1 << _POINT_BITS) - 1)) - 1


def heavy_ranks(lows: Ints) -> Ints:
    """The rank of each bigram of ``lows`` (key low bits) in the list, -1 where not listed: by
    its characters' row and column in a table of the listed bigrams (``_rank_table``), ~5 times
    faster than a binary search of the list for a page's ~3,000 bigrams."""
    rows, columns, width, table = _rank_table()
    firsts = np.minimum(lows >> _POINT_BITS, _TABLE_POINTS)
    seconds = np.minimum((lows & ((1 << _POINT_BITS) - 1)) - 1, _TABLE_POINTS)
    return table[rows[firsts].astype(np.int64) * width + columns[seconds]].astype(np.int64)


_TABLE_POINTS = 0x10000  # the listed bigrams' characters are below (CJK); any above has no row or column


@functools.lru_cache(maxsize=1)
def _rank_table() -> tuple[npt.NDArray[np.int16], npt.NDArray[np.int16], int, npt.NDArray[np.int16]]:
    """Each code point's row (by first characters) and column (by second characters) in a
    table of the listed bigrams' ranks (the last row and column: a character that starts, or
    ends, none; -1 where no bigram is listed), its rows' width, the table (~0.6 million cells)."""
    firsts, seconds = heavy_points()
    assert int(max(firsts.max(), seconds.max())) < _TABLE_POINTS and len(firsts) < 1 << 15
    starting, ending = np.unique(firsts), np.unique(seconds)
    rows = np.full(_TABLE_POINTS + 1, len(starting), np.int16)
    rows[starting] = np.arange(len(starting))
    columns = np.full(_TABLE_POINTS + 1, len(ending), np.int16)
    columns[ending] = np.arange(len(ending))
    table = np.full((len(starting) + 1) * (len(ending) + 1), -1, np.int16)
    table[rows[firsts].astype(np.int64) * (len(ending) + 1) + columns[seconds]] = np.arange(len(firsts))
    return rows, columns, len(ending) + 1, table


def heavy_files() -> dict[str, str]:
    """``HEAVY_FOLDER``'s files: part n, the listed bigrams whose first character's code point
    is n modulo ``HEAVY_PARTS``, or that of a character the fold table maps to it, as a JSON
    string of them end to end (code point order), by file name. So the parts of a query's
    characters as typed cover its folded characters too: a query with a traditional character
    waits for its fold part and the list's parts at once, not one after the other."""
    parts: list[set[str]] = [set() for _ in range(HEAVY_PARTS)]
    by_first: dict[str, list[str]] = {}
    for bigram in heavy_bigrams():
        parts[ord(bigram[0]) % HEAVY_PARTS].add(bigram)
        by_first.setdefault(bigram[0], []).append(bigram)
    for traditional, simplified in t2s_table().items():
        parts[ord(traditional) % HEAVY_PARTS].update(by_first.get(simplified, ()))
    return {f"{n}.json": json.dumps("".join(sorted(part)), ensure_ascii=False) + "\n" for n, part in enumerate(parts)}


def search_words(plan: PartPlan) -> tuple[tuple[str, ...], bool]:
    """The words a part's text search looks up, and whether they are a twin (no positions):
    its presence word; the twin of a part of one listed bigram; else its phrase with each
    bigram that starts a quad replaced by the quad (a rarer word at the same position), and
    the two bigrams after a quad that ends the part dropped (the quad covers them).
    ``search.js``'s ``searchWords`` is the same."""
    if plan.single:
        return (PRESENCE + plan.single,), False
    listed = set(heavy_bigrams())
    runs = plan.text.split(" ")
    if len(runs) == 1 and runs[0] in listed:
        return (TWIN + "".join(map(char_code, runs[0])),), True
    words: list[str] = []
    for i, run in enumerate(runs):
        codes = [char_code(c) for c in run]

        def quad(k: int, run: str = run) -> bool:
            return k + 3 < len(run) and run[k:k + 2] in listed and run[k + 2:k + 4] in listed

        if i:
            words.append(boundary_token(runs[i - 1], run))
        bigrams = len(run) - 3 if i == len(runs) - 1 and len(run) >= 4 and quad(len(run) - 4) else len(run) - 1
        words.extend(QUAD + "".join(codes[k:k + 4]) if quad(k) else codes[k] + codes[k + 1] for k in range(bigrams))
    return tuple(words), False


def make_heavy(dictionary: Path, count: int = HEAVY_COUNT) -> str:
    """The ``count`` commonest two-character words of jieba's ``dictionary`` (lines ``word
    frequency tag``) of common ideographs that folding leaves as they are, joined in code
    point order."""
    rows = []
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        word, frequency, *_ = line.split(" ")
        if _CJK.fullmatch(word) and fold(word) == word:
            rows.append((-int(frequency), word))
    return "".join(sorted(word for _, word in sorted(rows)[:count]))


if __name__ == "__main__":  # write the list and its parts: python -m site_builder.search.heavy
    import jieba

    HEAVY_FILE.write_text(json.dumps(make_heavy(Path(jieba.__file__).with_name("dict.txt")), ensure_ascii=False) + "\n",
                          encoding="utf-8")
    HEAVY_FOLDER.mkdir(exist_ok=True)
    for name, text in heavy_files().items():
        (HEAVY_FOLDER / name).write_text(text, encoding="utf-8")
    print(f"{len(heavy_bigrams())} bigrams")
