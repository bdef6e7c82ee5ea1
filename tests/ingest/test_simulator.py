"""Generated pages: each kind of damage alone and combined must give the clean articles back.

PAGES_PER_KIND pages per kind, each from its own seed: enough that a kind misread one time
in twenty cannot pass the bar by luck (at 25 pages it did, 0.95 ** 25 = 28 % of the time).
Every page is also checked character by character (nothing vanishes). The report prints
every kind's rate. The page forms (FORMS) are held to the same bar, but for those in
PENDING_KINDS, whose extraction is not there yet (xfail, not strict: the report shows them).
"""
from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from site_builder.ingest.raw_page import extract_text
from tests.ingest.accounting import unaccounted
from tests.ingest.sim import FORMS, KINDS, PENDING_KINDS, differences, make_page
from tests.ingest.sim import corpus
from tests.ingest.sim.check import extract_page, page_problems
from tests.ingest.sim.frozen import frozen_page
from tests.ingest.sim.reprint import reprint_pages

PAGES_PER_KIND = 100
BAR = 0.98
ALL_KINDS = ["clean", *KINDS]
EVERY_KIND = [*ALL_KINDS, *FORMS]  # a kind's seeds: 1000 x its place here + n


def pass_rate(kind: str) -> tuple[float, list[str]]:
    failures: list[str] = []
    for n in range(PAGES_PER_KIND):
        page = make_page(1000 * EVERY_KIND.index(kind) + n, kind)
        problems = page_problems(page, extract_page(page, f"sim-{kind}-{n}.txt"))
        if problems:
            failures.append(f"seed {n} {page.kinds}: {problems[0][:200]}")
    return 1 - len(failures) / PAGES_PER_KIND, failures


# Kinds read at >= BAR on the earlier simulator's text that fall below it on the written corpus
# (tests/ingest/corpus/): the text is new, the reading is not; the extraction helpers of
# issue 15 take these up.
BELOW_BAR_ON_CORPUS: dict[str, str] = {}


def _pending(kind: str):
    reason = BELOW_BAR_ON_CORPUS.get(kind, f"extraction of {kind} not done yet")
    return pytest.param(kind, marks=pytest.mark.xfail(strict=False, reason=f"issue 15: {reason}"))


@pytest.mark.parametrize("kind", [k if k not in BELOW_BAR_ON_CORPUS else _pending(k) for k in ALL_KINDS]
                         + [k if k not in PENDING_KINDS else _pending(k) for k in FORMS])
def test_damage_kind(kind: str):
    rate, failures = pass_rate(kind)
    print(f"{kind}: {rate:.3f}")
    assert rate >= BAR, f"{kind}: pass rate {rate:.3f} < {BAR}\n" + "\n".join(failures[:5])


def test_nothing_vanishes_on_generated_pages():
    """Character accounting on every kind of damage, the hard ones included."""
    for kind in EVERY_KIND:
        for n in range(8):
            page = make_page(1000 * EVERY_KIND.index(kind) + n, kind)
            missing, invented = unaccounted(page.text, extract_text(Path("sim.txt"), page.text))
            assert not missing and not invented, (kind, n, dict(missing), dict(invented))


# The regression tests below read pages frozen from the simulator's earlier generator
# (tests/ingest/corpus/frozen/): the pages they were written for.

def test_byline_after_an_interleaved_article_reaches_it():
    """An article read in turns with the next one, its byline printed after its text: the
    byline closes the stream and goes with the closing lines to the article that owns the
    last text (not a headless article, not a leftover)."""
    wrong = 0
    for n in range(20):
        page = frozen_page(7_000 + n, ["interleave", "byline-after"])
        doc = extract_text(Path("sim.txt"), page.text)
        authors = sorted(tuple(a.authors) for a in doc.articles)
        wrong += authors != sorted(tuple(a.authors) for a in page.articles)
    assert wrong <= 2, f"{wrong} of 20 pages give an article the wrong authors"


def test_the_article_after_an_interleaved_pair_keeps_its_text():
    """Once an interleaved pair is read apart, its second article has given its closing
    lines to the first and ends on a whole sentence; the next article's subheadings (short
    unterminated lines) are no sign of another interleaving, and it keeps its sections and
    its closing lines."""
    page = frozen_page(2002, ["interleave"])  # a page where that next article has subheadings
    doc = extract_text(Path("sim.txt"), page.text)
    last = page.articles[-2]  # (the one after the pair; the page's last is an unrelated one)
    mine = next(a for a in doc.articles if a.title == last.title)
    assert [b.text for b in mine.blocks if b.type == "heading"] == [t for k, t in last.blocks if k == "heading"]
    assert mine.affiliation == last.affiliation


def test_an_interleaved_page_whose_feet_only_hint_at_its_line_width():
    """Too few column feet to believe a line width: the reading weighs the widths they fit
    best against reading without lines, and the columns' heights under the true width
    give the pair back (this page was misread while no width below the bar was tried)."""
    page = frozen_page(9062, ["interleave"])
    doc = extract_text(Path("sim.txt"), page.text)
    assert differences(page, doc) == []


def test_a_short_head_of_a_split_line_is_read_as_a_cut_not_a_subheading():
    """The head of a glued line ends a column where its space ran out: short and
    unterminated, it is still the first half of a cut sentence (this page's head read as a
    subheading while only whole units could end a column run)."""
    page = frozen_page(301047, ["interleave"])
    doc = extract_text(Path("sim.txt"), page.text)
    assert differences(page, doc) == []


def test_a_subheading_that_moved_to_the_next_column_is_not_read_as_a_foot():
    """A subheading never stands at a column's foot: it moves whole to the next column's top
    and leaves lines free. Counted as paragraph text it may reach the column's height, but
    its last line is short, so it is no foot (this page joined its subheading to the
    paragraph after it while such a piece counted as one)."""
    page = frozen_page(302045, ["interleave"])
    doc = extract_text(Path("sim.txt"), page.text)
    assert differences(page, doc) == []


def test_an_interleaved_page_whose_width_only_the_learnt_vocabularies_confirm():
    """Reading without lines and reading with the width the feet hint at are compared once
    each has learnt its vocabularies (this page lost its true width to reading without
    lines while they were compared on the first reading)."""
    page = frozen_page(305009, ["interleave"])
    doc = extract_text(Path("sim.txt"), page.text)
    assert differences(page, doc) == []


def test_a_byline_printed_after_an_interleaved_body():
    """The second article's byline stands after its last column, and the first article's
    last columns follow it with no head of their own: they are read with the interleaved
    columns (the second article's text ends at its byline), not as an article of their own."""
    for seed in (16006, 16010, 16019, 16021, 16023):
        page = frozen_page(seed, ["interleave", "byline-after"])
        doc = extract_text(Path(f"sim-{seed}.txt"), page.text)
        assert differences(page, doc) == [], seed
        assert unaccounted(page.text, doc) == (Counter(), Counter()), seed


def test_both_printings_of_a_reprint_read_as_printed():
    """One article on two pages, one printing cut mid-sentence where its page ran out: each
    page gives back the article as printed there (choosing the printing is the site's job).
    Where the page ran out a few words under a subheading, the subheading stays one (seeds
    20, 25, 30, 34 and 35 joined it to those words)."""
    wrong = []
    for seed in range(40):
        for page in reprint_pages(seed):
            doc = extract_text(Path(f"reprint-{seed}.txt"), page.text)
            if differences(page, doc) or unaccounted(page.text, doc) != (Counter(), Counter()):
                wrong.append(seed)
    assert not wrong, f"pages of seeds {wrong} misread"


def test_a_combined_page_draws_only_kinds_that_compose():
    """marked-subheads finds each subheading's block by its printed text, which traditional
    changes when it runs first: the two are never drawn together (this seed drew both, in
    that order, and the simulator raised ValueError)."""
    page = make_page(600014, "x", ["traditional", "marked-subheads"])
    assert page.kinds == ["traditional"]


def test_a_sayings_source_keeps_its_line_when_the_text_layer_runs_paragraphs_on():
    """The source line of an epigraph (—— 王阳明) ends no sentence, but it is a line of its
    own: the text layer must not run the next paragraph on after it."""
    from tests.ingest.sim.page import Line
    from tests.ingest.sim.text_layer import _stream
    lines = [Line("“治国有常，而利民为本。”", "paragraph", 0), Line("—— 王阳明", "paragraph", 0),
             Line("民为国基，谷为民命。", "paragraph", 0)]
    assert [p.text for p in _stream(lines)] == [line.text for line in lines]


def test_an_unsigned_article_read_in_turns_keeps_no_unit_its_lost_byline_printed():
    """interleave-unsigned drops the second article's byline: a unit the byline printed (a
    paren-byline's （某某大学教授　王某）) is no longer on the page, so extraction cannot owe
    it (these pages asked for it)."""
    for seed in range(610000, 610040):
        page = make_page(seed, "x", ["paren-byline", "interleave-unsigned"])
        printed = re.sub(r"\s", "", page.text)
        assert all(a.affiliation is None or a.affiliation in printed for a in page.articles), seed


def test_an_article_read_in_turns_keeps_the_unit_its_byline_prints():
    """interleave drops the second article's closing lines: a unit its byline prints in
    brackets (王某（某某党校讲师）) is still on the page, and still the article's (these
    pages owed none)."""
    kept = 0
    for seed in range(611000, 611060):
        page = make_page(seed, "x", ["author-lines", "interleave"])
        for a in page.articles:
            printed = " ".join(a.byline or [])
            if re.search(r"[（(]", printed):
                assert a.affiliation and a.affiliation in printed, seed
                kept += 1
    assert kept >= 3


def test_a_report_read_in_turns_keeps_the_writers_its_dateline_names():
    """interleave-unsigned drops the second article's byline; a report has none, and its
    dateline (新华社上海电（记者王某）) still names its writers on the page (these pages
    owed no authors)."""
    dated = 0
    for seed in range(613000, 613080):
        page = make_page(seed, "x", ["dateline", "interleave-unsigned"])
        for a in page.articles:
            if re.search(r"电（记者|讯（记者", page.text) and a.blocks and "（记者" in a.blocks[0][1][:30]:
                assert a.authors and a.authors[0] in a.blocks[0][1][:40], seed
                dated += 1
    assert dated >= 3


def test_an_unsigned_articles_unit_line_stands_under_its_subtitle():
    """interleave-unsigned prints the second article's unit under its head: under the title
    and the subtitle, never between the two (these pages printed it between)."""
    for seed in (803001, 803008, 803019):
        page = make_page(seed, "x", ["interleave-unsigned", "dash-subtitle"])
        printed = [line for line in page.text.split("\n") if line]
        titled = [a for a in page.articles if a.subtitle and printed.count(a.title) == 1]
        assert titled and all(printed[printed.index(a.title) + 1] == a.subtitle for a in titled), seed


def test_the_corpus_holds_articles_of_the_genre():
    """At least 30 written articles of 6-15 paragraphs, each with its own title."""
    written = corpus.by_form("article")
    paragraphs = [sum(kind == "paragraph" for kind, _ in w.blocks) for w in written]
    assert len(written) >= 30 and all(6 <= n <= 15 for n in paragraphs), paragraphs
    assert len({w.title for w in written}) == len(written)


def test_a_malformed_corpus_file_is_named_with_its_line(tmp_path):
    bad = tmp_path / "99-bad.md"
    bad.write_text("---\ntitle: 标题\nno colon here\n---\n正文。\n", encoding="utf-8")
    with pytest.raises(corpus.CorpusError, match=r"99-bad\.md:3: not 'key: value'"):
        corpus.parse(bad)


def test_the_simulator_takes_no_text_from_the_program_under_test():
    """Pages are made without the extractor: composing them loads no module of site_builder
    but the data model (which character accounting reads). Run in a fresh interpreter."""
    code = ("import sys; from tests.ingest.sim import make_page; make_page(1, 'combined-new'); "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('site_builder'))))")
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["site_builder", "site_builder.model"]


def test_a_pull_quote_with_half_width_marks_is_found_with_its_width_repaired():
    """The page records a pull quote as printed (half-width marks, where the page's text has
    them); extraction repairs the width of page matter as of body text: the two compare
    without width (pages that had a quote with a half-width comma failed)."""
    pages = [make_page(seed, "x", ["half-width", "pull-quote"]) for seed in range(612000, 612030)]
    half = [p for p in pages if any(re.search("[,:;!?]", text) for _, text in p.leftovers)]
    assert len(half) >= 3
    assert [p.text[:20] for p in half if page_problems(p, extract_page(p, "q.txt"))] == []
