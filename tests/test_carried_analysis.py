"""The analysis carried between builds (analyze/carry.py): an edit that changes nothing the
analysis reads for other pages is put in place without analysing again; anything else falls
back to the full analysis. Either way the site equals a clean build's, byte for byte."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from site_builder.analyze.reprints import COMMON_SENTENCE, _sentence_digests
from site_builder.analyze.sentences import Sentences
from site_builder.build import BuildOptions, build_site

TOPICS = '[topics]\n"法治" = ["法治", "法律"]\n"教育" = ["教育", "学校"]\n'


def body(number: int, extra: str = "") -> str:
    """A body of sentences no other article holds (each names its article)."""
    sentences = [f"第{number}篇文章谈到基层治理的第{n}个方面，需要把群众的事情一件件办好办实。" for n in range(6)]
    sentences += [f"编号{number}的作者认为法治建设必须坚持第{n}条原则，持之以恒抓落实。" for n in range(4)]
    return "".join(sentences) + extra


def article(number: int, title: str | None = None, author: str = "王伟", topics: str = "", text: str | None = None) -> str:
    return (f"---\ntitle: '{title or f'基层治理的第{number}种办法'}'\nauthors: [{author}]\n"
            f"date: 2024-03-{number % 27 + 1:02d}\n{topics}---\n{text if text is not None else body(number)}\n")


def make_site(root: Path, articles: int = 8) -> Path:
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    (content / "site.toml").write_text(f'title = "档案"\npage_size = 3\nrelated_count = 2\n{TOPICS}', "utf-8")
    for number in range(articles):
        (content / "articles" / f"a{number}.md").write_text(article(number), "utf-8")
    return content


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def rebuilt(root: Path, content: Path) -> bool:
    """Build incrementally and cleanly; the sites must be equal. Whether the analysis was carried."""
    incremental = build_site(BuildOptions(content, root / "public", with_search=False))
    clean = root / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    build_site(BuildOptions(content, clean, with_search=False, cache=False))
    assert files_of(root / "public") == files_of(clean)
    return incremental.carried


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    content = make_site(tmp_path)
    first = build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    assert not first.carried
    return tmp_path, content


def write(content: Path, number: int, text: str) -> None:
    (content / "articles" / f"a{number}.md").write_text(text, "utf-8")


def test_a_sentence_added_is_carried(site):
    root, content = site
    write(content, 3, article(3, text=body(3, "这一段是编辑后来补充的，说的是第三篇独有的事情。")))
    assert rebuilt(root, content)
    write(content, 3, article(3, text=body(3, "又换了一句补充的话，仍然只属于第三篇文章本身。")))
    assert rebuilt(root, content)  # from the carried analysis the last build updated


def test_a_template_edit_is_carried(site):
    root, content = site
    (content / "templates").mkdir()
    (content / "templates" / "article.html").write_text(
        (Path(__file__).resolve().parents[1] / "site_builder/templates/article.html").read_text("utf-8") + "<!-- 改 -->\n",
        "utf-8")
    assert rebuilt(root, content)


@pytest.mark.parametrize("changed", [
    article(3, title="一个新的标题"),  # a new URL, a new place in the order
    article(3, author="李芳"),  # the author pages
    article(3, topics="topics: [教育]\n"),  # the topic pages and related lists
    article(3, text=body(3, "学校教育要办好，教育学校一起抓，学校的教育是根本。" * 6)),  # its assigned topics
    article(3, text=body(5)),  # the text of another article: a reprint now
])
def test_what_the_analysis_reads_for_other_pages_falls_back(site, changed):
    root, content = site
    write(content, 3, changed)
    assert not rebuilt(root, content)


def test_a_reprint_falls_back(site):
    root, content = site
    write(content, 7, article(7, text=body(2)))  # a7 now prints a2's text: one entry of two printings
    assert not rebuilt(root, content)
    write(content, 7, article(7, text=body(2, "转载时多了一句编者按语，别处都没有这句话。")))
    assert not rebuilt(root, content)  # a printing of a reprint is not alone


def test_files_added_removed_or_renamed_and_site_toml_fall_back(site):
    root, content = site
    write(content, 9, article(9))
    assert not rebuilt(root, content)
    (content / "articles" / "a9.md").rename(content / "articles" / "a10.md")
    assert not rebuilt(root, content)
    (content / "articles" / "a10.md").unlink()
    assert not rebuilt(root, content)
    toml = content / "site.toml"
    toml.write_text(re.sub("related_count = 2", "related_count = 3", toml.read_text("utf-8")), "utf-8")
    assert not rebuilt(root, content)


def digests(*texts: str) -> frozenset[bytes]:
    return _sentence_digests("".join(texts))


SHARED = [f"这是一句被许多文章引用的话，编号为{n}，用来检验引文的界限。" for n in range(4)]


def test_sentences_tell_a_new_pair():
    mine = digests("我自己的第一句话足够长，不会和任何文章重复。")
    other = digests(*SHARED)
    sentences = Sentences.of([mine, other])
    assert sentences.unchanged_grouping(0, mine | digests(SHARED[0]))
    assert not sentences.unchanged_grouping(0, digests(*SHARED[:3]))  # 3 of the other's 4: a reprint


def test_sentences_tell_a_quotation_crossing_the_limit():
    quote = digests(SHARED[0])
    others = [quote | digests(f"第{n}篇文章自己的一句话，长度足够用来做摘要。") for n in range(COMMON_SENTENCE)]
    mine = digests("我自己的第一句话足够长，不会和任何文章重复。")
    sentences = Sentences.of([mine, *others])
    assert not sentences.unchanged_grouping(0, mine | quote)  # 21 holders: a quotation for the 20 others
    with_quote = Sentences.of([mine | quote, *others])
    assert not with_quote.unchanged_grouping(0, mine)  # 20 holders left: it tells for them again
    fewer = Sentences.of([mine, *others[1:]])
    assert fewer.unchanged_grouping(0, mine | quote)  # 20 holders: telling before and after, no pair


def test_sentences_replaced_keep_order():
    first, second = digests("甲文章的第一句话写得足够长，可以算作一句。"), digests("乙文章的第一句话写得足够长，可以算作一句。")
    sentences = Sentences.of([first, second]).replaced(0, second)
    assert sorted(sentences.owners.tolist()) == [0, 1] and bool(np.all(sentences.digests[:-1] <= sentences.digests[1:]))


def test_top_keywords_moved_make_the_related_lists_again(site, monkeypatch):
    from site_builder.analyze import carry

    calls = []
    real = carry._relinked
    monkeypatch.setattr(carry, "_relinked", lambda *a: calls.append(1) or real(*a))
    root, content = site
    novel = "乡村振兴要靠产业振兴和人才振兴，乡村振兴更要靠文化振兴。" * 3
    write(content, 3, article(3, text=body(3, novel)))
    assert rebuilt(root, content) and calls
    write(content, 5, article(5, text=body(5, novel)))  # now two articles share those words
    assert rebuilt(root, content) and len(calls) == 2


def test_corrections_and_warnings_are_carried(site):
    """A correction's staleness warning and the build report are a clean build's too."""
    root, content = site
    correction = "---\n# corrects: p.txt raw_sha1: 0123456789abcdef0123456789abcdef01234567\n" + article(20)[4:]
    write(content, 20, correction)
    assert not rebuilt(root, content)  # (a file added)
    write(content, 3, article(3, text=body(3, "这一段是编辑后来补充的，说的是第三篇独有的事情。")))
    carried = build_site(BuildOptions(content, root / "public", with_search=False))
    clean = build_site(BuildOptions(content, root / "clean-2", with_search=False, cache=False))
    assert carried.carried
    assert [str(w) for w in carried.warnings] == [str(w) for w in clean.warnings]
    assert any("correction may be out of date" in str(w) for w in carried.warnings)
    assert [(r.path, r.articles, [str(w) for w in r.warnings], r.corrections) for r in carried.report] == \
        [(r.path, r.articles, [str(w) for w in r.warnings], r.corrections) for r in clean.report]


def test_the_idf_file_reads_as_the_table(tmp_path):
    from site_builder.analyze import keywords

    table, median = keywords.idf()
    words = dict(list(table.items())[::3500])
    keywords.write_idf_file(tmp_path / "idf.sqlite", words, median)
    kept = keywords.IdfFile(str(tmp_path / "idf.sqlite"))
    assert kept.median() == median
    assert all(kept.get(word, -1.0) == value for word, value in words.items())
    assert kept.get("没有这个词", median) == median
