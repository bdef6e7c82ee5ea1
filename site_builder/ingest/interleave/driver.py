"""De-interleaving one pair of articles: read them, keep the reading only when it beats
reading the second article straight through, and move the first article's passages back."""
from __future__ import annotations

from dataclasses import dataclass, field

from site_builder.ingest.column_grid import Owner, Step
from site_builder.ingest.interleave.junctions import ending
from site_builder.ingest.interleave.layout import Columns
from site_builder.ingest.interleave.reader import Choice, Reader
from site_builder.ingest.interleave.vocabulary import Background
from site_builder.ingest.lines import Unit
from site_builder.ingest.segment import Draft

ACCEPT = 6.0  # nats: margin a text reading needs over reading the second article straight through
STRUCTURE_MIN = -12.0  # … of which this much without the vocabulary (a text reading's)
GRID_ACCEPT = 0.0  # nats: margin a grid reading needs over it (the layout has spoken already)


@dataclass
class Outcome:
    moved: bool
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


@dataclass(frozen=True)
class Applied:
    """A reading applied to the second article's units."""

    moved: list[Unit]  # pieces of the first article
    kept: list[Unit]  # pieces the second keeps
    heads: list[Unit]  # the heads of split lines: each ends a column


@dataclass(frozen=True)
class Found:
    """A convincing reading of a pair, not yet applied."""

    reader: Reader
    choice: Choice
    margin: float  # nats over reading the second article straight through


def deinterleave(first: Draft, second: Draft, vocab: Background, second_ends: int | None = None) -> Outcome:
    """Move the first article's passages out of the second's body; report what moved.
    `second_ends`: the second article's text ends before this unit of its body (its byline
    printed after its body stands there; what follows is the first article's)."""
    found = read(first, second, vocab, second_ends)
    return Outcome(False) if found is None else _apply_found(first, second, found)


def read(first: Draft, second: Draft, vocab: Background, second_ends: int | None = None,
         by_grid_only: bool = False) -> Found | None:
    """The pair's reading, when one convinces and moves a passage (`by_grid_only`: only a
    column grid's reading)."""
    if first.has_footer() or len(second.body) < 3 or not first.body:
        return None
    reader = Reader(first, second, vocab, second_ends)
    if not reader.stream.plausible():
        return None
    straight = reader.straight_score()
    choice = reader.read_by_grid()
    if by_grid_only and (choice is None or not _convincing(choice, straight)):
        return None
    if choice is None or not _convincing(choice, straight):
        # no grid explains the page, or the best reading a grid allows does not convince (a
        # grid that fits by chance, while the true layout holds a piece no grid rule places):
        # the text reads the page, held to the text's own margin
        choice = reader.read_by_text(straight)
    if choice.path is None or not _convincing(choice, straight) \
            or all(step.owner == "B" and step.split is None for step in choice.path):
        return None
    return Found(reader, choice, choice.score - straight)


def _apply_found(first: Draft, second: Draft, found: Found) -> Outcome:
    reader, choice = found.reader, found.choice
    path = choice.path
    assert path is not None
    applied = apply(reader.stream.units, path)
    if not applied.moved:
        return Outcome(False)
    run_ends = _run_ends(reader, choice, path, applied)
    for pieces in ([reader.stream.a_end] + applied.moved, applied.kept):
        reader.junctions.mark_cuts(pieces, run_ends)
    if choice.grid is not None:
        reader.mark_grid_cuts(choice.grid)
    first.body.extend(applied.moved)
    second.body = applied.kept
    if path[-1].owner == "A":
        _give_closing(first, second, reader.stream.units[-1].first_line)
    lines = sorted({p.first_line for p in applied.moved})
    return Outcome(True, [(lines[0], f"{len(applied.moved)} passage(s) from lines {lines[0]}-{lines[-1]} "
                                     f"put back into the article they were interleaved with")])


def _give_closing(first: Draft, second: Draft, last_line: int) -> None:
    """Closing lines follow the text they close: the second's printed after the stream's last
    piece (line `last_line`) go to the first when the first owns that piece, and so does a
    byline printed after it when the first has none of its own."""
    trailing = [b for b in second.bylines if b.first_line > last_line]
    if trailing and not first.bylines:
        first.bylines, first.byline_after_body = trailing, True
        second.bylines = [b for b in second.bylines if b not in trailing]
        second.byline_after_body = second.byline_after_body and bool(second.bylines)
    # (closing lines printed before the stream's last piece close the second's text there)
    after = [u for u in second.footer if u.first_line > last_line]
    first.footer, second.footer = first.footer + after, [u for u in second.footer if u.first_line <= last_line]


def deinterleave_finding_title(first: Draft, second: Draft, vocab: Background) -> Outcome:
    """deinterleave, and where the second draft has no title but a byline, the second
    article's title may stand in the first's body: with its byline printed after its body,
    the title has no byline under it (segmentation reads it as a subheading) and the byline
    opens a draft with no title that holds the first article's last columns; a title that
    closes the first's body (its byline under it) was taken for a subheading too. Each short
    unterminated line of the first's body is tried as the second's title (a claim the layout
    must confirm: only a column grid's reading counts), and the pair as segmented; of the
    readings that convince, the one with the widest margin is applied."""
    if second.title is not None or not second.bylines or second.kickers or not first.bylines:
        return deinterleave(first, second, vocab)
    body, tail = first.body, second.body
    best = read(first, second, vocab)
    title_at: int | None = None
    for j in range(1, len(body)):
        if ending(body[j]) != "maybe":
            continue
        first.body, second.title, second.body = body[:j], body[j], body[j + 1:] + tail
        found = read(first, second, vocab, len(body) - j - 1 if j < len(body) - 1 else None, by_grid_only=True)
        if found is not None and (best is None or found.margin > best.margin):
            best, title_at = found, j
            break  # (the earliest title the layout confirms: the first article's first column ends there)
    first.body, second.title, second.body = body, None, tail
    if best is None:
        return Outcome(False)
    if title_at is not None:
        first.body, second.title, second.body = best.reader.stream.first_body, body[title_at], best.reader.stream.units
        second.byline_after_body = title_at < len(body) - 1
    return _apply_found(first, second, best)


def _convincing(choice: Choice, straight: float) -> bool:
    """The reading beats reading the second article straight through: a grid reading need
    only read better than none (the layout has placed every column: the text, vocabulary
    included, only chose among the few readings it allows); a text reading by a clear
    margin, and on the text's shape too, not on vocabulary alone."""
    if choice.path is None:
        return False
    if choice.grid is not None:
        return choice.score - straight >= GRID_ACCEPT
    if choice.score - straight < ACCEPT:
        return False
    return choice.score - choice.vocabulary.of_reading(choice.path) - straight >= STRUCTURE_MIN


def _run_ends(reader: Reader, choice: Choice, path: list[Step], applied: Applied) -> set[int]:
    """The last piece of each column run (by id): a column ends where its space runs out
    (the head of a split line is one by construction)."""
    units = reader.stream.units
    feet = Columns(reader.stream, choice.layout).column_feet(path)
    run_ends = {id(reader.stream.a_end)} | {id(units[k]) for k in feet} | {id(h) for h in applied.heads}
    for step, nxt, unit in zip(path, path[1:], units, strict=False):
        if step.owner != nxt.owner and nxt.move == "switch":
            run_ends.add(id(unit))
    return run_ends


def apply(units: list[Unit], path: list[Step]) -> Applied:
    """The pieces of each article, and the heads of split lines, from a reading."""
    applied = Applied([], [], [])
    owner_of_prev: Owner = "B"
    for unit, step in zip(units, path, strict=True):
        if step.split is not None:
            head, tail = _split_unit(unit, step.split)
            applied.heads.append(head)
            head_owner, _ = step.owners(owner_of_prev)
            (applied.moved if head_owner == "A" else applied.kept).append(head)
            (applied.moved if step.owner == "A" else applied.kept).append(tail)
        else:
            (applied.moved if step.owner == "A" else applied.kept).append(unit)
        owner_of_prev = step.owner
    return applied


def _split_unit(unit: Unit, k: int) -> tuple[Unit, Unit]:
    head = Unit(unit.raw, list(unit.spans), unit.text[:k], unit.markdown_heading, unit.kind, dict(unit.info),
                unit.read_as_cut)
    tail = Unit("", list(unit.spans), unit.text[k:], False, unit.kind, {"split_from": unit.first_line})
    return head, tail
