"""How the pf_meta, loaded before the first query, lists pages and index chunks (``names``):
by place, in few bytes, and still read by Pagefind's rule (the first listed chunk whose
``from <= word <= to``)."""
from __future__ import annotations

import gzip
import json
import random

from site_builder.config import SiteConfig
from site_builder.search import build_index
from site_builder.search.names import CHUNK_FROM, LISTED_COUNT, PageNames, chunk_name, listed_count
from site_builder.search.reproducible import decode, encode

SIGNATURE = len(b"pagefind_dcd")


def _read(path):
    return decode(gzip.decompress(path.read_bytes())[SIGNATURE:])


def _engine_chunks(listed: list[list[str]], word: str) -> list[str]:
    """The chunks Pagefind 1.5.2's ``request_indexes`` loads for ``word``: every one whose
    range holds it."""
    return [name for low, high, name in listed if low <= word <= high]


def test_a_chunk_name_lies_from_its_last_word_up_to_the_next_chunk():
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    rng = random.Random(7)
    for _ in range(2000):
        words = sorted({"".join(rng.choice(alphabet[:rng.randint(2, 36)]) for _ in range(rng.randint(1, 9)))
                        for _ in range(2)})
        if len(words) < 2:
            continue
        last, following = words
        name = chunk_name(last, following)
        assert last <= name < following and (name == last or following.startswith(name))
    assert chunk_name("0ff10j1r3", "0ff10j1s2") == "0ff10j1s"
    assert chunk_name("4e2d", "4e2d0") == "4e2d"  # no shorter string between them
    assert chunk_name("zz", None) == "zz"


def test_every_page_is_listed_with_one_word_count():
    assert {listed_count(n) for n in (1, 7, 1000, 4100, 65000)} == {LISTED_COUNT} and listed_count(0) == 0
    assert len(encode([LISTED_COUNT])) == 2  # one byte of CBOR a page, after the array's head


def test_pages_are_named_by_day_and_rank():
    names = PageNames()
    got = [names.name(d) for d in ("2024-05-01", "2024-05-01", "", "2024-05-02", "2024-13-01", "2024-05-01")]
    assert got[0][:4] == got[1][:4] < got[3][:4] and len(got[0]) == 5
    assert got[:2] == [got[0][:4] + "0", got[0][:4] + "1"] and got[5] == got[0][:4] + "2"
    assert got[2] == "_0" and got[4] == "_1"  # undated (or no day of the calendar): after every day
    assert len(set(got)) == len(got)


def test_the_seed_bundle_lists_pages_and_chunks_by_place(seed_site, tmp_path):
    """Every word of the index is found by the engine's rule in the chunk that holds it, and in
    no other; the chunks are named by their upper bound, each listed from the one before; each page by its
    day and rank, with one word count (the fragment keeps its own)."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(seed_site, site, ignore=shutil.ignore_patterns("pagefind", "_headers"))
    build_index(site, SiteConfig(), cache=None)
    bundle = site / "pagefind"
    meta = _read(next(bundle.glob("*.pf_meta")))
    listed = meta[2]
    assert len(listed) > 3 and all(high == name for _, high, name in listed)
    assert listed[0][0] == CHUNK_FROM and all(low in (name, name + CHUNK_FROM) for (_, _, name), (low, _, _)
                                                in zip(listed, listed[1:], strict=False))
    for _, _, name in listed:
        for word, _entries, _ in _read(bundle / "index" / f"{name}.pf_index")[0]:
            assert _engine_chunks(listed, word) == [name], word  # that one chunk only
            for near in (word + "0", word[:-1], word[:-1] + "z"):  # other strings load two at most
                assert len(_engine_chunks(listed, near)) <= 2, near
    assert _engine_chunks(listed, "") == []  # a search by filters only loads no chunk
    for name, count in meta[1]:
        fragment = json.loads(gzip.decompress((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())[SIGNATURE:])
        assert count == listed_count(fragment["word_count"]) and count != 0
        assert len(name) == 5 or name.startswith("_")
