"""Article parts printed away from their article, given back to it after segmentation.

Closing lines (author units, reprint lines) of two or more articles set together at the
page foot follow the last article's body, so segmentation hands all of them to that
article; each goes back to its own article, in page order. A byline printed after the next
article goes back to the article that has none; when that article was read as part of the
one before (its title taken for a subheading, both bylines printed after both bodies), the
article is split at its one title-shaped line.
"""
from __future__ import annotations

from site_builder.ingest import dateline, dedupe, shapes
from site_builder.ingest.draft import Draft
from site_builder.ingest.lines import Unit
from site_builder.ingest.metadata import MARKERS, STAFF_ROLE, role_led
from site_builder.ingest.titles import is_name

CLOSING_KINDS = ("source", "affiliation")
# how a line naming who wrote up a research group's article opens (（执笔：王某 李某）, as
# metadata reads it)
WRITERS = ("执笔", "撰稿", "整理")


def closing_groups(footer: list[Unit]) -> list[list[Unit]]:
    """The closing lines of a footer, one group per article: a group ends where a kind of line
    it has already comes again (one article prints one unit line, one reprint line), or
    where a reprint line follows a unit line (an article that prints both gives its reprint
    line first: （载《…》）（作者单位系…）, as in one line （据《…》作者单位：…）), or where the line
    naming a research group's writers (（执笔：…）) follows a unit line (the group is its
    article's unit: it prints no unit line). A line word for word one of a group before the
    last is that line printed again, no group of its own (two articles of one unit print the
    same line side by side)."""
    groups: list[list[Unit]] = []
    for unit in footer:
        if unit.kind not in CLOSING_KINDS or _printed_again(unit, groups[:-1]):
            continue
        said = {kind for u in groups[-1] for kind in _says(u)} if groups else set()
        if not groups or _says(unit) & said or (unit.kind == "source" and "affiliation" in said) \
                or (_names_writers(unit) and "affiliation" in said):
            groups.append([])
        groups[-1].append(unit)
    return groups


def _printed_again(unit: Unit, groups: list[list[Unit]]) -> bool:
    return any(dedupe.key(u.text) == dedupe.key(unit.text) for group in groups for u in group)


def _names_writers(unit: Unit) -> bool:
    return str(unit.info.get("note", "")).startswith(WRITERS)


def _says(unit: Unit) -> set[str]:
    """What a closing line gives: a reprint line may name the writer's unit too (据《…》作者为…)."""
    if unit.kind == "affiliation" and not unit.info.get("affiliation"):
        return {"note"}  # a funding note of its own closes the group its unit line opened
    return {unit.kind} | ({"affiliation"} if unit.info.get("affiliation") else set())


def return_closing_lines(drafts: list[Draft]) -> None:
    """Give closing lines set together at the foot back to the articles before that print
    none: the first group to the first of them, in page order; the last group stays."""
    for k, draft in enumerate(drafts):
        bare = _bare_run_before(drafts, k)
        signed = bool(bare) and _closes_as_a_rule(bare[-1])
        groups = closing_groups(_without_trailing_copies(draft.footer, drafts[:k], signed))
        if len(groups) == 1 and len(groups[0]) == 2 and signed:
            groups = [groups[0][:1], groups[0][1:]]
        if len(groups) < 2 or not bare:
            continue
        given = groups[:-1][-len(bare):]
        owners = bare[-len(given):]
        for owner, group in zip(owners, given, strict=True):
            owner.footer.extend(group)
            draft.footer = [u for u in draft.footer if all(u is not g for g in group)]


def _without_trailing_copies(footer: list[Unit], before: list[Draft], signed_before: bool) -> list[Unit]:
    """The footer's closing lines but those at its end that are copies (fill_footer drops
    them). Set together, an article's own lines come last, so a line after them that an
    article before printed already is that line printed again at the page's foot. A line
    word for word the one above it is a copy too unless the article before closes as a rule
    (see _closes_as_a_rule): only then may two articles of one unit print it side by side."""
    printed = {dedupe.key(u.text) for d in before for u in d.footer if u.kind in CLOSING_KINDS}
    closing = [u for u in footer if u.kind in CLOSING_KINDS]
    while len(closing) > 1 and (dedupe.key(closing[-1].text) in printed or not signed_before
                                and dedupe.key(closing[-1].text) == dedupe.key(closing[-2].text)):
        closing.pop()
    return closing


def _closes_as_a_rule(draft: Draft) -> bool:
    """An article that prints closing lines as the genre's signed articles do: a title and a
    writer's name above its body. (A staff reporter's piece, a round table (its host's line:
    主持人：…), a byline naming the writer's unit or a unit line under it, a commentary or an
    article read in columns with another print none of their own.)
    Under such an article with none, a reprint line and a unit line set together below the
    next article are one for each (each closes an article alone)."""
    return draft.title is not None and bool(draft.bylines) and not draft.byline_after_body \
        and draft.interleaved is None and not any(u.kind == "affiliation" for u in draft.head_lines) \
        and all(set(u.info) == {"names"} and not STAFF_ROLE.match(u.text.lstrip(MARKERS)) and not role_led(u.text)
                for u in draft.bylines)


def _bare_run_before(drafts: list[Draft], k: int) -> list[Draft]:
    """The articles right before drafts[k] that print no closing line, in page order (at
    their foot, or in their head: a reprint or unit line some papers print under the byline)."""
    run: list[Draft] = []
    for draft in reversed(drafts[:k]):
        if any(u.kind in CLOSING_KINDS for u in draft.footer + draft.head_lines):
            break
        run.insert(0, draft)
    return run



def return_bylines(drafts: list[Draft]) -> None:
    """Bylines in an article's closing lines when it has its own: each goes back, in page
    order, to an earlier titled article with none (nor a unit line under its title, which
    signs an unsigned article); with no such article, to the article
    whose title the body before holds (see _split_at_title)."""
    waiting: list[Draft] = []
    k = 0
    while k < len(drafts):
        draft = drafts[k]
        if waiting and draft.byline_after_body and _signed_by_dateline(draft):
            # (a report signed by its dateline: the byline after its body is an earlier article's)
            owner = waiting.pop(0)
            owner.bylines, owner.byline_after_body = draft.bylines, True
            draft.bylines, draft.byline_after_body = [], False
        for unit in [u for u in draft.footer if is_name(u)]:
            if not draft.bylines or _names(unit) <= {n for b in draft.bylines for n in _names(b)}:
                continue  # (the article's own byline, or a copy of it: fill_footer's)
            if waiting:
                owner = waiting.pop(0)
                owner.bylines, owner.byline_after_body = [unit], True
                owner.footer.extend(_its_unit_line(draft.footer, unit))
                draft.footer = [u for u in draft.footer if u is not unit and all(u is not g for g in owner.footer)]
            else:
                split = _split_at_title(draft, unit)
                if split is not None:
                    drafts.insert(k + 1, split)
                    break
                split = _split_before(drafts[k - 1], draft, unit) if k else None
                if split is not None:
                    drafts.insert(k, split)
                    k += 1
                    break
        if draft.title is not None and not draft.bylines and not _signed_by_unit(draft):
            waiting.append(draft)
        k += 1


def _its_unit_line(footer: list[Unit], byline: Unit) -> list[Unit]:
    """The unit line right under a displaced byline (▲王某 | （某某党校副院长）), where the
    article it stands in has given its own unit above the byline: the byline's."""
    at = next(n for n, u in enumerate(footer) if u is byline)
    under = footer[at + 1] if at + 1 < len(footer) else None
    own = any(u.info.get("affiliation") for u in footer[:at])
    return [under] if own and under is not None and under.kind == "affiliation" else []


def _signed_by_unit(draft: Draft) -> bool:
    """The article prints its writer's unit under its title and no name (（作者单位：…）): an
    unsigned article, whose head would hold its byline had it one. Or a report's dateline
    names its writers (本报北京6月5日电（记者 王某））: it needs no byline."""
    return any(u.info.get("affiliation") for u in draft.head_lines) or _signed_by_dateline(draft)


def _signed_by_dateline(draft: Draft) -> bool:
    return bool(dateline.opening_writers([u.text for u in draft.body[:2]]))


def _split_at_title(draft: Draft, byline: Unit) -> Draft | None:
    """Two articles read as one, both bylines printed after both bodies: the second begins at
    the body's one title-shaped line after a finished paragraph (with several, which one is
    the title is not known: None). It takes the byline and the closing lines after it."""
    j = _title_in_body(draft.body)
    if j is None:
        return None
    at = next(n for n, u in enumerate(draft.footer) if u is byline)
    second = Draft(title=draft.body[j], bylines=[byline], body=draft.body[j + 1:], footer=draft.footer[at + 1:],
                   byline_after_body=True)
    draft.body, draft.footer = draft.body[:j], draft.footer[:at]
    return second


def _split_before(prev: Draft, draft: Draft, byline: Unit) -> Draft | None:
    """A byline printed after the next article, whose own article was read as part of the
    signed one before it (its title a subheading, its closing lines that one's): `prev` splits
    at its title, and the article after takes the byline and the closing lines."""
    j = _title_in_body(prev.body) if prev.bylines else None
    if j is None:
        return None
    second = Draft(title=prev.body[j], bylines=[byline], body=prev.body[j + 1:], footer=prev.footer,
                   byline_after_body=True)
    prev.body, prev.footer = prev.body[:j], []
    draft.footer = [u for u in draft.footer if u is not byline]
    return second


def _title_in_body(body: list[Unit]) -> int | None:
    """The body's one title-shaped line after a finished paragraph, or the first of several
    where the body's numbered subheadings stop, or of several the one much longer than all
    the others (the rest are the two articles' subheadings)."""
    heads = [j for j in range(1, len(body) - 1)
             if shapes.title_shaped(body[j].text) and not shapes.is_numbered_heading(body[j].text)
             and shapes.terminated(body[j - 1].text) and not shapes.title_shaped(body[j + 1].text)]
    if len(heads) > 1 and _numbering_ends_at(body, heads[0]):
        heads = heads[:1]
    if len(heads) > 1:
        heads = [j for j in heads if all(shapes.cjk_len(body[j].text) >= TITLE_OVER_HEADINGS * shapes.cjk_len(body[k].text)
                                         for k in heads if k != j)] or heads
    return heads[0] if len(heads) == 1 else None


# an article's subheadings are set alike, of a length; a title among them is much the longest
TITLE_OVER_HEADINGS = 1.5


def _numbering_ends_at(body: list[Unit], j: int) -> bool:
    """The body numbers its subheadings (一、…) up to line j and none after it: an article
    numbers all its subheadings or none, so the unnumbered lines from j on are another
    article's, and line j, the first of them, its title."""
    numbered = [k for k, unit in enumerate(body) if shapes.is_numbered_heading(unit.text)]
    return bool(numbered) and numbered[-1] < j


def _names(byline: Unit) -> set[str]:
    return set(byline.info.get("names", []))


def settle_names_between_columns(drafts: list[Draft]) -> None:
    """An unmarked line of names between two passages of text was taken for the byline of an
    article read in turns with another (segment._names_between_columns); where no reading in
    turns moved a passage of that article, the line is text of the article it stands in
    (a subheading such as 余论), and the text after it, which it cut off, is that article's
    too."""
    k = 0
    while k < len(drafts):
        draft = drafts[k]
        claimed = [u for u in draft.bylines if u.names_between_columns]
        for unit in claimed:
            unit.names_between_columns = False
        if not claimed or draft.interleaved is not None:
            k += 1
            continue
        rest = drafts[k + 1] if k + 1 < len(drafts) else None
        if draft.title is None and k > 0 and draft.bylines == claimed and not draft.kickers:
            # (the line opened a draft of its own: it and what follows go back to the one before)
            before = drafts[k - 1]
            before.body.extend(claimed + draft.body)
            before.footer.extend(draft.footer)
            del drafts[k]
            continue
        if draft.byline_after_body and draft.bylines == claimed and rest is not None and _headless(rest):
            draft.bylines, draft.byline_after_body = [], False
            draft.body.extend(claimed + rest.body)
            draft.footer = draft.footer + rest.footer
            del drafts[k + 1]
        k += 1


def _headless(draft: Draft) -> bool:
    return draft.title is None and not (draft.bylines or draft.kickers or draft.summary or draft.label)


def runs_on_after_byline(second: Draft, third: Draft) -> bool:
    """The draft after `second` (whose byline stands after its body) has no head at all."""
    return second.byline_after_body and not second.footer and third.title is None \
        and not (third.bylines or third.kickers or third.summary or third.label) and bool(third.body)


def runs_on_after_closing(second: Draft, third: Draft) -> bool:
    """The second article's closing lines (an unsigned article's unit line, printed at its
    foot) stand after its body, and the draft after it has no head but perhaps a title (a
    column's subheading right under closing lines reads as one): the first article's last
    columns may follow them."""
    return bool(second.footer) and not second.byline_after_body and bool(third.body) \
        and not (third.bylines or third.kickers or third.summary or third.label or third.subtitle or third.head_lines)
