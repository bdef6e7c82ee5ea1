"""Hand-written Markdown articles are first-class, and a correction wins over the extraction."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml

from conftest import write_markdown
from site_builder.build import BuildOptions, build_site, load_archive
from site_builder.errors import ContentError
from site_builder.ingest.markdown_article import read_markdown_article

FRONT = """
title: 以法治思维推进基层治理
authors: [欧阳明, 张三]
date: 2025-03-08
topics: [法治, 基层治理]
source: 原载3月8日《法治日报》
summary: 提要一行。
"""
BODY = "第一段正文，讲法治。\n接着写的同一段。\n\n## 一、小标题\n\n第二段正文**强调**了[链接](https://example.org)。\n"


def test_front_matter_and_blocks(tmp_path):
    doc = read_markdown_article(write_markdown(tmp_path, "a.md", FRONT, BODY))
    (article,) = doc.articles
    assert article.title == "以法治思维推进基层治理"
    assert article.authors == ["欧阳明", "张三"] and article.topics == ["法治", "基层治理"]
    assert article.date == dt.date(2025, 3, 8) and article.source_paper == "法治日报"
    assert [(b.type, b.text) for b in article.blocks] == [
        ("paragraph", "第一段正文，讲法治。接着写的同一段。"),
        ("heading", "一、小标题"),
        ("paragraph", "第二段正文强调了链接。"),
    ]
    assert article.blocks[0].lines[0].first == 9 and article.blocks[1].lines[0].first == 12


def test_hand_written_article_gets_its_pages(small_content, tmp_path):
    write_markdown(small_content / "articles", "fazhi.md", FRONT, BODY)
    out = build_site(BuildOptions(small_content, tmp_path / "out", with_search=False)).output_dir
    _, archive = load_archive(small_content)
    entry = next(e for e in archive.entries if e.title == "以法治思维推进基层治理")
    assert archive.entries[0] is entry  # the only dated article is the newest
    html = (out / entry.url.strip("/") / "index.html").read_text(encoding="utf-8")
    assert "第二段正文强调了链接。" in html and "2025年3月8日" in html
    authors = {t.name: t for t in archive.taxonomies["authors"].terms}
    assert authors["欧阳明"].url in html and (out / authors["欧阳明"].url.strip("/") / "index.html").is_file()
    assert entry.topics == ["法治", "基层治理"]


def test_correction_with_same_title_wins_and_keeps_the_url(small_content):
    _, before = load_archive(small_content)
    target = next(e for e in before.entries if e.article.origin_kind == "raw" and not e.article.title_inferred)
    write_markdown(small_content / "articles", "fix.md", f"title: '{target.title}'\nauthors: [改正后]",
                   "编辑改正后的正文。\n")
    _, after = load_archive(small_content)
    fixed = [e for e in after.entries if e.url == target.url]
    assert len(fixed) == 1 and len(after.entries) == len(before.entries)
    assert fixed[0].article.origin_kind == "markdown" and fixed[0].article.authors == ["改正后"]
    assert [b.text for b in fixed[0].article.blocks] == ["编辑改正后的正文。"]
    assert {p.origin_kind for p in fixed[0].printings} == {"markdown", "raw"}


def test_correction_by_slug_replaces_a_wrong_title(small_content):
    _, before = load_archive(small_content)
    target = before.entries[-1]
    write_markdown(small_content / "articles", "retitle.md",
                   f"title: 编辑确定的标题\nslug: {target.slug}", "正文。\n")
    _, after = load_archive(small_content)
    assert len(after.entries) == len(before.entries)
    fixed = next(e for e in after.entries if e.url == target.url)
    assert fixed.title == "编辑确定的标题"


@pytest.mark.parametrize("front, message", [
    ("authors: [张三]", "front matter lacks 'title'"),
    ("title: 标题\ndate: 明天", "'date' must be a date"),
    ("title: 标题\nslug: 中文", "slug '中文' must be lowercase ASCII"),
    ("title: 标题\nauthors: {a: 1}", "'authors' must be a list of names"),
])
def test_front_matter_errors(tmp_path, front, message):
    with pytest.raises(ContentError, match=message) as err:
        read_markdown_article(write_markdown(tmp_path, "bad.md", front))
    assert err.value.file == tmp_path / "bad.md"


def test_missing_front_matter(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("只有正文。\n", encoding="utf-8")
    with pytest.raises(ContentError, match="missing front matter") as err:
        read_markdown_article(path)
    assert err.value.line == 1


@pytest.mark.parametrize("front, line", [
    ("title: 标题\ndate: 明天", 3),
    ("title: 标题\ntopics: 法治\npage: 第九版", 4),
    ("title: 标题\nsummary: [一, 二", 3),  # YAML that does not parse: the pure parser's message and line
])
def test_a_front_matter_error_names_its_line(tmp_path, front, line):
    path = write_markdown(tmp_path, "bad.md", front)
    with pytest.raises(ContentError) as err:
        read_markdown_article(path)
    assert err.value.line == line
    if "[" in front:
        with pytest.raises(yaml.YAMLError) as pure:
            yaml.safe_load(front)
        assert err.value.message == f"broken front matter: {pure.value.problem}"


def test_paragraph_lines_are_joined_by_their_script(tmp_path):
    body = "中文的一行\n接着的一行\n\nEnglish words on\ntwo lines\n\n半中半文 mixed line\nand more Latin text here\n"
    (article,) = read_markdown_article(write_markdown(tmp_path, "a.md", FRONT, body)).articles
    assert [b.text for b in article.blocks] == ["中文的一行接着的一行", "English words on two lines",
                                               "半中半文 mixed line and more Latin text here"]
