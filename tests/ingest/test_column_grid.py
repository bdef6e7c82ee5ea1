"""Replaying a column grid: two articles set in columns of W characters by L lines and read
in turns give their reading back, a cut is checked against the rest of its paragraph, and a
text layer without a grid gives none."""
from __future__ import annotations

import random
from collections import Counter

from site_builder.ingest import column_grid
from site_builder.ingest.column_grid import Piece, Step, _Cut, kinsoku_ok
from site_builder.ingest.interleave import Background
from site_builder.ingest.interleave.reader import Reader
from site_builder.ingest.lines import Unit
from site_builder.ingest.segment import Draft
from tests.ingest import simulator

WIDTH, HEIGHT = 12, 9


def _paragraphs(rng: random.Random, n: int, headings: int = 0) -> list[tuple[str, str]]:
    """n paragraphs, every third after the first led by a subheading (up to `headings`)."""
    pool, clauses = simulator.sentence_pool(), simulator.clause_pool()
    blocks: list[tuple[str, str]] = []
    for k in range(n):
        if k and k % 3 == 0 and headings:
            blocks.append(("heading", simulator._heading(rng, clauses)))
            headings -= 1
        blocks.append(("paragraph", "".join(rng.sample(pool, 3))))
    return blocks


def _piece(line) -> Piece:
    """A piece as the cleaner sees it: a cut stops in mid-sentence."""
    return Piece(line.text, "cut" if line.role == "cut" else ("maybe" if line.role == "heading" else "end"))


def _interleaved(seed: int, glue: bool = False):
    """(first column, the stream after the second article's head, the true reading) of two
    articles set in columns by the simulator's typesetter and read in turns."""
    rng = random.Random(seed)
    a_cols = simulator._columns(rng, _paragraphs(rng, 9, headings=2), HEIGHT, WIDTH, 0)
    b_cols = simulator._columns(rng, _paragraphs(rng, 4), HEIGHT, WIDTH, 1)
    assert 1 < len(b_cols) < len(a_cols)
    stream: list[Piece] = []
    path: list[Step] = []
    for k in range(1, len(a_cols)):
        columns = [("B", b_cols[k - 1])] if k <= len(b_cols) else []
        for owner, col in columns + [("A", a_cols[k])]:
            for n, line in enumerate(col):
                if glue and n == 0 and stream and stream[-1].shape == "cut" and line.role == "rest" \
                        and path[-1].owner != owner:
                    # the column's first line read with the other column's last
                    cut, head_owner = stream.pop(), path.pop().owner
                    before = path[-1].owner if path else "B"
                    stream.append(Piece(cut.text + line.text, "end"))
                    path.append(Step(owner, "split" if head_owner == before or not path else "bounce", len(cut.text)))
                    continue
                stream.append(_piece(line))
                path.append(Step(owner, "stay" if len(path) == 0 or path[-1].owner == owner else "switch"))
    return [_piece(line) for line in a_cols[0]], stream, tuple(path)


def test_the_true_layout_is_among_those_the_first_column_allows():
    first, _, _ = _interleaved(3)
    assert (WIDTH, HEIGHT) in column_grid.layouts(first)


def test_the_grid_gives_back_the_reading_of_columns_read_in_turns():
    """Subheadings included: set with a line of space, kept with two lines of text (one that
    would stand at a column's foot moves to the next column, which ends early)."""
    for seed in range(3, 11):
        first, stream, truth = _interleaved(seed)
        found = column_grid.readings(first, stream, WIDTH, HEIGHT)
        assert truth in {r.path for r in found if r.cost == 0}, seed


def test_a_glued_line_splits_where_the_column_ends():
    hits = 0
    for seed in range(3, 12):
        first, stream, truth = _interleaved(seed, glue=True)
        if not any(step.move == "split" for step in truth):
            continue
        hits += 1
        assert truth in {r.path for r in column_grid.readings(first, stream, WIDTH, HEIGHT)}, seed
    assert hits >= 3


def test_a_wrong_layout_explains_no_page():
    first, stream, truth = _interleaved(5)
    wrong = [(w, h) for w, h in column_grid.layouts(first) if w not in (WIDTH, WIDTH // 2, WIDTH * 2)]
    assert not any(r.path == truth for w, h in wrong for r in column_grid.readings(first, stream, w, h))


def test_a_cut_stands_at_the_nearest_place_a_line_may_break():
    tail = "推进城市更新"  # a cut, 6 characters, ending where its column's last line ends
    # at the line's end: the next line opens with a character
    assert kinsoku_ok(_Cut(tail, 0, 40), "行动，完善法治保障。", 10)
    # a character short of it: only where the line's end would have opened a line with a mark
    assert kinsoku_ok(_Cut(tail[:-1], -1, 39), "新，完善法治保障。", 10)
    assert not kinsoku_ok(_Cut(tail[:-1], -1, 39), "新行动完善法治保障。", 10)
    # a cut never falls at a sentence's end, nor leaves a few characters to the next column
    assert not kinsoku_ok(_Cut("城市更新。", 0, 40), "完善法治保障。", 10)
    assert not kinsoku_ok(_Cut(tail, 0, 40), "行动完善。", 5)


def test_a_paragraph_broken_inside_a_column_is_counted_whole():
    """A text layer may break a paragraph inside a column (a page break it added): the grid
    reads on, the short unterminated line read as cut text, not as a subheading."""
    first, stream, truth = _interleaved(4)
    k = next(i for i, p in enumerate(stream) if p.shape == "end" and len(p.text) > 30 and truth[i].move == "stay")
    text = stream[k].text
    broken = stream[:k] + [Piece(text[:12], "maybe"), Piece(text[12:], "end")] + stream[k + 1:]
    truth2 = truth[:k] + (truth[k], Step(truth[k].owner, "stay")) + truth[k + 1:]
    found = {r.path: r for r in column_grid.readings(first, broken, WIDTH, HEIGHT)}
    assert truth2 in found
    assert found[truth2].cost == column_grid.JOIN
    assert len(first) + k in found[truth2].cuts


def _unit(text: str) -> Unit:
    return Unit(text, [], text, False, "text")


def test_a_text_layer_without_a_grid_gives_no_grid_reading():
    """Feet that fill no line (a typesetter who compresses punctuation) leave the reading to
    the text alone."""
    rng = random.Random(9)
    pool = simulator.sentence_pool()
    first = [_unit("".join(rng.sample(pool, 2))), _unit("".join(rng.sample(pool, 2))[:-5])]
    second = [_unit("".join(rng.sample(pool, 2)) if n % 2 else "".join(rng.sample(pool, 3))[:-7])
              for n in range(7)]
    reader = Reader(Draft(body=first), Draft(body=second), Background.of(Counter()))
    assert reader.stream.plausible()  # (a page the reader would read)
    assert reader.read_by_grid() is None
