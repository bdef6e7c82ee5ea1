"""Injection is inert: script tags, event-handler attributes, `javascript:` links, raw HTML
and template syntax in front matter, Markdown bodies and a raw page end up as text, never as
markup or code, on every kind of page, in Debian's Chromium (no mocks).

What the site itself emits is allowed and nothing else: scripts only with a `src` of its own
(/static/, /pagefind/) or the search page's JSON data block; no `on…` attribute at all; no
`javascript:` URL anywhere.
"""
from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest

from conftest import CONTENT, write_markdown
from site_builder.build import BuildOptions, build_site, load_archive
from site_builder.search.browser import chromium, serve

MARK = "注入测试"  # searchable text next to every payload
TEMPLATE_SUM = "{{ 1234*5 }}"  # rendered it would read 6170
PAYLOADS = [
    "<script>alert('script')</script>",
    "<img src=x onerror=\"alert('onerror')\">",
    "<svg onload=alert('svg')></svg>",
    "<a href=\"javascript:alert('href')\">链接</a>",
    "<iframe src=\"javascript:alert('iframe')\"></iframe>",
    "<b onmouseover=alert('hover')>粗体</b>",
    TEMPLATE_SUM,
    "{% if true %}TEMPLATE-RAN{% endif %}",
    "]]></title><script>alert('cdata')</script>",
]
FRONT = f"""
title: '{MARK}<script>alert("title")</script>{TEMPLATE_SUM}'
authors: ['<img src=x onerror=alert("author")>', '{{{{ config }}}}']
date: 2025-01-02
topics: ['<svg onload=alert("topic")>', '{{% raw %}}']
source: '原载《<b onclick=alert(1)>注入报</b>》'
kicker: '{{% for x in range(3) %}}KICKER{{% endfor %}}'
summary: '"><script>alert("summary")</script>{MARK}'
affiliation: 'javascript:alert("affiliation")'
"""
BODY = "\n\n".join([
    f"{MARK}正文开始，下面每一段都是一次注入尝试。",
    *(f"{MARK}{payload}" for payload in PAYLOADS),
    f"[点我](javascript:alert('markdown-link')) {MARK}",
    f"![图](javascript:alert('markdown-image')) {MARK}",
    f"## <script>alert('heading')</script>{MARK}小标题",
]) + "\n"
RAW_PAGE = "\n\n".join([
    f"{MARK}：原始页面里的标题<script>alert('raw-title')</script>",
    "作者：<img src=x onerror=alert('raw-author')>",
    *(f"{MARK}原始页面正文，{payload}仍然只是文字。" for payload in PAYLOADS),
]) + "\n"

OWN_ELEMENTS_ONLY = """() => {
  const bad = [];
  const parsesAsJson = text => { try { JSON.parse(text); return true; } catch (e) { return false; } };
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      const value = (el.getAttribute(attr) || '').replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
      if (attr.toLowerCase().startsWith('on')) bad.push(el.tagName + ' ' + attr);
      if (value.startsWith('javascript:')) bad.push(el.tagName + ' ' + attr + '=' + value);
    }
  }
  for (const s of document.querySelectorAll('script')) {
    const src = s.getAttribute('src');
    const own = src ? /^\\/(static|pagefind)\\//.test(new URL(src, location.href).pathname)
                      && new URL(src, location.href).origin === location.origin
                    : (s.type === 'application/json' && s.id === 'search-fold')
                      || (s.type === 'application/ld+json' && s.id === 'article-data' && parsesAsJson(s.textContent));
    if (!own) bad.push('script ' + (src || s.textContent.slice(0, 40)));
  }
  for (const tag of ['iframe', 'object', 'embed', 'img[src="x"]', 'svg[onload]']) {
    if (document.querySelector(tag)) bad.push(tag);
  }
  return bad;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The injected site built by the real build (Pagefind too), with its archive."""
    root = tmp_path_factory.mktemp("injection")
    content = root / "content"
    content.mkdir()
    shutil.copy(CONTENT / "site.toml", content / "site.toml")
    (content / "raw").mkdir()
    (content / "raw" / "injected.txt").write_text(RAW_PAGE, encoding="utf-8")
    shutil.copy(sorted((CONTENT / "raw").glob("*.txt"))[0], content / "raw")
    write_markdown(content / "articles", "injected.md", FRONT, BODY)
    result = build_site(BuildOptions(content, root / "public"))
    _, archive = load_archive(content)
    return result.output_dir, archive


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def base(site):
    with serve(site[0]) as url:
        yield url


@pytest.fixture
def page(browser):
    """A page that records every dialog (alert/confirm/prompt) and script error it sees."""
    tab = browser.new_page()
    tab.dialogs, tab.errors = [], []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    tab.close()


def _injected_entry(archive):
    return next(e for e in archive.entries if e.article.origin_kind == "markdown")


def _pages(site) -> list[str]:
    """Every kind of page that shows injected fields: articles, home, taxonomy terms and lists."""
    out, archive = site
    entry = _injected_entry(archive)
    raw_entries = [e for e in archive.entries if e.article.origin and e.article.origin.name == "injected.txt"]
    assert raw_entries, "the raw page with injections made no article"
    terms = [t.url for tax in archive.taxonomies.values() for t in tax.terms
             if entry in t.entries or any(r in t.entries for r in raw_entries)]
    lists = [tax.url for tax in archive.taxonomies.values()]
    return ["/", entry.url, *(e.url for e in raw_entries), *terms, *lists, "/search/"]


def assert_inert(page, url: str) -> None:
    assert page.dialogs == [], f"{url}: a dialog fired: {page.dialogs}"
    assert page.evaluate(OWN_ELEMENTS_ONLY) == [], url
    assert page.errors == [], url


def test_every_page_is_inert(site, base, page):
    pages = _pages(site)
    assert len(pages) >= 8
    for url in pages:
        response = page.goto(base + url)
        assert response is not None and response.status == 200, url
        page.wait_for_load_state("load")
        assert_inert(page, url)


def test_the_injected_fields_show_as_text(site, base, page):
    entry = _injected_entry(site[1])
    page.goto(base + entry.url)
    text = page.inner_text("body")
    assert f"{MARK}<script>alert(\"title\")</script>{TEMPLATE_SUM}" in text  # the title, as typed
    assert "<img src=x onerror=alert(\"author\")>" in text and "{{ config }}" in text
    assert "{% for x in range(3) %}KICKER{% endfor %}" in text
    assert "6170" not in text and "TEMPLATE-RAN" not in text.replace("{% if true %}TEMPLATE-RAN", "")
    assert TEMPLATE_SUM in page.inner_text("main") and "KICKERKICKER" not in text
    assert_inert(page, entry.url)


def test_the_raw_page_shows_its_markup_as_text(site, base, page):
    out, archive = site
    raw = next(e for e in archive.entries if e.article.origin and e.article.origin.name == "injected.txt")
    page.goto(base + raw.url)
    text = page.inner_text("main")
    assert f"{MARK}原始页面正文，<script>alert('script')</script>仍然只是文字。" in text
    assert TEMPLATE_SUM in text and "6170" not in text
    assert_inert(page, raw.url)


def test_searching_for_the_injected_text_is_inert(site, base, page):
    page.goto(base + "/search/")
    page.wait_for_function("window.siteSearch && window.siteSearch.ready")
    page.evaluate("siteSearch.ready()")
    found = page.evaluate("q => siteSearch(q)", MARK)
    assert {r["url"] for r in found} >= {_injected_entry(site[1]).url}
    page.fill("#search-input", f"{MARK} script")
    page.wait_for_selector("#search-results li")
    assert MARK in page.inner_text("#search-results")
    assert_inert(page, "/search/?q=" + MARK)


@pytest.mark.parametrize("name", ["feed.xml", "sitemap.xml"])
def test_feed_and_sitemap_are_xml_and_inert(site, base, page, name):
    out, archive = site
    document = ET.fromstring((out / name).read_bytes())  # raises on anything but well-formed XML
    assert document.tag.endswith(("feed", "urlset"))
    if name == "feed.xml":
        titles = [el.text or "" for el in document.iter() if el.tag.endswith("title")]
        assert _injected_entry(archive).title in titles  # the title kept as text, not as markup
    page.goto(base + "/" + name)  # Chromium's XML viewer
    assert page.dialogs == [] and page.evaluate("document.querySelectorAll('script').length") == 0
    parsed = page.evaluate("""async url => {
      const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'application/xml');
      return [doc.documentElement.localName, doc.getElementsByTagName('parsererror').length,
              doc.getElementsByTagNameNS('http://www.w3.org/1999/xhtml', 'script').length]; }""", "/" + name)
    assert parsed == [document.tag.split("}")[-1], 0, 0]
