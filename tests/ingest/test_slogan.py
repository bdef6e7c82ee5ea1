"""The page's slogan at its foot (凝心聚力　砥砺奋进！) is page matter, never an article's text."""
from __future__ import annotations

from pathlib import Path

from site_builder.ingest.raw_page import extract_text

UNCLOSED = ("加强党的建设\n\n本报记者　王明\n\n"
            "党的建设是一项伟大工程，必须坚持不懈地推进。各级党组织要切实担负起管党治党的政治责任，"
            "把全面从严治党的要求落实到每一个环节，确保党始终成为坚强领导核心。\n\n")


def _read(text: str):
    doc = extract_text(Path("slogan.txt"), text)
    return [b.text for a in doc.articles for b in a.blocks], [(left.kind, left.text) for left in doc.leftovers]


def test_a_slogan_under_an_article_printed_without_closing_lines():
    """No closing line stands between the last article's text and the slogan under it (a
    news report signed by its reporters): the short exclamation with no clause inside is
    the page's (before: the last paragraph of the article)."""
    blocks, leftovers = _read(UNCLOSED + "坚定信心　真抓实干　推动高质量发展取得新成效！\n\n本版投稿邮箱：a@example.com\n")
    assert len(blocks) == 1 and ("slogan", "坚定信心真抓实干推动高质量发展取得新成效！") in leftovers


def test_an_articles_last_paragraph_that_exclaims_stays_its_own():
    """An exclamation with its clauses (让我们…，…！) closes the text: it stays in the body."""
    blocks, _ = _read(UNCLOSED + "让我们携手并进，奋力谱写新时代新篇章！\n")
    assert blocks[-1] == "让我们携手并进，奋力谱写新时代新篇章！"
