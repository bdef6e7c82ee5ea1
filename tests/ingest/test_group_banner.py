"""A group's banner (专家谈 …) over short signed pieces is page matter; the same words over
one full article are its kicker."""
from __future__ import annotations

from pathlib import Path

from site_builder.ingest.raw_page import extract_text

SENTENCES = ["制度优势是一个国家的最大优势。", "把制度建设摆在突出位置，才能行稳致远。", "制度的生命力在于执行。",
             "有了好制度，如果执行不力，也会成为“稻草人”。", "人才是第一资源。", "引才要舍得投入，用才要敢于放手。",
             "开放带来进步，封闭必然落后。", "自由贸易试验区是改革开放的试验田。"]


def _paragraphs(n: int) -> str:
    """Two paragraphs no other call prints (a passage printed twice is dropped)."""
    return "".join(SENTENCES[n % 8] + SENTENCES[(n + k) % 8] + f"第{n}{k}点。\n\n" for k in (1, 2))


def _piece(title: str, name: str, n: int) -> str:
    return f"{title}\n\n{name}\n\n{_paragraphs(n)}（作者系东江大学教授）\n\n"


def _page(text: str):
    doc = extract_text(Path("group.txt"), text)
    return [(a.kicker, a.title) for a in doc.articles], [(left.kind, left.text) for left in doc.leftovers]


def test_banner_over_a_group_of_short_pieces_is_a_leftover():
    arts, leftovers = _page("专家谈\n\n" + _piece("夯实制度之基", "●王明", 1) + _piece("激活人才之源", "●李强", 2))
    assert arts == [(None, "夯实制度之基"), (None, "激活人才之源")]
    assert leftovers == [("banner", "专家谈")]


def test_same_words_over_one_piece_then_a_full_article_stay_its_kicker():
    sections = "".join(f"第{c}个方面\n\n{_paragraphs(n)}" for n, c in enumerate("三四五", start=3))
    full = f"加快建设海洋强国\n\n●李强\n\n{sections}（作者系东江大学教授）\n\n"
    arts, leftovers = _page("专家谈\n\n" + _piece("夯实制度之基", "●王明", 1) + full)
    assert arts == [("专家谈", "夯实制度之基"), (None, "加快建设海洋强国")]
    assert leftovers == []


def test_banner_over_pieces_with_kickers_of_their_own():
    """A piece's own kicker (printed after its title, or over a later piece) leaves the
    group whole; the banner above the first title is still the group's."""
    text = ("专家谈\n\n" + _piece("夯实制度之基", "●王明", 1).replace("\n\n●王明", "\n\n【治理之道】\n\n●王明")
            + "【理论前沿】\n\n" + _piece("激活人才之源", "●李强", 2))
    arts, leftovers = _page(text)
    assert arts == [("【治理之道】", "夯实制度之基"), ("【理论前沿】", "激活人才之源")]
    assert leftovers == [("banner", "专家谈")]


def test_banner_over_a_piece_whose_first_paragraph_a_column_foot_cut():
    """A column ends a few characters into a piece's first paragraph: the short unfinished
    line under its byline is that paragraph's head, not a subheading, so the run of short
    pieces (a group) stands."""
    cut = _piece("激活人才之源", "●李强", 2).replace("●李强\n\n制度的生命力在于", "●李强\n\n制度的生命力\n\n在于", 1)
    assert "\n\n制度的生命力\n\n在于" in cut
    arts, leftovers = _page("专家谈\n\n" + _piece("夯实制度之基", "●王明", 1) + cut)
    assert arts == [(None, "夯实制度之基"), (None, "激活人才之源")]
    assert leftovers == [("banner", "专家谈")]


def test_banner_over_pieces_signed_or_closed_only():
    """A piece that prints its writer's post in its byline (no closing line) and one that
    signs nowhere but in its closing line are pieces of the group all the same (before: a
    piece had to have both, and the banner became the first piece's kicker)."""
    unsigned = _piece("夯实制度之基", "", 1).replace("\n\n\n\n", "\n\n")
    posted = _piece("激活人才之源", "●李强 东江大学教授", 2).replace("（作者系东江大学教授）\n\n", "")
    arts, leftovers = _page("专家谈\n\n" + unsigned + posted)
    assert arts == [(None, "夯实制度之基"), (None, "激活人才之源")]
    assert leftovers == [("banner", "专家谈")]
