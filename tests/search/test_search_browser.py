"""End-to-end: the seed site built by the real build, served over HTTP on 127.0.0.1, searched
in Debian's Chromium through the search page's own query function (window.siteSearch) and
its UI. No mocks; these tests fail (not skip) when Chromium is missing.
"""
from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from site_builder.search import FOLD_PART
from site_builder.search.browser import serve
from site_builder.search.extract import extract
from site_builder.search.heavy import search_words
from site_builder.search.normalize import QUAD, matches, normalize, plan_query, t2s_table
from site_builder.search.writer import WIDE, part_file, part_text

from .queries import query_set


@pytest.fixture(scope="module")
def served(seed_site):
    with serve(seed_site) as base:
        yield base


@pytest.fixture(scope="module")
def articles(seed_site) -> dict[str, Path]:
    """Site-relative URL -> file, for every page marked data-pagefind-body."""
    out = {}
    for path in sorted(seed_site.rglob("index.html")):
        if "data-pagefind-body" in path.read_text(encoding="utf-8"):
            rel = path.parent.relative_to(seed_site).as_posix()
            out["/" + rel + "/"] = path
    assert len(out) >= 8, "the seed site should have article pages"
    return out


@pytest.fixture(scope="module")
def texts(served, browser, articles) -> dict[str, str]:
    """The truth: what a reader sees in each article's data-pagefind-body (innerText)."""
    page = browser.new_page()
    out = {}
    for url in articles:
        page.goto(served + url)
        out[url] = page.eval_on_selector("[data-pagefind-body]", "el => el.innerText")
    page.close()
    return out


@pytest.fixture(scope="module")
def search_page(served, browser):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served + "/search/")
    page.wait_for_function("window.siteSearch && window.siteSearch.ready")
    page.evaluate("siteSearch.ready()")
    yield page
    assert not errors, errors
    page.close()


def _fields(articles):
    filters = {url: extract(path.read_text(encoding="utf-8")).filters for url, path in articles.items()}
    authors = [a for f in filters.values() for a in f.get("作者", [])]
    titles = [extract(p.read_text(encoding="utf-8")).meta.get("title", "") for p in articles.values()]
    return filters, authors, titles


def test_typing_zhili_shows_results_linking_to_article_pages(served, browser, seed_site, articles):
    page = browser.new_page()
    page.goto(served + "/search/")
    assert page.get_attribute("html", "lang") == "zh-CN"
    page.locator("#search-input").press_sequentially("治理", delay=50)
    page.wait_for_selector("#search-results li a")
    status = page.inner_text("#search-status")
    assert re.fullmatch(r"找到 \d+ 篇包含“治理”的文章", status), status
    hrefs = page.eval_on_selector_all("#search-results li h2 a", "as => as.map(a => a.getAttribute('href'))")
    assert hrefs
    for href in hrefs:
        assert urlsplit(href).path in articles, href
        assert (seed_site / urlsplit(href).path.lstrip("/") / "index.html").is_file()
    marks = page.eval_on_selector_all("#search-results mark", "ms => ms.map(m => m.textContent)")
    assert marks and all(normalize(m) == "治理" for m in marks)
    title = page.inner_text("#search-results li h2 a >> nth=0")
    with page.expect_navigation():
        page.click("#search-results li h2 a >> nth=0")
    assert page.inner_text("article h1") == title
    page.close()


def test_sixty_queries_recall_and_precision(search_page, texts, articles, seed_site):
    filters, authors, titles = _fields(articles)
    queries = query_set(texts, authors, titles)
    assert len(queries) >= 60
    kinds = {k for k, _ in queries}
    assert {"word2", "phrase", "name", "idiom", "fragment", "spaced", "punct", "single"} <= kinds
    missed, false_hits, shown, with_hits = [], [], 0, 0
    for _kind, q in queries:
        results = search_page.evaluate("q => siteSearch(q)", q)
        urls = [r["url"] for r in results]
        truth = {u for u, t in texts.items() if matches(q, t)}
        # literal containment (no folding needed) is always part of the truth
        parts = q.split()
        literal = {u for u, t in texts.items() if all(p in t for p in parts)}
        assert literal <= truth, (q, literal - truth)
        with_hits += bool(truth)
        missed += [(q, u) for u in truth - set(urls)]
        false_hits += [(q, u) for u in urls[:10] if u not in truth]
        shown += len(urls[:10])
        assert len(urls) == len(set(urls)), q
        for r in results:
            assert r["title"].strip(), (q, r)
            assert "<mark>" in r["excerpt"], (q, r)
            assert "<" not in re.sub(r"</?mark>", "", r["excerpt"]), (q, r)  # escaped, clean
            assert urlsplit(r["url"]).path in articles
    assert not missed, f"missed pages: {missed}"
    assert shown and len(false_hits) / shown <= 0.02, f"false hits: {false_hits}"
    assert with_hits >= 45, "too few queries with any hit to mean anything"


def test_filters_work_together_with_the_query(search_page, served, browser, texts, articles):
    filters, _, _ = _fields(articles)
    counts = {}
    for f in filters.values():
        for topic in f.get("主题", []):
            counts[topic] = counts.get(topic, 0) + 1
    assert counts, "article pages should carry 主题 filters"
    topic = max(counts, key=lambda t: (counts[t], t))
    q = "发展"
    got = search_page.evaluate("([q, t]) => siteSearch(q, {filters: {'主题': t}})", [q, topic])
    want = {u for u, t in texts.items() if matches(q, t) and topic in filters[u].get("主题", [])}
    assert {r["url"] for r in got} == want and want
    # the same through the page's UI: choose the topic, type the query
    page = browser.new_page()
    page.goto(served + "/search/")
    page.wait_for_function("document.querySelectorAll('select[data-filter=主题] option').length > 1")
    page.select_option("select[data-filter=主题]", topic)
    page.fill("#search-input", q)
    page.wait_for_function("q => document.querySelector('#search-status').textContent.includes(q)", arg=f"“{q}”")
    assert page.inner_text("#search-status") == f"找到 {len(want)} 篇包含“{q}”的文章"
    for label in ("主题", "来源"):
        assert page.locator(f"select[data-filter={label}]").count() == 1
    page.close()


def test_author_filter_is_typed_into_with_suggestions(served, browser, texts, articles):
    filters, authors, _ = _fields(articles)
    q = "发展"

    def hits(name):
        return {u for u, t in texts.items() if matches(q, t) and name in filters[u].get("作者", [])}

    author = max(sorted(set(authors)), key=lambda name: len(hits(name)))
    want = hits(author)
    assert want
    page = browser.new_page()
    page.goto(served + "/search/")
    box = page.locator("input[data-filter=作者]")
    assert box.get_attribute("list") == "search-author-list"
    assert page.locator("select[data-filter=作者]").count() == 0  # no drop-down of every author
    box.click()  # suggestions: Pagefind's own 作者 values, loaded on first use
    page.wait_for_function("document.querySelectorAll('#search-author-list option').length > 0")
    options = page.eval_on_selector_all("#search-author-list option", "os => os.map(o => o.value)")
    assert sorted(options) == sorted(set(authors))
    box.fill(author)
    page.fill("#search-input", q)
    page.press("#search-input", "Enter")
    page.wait_for_function("n => document.querySelector('#search-status').textContent.startsWith('找到 ' + n + ' ')",
                           arg=len(want))
    hrefs = page.eval_on_selector_all("#search-results li h2 a", "as => as.map(a => a.getAttribute('href'))")
    assert {urlsplit(h).path for h in hrefs} == want
    assert parse_qs(urlsplit(page.url).query)["作者"] == [author]
    page.close()


def test_results_show_authors_source_and_date(search_page, articles):
    results = search_page.evaluate("q => siteSearch(q)", "的")
    assert len(results) == len(articles)
    metas = {urlsplit(r["url"]).path: r for r in results}
    for url, path in articles.items():
        record = extract(path.read_text(encoding="utf-8"))
        assert metas[url]["source"] == record.meta.get("source", "")
        assert metas[url]["date"] == record.meta.get("date", "")
        assert metas[url]["authors"] == "、".join(record.filters.get("作者", []))
    assert any(r["source"] for r in results) and any(r["authors"] for r in results)


TRICKY = ["“新質生產力”，ＡＢＣ１２３　教育、科技!", "城市\u200b治理", "Ｉｎｔｅｒｎｅｔ＋", "㈠①½", "ß İ Σ",
          "教育、科", "人", " ，。 ", "發展 習近平", "a1b2 中文 12345", "乾隆 於是 著作", "𠀀𪚥 葛\U000E0100"]


def test_browser_and_python_normalise_identically(search_page, texts, articles):
    filters, authors, titles = _fields(articles)
    samples = TRICKY + [q for _, q in query_set(texts, authors, titles)] + [t[:400] for t in texts.values()]
    got = search_page.evaluate(
        """async xs => { await siteSearch.foldReady(xs.join("\\n"));
             return xs.map(x => [siteSearch.normalize(x), siteSearch.planQuery(x).map(p => [p.text, p.phrase, p.single])]); }""",
        samples)
    for sample, (norm, plans) in zip(samples, got, strict=True):
        assert norm == normalize(sample), sample
        want = [[p.text, list(p.phrase), p.single] for p in plan_query(sample)]
        assert plans == want, sample


def test_browser_and_python_look_up_the_same_twins_and_quads(search_page, texts, articles):
    filters, authors, titles = _fields(articles)
    samples = TRICKY + [q for _, q in query_set(texts, authors, titles)] + [
        "治理", "城市 治理", "城市治理體系", "治理能力现代化", "城市治理、体系", "发展教育、城市治理", "𠀀治理"]
    got = search_page.evaluate(
        """async xs => { await siteSearch.foldReady(xs.join("\\n"));
             return Promise.all(xs.map(async x => (await siteSearch.searchWords(x)).map(w => [w.words, w.twin]))); }""",
        samples)
    for sample, parts in zip(samples, got, strict=True):
        assert parts == [[list(words), twin] for words, twin in map(search_words, plan_query(sample))], sample
    assert any(twin for parts in got for _, twin in parts)
    assert any(word.startswith(QUAD) for parts in got for words, _ in parts for word in words)


def test_before_the_first_query_only_the_page_engine_and_pf_meta_are_fetched(served, browser, texts):
    """The engine runs on the page's thread (no worker script), and a part of the fold table is
    fetched only for a text that holds a character it maps: a simplified query loads none, its
    traditional form the part of its folded character, and finds the same pages."""
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(urlsplit(r.url).path))
    page.goto(served + "/search/")
    page.wait_for_function("window.siteSearch && window.siteSearch.ready")
    page.evaluate("siteSearch.ready()")
    page.wait_for_load_state("networkidle")
    assert any(path.endswith(".pf_meta") for path in fetched) and any(path.startswith("/pagefind/wasm.") for path in fetched)
    folds = lambda: [path for path in fetched if "/search-fold/" in path]  # noqa: E731
    assert not [path for path in fetched if "worker" in path] and not folds(), fetched
    simplified = page.evaluate("q => siteSearch.ranked(q)", "发展")["ids"]
    assert simplified and not folds()
    traditional = page.evaluate("q => siteSearch.ranked(q)", "發展")["ids"]
    assert folds() == [f"/static/search-fold/{sorted(t2s_table()).index('發') // FOLD_PART}.json"]  # 展 is not folded
    assert traditional == simplified
    page.close()


def test_a_text_part_with_a_traditional_character_fetches_its_fold_part_only_when_the_match_needs_it(
        browser, seed_site, tmp_path):
    """The seed's text part with 中枢大脑, written with 樞 (which folds to 枢): a query matched
    without folding it (智能汇总, same part) shows its excerpt with no fold part fetched; one
    matched only once it is folded (中枢大脑) waits for the part and marks the match. (On a copy
    of the seed site: the tests' other process reads the seed's parts meanwhile.)"""
    site = tmp_path / "site"
    shutil.copytree(seed_site, site)
    parts = [path for path in (site / "pagefind" / "text").glob("*.pf_text")
             if "中枢大脑" in part_text(path.stem, gzip.decompress(path.read_bytes()))]
    assert len(parts) == 1 and not parts[0].stem.startswith(WIDE)
    text = part_text(parts[0].stem, gzip.decompress(parts[0].read_bytes())).replace("中枢大脑", "中樞大脑")
    parts[0].write_bytes(gzip.compress(text.encode("gb18030"), mtime=0))
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(urlsplit(r.url).path))
    with serve(site) as served:
        try:
            page.goto(served + "/search/")
            page.wait_for_function("window.siteSearch && window.siteSearch.ready")
            plain = page.evaluate("q => siteSearch(q, {limit: 10})", "智能汇总")
            assert "<mark>智能汇总</mark>" in plain[0]["excerpt"] and "中樞大脑" in plain[0]["excerpt"]
            assert not [path for path in fetched if "/search-fold/" in path], fetched
            folded = page.evaluate("q => siteSearch(q, {limit: 10})", "中枢大脑")
            assert "<mark>中樞大脑</mark>" in folded[0]["excerpt"]
            part = sorted(t2s_table()).index("樞") // FOLD_PART
            assert [path for path in fetched if "/search-fold/" in path] == [f"/static/search-fold/{part}.json"]
        finally:
            page.close()


def test_parts_ending_in_one_character_after_a_separator_are_found_by_the_index(served, browser, texts):
    """Such a part (教育、科) is one exact phrase (the last run's start token): exactly the pages
    holding it are found, each excerpt marked, and only the shown results' text is read (at
    most two parts each: a match may run over a border), not every candidate's."""
    cut = re.compile(r"([\u4e00-\u9fff]{2})[、，,]([\u4e00-\u9fff])")
    queries = sorted({m.group(1) + "、" + m.group(2) for t in texts.values() for m in cut.finditer(t)})
    assert len(queries) >= 5
    for q in queries[:: len(queries) // 5][:5]:
        page = browser.new_page()
        text_requests = []
        page.on("request", lambda r, seen=text_requests: seen.append(r.url) if "/pagefind/text/" in r.url else None)
        page.goto(served + "/search/")
        page.wait_for_function("window.siteSearch && window.siteSearch.ready")
        results = page.evaluate("q => siteSearch(q, {limit: 3})", q)
        read_for_three = len(text_requests)
        total = page.evaluate("q => siteSearch(q).then(r => r.total)", q)
        found = {r["url"] for r in page.evaluate("q => siteSearch(q)", q)}
        page.close()
        truth = {u for u, t in texts.items() if matches(q, t)}
        assert truth and found == truth and total == len(truth), q
        assert all("<mark>" in r["excerpt"] for r in results), q
        shown = min(3, len(truth))
        assert len(results) == shown and 0 < read_for_three <= 2 * shown, q


def test_text_parts_read_in_the_browser_as_python_wrote_them(browser, seed_site, tmp_path):
    """The bundle's text parts, and parts of every character written in GB18030 (browsers read it
    by their own table, Python writes it by its own) and of characters that are not (written in
    UTF-16LE), read by the search page as they were written. (On a copy of the seed site: the
    tests' other process reads the seed's parts meanwhile.)"""
    site = tmp_path / "site"
    shutil.copytree(seed_site, site)
    folder = site / "pagefind" / "text"
    same = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000 and not part_file(chr(c))[0].startswith(WIDE))
    added = [part_file(text) for text in (same, "一\u1e3f€\ue5e5\U0001f600二", "\u01f9\u9fb4\ufe10")]
    assert len(same) > 21000 and [name.startswith(WIDE) for name, _ in added] == [False, True, True]
    for name, raw in added:
        (folder / f"{name}.pf_text").write_bytes(gzip.compress(raw, mtime=0))
    written = {path.stem: part_text(path.stem, gzip.decompress(path.read_bytes())) for path in folder.glob("*.pf_text")}
    page = browser.new_page()
    with serve(site) as served:
        try:
            page.goto(served + "/search/")
            page.wait_for_function("window.siteSearch && window.siteSearch.ready")
            got = page.evaluate("names => Promise.all(names.map((n) => siteSearch.partText(n)))", sorted(written))
        finally:
            page.close()
    assert dict(zip(sorted(written), got, strict=True)) == written
