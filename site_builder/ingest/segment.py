"""Article boundaries: classify each unit, then cut the page into article drafts.

A draft is an article's parts as units: kickers, title, bylines, summary, body, footer
(reprint and author-unit lines). Where titles stand is titles.py's to say; what to make of
drafts without a head, headless.py's.
"""
from __future__ import annotations

from site_builder.ingest import closing, editor_note, footnotes, furniture, lexicon, metadata, names, series, shapes, subtitle
from site_builder.ingest.draft import Draft, Segmented
from site_builder.ingest.group_banner import release_group_banners
from site_builder.ingest.headless import is_tiny
from site_builder.ingest.headless import settle_headless as _settle_headless
from site_builder.ingest.lines import Unit, next_index, prev_index
from site_builder.ingest.title_lines import join_title_lines
from site_builder.ingest.titles import (
    SHORT_COLUMN_NAME_MAX,
    bylines_above_titles,
    find_titles,
    is_column_name,
    is_subtitle_line,
    is_name,
    stands_above_title,
    unit_line_heads_body,
)
from site_builder.ingest.typography import strip_markdown


def classify(unit: Unit) -> None:
    """Set unit.kind and unit.info from the unit's own text."""
    text = unit.text
    # (the raw line too: cleaning drops the space that sets a label off its note, 编后　…)
    if editor_note.is_editor_note(text) or editor_note.is_editor_note(unit.raw.strip()):
        unit.kind = editor_note.KIND
        return
    kind = footnotes.LEFTOVER if footnotes.is_notes_label(text) else furniture.furniture_kind(text)
    if kind:
        unit.kind, unit.info = "furniture", {"leftover": kind}
        return
    plain = " ".join(unit.raw.split())
    plain, _ = strip_markdown(plain)
    for kind, parse in (("source", closing.parse_source), ("affiliation", closing.parse_affiliation),
                        ("affiliation", closing.parse_note)):
        info = parse(text)
        if info and not _names_set_apart(kind, info, plain):
            unit.kind, unit.info = kind, info
            return
    byline = metadata.parse_byline_parts(plain, marked_only=True)
    if byline:
        unit.kind, unit.info = "byline", byline
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
    # an unmarked line of names never has a clause's comma: 乡村振兴，既要塑形，也要 is the
    # head of a paragraph cut by a column
    byline = metadata.parse_byline_parts(plain) if "，" not in text else None
    if byline and names.words_not_names(byline["names"]):
        byline = None
    unit.kind, unit.info = "text", byline or {}


def _names_set_apart(kind: str, info: dict, plain: str) -> bool:
    """（作者：王某　李某）: cleaning joins the names into one “unit” that names no unit or
    post; the raw line, its names still set apart, reads as a byline."""
    return kind == "affiliation" and not metadata.names_unit(info.get("affiliation") or "") \
        and not info.get("note") and bool(metadata.parse_byline_parts(plain, marked_only=True))



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
        self.bylines_above = bylines_above_titles(units, self.titles)
        self.pending_bylines: list[Unit] = []  # (printed above their title, on such a page)

    def open(self, **parts) -> Draft:
        bylines = self.pending_bylines + parts.pop("bylines", [])
        draft = Draft(kickers=self.pending_kickers, bylines=bylines, **parts)
        self.pending_kickers, self.pending_bylines = [], []
        self.drafts.append(draft)
        self.current, self.phase = draft, "header"
        return draft

    def run(self) -> None:
        for i, unit in enumerate(self.units):
            self.step(i, unit)
        cur = self.current
        if cur is not None and cur.title is None and cur.body and is_tiny(cur):
            # kickers at the page's foot after a title-less scrap: a title printed after its
            # article, then its kicker (see _settle_headless)
            cur.body.extend(self.pending_kickers)
        else:
            self.leftovers.extend(("banner", unit) for unit in self.pending_kickers)
        self.leftovers.extend(("byline", unit) for unit in self.pending_bylines)

    def step(self, i: int, unit: Unit) -> None:
        """Put unit i where it belongs: in the leftovers, or in a part of a draft."""
        cur = self.current
        if unit.kind == "furniture":
            self.leftovers.append((unit.info["leftover"], unit))
        elif unit.kind == editor_note.KIND:
            # page matter heading the articles below it: what comes after opens one of them
            self.leftovers.append((editor_note.KIND, unit))
            self.current, self.phase = None, "none"
        elif unit.kind == "kicker" and i not in self.titles and not self._kicker_is_text(i):
            self.take_kicker(i, unit)
        elif i in self.titles and cur is not None and self._byline_opened_page():
            cur.title = unit  # (the page's first article, its byline printed over its title)
        elif i in self.titles:
            self.open(title=unit)
        elif self.bylines_above and is_name(unit) and stands_above_title(self.units, i, self.titles):
            self.pending_bylines.append(unit)
        elif is_name(unit) and self._byline_fits(i, unit):
            self.take_byline(i, unit)
        elif self._column_name_above_title(i, unit):
            self.pending_kickers.append(unit)
        elif unit.kind == "label" and cur is not None and self.phase == "header":
            self.take_label(cur, unit)
        elif self.phase == "summary" and cur is not None and (unit.kind == "bullet" or not cur.summary):
            self.take_summary(cur, unit)
        elif unit.kind in ("source", "affiliation"):
            self.take_closing_line(i, unit)
        else:
            self.take_body(unit)

    def _byline_opened_page(self) -> bool:
        """The page so far holds a byline alone: no article stands above it for it to close,
        so it is the byline of the title that follows (on a page that sets other bylines
        under their titles too)."""
        cur = self.current
        return len(self.drafts) == 1 and cur is not None and cur.title is None and bool(cur.bylines) \
            and not (cur.body or cur.footer or cur.summary or cur.head_lines)

    def take_kicker(self, i: int, unit: Unit) -> None:
        """A kicker after a title is that title's (printed below it), unless another title
        follows: a kicker stands above its own title first of all (the title before may be
        one printed after its article)."""
        cur = self.current
        if cur is not None and cur.title is not None and self._right_under_title(i) \
                and is_subtitle_line(unit.text):
            cur.subtitle = unit  # (the title's second half, not a kicker)
        elif cur is not None and self.phase == "header" and cur.title is not None \
                and next_index(self.units, i, skip=("kicker", "furniture")) not in self.titles:
            cur.kickers.append(unit)
        else:
            self.pending_kickers.append(unit)

    def _right_under_title(self, i: int) -> bool:
        """Unit i follows the current title with nothing between but kickers printed below it."""
        cur = self.current
        prev = prev_index(self.units, i, skip=("furniture",))
        while prev is not None and cur is not None and any(self.units[prev] is k for k in cur.kickers):
            prev = prev_index(self.units, prev, skip=("furniture",))
        return cur is not None and prev is not None and self.units[prev] is cur.title

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

    def take_closing_line(self, i: int, unit: Unit) -> None:
        """A reprint or author-unit line closes the article it follows; an author-unit line
        under a title, with the body after it, is the head's (an article with no byline name)."""
        if self.current is None:
            self.leftovers.append(("other", unit))
        elif self._in_head(i):
            self.current.head_lines.append(unit)
        else:
            self.current.footer.append(unit)
            self.phase = "footer"

    def _in_head(self, i: int) -> bool:
        cur = self.current
        return cur is not None and self._in_header(cur) and cur.title is not None \
            and unit_line_heads_body(self.units, i)

    def take_body(self, unit: Unit) -> None:
        """Body text; after an article's closing lines it opens a draft without a title."""
        cur = self.current
        if cur is None or self.phase == "footer":
            cur = self.open()
        cur.body.append(unit)
        self.phase = "body"

    def _column_name_above_title(self, i: int, unit: Unit) -> bool:
        """A short line of words alone, between a closed article (or the page's top) and the
        next title: the column's name over that article (思想纵横, 理论前沿)."""
        cur = self.current
        if not is_column_name(unit):
            return False
        # (after an article printed without its title, the line is that title, printed late;
        # a rule between articles closes the one above, printed without closing lines; on a
        # page that prints bylines over titles, the byline stands between name and title)
        closed = cur is None or (self.phase == "footer" and cur.title is not None) \
            or (i > 0 and self.units[i - 1].kind == "furniture" and _is_rule(self.units[i - 1].text)) \
            or self._ended_unsigned(i)
        nxt = next_index(self.units, i, skip=("furniture", "kicker"))
        if self.bylines_above and nxt is not None and is_name(self.units[nxt]):
            return closed and stands_above_title(self.units, nxt, self.titles)
        return closed and nxt in self.titles

    def _ended_unsigned(self, i: int) -> bool:
        """Unit i, a word or two (理论圆桌, 专家谈), follows a titled article's last sentence,
        printed without closing lines (a commentary unsigned), and stands right over the next
        title. (Longer, it is as often the piece of a paragraph a column's cut left there.)"""
        cur = self.current
        return cur is not None and self.phase == "body" and cur.title is not None and bool(cur.body) \
            and shapes.cjk_len(self.units[i].text) <= SHORT_COLUMN_NAME_MAX \
            and shapes.terminated(cur.body[-1].text) and next_index(self.units, i, skip=("furniture",)) in self.titles

    def _kicker_is_text(self, i: int) -> bool:
        """A campaign-shaped line inside a body, followed by more body, is a subheading."""
        # (a bracketed banner is never a subheading; a line between two marks may be one)
        if self.units[i].text.startswith(("【", "〖", "〔", "［")) or self.phase != "body":
            return False
        nxt = next_index(self.units, i, skip=("kicker", "furniture"))
        return nxt is not None and nxt not in self.titles and self.units[nxt].kind == "text"

    def _byline_fits(self, i: int, unit: Unit) -> bool:
        cur = self.current
        if unit.kind == "byline":
            return True
        # an unmarked name counts right after a title; after an article's text when the
        # article has none and closing lines, the next title or nothing follow (its byline
        # printed after the body); after the text of a signed article when the article
        # before it has no byline (the two read in turns: the text here may end the one
        # before, de-interleaving hands it its closing lines); or after closing lines,
        # before the next article, when an article before has no byline (see
        # displaced.return_bylines)
        if cur is not None and self.phase == "body" and cur.body and self._names_between_columns(i, unit):
            unit.names_between_columns = True  # (a claim: see displaced.settle_names_between_columns)
            return True
        if cur is not None and self.phase == "body" and not cur.bylines and cur.body:
            return self._closes(i)
        if cur is not None and self.phase == "body" and cur.bylines and cur.body and self._closes(i):
            return len(self.drafts) > 1 and self.drafts[-2].title is not None and not self.drafts[-2].bylines
        if cur is not None and self.phase == "footer" and cur.bylines and self._closes(i):
            return any(d.title is not None and not d.bylines for d in self.drafts[:-1])
        return cur is not None and self._in_header(cur) and not cur.bylines

    def _in_header(self, cur: Draft) -> bool:
        """The article's head is being read: after its title, or in or after its summary with
        no body yet (a byline printed under the summary)."""
        return self.phase == "header" or (self.phase in ("summary", "body") and bool(cur.summary) and not cur.body)

    def _names_between_columns(self, i: int, unit: Unit) -> bool:
        """A line of names with no mark between two passages of text, after a finished
        paragraph: the byline of an article read in turns with another, printed after its
        last column (the other's columns go on below it). Read as a marked byline is there;
        not where the line is a word of the dictionary (结语, 引言: a subheading), whereas
        a name rarely is."""
        cur = self.current
        nxt = next_index(self.units, i, skip=("furniture",))
        return cur is not None and unit.kind == "text" and shapes.terminated(cur.body[-1].text) \
            and nxt is not None and nxt not in self.titles and self.units[nxt].kind == "text" \
            and not any(lexicon.word_frequency(name) for name in unit.info["names"])

    def take_byline(self, i: int, unit: Unit) -> None:
        cur = self.current
        if cur is not None and self._in_header(cur) and (not cur.bylines or self._after_byline(i)):
            cur.bylines.append(unit)  # (a byline's second line: 本报记者 …, 本报通讯员 …)
        elif cur is not None and self.phase in ("body", "footer") and not cur.bylines:
            cur.bylines.append(unit)
            cur.byline_after_body = True
            self.phase = "footer"
        elif cur is not None and cur.byline_after_body and not cur.footer and self._under_last_byline(i):
            cur.bylines.append(unit)  # (the byline's next line: 本报通讯员 … under 本报记者 …)
        elif cur is not None and self.phase == "footer" and cur.bylines and cur.footer[-1:] \
                and cur.footer[-1].kind != "byline" and stands_above_title(self.units, i, self.titles) \
                and all(d.bylines for d in self.drafts if d.title is not None):
            # after a signed article's closing lines, over the next title, and no article
            # above lacks its byline: that title's
            self.pending_bylines.append(unit)
        elif cur is not None and self.phase in ("body", "footer") and self._closes(i):
            # a second byline after a body, then closing lines or the next article: it
            # closes some article's text here (an article interleaved with this one, whose
            # text de-interleaving hands over with the closing lines)
            cur.footer.append(unit)
            self.phase = "footer"
        else:  # a byline that opens the next article (its title comes later or never)
            self.open(bylines=[unit])

    def _under_last_byline(self, i: int) -> bool:
        """Unit i is a staff line (本报通讯员 …) right under the current article's last byline,
        itself a staff line: one report's byline, a role a line (two marked bylines one under
        the other are two articles' printed late)."""
        cur = self.current
        prev = prev_index(self.units, i, skip=("furniture",))
        return cur is not None and bool(cur.bylines) and prev is not None and self.units[prev] is cur.bylines[-1] \
            and all(metadata.STAFF_ROLE.match(self.units[k].text.lstrip(metadata.MARKERS)) for k in (prev, i))

    def _after_byline(self, i: int) -> bool:
        prev = prev_index(self.units, i, skip=("furniture",))
        return prev is not None and self.units[prev].kind == "byline"

    def _closes(self, i: int) -> bool:
        """What follows unit i (and the bylines set with it) is closing lines, the next
        article's title, an editor's note or afterword (page matter), or nothing."""
        nxt = next_index(self.units, i, skip=("furniture", "kicker", "byline"))
        return nxt is None or nxt in self.titles or self.units[nxt].kind in ("source", "affiliation", editor_note.KIND)


def _is_rule(text: str) -> bool:
    """Page furniture that is marks alone (——, * * *, ☆☆☆): a rule set between articles."""
    return not any(ch.isalnum() for ch in text)


def segment(units: list[Unit]) -> Segmented:
    editor_note.mark_note_runs(units)
    footnotes.mark_note_runs(units)
    subtitle.unname_titles_over_subtitles(units)
    units[:] = join_title_lines(units)  # (in place: the caller's units are what was placed)
    walker = _Walker(units)
    walker.run()
    drafts, leftovers, fragments = _settle_headless(walker.drafts, walker.leftovers)
    for draft in drafts:
        _mark_opening_cut(draft)
    release_group_banners(drafts, leftovers)
    _check_each_placed_once(units, drafts, leftovers)
    return Segmented(drafts, leftovers, fragments)


def _mark_opening_cut(draft: Draft) -> None:
    """A titled article's body opens with a paragraph, or with a numbered section: a short
    unfinished line right under the head is its first paragraph cut by a column's foot,
    unless it opens like the article's later subheadings (one of their series)."""
    if draft.title is None or len(draft.body) < 2:
        return
    first, rest = draft.body[0], draft.body[1]
    if shapes.dangling(first.text) and not shapes.is_numbered_heading(first.text) and not first.markdown_heading \
            and rest.kind == "text" and not shapes.title_shaped(rest.text) \
            and not series.in_series(first.text, series.headings_among(draft.body[2:])):
        first.read_as_cut = True


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
