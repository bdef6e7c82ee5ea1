"""Three articles whose columns a text layer read in turns (column_turns, turn_drafts)."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest import column_turns
from site_builder.ingest.column_grid import Piece
from site_builder.ingest.raw_page import extract_text
from tests.ingest.sim import make_page
from tests.ingest.sim.check import extract_page, page_problems
from tests.ingest.sim.interleave import _columns

TURNS = "columns were read in turns"

# simulator pages once misread, each for a reason of its own
REGRESSION_SEEDS = {
    100_000: "three articles, each ending in a column of its own",
    480_000: "a column that ends early: two readings fit the grid, the cut sentence's text decides",
    480_002: "a subheading right after a closing group (segmentation took it for a title)",
    580_046: "a column cut before a number, which a line never breaks (farther off the line's end)",
    # a column's foot right above the next article's title, read as the title's first line
    480_015: "a foot stopping on a bare preposition after its subject (…平台把)",
    780_084: "a foot that is a sentence's first clause, ending on its comma (…定位不同，)",
    880_069: "a foot stopping in mid-phrase after its subject (…平台把交通、水务、燃气、环境)",
    880_073: "a foot stopping on a word's first character (…保基本、兜)",
}


@pytest.mark.parametrize("seed", sorted(REGRESSION_SEEDS))
def test_three_columns_page_read_apart(seed: int):
    page = make_page(seed, "three-columns")
    doc = extract_page(page, f"three-columns-{seed}.txt")
    assert page_problems(page, doc) == [], REGRESSION_SEEDS[seed]
    assert any(TURNS in w.message for w in doc.warnings)


SYLLABLES = "春夏秋冬东南西北山川河海风云雷雨花草树木金木水火土日月星辰天地人和"


def _paragraph(n: int, start: int) -> str:
    """n characters of running text (no two alike in a row), ending a sentence."""
    return "".join(SYLLABLES[(start + k * 7) % len(SYLLABLES)] for k in range(n - 1)) + "。"


def _article(lengths: list[int], start: int) -> list[tuple[str, str]]:
    return [("paragraph", _paragraph(n, start + k)) for k, n in enumerate(lengths)]


def _piece(text: str) -> Piece:
    return Piece(text, "end" if text.endswith("。") else "cut")


def test_grid_gives_each_column_to_its_article():
    width, height = 10, 6
    articles = [_article([70, 45, 60], 0), _article([55, 80], 3), _article([48, 52, 40], 5)]
    columns = [_columns(None, blocks, height, width, i) for i, blocks in enumerate(articles)]
    assert min(len(c) for c in columns) >= 3  # (every article takes several turns)
    stream, owners, closings = [], [], set()
    for k in range(max(len(c) for c in columns)):
        for i, cols in enumerate(columns):
            if k < len(cols):
                stream += [x.text for x in cols[k]]
                owners += [i] * len(cols[k])
                if k == len(cols) - 1:
                    closings.add(len(stream))
    first_a, first_b = len(columns[0][0]), len(columns[1][0])
    pieces = [_piece(t) for t in stream]
    found = column_turns.readings([pieces[:first_a], pieces[first_a:first_a + first_b]],
                                  pieces[first_a + first_b:], frozenset(closings))
    assert found and found[0].owners == tuple(owners)
    assert (width, height) in {(r.width, r.height) for r in found if r.cost == found[0].cost}


def _stream(columns, order):
    """The columns' texts in the order given, and where each article's last column ends."""
    stream, closings = [], set()
    for i, k in order:
        stream += [x.text for x in columns[i][k]]
        if k == len(columns[i]) - 1:
            closings.add(len(stream))
    return [_piece(t) for t in stream], frozenset(closings)


def test_no_grid_reads_columns_out_of_turn():
    width, height = 10, 6
    articles = [_article([70, 45, 60], 0), _article([55, 80], 3), _article([48, 52, 40], 5)]
    columns = [_columns(None, blocks, height, width, i) for i, blocks in enumerate(articles)]
    turns = [(i, k) for k in range(max(map(len, columns))) for i in range(3) if k < len(columns[i])]
    in_turn, closings = _stream(columns, turns)
    a, b = len(columns[0][0]), len(columns[1][0])
    assert column_turns.readings([in_turn[:a], in_turn[a:a + b]], in_turn[a + b:], closings)
    # the third article's second column read before the first article's
    swapped = turns[:3] + [turns[5], turns[3], turns[4]] + turns[6:]
    out_of_turn, closings = _stream(columns, swapped)
    assert column_turns.readings([out_of_turn[:a], out_of_turn[a:a + b]], out_of_turn[a + b:], closings) == []


# pages with three or four articles; a column break cuts a paragraph on the column-break ones
NO_FOOTER_PAGES = [("clean", seed) for seed in (9_000, 9_002, 9_003, 9_004, 9_005, 9_007, 9_008)] \
    + [("column-break", seed) for seed in (9_005, 9_009)]


@pytest.mark.parametrize("kind,seed", NO_FOOTER_PAGES)
def test_articles_printed_one_after_another_are_not_read_in_turns(kind: str, seed: int):
    """Articles with no closing lines, each printed whole: segmentation offers every three
    of them to the reading in turns, and no grid reads them so."""
    page = make_page(seed, kind)
    footers = {line for a in page.articles for line in a.footer}
    text = "\n".join(line for line in page.text.split("\n") if line.strip() not in footers)
    doc = extract_text(Path(f"no-footers-{seed}.txt"), text)
    assert not [w.message for w in doc.warnings if TURNS in w.message]
    assert len(doc.articles) == len(page.articles)


def test_a_byline_at_the_foot_of_an_articles_last_column_closes_it():
    """An article signed at its end: its byline (here a line of names, unmarked) printed
    under its last column, before its closing lines. Segmentation opens no article there but
    signs the headless draft of columns above it, which the reading in turns then left out;
    the byline is a closing group's first line and goes to the article its column ends."""
    misread = []
    for seed in (100_000, 100_002, 100_010, 100_012, 100_013, 100_014, 100_015):
        page = make_page(seed, "x", ["three-columns", "byline-after"])
        if page_problems(page, extract_page(page, f"three-columns-byline-after-{seed}.txt")):
            misread.append(seed)
    assert misread == []


def test_a_title_alone_over_an_articles_first_column_heads_it():
    """One of three articles read in turns signed at its end: its head is its title alone,
    which segmentation read as a subheading of the draft above (no byline under it). Tried
    as a title where the stream then closes three times, one closing group an article, the
    grid's reading confirms it (a pair read in turns closes twice at most)."""
    misread = []
    for seed in (100_001, 100_003, 100_005, 100_011, 100_018, 110_001):
        page = make_page(seed, "x", ["three-columns", "byline-after"])
        if page_problems(page, extract_page(page, f"three-columns-title-alone-{seed}.txt")):
            misread.append(seed)
    assert misread == []
