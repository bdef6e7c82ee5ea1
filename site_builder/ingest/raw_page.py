"""Raw newspaper page -> articles, leftovers and warnings.

The steps, each in its own module: decode (bytes -> text) · lines (units with their raw
lines) · typography (clean text) · furniture / metadata (what each unit is) · contents, dedupe
(page matter, passages printed twice) · segment (article boundaries) · interleave (mixed
columns) · reflow (cut paragraphs, subheadings) · then the fields of each article are filled
and what no article owns is kept as a leftover. Nothing of the page is dropped without a trace.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from site_builder.errors import ContentError
from site_builder.ingest import contents, dateline, dedupe, displaced, footnotes, furniture, metadata, page_head, turn_drafts
from site_builder.ingest.layer_repairs import page_breaks, remove_invisible, undouble_bold, unify_radicals
from site_builder.ingest.decode import LOST_GLYPH, LOST_MARK, read_page, remove_control_characters, remove_lost_glyphs
from site_builder.ingest.inferred_title import inferred_title
from site_builder.ingest.interleave import Background, deinterleave, deinterleave_finding_title
from site_builder.ingest.lines import Unit, merge_spans, split_lines, units_from_lines
from site_builder.ingest.reflow import PageStats, Piece, best_dangling, join_units, reflow, split_orphans
from site_builder.ingest.segment import Draft, LostTrack, classify, segment
from site_builder.ingest.titles import is_name
from site_builder.ingest.byline_lines import mend_byline_lines
from site_builder.ingest.kicker_lines import join_kicker_lines
from site_builder.ingest.byline_names import join_byline_names
from site_builder.ingest.typography import balance_quotes, normalize, simplify_stray, strip_markdown, traditional_ratio
from site_builder.ingest.wrapping import join_wrapped
from site_builder.model import Article, Block, Leftover, LeftoverKind, LineSpan, SourceDocument, Warning_

# a page this traditional is a traditional-script page, not simplified text with strays
TRADITIONAL_PAGE = 0.25


def extract_raw_page(path: Path) -> SourceDocument:
    """Decode the page (ContentError naming the file when it is not text) and extract it; what
    decoding had to repair is warned first."""
    decoded = read_page(path)
    doc = extract_text(path, decoded.text)
    doc.warnings[:0] = decoded.warnings
    return doc


def extract_text(path: Path, text: str) -> SourceDocument:
    """The extractor proper, on decoded text (the simulator calls it without a file). Control
    characters are removed here too, not only when a file is decoded: no caller's text may
    carry them into the site's HTML and XML."""
    text, removed = remove_control_characters(page_breaks(text), path)
    for repair in (remove_invisible, unify_radicals, undouble_bold):
        text, warned = repair(text, path)
        removed += warned
    printed = LOST_GLYPH.sub(LOST_MARK, text)  # (a lost glyph took a character's place)
    text, lost = remove_lost_glyphs(text, path)
    removed += lost
    lines = split_lines(text)
    page = _Page(path, lines, simplify=traditional_ratio(text) < TRADITIONAL_PAGE,
                 printed=split_lines(printed) if printed != text else None)
    try:
        doc = page.extract()
    except LostTrack as bug:
        raise ContentError(f"the extractor lost track of the text on lines {bug.lines} (a bug in "
                           "site_builder: please report it with this page); the page is not published",
                           path, bug.lines[0] if bug.lines else None) from bug
    doc.warnings[:0] = removed
    return doc


@dataclass
class _ArticleParts:
    draft: Draft
    pieces: list[Piece]
    warnings: list[Warning_] = field(default_factory=list)
    # pieces reflow found stranded (a cut paragraph elsewhere on the page may claim them)
    orphans: list[Unit] = field(default_factory=list)
    # short paragraphs kept in the body that such a paragraph may claim all the same
    claimable: list[Piece] = field(default_factory=list)


class _Page:
    def __init__(self, path: Path, lines: list[str], simplify: bool, printed: list[str] | None = None):
        self.path = path
        self.lines = lines
        self.printed = printed
        self.simplify = simplify
        self.leftovers: list[Leftover] = []
        self.warnings: list[Warning_] = []

    def warn(self, message: str, line: int | None, code: str, into: list[Warning_] | None = None) -> None:
        (self.warnings if into is None else into).append(Warning_(self.path, message, line, code))

    def leftover(self, kind: LeftoverKind, text: str, spans: list[LineSpan]) -> None:
        if text.strip():
            self.leftovers.append(Leftover(kind, text, merge_spans(spans)))

    # --- steps -------------------------------------------------------------------------
    def extract(self) -> SourceDocument:
        units = self.clean_units(mend_byline_lines(page_head.split_head_lines(units_from_lines(self.lines, self.printed))))
        units = join_kicker_lines(units)
        for unit in units:
            classify(unit)
        units = join_byline_names(units)
        furniture.mark_page_breaks(units)
        units = self.drop_duplicate_units(units)
        seg = segment(units)
        notes = [unit for _, unit in seg.leftovers if unit.info.get("footnote")]
        for kind, unit in seg.leftovers:
            # (segment names its leftovers by LeftoverKind's names, in tuples typed str)
            if not unit.info.get("footnote"):
                self.leftover(cast(LeftoverKind, kind), unit.text, unit.spans)
        stats = PageStats.of([u.text for u in units])
        self.fix_interleaving(seg.drafts, stats)
        displaced.settle_names_between_columns(seg.drafts)
        displaced.return_closing_lines(seg.drafts)
        displaced.return_bylines(seg.drafts)
        displaced.return_closing_lines(seg.drafts)  # (among the articles a byline split off)
        self.drafts = seg.drafts
        parts = [self.reflow_article(d, stats) for d in seg.drafts]
        self.place_fragments(parts, seg.fragments)
        articles = [self.build_article(p) for p in parts]
        for unit in footnotes.attach(notes, articles):
            self.leftover(footnotes.LEFTOVER, unit.text, unit.spans)
        self.leftovers.sort(key=lambda left: left.lines[0].first if left.lines else 0)
        return SourceDocument(self.path, "raw", articles, self.leftovers, self.warnings, raw_lines=self.lines)

    def clean_units(self, units: list[Unit]) -> list[Unit]:
        kept: list[Unit] = []
        for unit in units:
            raw = join_wrapped(unit.raw.split("\n"))
            _, unit.markdown_heading = strip_markdown(raw)
            text = normalize(raw)
            text, jumps = furniture.split_jump_lines(text)
            for jump in jumps:
                self.leftover("notice", normalize(jump), unit.spans)
            if self.simplify:
                text = simplify_stray(text)
            unit.text = text
            if text:
                kept.append(unit)
        return kept

    def drop_duplicate_units(self, units: list[Unit]) -> list[Unit]:
        """Drop a list of contents (page matter), passages printed twice and pull quotes."""
        units, listed = contents.listed_titles(units)
        kept, dropped = dedupe.duplicate_units(units)
        kept, quotes = dedupe.pull_quotes(kept)
        for unit in listed:
            self.leftover("other", unit.text, unit.spans)
        for unit, what in [*((u, "a passage printed twice") for u in dropped),
                           *((u, "a sentence set again alone (a pull quote)") for u in quotes)]:
            self.leftover("duplicate", unit.text, unit.spans)
            self.warn(f"{what} was dropped: {unit.text[:20]}…", unit.first_line, "duplicate")
        return kept

    def fix_interleaving(self, drafts: list[Draft], stats: PageStats) -> None:
        vocab = Background.of(stats.bigrams)
        read_in_turns, notes = turn_drafts.read_in_turns(drafts)  # (three articles' columns)
        for line, message in notes:
            self.warn(message, line, "interleave")
        k = 0
        while k + 1 < len(drafts):
            first, second = drafts[k], drafts[k + 1]
            if id(first) in read_in_turns or id(second) in read_in_turns:
                k += 1
                continue
            third = drafts[k + 2] if k + 2 < len(drafts) else None
            byline_below = third is not None and _first_byline_displaced(first, third)
            if third is not None and (displaced.runs_on_after_byline(second, third) or byline_below
                                      or displaced.runs_on_after_closing(second, third)):
                # the second article's byline (or the first's, displaced below the second's
                # text, or the second's closing lines) printed after its body, then text with
                # no head (a subheading right under closing lines reads as a title): the first
                # article's last columns (the second's text ended at the byline)
                segmented = second.body, second.footer
                second.body = second.body + ([third.title] if third.title else []) + third.body
                second.footer = second.footer + third.footer
                outcome = deinterleave(first, second, vocab, second_ends=len(segmented[0]))
                if outcome.moved:
                    _give_displaced_byline(first, second, third)
                    del drafts[k + 2]
                else:  # (not interleaved after all: as segmented)
                    second.body, second.footer = segmented
            else:
                outcome = deinterleave_finding_title(first, second, vocab)
            for line, message in outcome.notes:
                self.warn(message, line, "interleave")
                first.interleaved = second.interleaved = message
            k += 1

    def reflow_article(self, draft: Draft, stats: PageStats) -> _ArticleParts:
        pieces, dropped = reflow(draft.body, stats)
        parts = _ArticleParts(draft, pieces)
        for text, unit in dropped:
            self.leftover("duplicate", text, unit.spans)
            self.warn(f"text printed on both sides of a break kept once: {text}", unit.first_line,
                      "duplicate", parts.warnings)
        for piece in pieces:
            cleaned, copies = dedupe.tandem_repeats(piece.unit.text)
            for copy in copies:
                self.leftover("duplicate", copy, piece.unit.spans)
                self.warn(f"a passage printed twice was dropped: {copy[:20]}…", piece.unit.first_line,
                          "duplicate", parts.warnings)
            piece.unit.text = balance_quotes(cleaned)
        parts.pieces, parts.orphans, parts.claimable = split_orphans(pieces)
        return parts

    def place_fragments(self, parts: list[_ArticleParts], page_fragments: list[Unit]) -> None:
        """Give orphan pieces to a paragraph elsewhere that stops in mid-sentence, when the
        junction is one the page writes elsewhere; the rest stay leftovers (fragments), but
        for the short paragraphs a cut paragraph could only claim, which stay in their body."""
        stats = PageStats.of([p.unit.text for part in parts for p in part.pieces]
                             + [u.text for u in page_fragments])
        orphans = [(u, None, False) for u in page_fragments] + [
            (u, part, False) for part in parts for u in part.orphans] + [
            (p.unit, part, True) for part in parts for p in part.claimable]
        for unit, owner, in_body in orphans:
            target = best_dangling([part.pieces for part in parts], unit, stats)
            if target is not None:
                part, piece = parts[target[0]], target[1]
                piece.unit, _ = join_units(piece.unit, unit)
                if owner is None:
                    self._unleft(unit)
                elif in_body:  # (owner is not None)
                    owner.pieces = [p for p in owner.pieces if p.unit is not unit]
                self.warn(f"an orphan fragment ({unit.text[:12]}) was joined to a cut paragraph",
                          unit.first_line, "orphan-fragment", part.warnings)
                continue
            if owner is not None and not in_body:
                self.leftover("fragment", unit.text, unit.spans)
                self.warn(f"an orphan fragment was kept out of the body: {unit.text[:12]}",
                          unit.first_line, "orphan-fragment", owner.warnings)

    def _unleft(self, unit: Unit) -> None:
        for k, left in enumerate(self.leftovers):
            if left.text == unit.text and left.lines == merge_spans(unit.spans):
                del self.leftovers[k]
                return

    # --- one article -------------------------------------------------------------------
    def build_article(self, parts: _ArticleParts) -> Article:
        d = parts.draft
        article = Article(title=None, blocks=[], origin=self.path, warnings=parts.warnings)
        self.fill_header(article, d)
        for piece in parts.pieces:
            # a subheading's marker (■ 筑牢根基) is an ornament, as a byline's or a bullet's is
            text = metadata.strip_bullet(piece.unit.text) if piece.heading else piece.unit.text
            article.blocks.append(Block("heading" if piece.heading else "paragraph", text or piece.unit.text,
                                        merge_spans(piece.unit.spans)))
        self.fill_footer(article, d)
        article.authors = article.authors or dateline.opening_writers([b.text for b in article.blocks[:2]])
        if article.title is None:
            self.infer_title(article, d)
        spans = [s for u in _all_units(d) for s in u.spans] + [s for b in article.blocks for s in b.lines]
        article.lines = merge_spans(spans)
        if d.interleaved:
            self.warn(d.interleaved, article.lines[0].first if article.lines else None, "interleave",
                      article.warnings)
        return article

    def fill_header(self, article: Article, d: Draft) -> None:
        if d.title is not None:
            raw = " ".join(d.title.raw.split()) if d.title.raw else d.title.text
            article.title = normalize(raw, keep_gap=True) if d.title.raw else d.title.text
            if d.subtitle is not None:  # printed as one: 主标题——副标题
                article.title += re.sub(r"^(\W+?)\s+", r"\1", d.subtitle.text)
            if self.simplify:
                article.title = simplify_stray(article.title)
            if d.title_after_body:
                self.warn("the title is printed after its article", d.title.first_line, "title-after-body",
                          article.warnings)
        banner = None
        if article.title:
            banner, article.title = metadata.split_inline_banner(article.title)
        if d.kickers or banner:
            article.kicker = " ".join([k.text for k in d.kickers] + ([banner] if banner else []))
        for byline in d.bylines:
            article.authors.extend(byline.info.get("names", []))
            # (a byline's unit is read from its printed line: its marks' width repaired here)
            article.affiliation = article.affiliation or _repaired(byline.info.get("affiliation"))
        if d.byline_after_body:
            self.warn("the byline is printed after the body", d.bylines[0].first_line, "byline-after-body",
                      article.warnings)
        if d.summary:
            article.summary = "\n".join(_summary_text(u) for u in d.summary) or None

    def fill_footer(self, article: Article, d: Draft) -> None:
        notes: list[str] = []
        for unit in d.head_lines + d.footer:
            info = unit.info
            if any(unit is u for u in d.footer) and self._repeated_footer(unit, d):
                self.leftover("duplicate", unit.text, unit.spans)
                self.warn(f"a closing line printed twice was dropped: {unit.text}", unit.first_line,
                          "duplicate", article.warnings)
                continue
            if is_name(unit):  # (a line of names alone, unmarked, is taken only as a byline)
                if not article.authors:
                    article.authors = list(info.get("names", []))
                    article.affiliation = article.affiliation or _repaired(info.get("affiliation"))
                else:
                    self.leftover("byline", unit.text, unit.spans)
                continue
            if info.get("source"):
                article.source = _join(article.source, info["source"])
                article.source_paper = article.source_paper or info.get("source_paper")
            if info.get("affiliation"):
                article.affiliation = _join(article.affiliation, info["affiliation"])
                # an author's note names the writer: the article's author when no byline did
                article.authors = article.authors or list(info.get("names", []))
            if info.get("note"):
                notes.append(info["note"])
        if notes:
            article.note = "；".join(notes)

    def _repeated_footer(self, unit: Unit, d: Draft) -> bool:
        """A closing line after the article's first one that repeats a closing line of the page
        (or its first, a line naming a unit that repeats another article's closing line, when
        its byline named its unit already)."""
        position = d.footer.index(unit)
        key = dedupe.key(unit.text)
        if position == 0:
            return bool(unit.info.get("affiliation")) and _byline_names_unit(d) \
                and any(dedupe.key(u.text) == key for other in self.drafts if other is not d for u in other.footer)
        earlier = [u for u in d.footer[:position]]
        if not any(dedupe.key(u.text) == key for other in self.drafts for u in
                   (earlier if other is d else other.footer)):
            return False
        # two articles by authors of one unit print the same line legitimately; a copy is
        # a second line of a kind the article already has, or a reprint line after the unit
        kinds = {u.kind for u in earlier}
        # … and, after a reprint line, a line word for word the one an earlier article opens
        # its closing with: a unit named after a reprint line is worded for that place (two
        # such articles of one unit may match each other, not an article's opening line)
        elsewhere = any(dedupe.key(u.text) == key and u.first_line < unit.first_line and k == 0
                        for other in self.drafts if other is not d for k, u in enumerate(other.footer))
        # … or a unit line when the article's closing lines have named its unit already
        has_unit = any(u.info.get("affiliation") for u in earlier)
        return unit.kind in kinds or (unit.kind == "source" and "affiliation" in kinds) \
            or (elsewhere and unit.kind == "affiliation" and kinds == {"source"}) \
            or (unit.kind == "affiliation" and has_unit)

    def infer_title(self, article: Article, d: Draft) -> None:
        title = inferred_title([b.text for b in article.blocks if b.type == "paragraph"])
        if title is None:
            return
        article.title, article.title_inferred = title, True
        line = article.blocks[0].lines[0].first if article.blocks and article.blocks[0].lines else None
        self.warn("the page prints no title for this article; one was made from its first sentence",
                  line, "title-inferred", article.warnings)


def _first_byline_displaced(first: Draft, third: Draft) -> bool:
    """The draft after next has a byline but no other head, and the first has no byline."""
    return not first.bylines and bool(third.bylines) and third.title is None \
        and not (third.kickers or third.summary or third.label) and bool(third.body)


def _give_displaced_byline(first: Draft, second: Draft, third: Draft) -> None:
    """A byline printed below the second article's text is the first's when the first has
    none of its own (an article's byline displaced below the next article)."""
    if first.bylines:
        return
    if third.bylines:
        first.bylines = third.bylines
    elif second.byline_after_body:
        first.bylines, second.bylines, second.byline_after_body = second.bylines, [], False


def _summary_text(unit: Unit) -> str:
    if unit.kind == "label":
        return unit.info.get("rest", "")
    return metadata.strip_bullet(unit.text)


def _byline_names_unit(d: Draft) -> bool:
    """The article's byline gives the writer's unit (■王某 某某大学教授, or the unit in
    brackets on the line under the names)."""
    return any(u.info.get("affiliation") for u in d.bylines + d.head_lines)


def _join(old: str | None, new: str) -> str:
    return new if not old else f"{old}；{new}"


def _all_units(d: Draft) -> list[Unit]:
    units = [u for u in d.head() if u] + d.summary + d.footer
    if d.label is not None and d.label not in d.summary:
        units.append(d.label)
    return units


def _repaired(field: str | None) -> str | None:
    return normalize(field) if field else field
