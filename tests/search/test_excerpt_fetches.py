"""The round trips a result's excerpt costs in Chromium: which of its text parts the search page
asks for, and in how many waves (the requests it makes before any of them is answered)."""
from __future__ import annotations

from site_builder.search.browser import serve
from site_builder.search.heavy import HEAVY_PARTS, heavy_bigrams


def _waves(page, query: str) -> tuple[list[int], list[dict]]:
    """The query's first page of results, its text parts answered wave by wave: every request
    the page makes is held until it has made all it makes without an answer (half a second
    with none new), then all are answered at once."""
    held: list = []
    page.route("**/pagefind/text/*", lambda route: held.append(route))
    page.evaluate("q => { window.shown = null; siteSearch(q, {limit: 10}).then((r) => { window.shown = r; }); }", query)
    waves: list[int] = []
    for _ in range(40):
        page.wait_for_timeout(500)
        if held:
            waves.append(len(held))
            for route in held:
                route.continue_()
            held.clear()
        elif page.evaluate("window.shown !== null"):
            break
    return waves, page.evaluate("window.shown")


def test_a_twin_query_fetches_the_other_parts_at_once_when_the_likeliest_part_misses(seed_site, browser):
    """教授 is a common bigram: it is looked up by its twin, which says which pages hold it but
    not where. The one seed page that holds it has it in the fifth of its parts the page
    tries (the body's first, then the others in order); after the likeliest misses, the others
    are asked for together: two waves, not one per part tried."""
    assert "教授" in heavy_bigrams()
    page = browser.new_page()
    with serve(seed_site) as base:
        try:
            page.goto(base + "/search/")
            page.wait_for_function("window.siteSearch && window.siteSearch.ready")
            page.evaluate("siteSearch.ready()")
            waves, shown = _waves(page, "教授")
        finally:
            page.close()
    assert len(shown) == 1 and "<mark>教授</mark>" in shown[0]["excerpt"], shown
    assert waves[0] == 1 and len(waves) == 2 and waves[1] >= 3, waves


def test_a_traditional_query_asks_for_the_list_s_parts_of_its_characters_as_typed_only(seed_site, browser):
    """城市治理體系: 體 folds to 体, whose listed bigrams (体系) are in 體's part of the list of
    common bigrams too; so the page asks for the parts of the characters as typed, beside the
    fold table's part, and none after it (体's part is another one)."""
    query = "城市治理體系"
    page = browser.new_page()
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url.rsplit("/", 1)[-1]) if "/search-heavy/" in r.url else None)
    with serve(seed_site) as base:
        try:
            page.goto(base + "/search/")
            page.wait_for_function("window.siteSearch && window.siteSearch.ready")
            page.evaluate("q => siteSearch(q, {limit: 10})", query)
        finally:
            page.close()
    assert ord("体") % HEAVY_PARTS != ord("體") % HEAVY_PARTS
    assert sorted(asked) == sorted({f"{ord(c) % HEAVY_PARTS}.json" for c in query}), asked
