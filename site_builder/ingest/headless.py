"""Drafts without a head after the walk: titles printed after their article, header-only
drafts and tiny orphan pieces, settled into the drafts kept, leftovers and fragments."""
from __future__ import annotations

from site_builder.ingest import furniture, shapes
from site_builder.ingest.draft import Draft
from site_builder.ingest.lines import Unit
from site_builder.ingest.titles import LONG_PARAGRAPH, is_name

FRAGMENT_MAX = 80  # an untitled piece this short is an orphan, not an article


def settle_headless(drafts: list[Draft], leftovers: list[tuple[str, Unit]]
                     ) -> tuple[list[Draft], list[tuple[str, Unit]], list[Unit]]:
    """Titles printed after their article, header-only drafts and tiny orphan pieces:
    (the drafts kept, the leftovers, the fragments a cut paragraph elsewhere may claim)."""
    kept: list[Draft] = []
    fragments: list[Unit] = []
    for k, draft in enumerate(drafts):
        prev = kept[-1] if kept else None
        after = drafts[k + 1] if k + 1 < len(drafts) else None
        if prev is not None and prev.title is None and draft.title is not None and _slogans_only(draft):
            # a title printed after its article at the page's foot, the page's slogan under
            # it: the slogan is page matter, the title has no text of its own
            leftovers.extend(("slogan", u) for u in draft.body)
            draft.body = []
        if prev is not None and after is not None and _late_byline(draft, prev, after):
            prev.bylines, prev.byline_after_body = list(draft.body), True
        elif not draft.body and not draft.summary:
            if prev is not None and prev.title is None and (draft.title or draft.bylines):
                _attach_late_header(prev, draft)
                if draft.label is not None:  # a summary label with no summary after it
                    leftovers.append(("other", draft.label))
            else:
                leftovers.extend(_as_leftovers(draft))
        elif prev is not None and draft.title is None and _hand_to_previous(draft, prev, leftovers):
            continue
        elif draft.title is None and not draft.bylines and not draft.footer and is_tiny(draft):
            _scatter(draft, leftovers, fragments)
        else:
            kept.append(draft)
    _return_kickers_between(kept)
    _slogan_at_foot(kept, leftovers)
    return kept, leftovers, fragments


_CLAUSE_MARKS = "，、；：,;:"


def _slogan_at_foot(drafts: list[Draft], leftovers: list[tuple[str, Unit]]) -> None:
    """The page's slogan (坚定信心　真抓实干　推动…！) at its foot, right under the last
    article's text where that article prints no closing lines to stand between: a short
    exclamation with no clause inside it, after a paragraph that ends its sentence, and
    nothing of an article after it, is page matter (an article's last paragraph carries its
    clauses: 让我们…，…！)."""
    last = drafts[-1] if drafts else None
    if last is None or last.footer or last.byline_after_body or len(last.body) < 2:
        return
    slogan, above = last.body[-1], last.body[-2]
    if slogan.kind == "text" and furniture.is_slogan_shape(slogan.text) \
            and not any(mark in slogan.text for mark in _CLAUSE_MARKS) and shapes.terminated(above.text):
        leftovers.append(("slogan", last.body.pop()))


def _slogans_only(draft: Draft) -> bool:
    """The draft's text is the page's slogans alone (lines ending on ！), with no summary."""
    return bool(draft.body) and not draft.summary and all(furniture.is_slogan_shape(u.text) for u in draft.body)


def _late_byline(draft: Draft, prev: Draft, after: Draft) -> bool:
    """A line of names alone with no byline mark between an untitled article and a title
    with no text under it (the walk's drafts: the names, then the title): the byline and
    the title printed after that article's body, the byline first."""
    return draft.title is None and not draft.bylines and not draft.kickers and not draft.footer \
        and not draft.summary and draft.label is None and len(draft.body) == 1 and is_name(draft.body[0]) \
        and prev.title is None and not prev.bylines \
        and after.title is not None and (not after.body or _slogans_only(after)) and not after.summary


def _return_kickers_between(drafts: list[Draft]) -> None:
    """Of two kickers or more between a title printed after its article (with none of its
    own) and the next title, the first is the late title's, printed under it: the walk gave
    them all to the title after."""
    for prev, draft in zip(drafts, drafts[1:], strict=False):
        if prev.title_after_body and not prev.kickers and prev.title is not None and len(draft.kickers) >= 2 \
                and prev.title.first_line < draft.kickers[0].first_line:
            prev.kickers.append(draft.kickers.pop(0))


def _hand_to_previous(draft: Draft, prev: Draft, leftovers: list[tuple[str, Unit]]) -> bool:
    """Give a headless draft's pieces to the article before when they are its own (and
    say so): a title printed after that article, or a closing line printed again."""
    if draft.bylines:
        return _hand_foot_byline(draft, prev, leftovers)
    late = _late_title(draft.body) if draft.body and prev.title is None and is_tiny(draft) else None
    if late is not None:
        # a title printed after its article, its kicker and the page's slogans, and
        # perhaps a closing line printed again at the page foot: all of it belongs to
        # the article before
        title, names, kickers, slogans = late
        if names and not prev.bylines:
            prev.bylines, prev.byline_after_body = names, True
        elif names:  # (a second byline: a closing line of the article's)
            prev.footer.extend(names)
        prev.title, prev.title_after_body = title, True
        prev.kickers.extend(draft.kickers + kickers)
        prev.footer.extend(draft.footer)
        leftovers.extend(("slogan", u) for u in slogans)
        return True
    if draft.footer and all(furniture.is_slogan_shape(u.text) for u in draft.body):
        # a page slogan, then a closing line printed again at the page foot: the slogan
        # is furniture and the line goes to the article before (where a copy is dropped)
        leftovers.extend(("slogan", u) for u in draft.body)
        leftovers.extend(("banner", k) for k in draft.kickers)
        prev.footer.extend(draft.footer)
        return True
    return False


def _hand_foot_byline(draft: Draft, prev: Draft, leftovers: list[tuple[str, Unit]]) -> bool:
    """A byline at the page foot with nothing after it but the page's slogans: a byline
    printed away from its article, set after the closing lines above it (where one with no
    slogan after it stands already: displaced gives it back)."""
    if draft.summary or draft.label is not None or not draft.body \
            or not all(furniture.is_slogan_shape(u.text) for u in draft.body):
        return False
    leftovers.extend(("slogan", u) for u in draft.body)
    leftovers.extend(("banner", k) for k in draft.kickers)
    prev.footer.extend(draft.bylines + draft.head_lines + draft.footer)
    return True


def _scatter(draft: Draft, leftovers: list[tuple[str, Unit]], fragments: list[Unit]) -> None:
    """A tiny headless draft is no article: its pieces are slogans, banners and fragments."""
    for unit in draft.body:
        kind = "slogan" if furniture.is_slogan_shape(unit.text) else \
            "banner" if unit.kind == "kicker" else "fragment"
        leftovers.append((kind, unit))
        if kind == "fragment":
            fragments.append(unit)
    leftovers.extend(("banner", k) for k in draft.kickers)


def _late_title(body: list[Unit]) -> tuple[Unit, list[Unit], list[Unit], list[Unit]] | None:
    """A title printed after its article: one title-shaped line (and an unmarked line of
    names, its byline, just above or under it), then nothing but its kicker and the page's
    slogans (title, byline, kicker, slogans), else None."""
    names, body = _late_names(body)
    first, rest = body[0], body[1:]
    if not shapes.title_shaped(first.text) or furniture.is_slogan_shape(first.text):
        return None
    slogans = [u for u in rest if furniture.is_slogan_shape(u.text)]
    kickers = [u for u in rest if u.kind == "kicker" and not furniture.is_slogan_shape(u.text)]
    if len(slogans) + len(kickers) < len(rest):
        return None
    return first, names, kickers, slogans


def _late_names(body: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """A line of names alone with no byline mark (陶建超: in a body, titles.is_name) printed
    just above or under a late title is its byline: (that line, if any, and the body
    without it)."""
    if len(body) >= 2 and is_name(body[0]) and shapes.title_shaped(body[1].text):
        return [body[0]], body[1:]
    if len(body) >= 2 and is_name(body[1]) and shapes.title_shaped(body[0].text):
        return [body[1]], [body[0], *body[2:]]
    return [], body


def _attach_late_header(prev: Draft, late: Draft) -> None:
    """A title and byline printed after the body, and the closing lines after them: all
    the article's own (its summary label, with no summary, is not: the caller's leftover)."""
    if late.title is not None:
        prev.title, prev.subtitle, prev.title_after_body = late.title, late.subtitle, True
    if late.bylines and not prev.bylines:
        prev.bylines = late.bylines
        prev.byline_after_body = True
    elif late.bylines:
        prev.footer.extend(late.bylines)
    prev.footer.extend(late.head_lines + late.footer)
    prev.kickers.extend(late.kickers)


def _as_leftovers(draft: Draft) -> list[tuple[str, Unit]]:
    out: list[tuple[str, Unit]] = [("banner", k) for k in draft.kickers]
    if draft.title is not None:
        kind = "slogan" if furniture.is_slogan_shape(draft.title.text) else "fragment"
        out.append((kind, draft.title))
    if draft.subtitle is not None:
        out.append(("fragment", draft.subtitle))
    out.extend(("other", u) for u in draft.head_lines)
    out.extend(("byline", b) for b in draft.bylines)
    if draft.label is not None:
        out.append(("other", draft.label))
    out.extend(("other", f) for f in draft.footer)
    return out


def is_tiny(draft: Draft) -> bool:
    return sum(len(u.text) for u in draft.body) < FRAGMENT_MAX and all(
        len(u.text) < LONG_PARAGRAPH for u in draft.body)
