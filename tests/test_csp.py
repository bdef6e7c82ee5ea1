"""The security headers netlify.toml publishes, served as Netlify would serve them, with the
built site in Chromium: the home page, an article and the search page load without a single
Content-Security-Policy violation or console error, and a real search still finds articles."""
from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT
from site_builder.search.browser import chromium

POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
          "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy",
                    "Permissions-Policy", "Cross-Origin-Opener-Policy"}
QUERY = "城市治理"  # a topic of the seed content: the search must find it

Rules = list[tuple[str, dict[str, str]]]


def netlify_rules(site: Path) -> Rules:
    """Header rules as Netlify applies them: netlify.toml's [[headers]], then the build's `_headers`."""
    netlify = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    rules = [(rule["for"], dict(rule["values"])) for rule in netlify.get("headers", [])]
    headers_file = site / "_headers"
    for line in headers_file.read_text(encoding="utf-8").splitlines() if headers_file.exists() else []:
        if line.startswith("/"):
            rules.append((line.strip(), {}))
        elif line.strip():
            name, value = line.split(":", 1)
            rules[-1][1][name.strip()] = value.strip()
    return rules


def matches(pattern: str, path: str) -> bool:
    """A Netlify path rule: an exact path, or a prefix ending in a `*` splat."""
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


def headers_for(rules: Rules, path: str) -> list[tuple[str, str]]:
    return [(name, value) for pattern, values in rules if matches(pattern, path) for name, value in values.items()]


@contextlib.contextmanager
def serve_like_netlify(site: Path, rules: Rules):
    """The built site on 127.0.0.1 (a free port), every response with the headers its path gets."""
    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            for name, value in headers_for(rules, self.path.split("?", 1)[0]):
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, format, *args):  # noqa: A002 - the base class's signature
            pass

    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site))) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()


@pytest.fixture(scope="module")
def rules(seed_site) -> Rules:
    return netlify_rules(seed_site)


@pytest.fixture(scope="module")
def served(seed_site, rules):
    with serve_like_netlify(seed_site, rules) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    """A page that records CSP violations (securitypolicyviolation events: in the page's
    `__violations` and, across navigations, in `problems`), console errors and uncaught errors."""
    page = browser.new_page()
    problems: list[str] = []
    page.expose_function("reportViolation", lambda v: problems.append(f"CSP violation: {v}"))
    page.add_init_script(VIOLATION_RECORDER)
    page.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    yield page, problems
    page.close()


VIOLATION_RECORDER = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => {
  const v = `${e.violatedDirective} blocked ${e.blockedURI} in ${e.sourceFile}:${e.lineNumber}`;
  window.__violations.push(v);
  window.reportViolation(v);
});
"""


def test_every_file_gets_the_policy_and_no_header_twice(seed_site, rules):
    files = ["/" + p.relative_to(seed_site).as_posix() for p in seed_site.rglob("*") if p.is_file()]
    assert len(files) > 50
    for url in files:
        names = [name for name, _ in headers_for(rules, url)]
        assert SECURITY_HEADERS <= set(names), url
        assert len(names) == len(set(names)), f"{url}: a header set by two rules (Netlify would merge them)"
    assert dict(headers_for(rules, "/"))["Content-Security-Policy"] == POLICY


# what 'self' forbids in a page: inline scripts (JSON and JSON-LD data blocks are not run), styles, handlers
INLINE = re.compile(r"""<script(?![^>]*\b(src=|type="application/(ld\+)?json"))|<style\b|\sstyle=|\son[a-z]+=""")


def test_no_page_needs_inline_script_or_style(seed_site):
    pages = list(seed_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        found = INLINE.search(page.read_text(encoding="utf-8"))
        assert found is None, f"{page.relative_to(seed_site)}: {found and found.group(0)}"


def test_pages_load_and_search_under_the_policy(served, seed_site, page):
    page, problems = page
    article = "/" + next(seed_site.glob("articles/*/index.html")).parent.relative_to(seed_site).as_posix() + "/"
    for url in (article, "/"):
        response = page.goto(served + url, wait_until="load")
        assert response.headers["content-security-policy"] == POLICY, url
        assert page.evaluate("window.__violations") == [], url
    page.fill("form.search-form input[name=q]", QUERY)
    page.click("form.search-form button[type=submit]")  # form-action 'self': on to /search/?q=...
    page.wait_for_url("**/search/?q=*")
    page.wait_for_function(SEARCH_DONE)
    assert page.evaluate("window.__violations") == []
    assert problems == []
    assert page.inner_text("#search-status").startswith("找到")  # Pagefind's worker and WebAssembly ran
    assert QUERY in page.inner_text("#search-results")


# the search page's status line says the search is over (found, not found, or failed), or a violation came first
SEARCH_DONE = """() => window.__violations.length ||
  !["", "正在搜索……"].includes(document.querySelector("#search-status").textContent)"""


def test_a_violation_would_be_seen(served, page):
    """The recorder itself: an inline script, which the policy forbids, is reported."""
    page, problems = page
    page.goto(served + "/", wait_until="load")
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = '1'; document.body.append(s); }")
    page.wait_for_function("window.__violations.length > 0")
    assert "script-src" in page.evaluate("window.__violations[0]")
