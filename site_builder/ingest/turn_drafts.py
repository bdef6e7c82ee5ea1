"""Giving back their columns to three articles that a text layer read in turns.

Segmentation sees such a page (column_turns describes the layout) as three headed drafts:
the first two hold just their first columns, the third its first column and every column
after it, split into more drafts, with no head, wherever an article's closing lines stood.
When a column grid explains that whole stream read in turns, each article takes its
pieces back, and each closing group goes to the article whose column it closes. A byline
printed at the foot of an article's last column (names after the text, as an article
signed at its end prints them) opens or closes such a headless draft: it is a closing
group's first line, and goes to that article as its byline.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from site_builder.ingest import column_turns, shapes
from site_builder.ingest.column_grid import Piece
from site_builder.ingest.interleave.junctions import Junctions, ending
from site_builder.ingest.lines import Unit
from site_builder.ingest.segment import Draft

ARTICLES = 3  # articles read in turns (two are the interleave package's)


@dataclass
class _Group:
    """The drafts of a candidate page region and the stream they hold."""

    heads: list[Draft]  # the articles' drafts, in the order their heads stand
    tail: list[Draft]  # drafts with no head after them (columns after a closing group)
    units: list[Unit]  # the articles' bodies in reading order
    closings: dict[int, list[Unit]]  # closing groups, by the stream index they stand before
    signatures: frozenset[int]  # (ids of) the closing groups' bylines


def read_in_turns(drafts: list[Draft]) -> tuple[set[int], list[tuple[int, str]]]:
    """Read every run of three articles whose columns were read in turns; return the ids of
    the drafts read (the others are gone from `drafts`) and the notes (line, message)."""
    read: set[int] = set()
    notes: list[tuple[int, str]] = []
    k = 0
    while k + ARTICLES - 1 <= len(drafts):
        group = _group(drafts, k)
        note = _read(group) if group is not None else None
        if note is None:
            group, note = _read_finding_title(drafts, k)
        if group is not None and note is not None:
            for d in group.tail:
                drafts.remove(d)
            read |= {id(d) for d in group.heads}
            notes.append(note)
            k += ARTICLES
        else:
            k += 1
    return read, notes


def _read_finding_title(drafts: list[Draft], k: int) -> tuple[_Group | None, tuple[int, str] | None]:
    """Where only two headed drafts stand in a row, the head of one of three articles read
    in turns may be a title alone (an article signed at its end): segmentation read it as a
    subheading of the draft above. Each short unterminated unit of the two drafts' bodies is
    tried as that title, the earliest first, where the stream then closes three times (each
    article its own closing group: two articles read in turns, one of them with a subheading
    in its first column, close twice at most); the drafts are split at the first title a
    grid's reading confirms."""
    pair = drafts[k:k + ARTICLES - 1]
    if len(pair) < ARTICLES - 1 or not all(map(_headed, pair)) or pair[0].footer \
            or (k + ARTICLES - 1 < len(drafts) and _headed(drafts[k + ARTICLES - 1])):
        return None, None
    for at, d in enumerate(pair):
        body, footer = d.body, d.footer
        for j in range(1, len(body) - 1):
            if ending(body[j]) != "maybe":
                continue
            found = Draft(title=body[j], body=body[j + 1:], footer=footer)
            d.body, d.footer = body[:j], []
            trial = drafts[:k + at + 1] + [found] + drafts[k + at + 1:]
            group = _group(trial, k)
            closed = group is not None and len(group.closings) == ARTICLES
            note = _read(group) if group is not None and closed else None
            if group is not None and note is not None:
                drafts.insert(k + at + 1, found)
                return group, note
            d.body, d.footer = body, footer
    return None, None


def _headed(d: Draft) -> bool:
    return d.title is not None and not d.title_after_body and not d.byline_after_body and bool(d.body)


def _headless(d: Draft) -> bool:
    """A draft with no head but perhaps a title (a column's subheading after a closing group
    reads as one), and perhaps bylines: the foot of another article's last column (before
    the body, no title above them) or of this text's (after it)."""
    signed_foot = bool(d.bylines) and (d.title is None or d.byline_after_body)
    return not any([*d.kickers, d.subtitle, *d.head_lines, *d.summary, d.label]) \
        and (signed_foot or not d.bylines) and not d.title_after_body and bool(d.body)


def _bylines_around(d: Draft) -> tuple[list[Unit], list[Unit]]:
    """A headless draft's bylines printed before its body and those printed after it."""
    start = d.body[0].first_line
    return [u for u in d.bylines if u.first_line < start], [u for u in d.bylines if u.first_line > start]


def _group(drafts: list[Draft], k: int) -> _Group | None:
    """The candidate region whose heads are drafts[k:k+3], or None when its shape rules it
    out: the first columns close at the next head (no closing lines under them)."""
    heads = drafts[k:k + ARTICLES]
    if len(heads) < ARTICLES or not all(map(_headed, heads)) or any(d.footer for d in heads[:-1]):
        return None
    units = [u for d in heads[:-1] for u in d.body] + heads[-1].body
    closings: dict[int, list[Unit]] = {len(units): heads[-1].footer} if heads[-1].footer else {}
    tail = []
    for d in drafts[k + ARTICLES:]:
        if len(closings) == ARTICLES or not _headless(d):
            break  # (every article has closed, or another article's head)
        tail.append(d)
        before, after = _bylines_around(d)
        if before:
            closings[len(units)] = closings.get(len(units), []) + before
        units += ([d.title] if d.title else []) + d.body
        if after or d.footer:
            closings[len(units)] = after + d.footer
    signatures = frozenset(id(u) for d in tail for u in d.bylines)
    return _Group(heads, tail, units, closings, signatures)


def _piece(unit: Unit) -> Piece:
    return Piece(unit.text, "heading" if shapes.is_numbered_heading(unit.text) else ending(unit))


def _read(group: _Group) -> tuple[int, str] | None:
    """Apply the cheapest reading a grid allows, when it moves a piece; the note it leaves."""
    pieces = [_piece(u) for u in group.units]
    firsts, start = [], 0
    for d in group.heads[:-1]:
        firsts.append(pieces[start:start + len(d.body)])
        start += len(d.body)
    found = column_turns.readings(firsts, pieces[start:], frozenset(group.closings))
    if not found:
        return None
    best = _best(found, group.units, pieces)
    if all(owner == ARTICLES - 1 for owner in best.owners[start:]) or not _evidence(best, pieces):
        return None
    for d in group.heads:
        d.body = []
    for i, (unit, owner) in enumerate(zip(group.units, best.owners, strict=True)):
        group.heads[owner].body.append(unit)
        if pieces[i].shape == "maybe":
            unit.read_as_cut = i in best.cuts
    group.heads[-1].footer = []
    for i, closing in group.closings.items():
        _close(group.heads[best.owners[i - 1]], closing, group.signatures)
    moved = [u.first_line for u, owner in zip(group.units[start:], best.owners[start:], strict=True)
             if owner != ARTICLES - 1]
    message = (f"{len(moved)} passage(s) from lines {min(moved)}-{max(moved)} put back into the "
               f"{ARTICLES} articles whose columns were read in turns")
    for d in group.heads:
        d.interleaved = message
    return min(moved), message


def _close(d: Draft, closing: list[Unit], signatures: frozenset[int]) -> None:
    """Give the article its closing group: a byline in it signs the article (printed after
    its body) unless the head signed it already."""
    names = [u for u in closing if id(u) in signatures]
    if names and not d.bylines:
        d.bylines, d.byline_after_body = names, True
        closing = [u for u in closing if id(u) not in signatures]
    d.footer += closing


def _evidence(reading: column_turns.TurnReading, pieces: list[Piece]) -> bool:
    """The reading shows the layout, not a coincidence of lengths: a column of it stops in
    mid-sentence (resumed in its article's next column), or every article takes a second
    turn (articles printed whole one after another give a grid no cut sentence, and at
    most a column or two that happen to fit)."""
    owners = reading.owners
    feet = [i for i in range(len(owners) - 1) if owners[i] != owners[i + 1]]
    if any(pieces[i].shape == "cut" or i in reading.cuts for i in feet):
        return True
    columns = Counter(owners[i] for i in feet) + Counter([owners[-1]])
    return all(columns[article] >= 2 for article in range(ARTICLES))


def _best(found: list[column_turns.TurnReading], units: list[Unit], pieces: list[Piece]) -> column_turns.TurnReading:
    """The cheapest reading; where the grid allows several, the one whose cut sentences the
    text carries on best across the column breaks."""
    cheapest = {r.owners: r for r in reversed(found) if r.cost == found[0].cost}
    if len(cheapest) == 1:
        return found[0]
    pairs: Counter[str] = Counter(u.text[i:i + 2] for u in units for i in range(len(u.text) - 1))
    junctions = Junctions(pairs)

    def carried(r: column_turns.TurnReading) -> float:
        score = 0.0
        for article in range(ARTICLES):
            mine = [i for i, owner in enumerate(r.owners) if owner == article]
            for a, b in zip(mine, mine[1:], strict=False):
                if b > a + 1 and (pieces[a].shape == "cut" or a in r.cuts):
                    score += junctions.score(units[a].text, units[b].text)
        return score

    return max(cheapest.values(), key=carried)
