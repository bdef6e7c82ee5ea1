"""The search page on a site published under a base URL with a path, in Chromium.

A small dated archive (hand-written Markdown articles in the genre's forms) is built by the
real build with ``base_url = "https://example.org/archive/"`` and served by a real HTTP
server on 127.0.0.1 under ``/archive/``. Checked: result links, the box focused on open,
title hits first, numbered result pages in the URL with back and forward, sort and year
filter in the URL, authors shown, single characters counted exactly.
"""
from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from site_builder.build import BuildOptions, build_site
from site_builder.search.browser import serve
from site_builder.search.extract import extract
from site_builder.search.normalize import matches

ROOT = Path(__file__).resolve().parents[2]
QUERY = "城市治理"
TITLED = 4  # articles whose title holds QUERY (their text names it once)
MENTIONING = 14  # articles that name QUERY five times in their text, not in the title
OTHERS = 18
AUTHORS = ["伍爱群", "李明", "王芳", "张伟", "陈静", "刘洋"]
TITLED_NAMES = ["新路径", "新实践", "新探索", "新格局"]
PLACES = ["北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "南京", "武汉", "成都", "西安", "长沙",
          "郑州", "济南", "青岛", "大连", "沈阳", "长春", "哈尔滨", "昆明", "贵阳", "南宁", "福州", "厦门",
          "合肥", "南昌", "太原", "石家庄", "兰州", "西宁", "银川", "拉萨"]  # titles differ in words
SENTENCES = [
    "坚持和加强党的全面领导，把党的建设贯穿工作全过程。",
    "推动高质量发展，必须把科技创新摆在更加突出的位置。",
    "基层是一切工作的落脚点，社区网格要做实做细。",
    "教育、科技、人才是全面建设社会主义现代化国家的基础性、战略性支撑。",
    "要因地制宜发展新质生产力，培育壮大战略性新兴产业。",
    "法治是最好的营商环境，要依法平等保护各类经营主体。",
]


def _article(number: int, title: str, mentions: int, date: dt.date | None) -> str:
    # every sentence names the article's own city: no two articles share a sentence (the
    # build would take them for printings of one article)
    city = (PLACES + ["苏州", "无锡", "宁波", "温州"])[number]
    sentences = [f"{city}的实践说明，" + SENTENCES[(number + k) % len(SENTENCES)] for k in range(8)]
    for k in range(mentions):
        sentences[k] = f"提升{QUERY}水平，" + sentences[k]
    front = f"title: '{title}'\nauthors: [{AUTHORS[number % len(AUTHORS)]}]\n"
    if date:
        front += f"date: {date.isoformat()}\nsource: 原载{date.month}月{date.day}日《人民日报》\n"
    body = "\n\n".join("".join(sentences[k:k + 2]) for k in range(0, 8, 2))
    return f"---\n{front}---\n{body}\n"


def write_content(folder: Path) -> None:
    (folder / "articles").mkdir(parents=True)
    config = (ROOT / "content" / "site.toml").read_text(encoding="utf-8")
    config = config.replace('base_url = "https://theory-archive.netlify.app/"', 'base_url = "https://example.org/archive/"')
    assert "example.org/archive/" in config
    (folder / "site.toml").write_text(config, encoding="utf-8")
    kinds = [("titled", TITLED, 1), ("mentioning", MENTIONING, 5), ("other", OTHERS, 0)]
    number = itertools.count()
    for kind, count, mentions in kinds:
        for k in range(count):
            n = next(number)
            title = f"{QUERY}的{TITLED_NAMES[k]}" if kind == "titled" else f"{PLACES[n - TITLED]}的务实笃行"
            date = None if n % 9 == 4 else dt.date(2021 + n % 4, 1 + n % 12, 1 + n % 27)
            (folder / "articles" / f"a{n:03d}.md").write_text(_article(n, title, mentions, date), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The built site, placed at <root>/archive so that it is served under /archive/."""
    content = tmp_path_factory.mktemp("dated") / "content"
    write_content(content)
    root = content.parent / "root"
    build_site(BuildOptions(content_dir=content, output_dir=root / "archive"))
    return root / "archive"


@pytest.fixture(scope="module")
def base(site):
    with serve(site.parent) as url:
        yield url + "/archive"


@pytest.fixture(scope="module")
def records(site) -> dict[str, dict]:
    """Site path (with /archive) -> the article's text, title, date and authors."""
    out = {}
    for path in sorted(site.glob("articles/*/index.html")):
        record = extract(path.read_text(encoding="utf-8"))
        out[f"/archive/{path.parent.relative_to(site).as_posix()}/"] = {
            "text": record.text, "title": record.meta["title"], "date": record.meta.get("date", ""),
            "authors": "、".join(record.filters.get("作者", []))}
    assert len(out) == TITLED + MENTIONING + OTHERS
    return out


def _open(browser, url):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_function("window.siteSearch && window.siteSearch.ready")
    return page, errors


def _shown(page) -> list[str]:
    return page.eval_on_selector_all("#search-results li h2 a", "as => as.map(a => a.getAttribute('href'))")


def _wait_results(page, first_href_not=None):
    page.wait_for_function("n => { const a = document.querySelector('#search-results li h2 a');"
                           " return a && a.getAttribute('href') !== n; }", arg=first_href_not or "")


def test_result_links_work_under_a_base_url_with_a_path(base, browser, records):
    page, errors = _open(browser, f"{base}/search/?q={QUERY}")
    _wait_results(page)
    hrefs = _shown(page)
    assert hrefs and set(hrefs) <= set(records), hrefs  # /archive/articles/…, not /archive/archive/…
    for href in hrefs:
        assert page.request.get(urlsplit(base).scheme + "://" + urlsplit(base).netloc + href).status == 200
    title = page.inner_text("#search-results li h2 a >> nth=0")
    with page.expect_navigation():
        page.click("#search-results li h2 a >> nth=0")
    assert urlsplit(page.url).path == hrefs[0] and page.inner_text("article h1") == title
    assert not errors, errors
    page.close()


def test_the_box_is_focused_when_the_page_opens(base, browser):
    page, _ = _open(browser, f"{base}/search/")
    assert page.evaluate("document.activeElement && document.activeElement.id") == "search-input"
    page.keyboard.type("治理")  # typing at once goes into the box
    assert page.input_value("#search-input") == "治理"
    page.close()


def test_titles_holding_the_query_come_first(base, browser, records):
    page, _ = _open(browser, f"{base}/search/")
    got = page.evaluate("q => siteSearch(q)", QUERY)
    page.close()
    urls = [urlsplit(r["url"]).path for r in got]
    assert set(urls) == {u for u, r in records.items() if matches(QUERY, r["text"])}
    in_title = [QUERY in records[u]["title"] for u in urls]
    assert in_title == [True] * TITLED + [False] * (len(urls) - TITLED), [records[u]["title"] for u in urls]


def test_numbered_result_pages_are_in_the_url_and_back_and_forward_work(base, browser, records):
    truth = {u for u, r in records.items() if matches(QUERY, r["text"])}
    assert 10 < len(truth) <= 20
    page, errors = _open(browser, f"{base}/search/?q={QUERY}")
    _wait_results(page)
    first = _shown(page)
    assert len(first) == 10 and page.get_attribute("#search-pages a[aria-current=page]", "href") is not None
    page.click("#search-pages a[data-page='2']")
    _wait_results(page, first[0])
    second = _shown(page)
    assert parse_qs(urlsplit(page.url).query) == {"q": [QUERY], "page": ["2"]}
    assert set(first) | set(second) == truth and not set(first) & set(second)
    assert page.inner_text("#search-pages a[aria-current=page]") == "2"
    page.go_back()
    _wait_results(page, second[0])
    assert _shown(page) == first and "page" not in parse_qs(urlsplit(page.url).query)
    page.go_forward()
    _wait_results(page, first[0])
    assert _shown(page) == second
    page.close()
    fresh, _ = _open(browser, f"{base}/search/?q={QUERY}&page=2")  # the URL alone gives the page
    _wait_results(fresh)
    assert _shown(fresh) == second
    fresh.close()
    assert not errors, errors


def test_sort_and_year_are_kept_in_the_url(base, browser, records):
    page, _ = _open(browser, f"{base}/search/?q={QUERY}")
    _wait_results(page)
    first = _shown(page)
    page.select_option("#search-sort", "newest")
    _wait_results(page, first[0])
    assert parse_qs(urlsplit(page.url).query)["sort"] == ["newest"]
    got = page.evaluate("q => siteSearch(q, {sort: 'newest'})", QUERY)
    dates = [records[urlsplit(r["url"]).path]["date"] for r in got]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates == dated + [""] * (len(dates) - len(dated))
    assert len(dated) < len(dates)  # undated results are kept, last
    oldest = page.evaluate("q => siteSearch(q, {sort: 'oldest'})", QUERY)
    assert [records[urlsplit(r["url"]).path]["date"] for r in oldest] == sorted(dated) + [""] * (len(dates) - len(dated))
    assert _shown(page) == [urlsplit(r["url"]).path for r in got[:10]]
    page.select_option("select[data-filter=年份]", "2023")
    page.wait_for_function("() => new URLSearchParams(location.search).get('年份') === '2023'")
    want = {u for u, r in records.items() if matches(QUERY, r["text"]) and r["date"].startswith("2023")}
    page.wait_for_function("n => document.querySelector('#search-status').textContent.startsWith('找到 ' + n + ' ')",
                           arg=len(want))
    assert set(_shown(page)) == want
    for href in _shown(page):
        meta = page.locator(f"#search-results li:has(a[href='{href}']) .search-result-meta").inner_text()
        assert records[href]["authors"] in meta and "2023年" in meta
    url = page.url
    page.close()
    again, _ = _open(browser, url)  # a reload restores the controls from the URL
    again.wait_for_function("n => document.querySelector('#search-status').textContent.startsWith('找到 ' + n + ' ')",
                            arg=len(want))
    assert again.input_value("#search-sort") == "newest" and again.input_value("select[data-filter=年份]") == "2023"
    again.close()


@pytest.mark.parametrize("char", ["党", "的", "城", "治"])
def test_single_characters_are_counted_exactly_and_every_page_is_reachable(base, browser, records, char):
    truth = {u for u, r in records.items() if matches(char, r["text"])}
    assert truth
    page, _ = _open(browser, f"{base}/search/?q={char}")
    page.wait_for_function("() => document.querySelector('#search-status').textContent.startsWith('找到')")
    assert page.inner_text("#search-status") == f"找到 {len(truth)} 篇包含“{char}”的文章"
    got = page.evaluate("q => siteSearch(q)", char)
    assert {urlsplit(r["url"]).path for r in got} == truth and got and len(got) == len(truth)
    page.close()


def test_the_placeholder_is_whole_at_390_px(base, browser):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{base}/search/")
    room, needed = page.evaluate("""() => {
        const box = document.querySelector('#search-input');
        const style = getComputedStyle(box);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = `${style.fontSize} ${style.fontFamily}`;
        const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return [room, ctx.measureText(box.placeholder).width];
    }""")
    page.close()
    assert needed <= room, (needed, room)
