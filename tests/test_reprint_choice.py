"""An article printed twice, one printing cut: the site shows the most complete text of the
printings (with the fields of the printing that has the most of them) and says which printing
it passed over; a hand-corrected Markdown article is still shown as written."""
from __future__ import annotations

from pathlib import Path

from site_builder.analyze import analyze
from site_builder.config import SiteConfig
from site_builder.ingest.raw_page import extract_text
from site_builder.model import Article, Block, SourceDocument

TITLE = "抓好基层治理体系和治理能力现代化"
OPENING = ("基层是国家治理的基石，统筹推进乡镇和城乡社区治理，是实现国家治理体系和治理能力现代化的基础工程。"
           "推进基层治理现代化，需要把握以下几个方面。")
# the same opening paragraph as a page printed it: its last words lost at a column break
OPENING_CUT = OPENING[:-1] + "的"
REST = ["加强党建引领，夯实基层治理基础",
        "做好基层工作，必须加强和改善党的领导。街道社区党组织要发挥统筹协调作用，把各类组织和群众凝聚起来，"
        "推动形成一体协同的整体治理架构。",
        "畅通渠道引导群众积极参与基层治理。对于社区建设中的重大事项，要广泛听取群众意见，"
        "使相关决策和规划更加民主、科学、有效。"]


def _page(opening: str, *, kicker: str = "", footer: str = "", rest: list[str] = REST) -> str:
    head = f"{kicker}\n\n" if kicker else ""
    return head + f"{TITLE}\n\n■王明\n\n" + "\n\n".join([opening, *rest]) + "\n\n" + footer


def _doc(name: str, text: str) -> SourceDocument:
    doc = extract_text(Path(name), text)
    doc.kind = "raw"
    return doc


def _shown(*docs: SourceDocument):
    archive = analyze(list(docs), SiteConfig())
    [entry] = archive.entries
    return entry, [w for w in archive.warnings if w.code == "reprint-text"]


def test_the_whole_text_is_shown_with_the_fields_of_the_fuller_printing():
    plain = _doc("p1.txt", _page(OPENING, footer="（原载6月20日《人民日报》）\n"))
    fuller = _doc("p2.txt", _page(OPENING_CUT, kicker="【理论前沿】", footer="（作者单位：东江大学）\n"))
    assert fuller.articles[0].blocks[0].text.endswith("方面的")  # the page's cut, as extracted
    entry, [warning] = _shown(plain, fuller)
    assert entry.article.blocks[0].text == OPENING
    assert (entry.article.kicker, entry.article.affiliation) == ("【理论前沿】", "东江大学")
    assert [p.origin.name for p in entry.printings] == ["p1.txt", "p2.txt"]
    assert warning.file == Path("p2.txt") and "p1.txt" in warning.message and "方面的" in warning.message


def test_a_printing_that_stops_in_mid_sentence_at_its_end_is_passed_over():
    last = REST[-1]
    cut_end = _doc("a.txt", _page(OPENING, kicker="【理论前沿】", rest=[*REST[:-1], last[:last.index("，") + 8]]))
    whole = _doc("b.txt", _page(OPENING))
    entry, [warning] = _shown(cut_end, whole)
    assert entry.article.blocks[-1].text == last and entry.article.kicker == "【理论前沿】"
    assert warning.file == Path("a.txt") and "b.txt" in warning.message


def test_printings_equally_whole_show_the_fuller_printing_and_warn_nothing():
    one = _doc("a.txt", _page(OPENING))
    two = _doc("b.txt", _page(OPENING, kicker="【理论前沿】"))
    entry, warnings = _shown(one, two)
    assert entry.article is two.articles[0] and warnings == []


def test_a_hand_corrected_markdown_article_still_wins():
    whole = _doc("a.txt", _page(OPENING))
    corrected = Article(title=TITLE, blocks=[Block("paragraph", OPENING_CUT)], authors=["王明"],
                        origin=Path("a.md"), origin_kind="markdown")
    entry, warnings = _shown(whole, SourceDocument(Path("a.md"), "markdown", [corrected]))
    assert entry.article is corrected and warnings == []
