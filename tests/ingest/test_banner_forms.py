"""A column banner in any of the page's bracket shapes, or between two of one mark, heads its
article as its kicker (it was a stray fragment unless printed in 【】)."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest.raw_page import extract_text

BODY = ("党的建设是一项伟大工程，必须坚持不懈地推进。各级党组织要切实担负起管党治党的政治责任，"
        "把全面从严治党的要求落实到每一个环节，确保党始终成为坚强领导核心。")
MORE = "城市更新是推动城市可持续发展、改善居民生活质量、提升城市竞争力的重要途径，必须坚持以人民为中心。"


@pytest.mark.parametrize("banner", ["【思想纵横】", "〖思想纵横〗", "〔理论前沿〕", "［学习笔谈］", "◆理论视野◆", "★ 学习笔谈 ★"])
def test_a_banner_heads_its_article(banner):
    doc = extract_text(Path("banner.txt"), "\n\n".join([banner, "加强党的建设", "■王明", BODY, MORE]) + "\n")
    [article] = doc.articles
    assert (article.kicker, article.title, article.authors) == (banner, "加强党的建设", ["王明"])
    assert doc.leftovers == []


def test_a_line_between_two_marks_inside_a_body_stays_a_subheading():
    """(without its marks, as a subheading with a leading marker is)"""
    doc = extract_text(Path("banner.txt"), "\n\n".join(["加强党的建设", "■王明", BODY, "◆坚持党的领导◆", MORE]) + "\n")
    assert [(b.type, b.text) for b in doc.articles[0].blocks] == [
        ("paragraph", BODY), ("heading", "坚持党的领导"), ("paragraph", MORE)]


def test_a_markdown_copy_marks_a_bannered_title_line_from_its_start():
    """The simulator prints a banner on a title's line of a Markdown copy after the heading
    mark (## 【学思践悟】提升…): a mark standing after the banner (【学思践悟】　## 提升…) is no
    Markdown a page is copied in, and the extraction reads the line as printed."""
    import re

    from tests.ingest.sim import make_page
    from tests.ingest.sim.check import extract_page, page_problems

    for seed in (790_079, 5, 6, 7):
        page = make_page(seed, "x", ["markdown", "banner-on-title"])
        assert not re.search(r"(?m)^[^#\n].*#{1,6} ", page.text), seed
    for seed in (790_079, 5, 6, 7):
        page = make_page(seed, "x", ["markdown", "banner-on-title"])
        assert page_problems(page, extract_page(page, "markdown-banner.txt")) == [], seed


def test_a_banner_on_the_title_line_replaces_a_kicker_above_a_byline():
    """A banner printed on the title's line is the article's kicker in the simulator's
    expectation, so the page must not print the kicker it replaced: also where a byline
    printed above the title stands between the kicker and the title (the kicker stayed
    printed and was read with the banner, 学习贯彻全会精神【理论前沿】)."""
    from tests.ingest.sim import make_page
    from tests.ingest.sim.check import extract_page, page_problems

    misread = [seed for seed in (2, 4, 5, 7, 8)
               if page_problems(page := make_page(seed, "x", ["byline-above", "banner-on-title"]),
                                extract_page(page, f"byline-above-banner-{seed}.txt"))]
    assert misread == []
