"""A printing carries the printed page its article was read from (paper, date, 版次, 版名)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from site_builder.analyze.reprints import printing_of
from site_builder.model import Article, Block, LineSpan, PageInfo


def test_printing_copies_the_page_of_its_article():
    page = PageInfo(paper="人民日报", date=dt.date(2024, 6, 20), page=9, page_name="理论")
    article = Article(title="题目", blocks=[Block("paragraph", "正文。")], origin=Path("raw/p.txt"),
                      lines=[LineSpan(3, 9)], page=page)
    assert printing_of(article).page == page


def test_a_printing_of_an_article_without_page_knows_none():
    article = Article(title="题目", blocks=[], origin=Path("articles/a.md"), origin_kind="markdown")
    assert not printing_of(article).page.known
