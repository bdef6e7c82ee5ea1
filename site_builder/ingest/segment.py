"""Article boundaries: classify each unit, then cut the page into article drafts.

A draft is an article's parts as units: kickers, title, bylines, summary, body, footer
(reprint and author-unit lines). Titles are found by what follows them (a byline, a
summary label, a body after a closed article), not by what they say.
"""
from __future__ import annotations

from site_builder.ingest import furniture, metadata, shapes
from site_builder.ingest.draft import Draft, Segmented
from site_builder.ingest.lines import Unit
from site_builder.ingest.typography import strip_markdown

LONG_PARAGRAPH = 50  # characters: a body paragraph, not a stray line
FRAGMENT_MAX = 80  # an untitled piece this short is an orphan, not an article


def classify(unit: Unit) -> None:
    """Set unit.kind and unit.info from the unit's own text."""
    text = unit.text
    kind = furniture.furniture_kind(text)
    if kind:
        unit.kind, unit.info = "furniture", {"leftover": kind}
        return
    plain = " ".join(unit.raw.split())
    plain, _ = strip_markdown(plain)
    for kind, parse in (("source", metadata.parse_source), ("affiliation", metadata.parse_affiliation)):
        info = parse(text)
        if info:
            unit.kind, unit.info = kind, info
            return
    names = metadata.parse_byline(plain, marked_only=True)
    if names:
        unit.kind, unit.info = "byline", {"names": names}
        return
    rest = metadata.parse_summary_label(text)
    if rest is not None:
        unit.kind, unit.info = "label", {"rest": rest}
        return
    if metadata.is_kicker(text):
        unit.kind = "kicker"
        return
    if metadata.is_bullet(text):
        unit.kind = "bullet"
        return
    names = metadata.parse_byline(plain)
    unit.kind, unit.info = "text", ({"names": names} if names else {})


def is_name(unit: Unit) -> bool:
    return unit.kind == "byline" or (unit.kind == "text" and "names" in unit.info)


def find_titles(units: list[Unit]) -> set[int]:
    """Indexes of the units that open an article as its title."""
    titles: set[int] = set()
    for i, unit in enumerate(units):
        if unit.kind == "kicker" and _kicker_shaped_title(units, i):
            titles.add(i)
            continue
        if unit.kind != "text" or "names" in unit.info:
            continue
        if _is_title(units, i, titles):
            titles.add(i)
    return titles


def _is_title(units: list[Unit], i: int, titles: set[int]) -> bool:
    text = units[i].text
    slogan = furniture.is_slogan_shape(text)
    if not shapes.title_shaped(text) and not (slogan and len(text) <= shapes.TITLE_MAX):
        return False
    nxt = _next_index(units, i, skip=("kicker", "furniture"))
    following = units[nxt] if nxt is not None else None
    if following is None:
        return False
    if is_name(following) or following.kind == "label":
        return True
    if slogan:
        return False
    if units[i].markdown_heading and following.kind in ("text", "bullet") and not _is_subheading_slot(units, i):
        return True
    prev = _prev_index(units, i, skip=("furniture",))
    opens_page = prev is None or units[prev].kind in ("source", "affiliation", "kicker") or (prev in titles)
    if prev is not None and units[prev].kind == "byline":
        opens_page = _after_footer(units, prev)
    return opens_page and following.kind == "text" and len(following.text) >= LONG_PARAGRAPH and prev not in titles


def _kicker_shaped_title(units: list[Unit], i: int) -> bool:
    """A title that happens to be shaped like a column name or series line (…一线, 贯彻…决定),
    printed right above its byline or its body, where an article opens."""
    if units[i].text.startswith("【"):
        return False
    prev = _prev_index(units, i, skip=("furniture",))
    nxt = _next_index(units, i, skip=("furniture",))
    # above it: a kicker, or nothing of the article yet (the page's top, a closed article)
    opens_article = prev is None or units[prev].kind in ("kicker", "source", "affiliation")
    if not opens_article or nxt is None:
        return False
    if is_name(units[nxt]) or units[nxt].kind == "label":
        return True
    # straight above the body (its byline printed after it): a title, unless it has the
    # campaign banner's own form (学习贯彻…精神), which heads an article whose title follows
    following = units[nxt]
    return following.kind == "text" and len(following.text) >= LONG_PARAGRAPH \
        and not units[i].text.endswith("精神")


def _is_subheading_slot(units: list[Unit], i: int) -> bool:
    """A markdown heading between two body paragraphs of one article is a subheading."""
    prev = _prev_index(units, i, skip=("furniture",))
    return prev is not None and units[prev].kind == "text" and len(units[prev].text) >= LONG_PARAGRAPH \
        and shapes.terminated(units[prev].text)


def _after_footer(units: list[Unit], i: int) -> bool:
    prev = _prev_index(units, i, skip=("furniture",))
    return prev is None or units[prev].kind in ("source", "affiliation")


def _next_index(units: list[Unit], i: int, skip: tuple[str, ...]) -> int | None:
    for j in range(i + 1, len(units)):
        if units[j].kind not in skip:
            return j
    return None


def _prev_index(units: list[Unit], i: int, skip: tuple[str, ...]) -> int | None:
    for j in range(i - 1, -1, -1):
        if units[j].kind not in skip:
            return j
    return None


class _Walker:
    """Walks the classified units once, opening and filling drafts."""

    def __init__(self, units: list[Unit]):
        self.units = units
        self.titles = find_titles(units)
        self.drafts: list[Draft] = []
        self.leftovers: list[tuple[str, Unit]] = []
        self.current: Draft | None = None
        self.phase = "none"  # header | summary | body | footer
        self.pending_kickers: list[Unit] = []

    def open(self, **parts) -> Draft:
        draft = Draft(kickers=self.pending_kickers, **parts)
        self.pending_kickers = []
        self.drafts.append(draft)
        self.current, self.phase = draft, "header"
        return draft

    def run(self) -> None:
        for i, unit in enumerate(self.units):
            self.step(i, unit)
        cur = self.current
        if cur is not None and cur.title is None and cur.body and _is_tiny(cur):
            # kickers at the page's foot after a title-less scrap: a title printed after its
            # article, then its kicker (see _settle_headless)
            cur.body.extend(self.pending_kickers)
        else:
            self.leftovers.extend(("banner", unit) for unit in self.pending_kickers)

    def step(self, i: int, unit: Unit) -> None:
        """Put unit i where it belongs: in the leftovers, or in a part of a draft."""
        cur = self.current
        if unit.kind == "furniture":
            self.leftovers.append((unit.info["leftover"], unit))
        elif unit.kind == "kicker" and i not in self.titles and not self._kicker_is_text(i):
            self.take_kicker(i, unit)
        elif i in self.titles:
            self.open(title=unit)
        elif is_name(unit) and self._byline_fits(unit):
            self.take_byline(i, unit)
        elif unit.kind == "label" and cur is not None and self.phase == "header":
            self.take_label(cur, unit)
        elif self.phase == "summary" and cur is not None and (unit.kind == "bullet" or not cur.summary):
            self.take_summary(cur, unit)
        elif unit.kind in ("source", "affiliation"):
            self.take_closing_line(unit)
        else:
            self.take_body(unit)

    def take_kicker(self, i: int, unit: Unit) -> None:
        """A kicker after a title is that title's (printed below it), unless another title
        follows: a kicker stands above its own title first of all (the title before may be
        one printed after its article)."""
        cur = self.current
        if cur is not None and self.phase == "header" and cur.title is not None \
                and _next_index(self.units, i, skip=("kicker", "furniture")) not in self.titles:
            cur.kickers.append(unit)
        else:
            self.pending_kickers.append(unit)

    def take_label(self, cur: Draft, unit: Unit) -> None:
        """A summary label (内容提要：…): the summary follows it, or is the rest of its line."""
        cur.label, self.phase = unit, "summary"
        if unit.info["rest"]:
            cur.summary.append(unit)
            self.phase = "body"

    def take_summary(self, cur: Draft, unit: Unit) -> None:
        """A summary's bullet, or its one paragraph (the body follows that)."""
        cur.summary.append(unit)
        if unit.kind != "bullet":
            self.phase = "body"

    def take_closing_line(self, unit: Unit) -> None:
        """A reprint or author-unit line closes the article it follows."""
        if self.current is None:
            self.leftovers.append(("other", unit))
        else:
            self.current.footer.append(unit)
            self.phase = "footer"

    def take_body(self, unit: Unit) -> None:
        """Body text; after an article's closing lines it opens a draft without a title."""
        cur = self.current
        if cur is None or self.phase == "footer":
            cur = self.open()
        cur.body.append(unit)
        self.phase = "body"

    def _kicker_is_text(self, i: int) -> bool:
        """A campaign-shaped line inside a body, followed by more body, is a subheading."""
        if self.units[i].text.startswith("【") or self.phase != "body":
            return False
        nxt = _next_index(self.units, i, skip=("kicker", "furniture"))
        return nxt is not None and nxt not in self.titles and self.units[nxt].kind == "text"

    def _byline_fits(self, unit: Unit) -> bool:
        cur = self.current
        if unit.kind == "byline":
            return True
        # an unmarked name counts only right after a title
        return cur is not None and self.phase == "header" and not cur.bylines

    def take_byline(self, i: int, unit: Unit) -> None:
        cur = self.current
        if cur is not None and self.phase == "header" and not cur.bylines:
            cur.bylines.append(unit)
        elif cur is not None and self.phase in ("body", "footer") and not cur.bylines:
            cur.bylines.append(unit)
            cur.byline_after_body = True
            self.phase = "footer"
        elif cur is not None and self.phase in ("body", "footer") and self._closes(i):
            # a second byline after a body, then closing lines or the next article: it
            # closes some article's text here (an article interleaved with this one, whose
            # text de-interleaving hands over with the closing lines)
            cur.footer.append(unit)
            self.phase = "footer"
        else:  # a byline that opens the next article (its title comes later or never)
            self.open(bylines=[unit])

    def _closes(self, i: int) -> bool:
        """What follows unit i is closing lines, the next article's title, or nothing."""
        nxt = _next_index(self.units, i, skip=("furniture", "kicker"))
        return nxt is None or nxt in self.titles or self.units[nxt].kind in ("source", "affiliation")


def segment(units: list[Unit]) -> Segmented:
    walker = _Walker(units)
    walker.run()
    drafts, leftovers, fragments = _settle_headless(walker.drafts, walker.leftovers)
    _check_each_placed_once(units, drafts, leftovers)
    return Segmented(drafts, leftovers, fragments)


def _check_each_placed_once(units: list[Unit], drafts: list[Draft], leftovers: list[tuple[str, Unit]]) -> None:
    """Every unit goes to one draft or the leftovers (a fragment is a leftover too): a unit
    placed nowhere would vanish from the page, one placed twice would be printed twice."""
    placed = [id(u) for d in drafts for u in d.units()] + [id(u) for _, u in leftovers]
    if sorted(placed) != sorted(id(u) for u in units):
        lines = sorted(u.first_line for u in units if placed.count(id(u)) != 1)
        raise LostTrack(lines)


class LostTrack(Exception):
    """Segmentation placed some units nowhere or twice: a bug, never the page's fault. The
    page's reader turns it into an error naming the file and lines, so that no page is
    published with text missing or doubled."""

    def __init__(self, lines: list[int]):
        self.lines = lines
        super().__init__(f"segmentation placed a unit other than once (lines {lines})")


def _settle_headless(drafts: list[Draft], leftovers: list[tuple[str, Unit]]
                     ) -> tuple[list[Draft], list[tuple[str, Unit]], list[Unit]]:
    """Titles printed after their article, header-only drafts and tiny orphan pieces:
    (the drafts kept, the leftovers, the fragments a cut paragraph elsewhere may claim)."""
    kept: list[Draft] = []
    fragments: list[Unit] = []
    for draft in drafts:
        prev = kept[-1] if kept else None
        if not draft.body and not draft.summary:
            if prev is not None and prev.title is None and (draft.title or draft.bylines):
                _attach_late_header(prev, draft)
                if draft.label is not None:  # a summary label with no summary after it
                    leftovers.append(("other", draft.label))
            else:
                leftovers.extend(_as_leftovers(draft))
        elif prev is not None and draft.title is None and not draft.bylines \
                and _hand_to_previous(draft, prev, leftovers):
            continue
        elif draft.title is None and not draft.bylines and not draft.footer and _is_tiny(draft):
            _scatter(draft, leftovers, fragments)
        else:
            kept.append(draft)
    return kept, leftovers, fragments


def _hand_to_previous(draft: Draft, prev: Draft, leftovers: list[tuple[str, Unit]]) -> bool:
    """Give a headless draft's pieces to the article before when they are its own (and
    say so): a title printed after that article, or a closing line printed again."""
    late = _late_title(draft.body) if draft.body and prev.title is None and _is_tiny(draft) else None
    if late is not None:
        # a title printed after its article, its kicker and the page's slogans, and
        # perhaps a closing line printed again at the page foot: all of it belongs to
        # the article before
        title, kickers, slogans = late
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


def _scatter(draft: Draft, leftovers: list[tuple[str, Unit]], fragments: list[Unit]) -> None:
    """A tiny headless draft is no article: its pieces are slogans, banners and fragments."""
    for unit in draft.body:
        kind = "slogan" if furniture.is_slogan_shape(unit.text) else \
            "banner" if unit.kind == "kicker" else "fragment"
        leftovers.append((kind, unit))
        if kind == "fragment":
            fragments.append(unit)
    leftovers.extend(("banner", k) for k in draft.kickers)


def _late_title(body: list[Unit]) -> tuple[Unit, list[Unit], list[Unit]] | None:
    """A title printed after its article: one title-shaped line, then nothing but its
    kicker and the page's slogans (title, kicker, slogans), else None."""
    first, rest = body[0], body[1:]
    if not shapes.title_shaped(first.text) or furniture.is_slogan_shape(first.text):
        return None
    slogans = [u for u in rest if furniture.is_slogan_shape(u.text)]
    kickers = [u for u in rest if u.kind == "kicker" and not furniture.is_slogan_shape(u.text)]
    if len(slogans) + len(kickers) < len(rest):
        return None
    return first, kickers, slogans


def _attach_late_header(prev: Draft, late: Draft) -> None:
    """A title and byline printed after the body, and the closing lines after them: all
    the article's own (its summary label, with no summary, is not: the caller's leftover)."""
    if late.title is not None:
        prev.title, prev.title_after_body = late.title, True
    if late.bylines and not prev.bylines:
        prev.bylines = late.bylines
        prev.byline_after_body = True
    elif late.bylines:
        prev.footer.extend(late.bylines)
    prev.footer.extend(late.footer)
    prev.kickers.extend(late.kickers)


def _as_leftovers(draft: Draft) -> list[tuple[str, Unit]]:
    out: list[tuple[str, Unit]] = [("banner", k) for k in draft.kickers]
    if draft.title is not None:
        kind = "slogan" if furniture.is_slogan_shape(draft.title.text) else "fragment"
        out.append((kind, draft.title))
    out.extend(("byline", b) for b in draft.bylines)
    if draft.label is not None:
        out.append(("other", draft.label))
    out.extend(("other", f) for f in draft.footer)
    return out


def _is_tiny(draft: Draft) -> bool:
    return sum(len(u.text) for u in draft.body) < FRAGMENT_MAX and all(
        len(u.text) < LONG_PARAGRAPH for u in draft.body)
