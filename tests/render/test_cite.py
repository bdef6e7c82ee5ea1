"""Citing an article: GB/T 7714's newspaper form, BibTeX and the JSON-LD NewsArticle."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from site_builder.config import SiteConfig
from site_builder.model import Article, Block, Entry, PageInfo, Printing
from site_builder.render.cite import bibtex, gbt7714, json_ld, printed_at

CONFIG = SiteConfig(base_url="https://example.org/archive/")
PAGE = PageInfo(paper="人民日报", date=dt.date(1998, 12, 25), page=10, page_name="理论")


def entry(title="创造学习的思路", authors=("谢希德",), page=PAGE, date=None, source_paper=None) -> Entry:
    article = Article(title=title, blocks=[Block("paragraph", "正文。")], authors=list(authors),
                      date=date or page.date, source_paper=source_paper, origin=Path("raw/p.txt"), page=page)
    printing = Printing(origin=Path("raw/p.txt"), origin_kind="raw", source=None, source_paper=source_paper,
                        date=article.date, lines=[], page=page)
    return Entry(key=title, slug="chuang-zao-xue-xi", url="/articles/chuang-zao-xue-xi/", article=article,
                 printings=[printing])


def test_the_standard_example():
    assert gbt7714(entry()) == "谢希德.创造学习的思路[N].人民日报,1998-12-25(10)."


def test_up_to_three_authors_are_named_then_deng():
    assert gbt7714(entry(authors=["甲", "乙"])).startswith("甲,乙.创造学习的思路[N].")
    assert gbt7714(entry(authors=["甲", "乙", "丙", "丁"])).startswith("甲,乙,丙,等.创造学习的思路[N].")


def test_unknown_parts_are_left_out_with_their_punctuation():
    assert gbt7714(entry(authors=[])) == "创造学习的思路[N].人民日报,1998-12-25(10)."
    assert gbt7714(entry(page=PageInfo(paper="人民日报", date=dt.date(1998, 12, 25)))) == \
        "谢希德.创造学习的思路[N].人民日报,1998-12-25."
    undated = entry(page=PageInfo(), date=None)
    undated.article.date = None
    assert gbt7714(undated) == "谢希德.创造学习的思路[N]."


def test_without_a_printed_page_the_named_paper_and_date_are_cited():
    e = entry(page=PageInfo(), date=dt.date(2024, 6, 20), source_paper="光明日报")
    assert printed_at(e) == PageInfo(paper="光明日报", date=dt.date(2024, 6, 20))
    assert gbt7714(e) == "谢希德.创造学习的思路[N].光明日报,2024-06-20."


def test_bibtex_names_journal_date_and_pages():
    record = bibtex(entry(authors=["谢希德", "张三"], title="100% {新}"), CONFIG)
    assert record.startswith("@article{chuang-zao-xue-xi,\n")
    for line in ("author = {谢希德 and 张三}", r"title = {100\% \{新\}}", "journal = {人民日报}",
                 "date = {1998-12-25}", "year = {1998}", "pages = {10}",
                 "url = {https://example.org/archive/articles/chuang-zao-xue-xi/}"):
        assert f"  {line},\n" in record
    assert record.endswith("\n}")


def test_json_ld_is_a_news_article_in_its_issue_and_safe_in_a_script():
    text = str(json_ld(entry(title="标题</script><b>"), CONFIG, "提要 & 摘要"))
    assert "</script>" not in text and "<b>" not in text and "&" not in text
    data = json.loads(text)
    assert data["@type"] == "NewsArticle" and data["headline"] == "标题</script><b>"
    assert data["author"] == [{"@type": "Person", "name": "谢希德"}]
    assert data["datePublished"] == "1998-12-25" and data["pageStart"] == "10"
    assert data["publisher"] == {"@type": "Organization", "name": "人民日报"}
    assert data["isPartOf"] == {"@type": "PublicationIssue", "datePublished": "1998-12-25",
                                "isPartOf": {"@type": "Newspaper", "name": "人民日报"}}
    assert data["description"] == "提要 & 摘要"

