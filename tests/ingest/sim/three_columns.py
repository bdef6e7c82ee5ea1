"""Three articles stacked on a page, each set in columns, read column by column across them."""
from __future__ import annotations

from tests.ingest.sim.interleave import HEAD_ROLES, _columns
from tests.ingest.sim.page import Line


PARAGRAPHS = 4  # each article's first paragraphs only: reading three in turns costs the extraction seconds


def _shorten(lines: list[Line], art, i: int, paragraphs: int) -> list[Line]:
    """`art` cut after its first `paragraphs` paragraphs (a subheading never ends it)."""
    keep = [k for k, (kind, _) in enumerate(art.blocks) if kind == "paragraph"][:paragraphs][-1] + 1
    dropped = {text for _, text in art.blocks[keep:]}
    art.blocks = art.blocks[:keep]
    return [x for x in lines if not (x.article == i and x.role in ("paragraph", "heading") and x.text in dropped)]


def three_columns(rng, lines, page):
    """Three neighbouring articles stacked one above the other, each in columns of the same
    width, and a text layer that reads the page column by column: a column of the first,
    then the one below it of the second, then of the third, then the next column of the
    first, and so on. Each article's head comes before its first column, its closing lines
    after its last; an article that runs out of columns drops out of the turns."""
    articles = page.articles
    if len(articles) < 3:
        return lines
    first = rng.randrange(len(articles) - 2)
    trio = [first, first + 1, first + 2]
    for i in trio:
        lines = _shorten(lines, articles[i], i, PARAGRAPHS)
    width = rng.randint(10, 16)
    shortest = min(sum(len(t) for _, t in articles[i].blocks) for i in trio)
    lines_per_column = max(6, int(shortest * rng.uniform(0.3, 0.48)) // width)
    columns = {i: _columns(rng, list(articles[i].blocks), lines_per_column, width, i) for i in trio}
    mixed: list[Line] = []
    for k in range(max(len(c) for c in columns.values())):
        for i in trio:
            if k >= len(columns[i]):
                continue
            if k == 0:
                mixed += [x for x in lines if x.article == i and x.role in HEAD_ROLES]
            mixed += [Line(x.text, "paragraph", i) if x.role in ("cut", "rest") else x for x in columns[i][k]]
            if k == len(columns[i]) - 1:
                mixed += [x for x in lines if x.article == i and x.role == "footer"]
    start = min(n for n, x in enumerate(lines) if x.article in trio)
    rest = [(n, x) for n, x in enumerate(lines) if x.article not in trio]
    return [x for n, x in rest if n < start] + mixed + [x for n, x in rest if n > start]
