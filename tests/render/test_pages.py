"""The rendered pages: structure, links and accessibility of every page of a built site.

The seed site is the session's (tests/conftest.py); its pages are parsed with html.parser
into a small element tree (tests/sitecheck.py) and checked against the archive they came from.
A second, richer site (the seed plus Markdown articles with every field set) checks what
the seed does not exercise: kicker, several summary lines, subheadings, dates, pagination.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sitecheck import Node, page_of, parse
from site_builder.build import BuildOptions, build_site, load_archive
from site_builder.render.charts import overview_charts

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"


# ---------- fixtures ----------

class Built:
    """A built site with its config and archive; a short repr, because pytest prints the
    arguments of a failing test and an Archive (entries linking each other) never ends."""

    def __init__(self, site: Path, config, archive):
        self.site, self.config, self.archive = site, config, archive

    def __iter__(self):
        return iter((self.site, self.config, self.archive))

    def __getitem__(self, index):
        return tuple(self)[index]

    def __repr__(self) -> str:
        return f"Built({self.site}, {len(self.archive.entries)} articles)"


@pytest.fixture(scope="module")
def seed(seed_site, seed_archive):
    config, archive = seed_archive
    return Built(seed_site, config, archive)


RICH_ARTICLES = {
    "rich-1.md": """---
title: 深入推进党建引领基层治理体制机制改革创新 以高质量党建引领保障经济社会高质量发展的若干思考
kicker: 学习贯彻党的二十届三中全会精神
authors: [欧阳东方, 张三]
affiliation: 作者为某某大学马克思主义学院教授
date: 2023-05-04
source: 原载2023年5月4日《光明日报》
topics: [党建, 基层治理, 城市治理, 法治]
summary: |
  第一行提要：基层治理要坚持和发展新时代“枫桥经验”。
  第二行提要：推动治理重心下移、资源下沉。
---
推进中国式现代化，必须坚持以人民为中心的发展思想。

## 一、坚持党建引领，夯实基层治理根基

基层是国家治理的基石，要健全党组织领导的城乡基层治理体系。

## 二、健全制度机制，提升基层治理效能

把增进民生福祉作为发展的根本目的。
""",
    "rich-2.md": """---
title: 没有作者也没有来源的一篇短文
date: 2019-11-02
topics: [教育]
---
这是一篇没有作者、没有来源的短文，用来检查页面在缺项时的样子。
""",
}


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    base = tmp_path_factory.mktemp("rich")
    content = base / "content"
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns("templates"))
    toml = content / "site.toml"
    toml.write_text(re.sub(r"(?m)^page_size = \d+", "page_size = 3", toml.read_text(encoding="utf-8")),
                    encoding="utf-8")
    articles = content / "articles"
    articles.mkdir(exist_ok=True)
    for name, text in RICH_ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    out = base / "site"
    build_site(BuildOptions(content_dir=content, output_dir=out, with_search=False))
    config, archive = load_archive(content)
    return Built(out, config, archive)


def _entry(archive, title):
    return next(e for e in archive.entries if e.title.startswith(title))


# ---------- article pages ----------

def test_every_article_page_has_its_title_authors_topics_and_neighbours(seed):
    site, _, archive = seed
    assert archive.entries, "the seed has articles"
    checked = {"author": 0, "topic": 0, "prev": 0, "next": 0, "related": 0}
    for entry in archive.entries:
        doc = parse(page_of(site, entry.url))
        where = entry.url
        h1s = doc.find_all("h1")
        assert len(h1s) == 1, f"{where}: one h1"
        assert h1s[0].clean_text() == entry.title, where
        body = doc.find(data_pagefind_body=True)
        header = body.find("header")
        for author in entry.article.authors:
            links = [a for a in header.find_all("a") if a.clean_text() == author]
            assert links, f"{where}: author {author} is not linked"
            assert links[0].attrs["href"] == archive.taxonomies["authors"].terms[
                [t.name for t in archive.taxonomies["authors"].terms].index(author)].url
            checked["author"] += 1
        topic_urls = {t.name: t.url for t in archive.taxonomies["topics"].terms}
        for topic in entry.topics:
            assert doc.find_all("a", href=topic_urls[topic]), f"{where}: topic {topic} is not linked"
            checked["topic"] += 1
        for rel, other in (("prev", entry.prev), ("next", entry.next)):
            links = doc.find_all("a", rel=rel)
            if other is None:
                assert not links, f"{where}: a {rel} link where there is no {rel} article"
            else:
                assert [a.attrs["href"] for a in links] == [other.url], f"{where}: {rel} link"
                assert other.title in links[0].clean_text()
                checked[rel] += 1
        related = doc.find("section", class_="related")
        if entry.related:
            hrefs = [a.attrs["href"] for a in related.find_all("a")]
            assert hrefs == [e.url for e in entry.related], f"{where}: related links"
            checked["related"] += 1
        else:
            assert related is None
    assert all(checked.values()), f"some kinds of link were never checked: {checked}"


def test_pagefind_body_wraps_the_article_text_and_nothing_else(seed):
    site, _, archive = seed
    for entry in archive.entries:
        doc = parse(page_of(site, entry.url))
        bodies = doc.find_all(data_pagefind_body=True)
        assert len(bodies) == 1, entry.url
        body = bodies[0]
        assert body.tag == "article"
        text = body.clean_text()
        for block in entry.article.blocks:
            assert re.sub(r"\s+", " ", block.text).strip() in text, f"{entry.url}: body text missing"
        assert body.find("h1") is not None
        assert body.find_all(data_pagefind_filter=True) or not (entry.topics or entry.article.authors)
        outside = (doc.find_all("footer", class_="site-footer") + doc.find_all(class_="related")
                   + doc.find_all(class_="prev-next") + doc.find_all(class_="raw-view")
                   + doc.find_all(class_="provenance") + doc.find_all(class_="article-topics")
                   + doc.find_all("nav") + doc.find_all(class_="site-header"))
        for node in outside:
            assert not body.contains(node), f"{entry.url}: <{node.tag} class={node.attrs.get('class')}> inside the indexed body"
        assert doc.find("footer", class_="site-footer") is not None


def test_raw_view_and_printings(seed):
    site, _, archive = seed
    raw_views = regions = 0
    for entry in archive.entries:
        doc = parse(page_of(site, entry.url))
        printings = doc.find("ul", class_="printings")
        assert len(printings.find_all("li")) == len(entry.printings), entry.url
        raw = doc.find("details", class_="raw-view")
        raw_printings = [p for p in entry.printings if p.origin_kind == "raw" and p.lines]
        if raw_printings:
            assert raw is not None and raw.find("summary") is not None, entry.url
            numbers = [int(li.attrs["value"]) for li in raw.find_all("li")]
            assert numbers and numbers[0] == raw_printings[0].lines[0].first
            raw_views += 1
        # a scrolling region must be reachable from the keyboard and named
        for region in doc.find_all(class_="raw-scroll"):
            assert region.attrs.get("tabindex") == "0" and region.attrs.get("aria-label")
            regions += 1
    assert raw_views and regions, "the seed's articles come from raw pages: their raw views were checked"


def test_rich_article_shows_kicker_summary_lines_subheadings_and_date(rich):
    site, _, archive = rich
    entry = _entry(archive, "深入推进党建引领")
    doc = parse(page_of(site, entry.url))
    header = doc.find("header", class_="article-header")
    kids = [n for n in header.children if isinstance(n, Node)]
    assert kids[0].has_class("kicker") and kids[0].clean_text() == "学习贯彻党的二十届三中全会精神"
    assert kids[1].tag == "h1"
    assert [a.clean_text() for a in header.find_all("a", class_="author")] == ["欧阳东方", "张三"]
    assert header.find(class_="affiliation").clean_text() == "作者为某某大学马克思主义学院教授"
    time = header.find("time")
    assert time.attrs["datetime"] == "2023-05-04" and time.clean_text() == "2023年5月4日"
    summary = doc.find(class_="summary")
    assert [p.clean_text() for p in summary.find_all("p")] == [
        "第一行提要：基层治理要坚持和发展新时代“枫桥经验”。", "第二行提要：推动治理重心下移、资源下沉。"]
    body = doc.find(class_="article-body")
    assert [h.clean_text() for h in body.find_all("h2")] == [
        "一、坚持党建引领，夯实基层治理根基", "二、健全制度机制，提升基层治理效能"]
    assert len(doc.find(class_="article-topics").find_all("a")) == 4


def test_article_without_authors_or_source_has_no_empty_byline(rich):
    site, _, archive = rich
    entry = _entry(archive, "没有作者也没有来源")
    doc = parse(page_of(site, entry.url))
    header = doc.find("header", class_="article-header")
    assert header.find(class_="byline") is None
    assert header.find("a", class_="source") is None
    for p in header.find_all("p"):
        assert p.clean_text(), "an empty paragraph in the article header"


# ---------- home page and charts ----------

def test_home_has_one_accessible_svg_per_chart(seed):
    site, config, archive = seed
    charts = overview_charts(archive, config.chart_bars)
    doc = parse(site / "index.html")
    figures = doc.find_all("figure", class_="chart")
    assert len(figures) == len(charts) >= 4
    ids = {n.attrs["id"]: n for n in doc.iter() if n.attrs.get("id")}
    for figure, chart in zip(figures, charts, strict=True):
        svgs = figure.find_all("svg")
        assert len(svgs) == 1
        svg = svgs[0]
        assert svg.attrs.get("role") == "img"
        names = [ids[i].clean_text() for i in svg.attrs["aria-labelledby"].split()]
        assert chart.title in " ".join(names)
        description = ids[svg.attrs["aria-describedby"]].clean_text()
        for bar in chart.bars:  # the text equivalent says every value
            assert f"{bar.label} {bar.value}" in description
        rows = figure.find("table").find("tbody").find_all("tr")
        undated_row = 1 if chart.undated and not any(b.muted for b in chart.bars) else 0
        assert len(rows) == len(chart.bars) + undated_row
        assert len(svg.find_all("rect")) == len(chart.bars)
    latest = doc.find("section", class_="latest").find_all("li", class_="entry-card")
    assert len(latest) == min(config.home_latest, len(archive.entries))


def test_year_chart_has_every_year_between_first_and_last(rich):
    _, config, archive = rich
    years = overview_charts(archive, config.chart_bars)[0]
    labels = [b.label for b in years.bars if not b.muted]
    assert labels == [str(y) for y in range(int(labels[0]), int(labels[-1]) + 1)]
    assert sum(b.value for b in years.bars) + years.undated == len(archive.entries)
    assert not any(b.muted for b in years.bars), "undated articles are a note, not a column beside years"
    assert f"日期不详 {years.undated}" in years.description
    for bar in years.bars:  # inside the drawing
        assert 0 <= bar.x and bar.x + bar.w <= years.width and 0 <= bar.y and bar.y + bar.h <= years.height


# ---------- index pages ----------

def test_taxonomy_overviews_link_every_term_and_term_pages_list_their_articles(seed):
    site, config, archive = seed
    for taxonomy in archive.taxonomies.values():
        doc = parse(page_of(site, taxonomy.url))
        hrefs = {a.attrs.get("href") for a in doc.find("main").find_all("a")}
        for term in taxonomy.terms:
            assert term.url in hrefs, f"{taxonomy.url}: {term.name} not linked"
            first = parse(page_of(site, term.url))
            assert term.name in first.find("h1").clean_text()
            listed = [a.attrs["href"] for a in first.find("ul", class_="entry-list").find_all("a")]
            assert listed == [e.url for e in term.entries[:config.page_size]]


def test_pagination_links_every_page(rich):
    site, config, archive = rich
    pages = -(-len(archive.entries) // config.page_size)
    assert pages > 3
    seen = []
    for number in range(1, pages + 1):
        url = "/articles/" if number == 1 else f"/articles/page/{number}/"
        doc = parse(page_of(site, url))
        nav = doc.find("nav", class_="pagination")
        current = nav.find("a", aria_current="page")
        assert current.attrs["href"] == url
        assert (nav.find("a", rel="prev") is None) == (number == 1)
        assert (nav.find("a", rel="next") is None) == (number == pages)
        seen += [a.attrs["href"] for a in doc.find("ul", class_="entry-list").find_all("a")]
    assert seen == [e.url for e in archive.entries]


# ---------- every page ----------

def _html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("which", ["seed", "rich"])
def test_every_page_is_accessible(which, request):
    site = request.getfixturevalue(which)[0]
    pages = _html_pages(site)
    assert len(pages) > 10
    checked = {"svg": 0, "input": 0}
    for path in pages:
        doc = parse(path)
        where = str(path.relative_to(site))
        html = doc.find("html")
        assert html.attrs.get("lang", "").startswith("zh"), where
        assert doc.find("title").clean_text(), where
        mains = doc.find_all("main")
        assert len(mains) == 1 and mains[0].attrs.get("id") == "main", where
        skip = doc.find("a", class_="skip-link")
        assert skip is not None and skip.attrs["href"] == "#main", where
        ids = [n.attrs["id"] for n in doc.iter() if n.attrs.get("id")]
        assert len(ids) == len(set(ids)), f"{where}: duplicate ids"
        by_id = set(ids)
        for node in doc.iter():
            for ref in ("aria-labelledby", "aria-describedby"):
                for target in (node.attrs.get(ref) or "").split():
                    assert target in by_id, f"{where}: {ref} points to missing #{target}"
        for img in doc.find_all("img"):
            assert "alt" in img.attrs, f"{where}: <img> without alt"
            if not img.attrs["alt"]:  # decorative: must sit in something that has a name
                assert any(a.clean_text() for a in img.ancestors() if a.tag == "a"), where
        for svg in doc.find_all("svg"):
            if svg.attrs.get("aria-hidden") == "true":
                continue
            assert svg.attrs.get("role") == "img", f"{where}: svg without role=img"
            named = svg.attrs.get("aria-label") or svg.attrs.get("aria-labelledby") or svg.find("title")
            assert named, f"{where}: svg without an accessible name"
            checked["svg"] += 1
        for a in doc.find_all("a"):
            assert a.clean_text() or a.attrs.get("aria-label"), f"{where}: a link without text"
            assert a.clean_text() not in ("点击这里", "这里", "更多", "click here", "more"), where
        levels = [int(n.tag[1]) for n in doc.iter() if re.fullmatch(r"h[1-6]", n.tag)]
        assert levels and levels[0] == 1 and levels.count(1) == 1, f"{where}: headings {levels}"
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{where}: heading level skips from h{before} to h{after}"
        for field_ in doc.find_all("input"):
            if field_.attrs.get("type") in ("hidden", "submit", "button"):
                continue
            labelled = field_.attrs.get("aria-label") or doc.find("label", for_=field_.attrs.get("id"))
            assert labelled, f"{where}: an input without a label"
            checked["input"] += 1
    assert all(checked.values()), f"the charts' drawings and the search field were not checked: {checked}"


def test_stylesheet_uses_no_external_fonts_or_cdns():
    css = (ROOT / "site_builder" / "templates" / "static" / "style.css").read_text(encoding="utf-8")
    assert "@import" not in css and "@font-face" not in css and "http" not in css
    assert "Noto Serif CJK SC" in css and "Noto Sans CJK SC" in css
    for template in (ROOT / "site_builder" / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']https?://""", text), template


def test_the_seed_site_invents_no_date(seed):
    """The sample pages print no year: no year, month, day or newspaper pages; every article is
    in the 日期不详 list, which the date index and the home page's year chart link to."""
    site, config, archive = seed
    from site_builder.render.plan import PageKind, plan_site

    plans = plan_site(archive, config)
    assert not {plan.kind for plan in plans} & {PageKind.YEAR, PageKind.MONTH, PageKind.DAY, PageKind.PAPERS,
                                                PageKind.PRINTED_PAGE}
    assert not (site / "papers").exists() and not [p for p in (site / "dates").iterdir() if p.name[0].isdigit()]
    listed = []
    for url in [plan.url for plan in plans if plan.kind is PageKind.UNDATED]:
        undated = parse(page_of(site, url))
        assert undated.find("h1").clean_text() == "日期不详的文章"
        listed += [a.attrs["href"] for a in undated.find_all("a") if a.parent.has_class("entry-title")]
    assert len(listed) == len(archive.entries) == len(set(listed))
    assert "/dates/undated/" in [a.attrs.get("href") for a in parse(page_of(site, "/dates/")).find_all("a")]
    chart = parse(page_of(site, "/")).find("figure", class_="chart--columns")
    assert "/dates/undated/" in [a.attrs.get("href") for a in chart.find_all("a")]
