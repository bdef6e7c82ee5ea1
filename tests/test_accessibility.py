"""Every kind of page of the seed site has no axe-core violations (WCAG 2.1 A and AA and axe's
best practices), at desktop and phone widths, in the light and the dark colour scheme, in Chromium.
The kinds the seed cannot have (its pages print no date: no year, month or day, no newspaper
view) are checked on the generated site of tests/test_generated_site.py.

axe-core comes from the PyPI package axe-playwright-python (it ships axe.min.js); the script
is injected into each page as Playwright opens it from a local server on 127.0.0.1.
"""
from __future__ import annotations

from importlib import resources
from urllib.parse import urljoin

import pytest

from site_builder.render.plan import PageKind
from site_builder.search.browser import chromium, serve

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# the kinds a reader opens in a browser (feed, sitemap and robots are not HTML pages)
HTML_KINDS = [kind for kind in PageKind if kind not in (PageKind.FEED, PageKind.TERM_FEED, PageKind.SITEMAP,
                                                        PageKind.ROBOTS)]
# kinds only dated printings make
DATED_KINDS = {PageKind.YEAR, PageKind.MONTH, PageKind.DAY, PageKind.PAPERS, PageKind.PAPER, PageKind.ISSUE,
               PageKind.PRINTED_PAGE}
SCHEMES = ["light", "dark"]


@pytest.fixture(scope="module")
def axe_script() -> str:
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pages_by_kind(seed_archive) -> dict[PageKind, str]:
    """One URL of each HTML kind of page the seed site has (the first of each in plan order)."""
    from site_builder.render.plan import plan_site

    config, archive = seed_archive
    urls: dict[PageKind, str] = {}
    for plan in plan_site(archive, config):
        urls.setdefault(plan.kind, plan.url)
    return {kind: url for kind, url in urls.items() if kind in HTML_KINDS}


def violations(page, axe_script: str) -> list[str]:
    page.evaluate(axe_script)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]]


def test_every_kind_of_page_has_a_url(pages_by_kind):
    """The check below covers every HTML kind the plan makes for undated pages (a new kind is
    not skipped)."""
    assert set(pages_by_kind) == set(HTML_KINDS) - DATED_KINDS


def axe_problems(site, urls: dict[PageKind, list[str]], axe_script: str, viewport: dict, scheme: str
                 ) -> tuple[int, dict[str, list[str]]]:
    """Open each URL in Chromium and run axe on it: how many pages were checked, and what axe found."""
    found: dict[str, list[str]] = {}
    checked = 0
    with serve(site) as base, chromium() as browser:
        page = browser.new_page(viewport=viewport, color_scheme=scheme)
        for kind, url in ((k, u) for k, us in sorted(urls.items(), key=lambda item: item[0].value) for u in us):
            page.goto(urljoin(base + "/", url.lstrip("/")))
            assert page.evaluate(f"matchMedia('(prefers-color-scheme: {scheme})').matches")
            if kind is PageKind.SEARCH:  # with results on the page, as a reader sees it
                page.fill("#search-input", "治理")
                page.keyboard.press("Enter")
                page.wait_for_selector("#search-results li", timeout=20_000)
            problems = violations(page, axe_script)
            checked += 1
            if problems:
                found[f"{kind.value} {url}"] = problems
    return checked, found


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_no_axe_violations_on_any_kind_of_page(seed_site, pages_by_kind, axe_script, viewport, scheme):
    checked, found = axe_problems(seed_site, {k: [u] for k, u in pages_by_kind.items()}, axe_script,
                                  VIEWPORTS[viewport], scheme)
    assert checked == len(pages_by_kind)
    assert found == {}
