"""Two articles with one title: published apart with a warning, unless one is a reprint of the
other (same text, one possibly cut or damaged) or a Markdown correction of an extraction."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CONTENT, write_markdown
from site_builder.analyze.reprints import sentences_of, same_text, split_same_titles
from site_builder.build import BuildOptions, build_site, load_archive
from site_builder.errors import StrictModeError
from site_builder.model import Article, Block

TITLE = "推进基层治理现代化"
FIRST = ("基层治理是国家治理的基石，统筹发展和安全，必须夯实基层基础。\n\n"
         "要健全党组织领导的自治、法治、德治相结合的城乡基层治理体系。\n")
SECOND = ("数字技术正在深刻改变社区服务的方式，网格化管理需要数据支撑。\n\n"
          "推动社区工作者队伍专业化，让居民办事少跑腿、好办事、办成事。\n")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A site with no raw pages: only the Markdown articles a test writes."""
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(CONTENT / "site.toml", folder / "site.toml")
    return folder


def namesakes(content: Path) -> tuple[Path, Path]:
    first = write_markdown(content / "articles", "a-first.md", f"title: {TITLE}\nauthors: [欧阳明]", FIRST)
    second = write_markdown(content / "articles", "b-second.md", f"title: {TITLE}\nauthors: [司马青]", SECOND)
    return first, second


def test_two_different_articles_with_one_title_get_two_pages_and_a_warning(content: Path, tmp_path: Path):
    first, second = namesakes(content)
    result = build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    _, archive = load_archive(content)
    assert len(archive.entries) == 2
    by_author = {e.article.authors[0]: e for e in archive.entries}
    assert by_author.keys() == {"欧阳明", "司马青"} and by_author["欧阳明"].url != by_author["司马青"].url
    for author, body in (("欧阳明", FIRST), ("司马青", SECOND)):
        page = (result.output_dir / by_author[author].url.strip("/") / "index.html").read_text(encoding="utf-8")
        assert author in page and body.split("\n")[0] in page
    [warning] = [w for w in result.warnings if w.code == "same-title"]
    assert warning.file == second and str(first) in warning.message and TITLE in warning.message
    assert by_author["司马青"].url in warning.message


def test_strict_fails_on_two_articles_with_one_title(content: Path, tmp_path: Path):
    namesakes(content)
    with pytest.raises(StrictModeError) as info:
        build_site(BuildOptions(content, tmp_path / "public", strict=True, with_search=False))
    assert "two different articles are titled" in str(info.value) and "b-second.md" in str(info.value)
    assert not (tmp_path / "public").exists()


def test_urls_of_namesakes_are_stable_and_made_from_their_text(content: Path):
    namesakes(content)
    _, archive = load_archive(content)
    urls = {e.article.authors[0]: e.url for e in archive.entries}
    # a third namesake, whose file name sorts between them, moves neither URL
    write_markdown(content / "articles", "ab-third.md", f"title: {TITLE}\nauthors: [诸葛亮]",
                   "第三篇文章的正文，讲的是乡村振兴和农村集体经济的发展壮大。\n")
    _, again = load_archive(content)
    assert {e.article.authors[0]: e.url for e in again.entries if e.article.authors[0] in urls} == urls
    assert len({e.url for e in again.entries}) == 3
    assert len([w for w in again.warnings if w.code == "same-title"]) == 2


def test_a_copy_of_a_markdown_article_is_one_article(content: Path):
    write_markdown(content / "articles", "a.md", f"title: {TITLE}\nauthors: [欧阳明]", FIRST)
    write_markdown(content / "articles", "b.md", f"title: {TITLE}\nauthors: [欧阳明]", FIRST)
    _, archive = load_archive(content)
    assert len(archive.entries) == 1 and not [w for w in archive.warnings if w.code == "same-title"]


def test_a_reprint_on_another_raw_page_still_merges_even_cut_short(content: Path):
    page = sorted((CONTENT / "raw").glob("*.txt"))[0]
    (content / "raw").mkdir()
    shutil.copy(page, content / "raw" / "p1.txt")
    _, alone = load_archive(content)
    lines = page.read_text(encoding="utf-8").split("\n")
    shutil.copy(page, content / "raw" / "p2.txt")
    (content / "raw" / "p3.txt").write_text("\n".join(lines[: len(lines) * 3 // 4]), encoding="utf-8")
    _, reprinted = load_archive(content)
    assert [e.url for e in reprinted.entries] == [e.url for e in alone.entries]
    assert not [w for w in reprinted.warnings if w.code == "same-title"]
    assert max(len(e.printings) for e in reprinted.entries) == 3


def test_a_markdown_correction_still_wins_over_the_extraction(content: Path):
    (content / "raw").mkdir()
    shutil.copy(sorted((CONTENT / "raw").glob("*.txt"))[0], content / "raw" / "p1.txt")
    _, before = load_archive(content)
    target = next(e for e in before.entries if not e.article.title_inferred)
    write_markdown(content / "articles", "fix.md", f"title: '{target.title}'\nauthors: [改正后]",
                   "编辑改正后的正文，和机器抽取的文字完全不同。\n")
    _, after = load_archive(content)
    fixed = [e for e in after.entries if e.url == target.url]
    assert len(after.entries) == len(before.entries) and len(fixed) == 1
    assert fixed[0].article.origin_kind == "markdown" and fixed[0].article.authors == ["改正后"]
    assert not [w for w in after.warnings if w.code == "same-title"]


SENTENCES = ["深入推进高等教育综合改革，畅通教育、科技、人才的良性循环。", "高校是基础研究的生力军、重大科技突破的策源地。",
             "推动新质生产力加快发展，高校要强化有组织科研。", "加快构建新发展格局，是把握未来发展主动权的战略部署。",
             "要坚持教育优先发展，加快建设教育强国、科技强国、人才强国。"]


def _article(body: str, origin: str) -> Article:
    return Article(title=TITLE, blocks=[Block("paragraph", body)], origin=Path(origin))


def test_same_text_allows_ocr_damage_and_a_cut_but_not_a_shared_quotation():
    full = _article("".join(SENTENCES), "a.txt")
    damaged = _article("".join(SENTENCES).replace("策源地", "策源他").replace("良性", "良姓"), "b.txt")
    cut = _article("".join(SENTENCES[:2]), "c.txt")
    other = _article(SENTENCES[0] + "这是另外一篇文章，谈的是城市更新和老旧小区改造的问题。"
                     "社区治理要发挥居民主体作用，共建共治共享。", "d.txt")
    articles = [full, damaged, cut, other]
    editions, warnings = split_same_titles(articles, [sentences_of(a) for a in articles])
    assert [e.members for e in editions] == [[0, 1, 2], [3]]
    assert [(w.file.name, w.code) for w in warnings] == [("d.txt", "same-title")]
    assert editions[0].key != editions[1].key


def test_same_text_of_short_bodies_is_containment():
    assert same_text(set(), "短文一段", set(), "短文一段再多一点")
    assert not same_text(set(), "短文一段", set(), "另一段短文")
