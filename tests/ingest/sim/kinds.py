"""The kinds of damage and form a page can show, and what each needs of the page.

KINDS are read by the extraction today; PENDING_KINDS are the forms of issue 15 whose
extraction is being built. A kind is one of: a shape (changes the articles before they are
laid out), a damage (changes the laid-out lines), or a form of the composed articles (it
only asks for articles that show it: NEEDS)."""
from __future__ import annotations

import re
from collections.abc import Callable

from tests.ingest.sim import contents, damage_layout, damage_text, forms, page_matter, quotations, shapes, signatures
from tests.ingest.sim.compose import has_trap, long_heading, opens_short, short_two_part, short_word_end
from tests.ingest.sim.corpus import Written
from tests.ingest.sim.interleave import interleave, interleave_unsigned
from tests.ingest.sim.three_columns import three_columns

KINDS = ["column-break", "interleave", "duplicate", "half-width", "spaces", "markdown", "hard-wrap",
         "traditional", "stray-and", "byline-after", "title-after", "kicker-after", "furniture", "combined"]
# the page forms of issue 15 and other layouts of the genre (seeds follow this order)
FORMS = ["editor-note", "separator", "byline-displaced", "continuation", "joint-footers",
         "interleave-unsigned", "mid-page-kicker", "dash-subtitle", "paren-byline", "reporter-lines",
         "long-heading", "short-word-heading", "short-title", "maxim-after-heading", "caption",
         "control-chars", "keep-text", "number-spaces", "page-head", "commentary", "interview",
         "link-box", "expert-group", "three-columns", "combined-new", "note-labels", "author-lines", "abstract-keywords",
         "banner-on-title", "colophon", "marked-subheads",
         "round-table", "research-group", "lost-glyphs",
         "department", "no-blank-lines", "byline-on-title", "byline-unit", "byline-marks", "dot-stops",
         "wrapped-lines", "indented-lines", "byline-above", "layer-chars", "title-two-lines",
         "kicker-two-lines", "byline-names-two-lines", "pull-quote", "byline-posts", "head-order", "afterword", "short-paragraphs",
         "quote-source", "dash-signature", "contents", "dateline"]
# forms whose extraction is not yet at the bar (xfail in the test until it is); the other
# forms are held to it like the damage kinds
PENDING_KINDS = ["combined-new"]

# shapes, in the order they run
SHAPES: dict[str, Callable] = {
    "paren-byline": shapes.paren_byline, "reporter-lines": shapes.reporter_lines,
    "commentary": shapes.commentary, "link-box": shapes.link_box, "expert-group": shapes.expert_group,
    "editor-note": shapes.editor_note, "continuation": shapes.continuation,
    "note-labels": page_matter.note_labels, "author-lines": page_matter.author_lines,
    "round-table": signatures.round_table, "research-group": signatures.research_group,
    "department": signatures.department, "byline-unit": page_matter.byline_unit,
    "byline-posts": page_matter.byline_posts, "short-paragraphs": forms.short_paragraphs,
    "dateline": signatures.dateline,
}
DAMAGE: dict[str, Callable] = {
    "column-break": damage_text.column_break, "interleave": interleave, "duplicate": damage_text.duplicate,
    "half-width": damage_text.half_width, "spaces": damage_text.spaces, "markdown": damage_text.markdown,
    "traditional": damage_text.traditional, "stray-and": damage_text.stray_and,
    "byline-after": damage_layout.byline_after, "title-after": damage_layout.title_after,
    "kicker-after": damage_layout.kicker_after, "furniture": damage_layout.page_furniture,
    "interleave-unsigned": interleave_unsigned, "separator": forms.separator,
    "byline-displaced": forms.byline_displaced, "joint-footers": forms.joint_footers,
    "mid-page-kicker": forms.mid_page_kicker, "caption": forms.caption, "pull-quote": forms.pull_quote, "head-order": forms.head_order, "afterword": forms.afterword, "page-head": forms.page_head,
    "three-columns": three_columns, "abstract-keywords": page_matter.abstract_keywords,
    "banner-on-title": page_matter.banner_on_title, "colophon": page_matter.colophon,
    "marked-subheads": page_matter.marked_subheads, "keep-text": forms.keep_text, "number-spaces": forms.number_spaces, "control-chars": forms.control_chars,
    "lost-glyphs": forms.lost_glyphs, "no-blank-lines": damage_text.no_blank_lines,
    "byline-on-title": page_matter.byline_on_title, "byline-marks": page_matter.byline_marks,
    "dot-stops": damage_text.dot_stops, "byline-above": damage_layout.byline_above,
    "layer-chars": forms.layer_chars, "title-two-lines": damage_layout.title_two_lines,
    "kicker-two-lines": damage_layout.kicker_two_lines,
    "quote-source": quotations.quote_source, "dash-signature": quotations.dash_signature,
    "contents": contents.contents,
    "byline-names-two-lines": damage_layout.byline_names_two_lines,
}
# damage applied first (it lays out clean articles) and last (it damages whatever is printed;
# a head is set over two lines wherever the layout put it)
FIRST = ["interleave", "interleave-unsigned", "three-columns"]
LAST = ["byline-names-two-lines", "kicker-two-lines", "title-two-lines", "byline-marks", "contents", "page-head", "keep-text", "number-spaces", "control-chars", "lost-glyphs", "layer-chars", "spaces", "no-blank-lines"]
# kinds a combined page does not draw together (the second drops)
EXCLUSIVE = [("interleave", "title-after"), ("interleave-unsigned", "title-after"),
             ("interleave", "interleave-unsigned"), ("interleave", "continuation"),
             ("interleave-unsigned", "continuation"), ("interleave", "expert-group"),
             ("interleave-unsigned", "expert-group"), ("three-columns", "interleave"),
             ("three-columns", "interleave-unsigned"), ("three-columns", "title-after"),
             ("three-columns", "continuation"), ("three-columns", "expert-group"),
             ("banner-on-title", "kicker-after"),  # (the banner moves the kicker into the title's line)
             ("hard-wrap", "no-blank-lines"),  # (wrapped paragraphs with no blank line: not this form)
             ("hard-wrap", "wrapped-lines"), ("no-blank-lines", "wrapped-lines"),  # (its own wrapping)
             # (not read yet: the interleave reading needs the blank lines between the pieces)
             ("interleave", "wrapped-lines"), ("interleave-unsigned", "wrapped-lines"),
             ("three-columns", "wrapped-lines"),
             ("hard-wrap", "indented-lines"), ("no-blank-lines", "indented-lines"), ("wrapped-lines", "indented-lines"),
             ("interleave", "indented-lines"), ("interleave-unsigned", "indented-lines"),
             ("three-columns", "indented-lines"),
             # (each writes the same article's byline or closing lines its own way)
             ("byline-unit", "joint-footers"), ("byline-unit", "expert-group"), ("byline-unit", "byline-posts"),
             ("byline-unit", "interleave-unsigned"), ("byline-unit", "commentary"),
             # (marked-subheads finds a subheading's block by its printed text, which
             # traditional has changed when it ran first)
             ("traditional", "marked-subheads"),
             # (each prints the byline somewhere else; continuation opens the page with text)
             ("byline-above", "byline-after"), ("byline-above", "title-after"), ("byline-above", "byline-displaced"),
             ("byline-above", "byline-on-title"), ("byline-above", "continuation"),
             ("byline-above", "interleave"), ("byline-above", "interleave-unsigned"), ("byline-above", "three-columns"),
             ("byline-above", "expert-group"),  # (a round table prints each name over its part)
             # (not read yet: in columns read in turns, a column's foot stands over the next
             # head as often as a head's first line does, and the reading keeps them apart)
             ("interleave", "title-two-lines"), ("interleave-unsigned", "title-two-lines"),
             ("three-columns", "title-two-lines"),
             # (a title set over two lines is not the list's one line)
             ("contents", "title-two-lines")]
# kinds that need more articles on the page than the 2-4 drawn
MIN_ARTICLES = {"three-columns": 3}


def _pairs(w: Written):
    return zip(w.blocks, w.blocks[1:], strict=False)


# kinds that need an article of some shape: (which written articles fit, what their composition may show)
NEEDS: dict[str, tuple[Callable[[Written], bool], frozenset[str]]] = {
    "dash-subtitle": (lambda w: bool(w.subtitle) and w.form == "article", frozenset({"subtitle"})),
    "long-heading": (lambda w: any(map(long_heading, w.headings)), frozenset({"long-heading", "whole"})),
    "short-word-heading": (lambda w: any(map(short_word_end, w.headings)),
                           frozenset({"short-word-heading", "whole"})),
    "short-title": (lambda w: short_two_part(w.title), frozenset()),
    "maxim-after-heading": (lambda w: any(a[0] == "heading" and b[0] == "paragraph" and opens_short(b[1])
                                          for a, b in _pairs(w)), frozenset({"maxim", "whole"})),
    "keep-text": (lambda w: any(has_trap(t) for k, t in w.blocks if k == "paragraph"),
                  frozenset({"traps", "whole"})),
    "number-spaces": (lambda w: any(re.search(r"\d{2,}", t) for k, t in w.blocks if k == "paragraph"),
                      frozenset({"whole"})),
    "commentary": (lambda w: w.form == "commentary", frozenset({"whole"})),
    "interview": (lambda w: w.form == "interview", frozenset({"whole", "subtitle"})),
    "link-box": (lambda w: bool(w.box), frozenset({"whole"})),
    "abstract-keywords": (lambda w: bool(w.summary) and not has_trap(w.summary or ""), frozenset()),
}
