"""The bundle writer against Pagefind itself, and builds byte for byte.

For the seed site's article pages, ``pagefind_bin`` indexing their words as HTML pages and
``writer`` must give the same index: every word with the same pages, positions
and weights (the presence words and twins: the same pages, each at our one position), the
same word counts and filters; the quads, which no HTML page can place at a bigram's position,
at each position of their first bigram where their other two follow. (Pagefind also indexes the letter and digit
runs inside a word as words of their own; none is 4 characters or longer, the shortest word
a query looks up, so they never answer a query.)
"""
from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

from site_builder.config import SiteConfig
from site_builder.search import _indexable_pages, _pagefind_url, build_index, indexer
from site_builder.search.reproducible import decode
from site_builder.search.normalize import CODE_WIDTH, PRESENCE, QUAD, TITLE, TWIN
from site_builder.search.extract import Block, PageRecord
from site_builder.search.postings import BLOCK_STEP, MARK_POSITION, SHARDS, TEXT_WEIGHT, block_starts, page_items
from site_builder.search.shadow import GAP_WORD, gap_words, page_words, shadow_html
from site_builder.search.tokens import item_keys, text_tokens
from site_builder.search.writer import WIDE, BundleIndex, ShardIndex, encode_page, part_file, part_text

SIGNATURE = len(b"pagefind_dcd")


def _read(path: Path):
    return decode(gzip.decompress(path.read_bytes())[SIGNATURE:])


def load(bundle: Path) -> tuple[dict, dict, dict]:
    """(url -> word count, word -> {url: locations}, filter -> {value: [urls]}) of a bundle."""
    meta = _read(next(bundle.glob("*.pf_meta")))
    urls, counts = [], {}
    for name, _ in meta[1]:  # ours lists a count cut short (``test_names``), the fragment the whole
        fragment = json.loads(gzip.decompress((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())[SIGNATURE:])
        urls.append(fragment["url"])
        counts[fragment["url"]] = fragment["word_count"]
    words = {}
    for chunk in bundle.glob("index/*.pf_index"):
        for word, entries, _variants in _read(chunk)[0]:
            page, pages = 0, {}
            for k, (number, locations, *meta_locations) in enumerate(entries):
                page = number if k == 0 else page + number  # differences after the first
                assert meta_locations in ([], [[]])  # ours leave out the empty third
                pages[urls[page]] = locations
            words[word] = pages
    filters = {}
    for f in bundle.glob("filter/*.pf_filter"):
        name, values = _read(f)
        filters[name] = {value: sorted(urls[n] for n in numbers) for value, numbers in values}
    return counts, words, filters


def test_the_writer_indexes_exactly_what_pagefind_does(seed_site, tmp_path):
    pages = [page_words(_pagefind_url(rel), record) for rel, record in _indexable_pages(seed_site)]
    assert len(pages) >= 8 and any(w != TEXT_WEIGHT for p in pages for w, _ in p.blocks)  # headings weigh more
    for page in pages:
        target = tmp_path / "shadow" / page.url.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(shadow_html(page, "zh-cn"), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", str(tmp_path / "shadow"),
                    "--output-path", str(tmp_path / "theirs"), "--silent"], check=True)
    bundle = BundleIndex(tmp_path / "ours", "zh-cn", "1.5.2")
    shards = [ShardIndex() for _ in range(SHARDS)]
    for page in pages:
        encoded = encode_page(page)
        number = bundle.add(encoded)
        for k, shard in enumerate(shards):
            shard.add(number, encoded.items.shard(k))
    bundle.write([chunk for n, shard in enumerate(shards) for chunk in shard.write_chunks(tmp_path, f"s{n}")])
    their_counts, their_words, their_filters = load(tmp_path / "theirs")
    our_counts, our_words, our_filters = load(tmp_path / "ours")
    # the shadow pages' gap words fill the positions between blocks: counted by Pagefind, not by us
    gaps = {page.url: sum(gap_words(len(words)) for _, words in page.blocks) for page in pages}
    assert {url: count + gaps[url] for url, count in our_counts.items()} == their_counts
    assert our_filters == their_filters
    assert len(our_words) > 5000
    marks, quads = 0, 0
    for word, pages_of in our_words.items():
        if word.startswith((PRESENCE, TITLE + PRESENCE, TWIN)):  # the same pages, all at one position
            marks += 1
            assert set(their_words.get(word, ())) == set(pages_of), word
            assert set(map(tuple, pages_of.values())) == {(MARK_POSITION,)}, word  # in the default weight
        elif word.startswith(QUAD):
            quads += 1
            codes = [word[at:at + CODE_WIDTH] for at in range(1, 1 + 4 * CODE_WIDTH, CODE_WIDTH)]
            bigrams = [their_words["".join(codes[k:k + 2]) + word[-1]] for k in range(3)]
            assert pages_of == _quad_items(*bigrams), word
        else:
            assert their_words.get(word) == pages_of, word
    assert marks > 500 and quads > 100
    # an item is [page, locations]: Pagefind's third, empty, field left out; text positions unmarked
    items = [item for chunk in (tmp_path / "ours").glob("index/*.pf_index") for _, entries, _ in _read(chunk)[0]
             for item in entries]
    assert {len(item) for item in items} == {2}
    assert sum(item[1][0] >= 0 for item in items) > 0.9 * len(items)
    assert all(len(word) < 4 for word in set(their_words) - set(our_words))
    assert GAP_WORD in their_words and GAP_WORD not in our_words


def _positions(locations: list[int]) -> list[tuple[int, int]]:
    """(weight, position) of an item's locations (``postings``: a weight mark, then the first
    position absolute and the next ones differences)."""
    weight, out, last = TEXT_WEIGHT, [], None
    for value in locations:
        if value < 0:
            weight, last = -value - 1, None
            continue
        last = value if last is None else last + value
        out.append((weight, last))
    return out


def _quad_items(first: dict, middle: dict, last: dict) -> dict:
    """Each page's locations of a quad of the bigrams with these items: the first's positions
    where the middle one is one on and the last two on (as ``postings`` writes them)."""
    out = {}
    for url, locations in first.items():
        at = [{position for _, position in _positions(items.get(url, []))} for items in (middle, last)]
        kept = [(weight, position) for weight, position in _positions(locations)
                if position + 1 in at[0] and position + 2 in at[1]]
        if kept:
            out[url] = _locations(kept)
    return out


def _locations(kept: list[tuple[int, int]]) -> list[int]:
    out, weight, last = [], TEXT_WEIGHT, None
    for w, position in sorted(kept):
        if w != weight:
            out.append(-(w + 1))
            weight, last = w, None
        out.append(position if last is None else position - last)
        last = position
    return out


def test_two_builds_write_identical_search_files(seed_site, tmp_path):
    """The bundle and _headers, byte for byte, from two indexings of the same pages."""
    bundles = []
    for name in ("one", "two"):
        site = tmp_path / name
        shutil.copytree(seed_site, site, ignore=shutil.ignore_patterns("pagefind", "_headers"))
        build_index(site, SiteConfig())
        files = sorted(p for p in site.rglob("*") if p.is_file() and (p.name == "_headers" or "pagefind" in p.parts))
        bundles.append({p.relative_to(site).as_posix(): p.read_bytes() for p in files})
    one, two = bundles
    assert sorted(one) == sorted(two) and len(one) > 30
    assert [name for name in one if one[name] != two[name]] == []
    assert any(name.startswith("pagefind/filter/") for name in one)


def _bundle_files(site: Path) -> dict[str, bytes]:
    files = sorted(p for p in site.rglob("*") if p.is_file() and (p.name == "_headers" or "pagefind" in p.parts))
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in files}


def test_the_page_cache_and_the_process_pool_give_the_same_bundle(seed_site, tmp_path, monkeypatch):
    """Indexed in this process without a cache, then on a pool of processes with a page cache
    (cold), then again and after one page's edit (patched from the index the cold run saved,
    ``test_incremental``): the same bytes, and only the edited page encoded again."""
    site = tmp_path / "site"
    shutil.copytree(seed_site, site, ignore=shutil.ignore_patterns("pagefind", "_headers"))
    plain = build_index(site, SiteConfig(), cache=None)
    expected = _bundle_files(site)
    monkeypatch.setattr(indexer, "PARALLEL_FROM", 1)
    monkeypatch.setattr(indexer, "BATCH_PAGES", 3)
    cache = tmp_path / "cache"
    cold = build_index(site, SiteConfig(), cache=cache)
    assert cold.cached == 0 and _bundle_files(site) == expected
    warm = build_index(site, SiteConfig(), cache=cache)
    assert warm.cached == warm.pages == plain.pages and _bundle_files(site) == expected
    page = next(p for p in sorted(site.rglob("index.html")) if "data-pagefind-body" in p.read_text(encoding="utf-8"))
    head, body = page.read_text(encoding="utf-8").split("data-pagefind-body", 1)
    assert "。" in body
    page.write_text(head + "data-pagefind-body" + body.replace("。", "，", 1), encoding="utf-8")
    edited = build_index(site, SiteConfig(), cache=cache)
    assert edited.cached == plain.pages - 1
    changed = {name for name, data in _bundle_files(site).items() if expected.get(name) != data}
    assert any(name.startswith("pagefind/fragment/") for name in changed)


def test_fragments_hold_no_text_and_their_parts_are_the_whole_text(seed_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(seed_site, site, ignore=shutil.ignore_patterns("pagefind", "_headers"))
    build_index(site, SiteConfig(), cache=None)
    texts = {_pagefind_url(rel): "\n".join(b.text for b in record.blocks) for rel, record in _indexable_pages(site)}
    fragments = [json.loads(gzip.decompress(f.read_bytes())[SIGNATURE:]) for f in (site / "pagefind/fragment").iterdir()]
    assert len(fragments) == len(texts) >= 8
    for fragment in fragments:
        assert fragment["content"] == ""
        names = [listed.split(":")[1] for listed in fragment["meta"]["parts"].split(",")]
        parts = [part_text(name, gzip.decompress((site / "pagefind/text" / f"{name}.pf_text").read_bytes()))
                 for name in names]
        assert "\n".join(parts) == texts[fragment["url"]]
    assert "/pagefind/text/*\n  Cache-Control: public, max-age=31536000, immutable" in (site / "_headers").read_text()


def _kept_freed_memory(_: int) -> bool:
    return indexer.__dict__.get("_test_kept_freed", False)


def test_the_indexing_workers_keep_the_memory_they_free(monkeypatch):
    """Each pool worker sets its allocator to keep freed memory (``keep_freed_memory``):
    the arrays of the next batch are not faulted in again."""
    def keep() -> None:
        indexer._test_kept_freed = True  # type: ignore[attr-defined]  (in the worker only)
    monkeypatch.setattr(indexer, "keep_freed_memory", keep)
    with indexer.mapper(indexer.PARALLEL_FROM) as mapped:
        assert all(mapped(_kept_freed_memory, range(4)))
    assert not indexer.__dict__.get("_test_kept_freed", False)


def _tails(page) -> dict[int, bytes]:
    """Each word's tail (its positions, weighted) of a page's items."""
    items = page_items(page.tokens, page.block_sizes, page.marks)
    ends = np.cumsum(items.lengths).tolist()
    return {key: items.tails[end - length:end]
            for key, length, end in zip(items.keys.tolist(), items.lengths.tolist(), ends, strict=True)}


def test_an_edit_inside_a_block_changes_the_entries_of_that_block_s_words_alone():
    blocks = ["新质生产力是创新起主导作用的先进生产力。", "城市治理体系和治理能力现代化。", "教育、科技、人才是基础。"]
    before = page_words("/a/", PageRecord([Block(text) for text in blocks], meta={"title": "标题"}))
    edited = [blocks[0], blocks[1].replace("治理能力", "治理的能力"), blocks[2]]
    after = page_words("/a/", PageRecord([Block(text) for text in edited], meta={"title": "标题"}))
    changed = {key for key, tail in _tails(after).items() if _tails(before).get(key) != tail}
    edited_block = set(item_keys(np.concatenate([text_tokens([text]).keys for text in (edited[1], blocks[1])]), 0).tolist())
    assert changed and changed <= edited_block  # the positions of the other blocks stay
    starts = block_starts([size for _, size in before.block_sizes]).tolist()
    assert all(start % BLOCK_STEP == 0 for start in starts)
    # a free position between blocks: no phrase runs from one block into the next
    assert all(first + size < start for first, (_, size), start in zip(starts[:-1], before.block_sizes, starts[1:], strict=True))
    assert [start for start, _ in after.parts] == starts[:1]  # one part (short blocks), at the first block


def test_a_text_part_is_gb18030_where_browsers_read_it_so_else_utf16():
    """Characters of the genre's text take GB18030's two-byte codes (GBK's region, which the
    browsers' table and Python's read alike); a part with any other character is UTF-16LE."""
    same = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000 and not part_file(chr(c))[0].startswith(WIDE)]
    assert len(same) > 21000
    assert all(len(ch.encode("gb18030")) <= 2 and ch.encode("gb18030").decode("gb18030") == ch for ch in same)
    text = "习近平总书记强调：“发展新质生产力”……（2024年）①、ＡＢＣ abc ×·—"
    name, raw = part_file(text)
    assert not name.startswith(WIDE) and raw == text.encode("gb18030") and part_text(name, raw) == text
    for odd in ("\u1e3f", "\ue5e5", "\U0001f600", "\u9fb4"):  # read otherwise by browsers, or four bytes
        name, raw = part_file(text + odd)
        assert name.startswith(WIDE) and raw == (text + odd).encode("utf-16-le") and part_text(name, raw) == text + odd
