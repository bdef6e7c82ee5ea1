"""Article parts printed away from their article, given back to it after segmentation.

Closing lines (author units, reprint lines) of two or more articles set together at the
page foot follow the last article's body, so segmentation hands all of them to that
article; each goes back to its own article, in page order.
"""
from __future__ import annotations

from site_builder.ingest.draft import Draft
from site_builder.ingest.lines import Unit

CLOSING_KINDS = ("source", "affiliation")


def closing_groups(footer: list[Unit]) -> list[list[Unit]]:
    """The closing lines of a footer, one group per article: a group ends where a kind of line
    it has already comes again (one article prints one unit line, one reprint line)."""
    groups: list[list[Unit]] = []
    for unit in footer:
        if unit.kind not in CLOSING_KINDS:
            continue
        if not groups or unit.kind in {u.kind for u in groups[-1]}:
            groups.append([])
        groups[-1].append(unit)
    return groups


def return_closing_lines(drafts: list[Draft]) -> None:
    """Give closing lines set together at the foot back to the articles before that print
    none: the first group to the first of them, in page order; the last group stays."""
    for k, draft in enumerate(drafts):
        groups = closing_groups(draft.footer)
        if len(groups) < 2 or len(groups) <= _authors(draft):
            # (one unit line per author is one article's footer)
            continue
        bare = _bare_run_before(drafts, k)
        if not bare:
            continue
        given = groups[:-1][-len(bare):]
        owners = bare[-len(given):]
        for owner, group in zip(owners, given, strict=True):
            owner.footer.extend(group)
            draft.footer = [u for u in draft.footer if all(u is not g for g in group)]


def _bare_run_before(drafts: list[Draft], k: int) -> list[Draft]:
    """The articles right before drafts[k] that print no closing line, in page order."""
    run: list[Draft] = []
    for draft in reversed(drafts[:k]):
        if any(u.kind in CLOSING_KINDS for u in draft.footer):
            break
        run.insert(0, draft)
    return run


def _authors(draft: Draft) -> int:
    return sum(len(b.info.get("names", [])) for b in draft.bylines)
