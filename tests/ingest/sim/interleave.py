"""Two neighbouring articles set in columns side by side and read column by column."""
from __future__ import annotations

from tests.ingest.sim.compose import KICKERS, PLACES, UNITS
from tests.ingest.sim.corpus import CJK
from tests.ingest.sim.page import Line

HEAD_ROLES = ("kicker", "title", "subtitle", "byline", "label", "summary")


def interleave_unsigned(rng, lines, page):
    """Interleaved columns where the second article prints no name: only its unit under the
    title, or only a kicker above it."""
    return interleave(rng, lines, page, unsigned=True)


def _unsign(rng, lines: list[Line], art, b: int) -> None:
    removed = [x for x in lines if x.article == b and x.role == "byline"]
    for line in removed:
        lines.remove(line)
    # (a report's dateline names its writers in its first paragraph: they stay printed)
    dated = bool(art.authors and art.blocks) and f"记者{art.authors[0]}" in art.blocks[0][1][:40]
    art.authors, art.byline = (art.authors if dated else []), []
    if art.affiliation and any(art.affiliation in line.text for line in removed):
        art.affiliation = None  # (the byline printed the unit, as （某某大学教授　王某） does)
    title = next(k for k, x in enumerate(lines) if x.article == b and x.role == "title")
    if rng.random() < 0.5:
        art.affiliation = rng.choice(PLACES) + rng.choice(UNITS)
        under = title + 1 + (lines[title + 1].role == "subtitle")  # (under the title and its subtitle)
        lines.insert(under, Line(f"（作者单位：{art.affiliation}）", "byline", b))
    elif not art.kicker:
        art.kicker = rng.choice(KICKERS)
        lines.insert(title, Line(art.kicker, "kicker", b))


def _drop_footer(art) -> None:
    """The article's closing lines are not printed; what its byline says in its head, such as
    a bracketed unit, stays printed and stays its."""
    printed = " ".join(art.byline or [])
    if not (art.affiliation and art.affiliation in printed):
        art.affiliation = None
    art.footer, art.source_paper = [], None


def interleave(rng, lines, page, unsigned: bool = False):
    """Two neighbouring articles printed in columns side by side, read column by column.

    Modelled on the real damage (sample page 002): the text layer reads one column of the
    first article, then the second article's title, byline and first column, then the next
    column of the first, and so on in turns. Every column has the same lines of the same
    width (drawn per page; see _columns), so a column ends where its last line does: mostly
    inside a sentence, sometimes at a paragraph's end; a subheading is never cut (it moves
    whole to the next column). The last line of a
    column and the first line of the next are sometimes read as one line, with no
    paragraph break between them (the glued line of page 002). The first article ends last
    and its closing lines follow its last column; the second prints none (as on page 002).
    Not modelled: the first article ending first (its closing lines would then stand
    between two columns of the second).
    """
    articles = page.articles
    if len(articles) < 2:
        return lines
    body_len = lambda i: sum(len(t) for _, t in articles[i].blocks)  # noqa: E731
    # the first article ends last: the second is the shorter one (drop its last paragraphs)
    pairs = list(range(len(articles) - 1))
    rng.shuffle(pairs)
    for a in pairs:
        b = a + 1
        kept = list(articles[b].blocks)
        while sum(len(t) for _, t in kept) >= 0.85 * body_len(a) and len(kept) > 3:
            kept.pop()
            while kept and kept[-1][0] == "heading":
                kept.pop()
        if sum(len(t) for _, t in kept) < 0.85 * body_len(a) and len(kept) >= 2:
            break
    else:
        return lines
    dropped = articles[b].blocks[len(kept):]
    articles[b].blocks = kept
    for _kind, text in dropped:
        lines.remove(next(x for x in lines if x.article == b and x.text == text))
    if articles[b].footer:
        _drop_footer(articles[b])
    if unsigned:
        _unsign(rng, lines, articles[b], b)
    mine = [line for line in lines if line.article == a]
    a_head = [x for x in mine if x.role in HEAD_ROLES]
    a_foot = [x for x in mine if x.role == "footer"]
    b_head = [x for x in lines if x.article == b and x.role in HEAD_ROLES]
    capacity = int(body_len(b) * rng.uniform(0.3, 0.48))
    width = rng.randint(10, 16)
    lines_per_column = max(6, capacity // width)
    a_cols = _columns(rng, [(k, t) for k, t in articles[a].blocks], lines_per_column, width, a)
    b_cols = _columns(rng, [(k, t) for k, t in articles[b].blocks], lines_per_column, width, b)
    if len(b_cols) >= len(a_cols):  # the second ends first: its last columns run on as one
        keep = max(0, len(a_cols) - 2)
        b_cols = b_cols[:keep] + [[x for col in b_cols[keep:] for x in col]]
    order: list[list[Line]] = []
    for k, col in enumerate(a_cols):
        order.append(col)
        if k < len(b_cols):
            order.append(b_cols[k])
    mixed = list(a_head)
    for k, col in enumerate(order):
        col = list(col)
        if k == 1:
            mixed += b_head
        elif k > 1 and mixed and col and mixed[-1].role == "cut" and col[0].role == "rest" \
                and mixed[-1].article != col[0].article and rng.random() < 0.25:
            mixed[-1] = Line(mixed[-1].text + col[0].text, "glued", -1,
                             (mixed[-1].article, len(mixed[-1].text), col[0].article))
            col = col[1:]
        mixed += col
    mixed = [Line(x.text, "paragraph", x.article) if x.role in ("cut", "rest") else x for x in mixed]
    mixed += a_foot
    start = lines.index(mine[0])
    rest = [line for line in lines if line.article not in (a, b)]
    before = [line for line in rest if lines.index(line) < start]
    after = [line for line in rest if lines.index(line) > start]
    return before + mixed + after


INDENT = 2  # a paragraph's first line is indented two characters


def _columns(rng, blocks: list[tuple[str, str]], lines_per_column: int, width: int,
             article: int) -> list[list[Line]]:
    """Lay the blocks out in columns of `lines_per_column` lines of `width` characters, as a
    newspaper sets them: a paragraph opens with an indented line and its last line may be
    short; a subheading takes its lines plus one of space and keeps with the text after it
    (one that would stand at a column's foot moves to the next column); a paragraph that
    does not fit is cut where the column's last line ends (moved to the nearest place
    inside a sentence: the extraction repairs breaks inside sentences), leaving a piece of
    role "cut" at the column's foot and one of role "rest" at the next one's head.
    A column's height is fixed, so the text it holds varies only with the space lost at
    paragraph ends and around subheadings."""
    columns: list[list[Line]] = [[]]
    room = lines_per_column
    queue = list(blocks)

    def lines_of(kind: str, text: str) -> int:
        if kind == "heading":
            return -(-len(text) // width) + 1
        return -(-(len(text) + (INDENT if kind == "paragraph" else 0)) // width)

    def next_column() -> None:
        nonlocal room
        columns.append([])
        room = lines_per_column

    while queue:
        kind, text = queue.pop(0)
        role = "rest" if kind == "cont" else kind
        need = lines_of(kind, text) + (2 if kind == "heading" else 0)
        if need <= room or (not columns[-1] and kind == "heading"):
            columns[-1].append(Line(text, role, article))
            room -= lines_of(kind, text)
            if room <= 0:
                next_column()
            continue
        if kind == "heading":
            queue.insert(0, (kind, text))
            next_column()
            continue
        q = room * width - (INDENT if kind == "paragraph" else 0)
        if q > len(text) - 8:  # what is left would be a few characters: the line is squeezed
            columns[-1].append(Line(text, role, article))
            next_column()
            continue
        spots = [k for k in range(8, len(text) - 8) if CJK.match(text[k]) and not _sentence_ends(text[:k])]
        if q < 8 or not spots:  # the paragraph starts in the next column
            if columns[-1]:
                queue.insert(0, (kind, text))
            else:
                columns[-1].append(Line(text, role, article))
            next_column()
            continue
        q = min(spots, key=lambda k: (abs(k - q), k))
        columns[-1].append(Line(text[:q], "cut", article))
        next_column()
        queue.insert(0, ("cont", text[q:]))
    return [c for c in columns if c]


def _sentence_ends(text: str) -> bool:
    """The text ends a sentence: with its mark, or with a quote or bracket closed after it
    (。” ends the sentence as 。 does)."""
    core = text.rstrip("”’）》」』")
    return core[-1:] in "。！？；"
