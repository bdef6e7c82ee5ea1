"""Screenshots of the seed site at desktop and phone widths, for looking at the design.

    .venv/bin/python benchmarks/screenshots.py OUT_DIR [--content content] [--fold]
    .venv/bin/python benchmarks/screenshots.py OUT_DIR --generated 1000 --dark   # the time axis

Builds the site from the content folder into a temporary folder (with the search index
when the search stage can build one), serves it on 127.0.0.1 with http.server in a thread,
and saves full-page PNGs of: the home page, one article, one topic page, the author
overview and the search page (after typing 治理 into its search box, when there is one)
at 1280 px (desktop) and 390 px (phone) wide. `--fold` also saves the first screen of each.

`--generated N` shoots a site of N generated articles with dates, papers and pages
(benchmarks/make_archive.py) instead: an article's 引用 block, a year page, a month page and
a printed page of the newspaper view. `--dark` shoots every page in the dark colour scheme too.

Drives Debian's Chromium through Python Playwright (no `playwright install`).
"""
from __future__ import annotations

import argparse
import contextlib
import itertools
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from site_builder.build import BuildOptions, build_site, load_archive  # noqa: E402
from site_builder.search.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SEARCH_WORD = "治理"
ELEMENTS = {"cite": ".cite", "article-head": ".article-header"}  # shots of one element of a page


def build(content: Path, out: Path) -> None:
    try:
        build_site(BuildOptions(content_dir=content, output_dir=out, with_search=True))
    except Exception as exc:  # the search stage may be missing or broken: the pages still matter
        print(f"build with search failed ({exc}); building without search", file=sys.stderr)
        build_site(BuildOptions(content_dir=content, output_dir=out, with_search=False))


def pick_pages(content: Path) -> dict[str, str]:
    """Site paths to shoot: the richest article and the largest topic make the best test."""
    _, archive = load_archive(content)
    def richness(entry):
        a = entry.article
        return (bool(a.summary), bool(a.authors), sum(b.type == "heading" for b in a.blocks) > 0,
                len(entry.related) > 0, len(a.body_text()))
    article = max(archive.entries, key=richness) if archive.entries else None
    topics = archive.taxonomies["topics"].terms
    topic = max(topics, key=lambda t: len(t.entries)) if topics else None
    pages = {"home": "/"}
    if article:
        pages["article"] = article.url
    if topic:
        pages["topic"] = topic.url
    pages["authors"] = archive.taxonomies["authors"].url
    pages["search"] = "/search/"
    return pages


def generated_site(articles: int, tmp: Path) -> tuple[Path, dict[str, str]]:
    """A site of generated articles and the time axis's pages to shoot in it."""
    from make_archive import make_archive

    from site_builder.build import BuildOptions, build_site, load_archive
    from site_builder.render import papers, timeline

    content, site = tmp / "content", tmp / "site"
    make_archive(content, articles, with_raw=True)
    build_site(BuildOptions(content, site, with_search=False, cache=False))
    _, archive = load_archive(content)
    # the page with the most articles, one with its raw text (原文) first
    busiest = max((page for paper in papers.newspapers(archive) for issue in paper.issues
                   for page in issue.pages if page.number is not None),
                  key=lambda page: (bool(page.raw_files), len(page.items)))
    cited = max(busiest.entries, key=lambda e: len(e.article.authors))
    year = timeline.calendar(archive)[0]
    return site, {"cite": cited.url, "article-head": cited.url, "year": year.url, "month": year.months[-1].url,
                  "printed": busiest.url, "home": "/"}


def search_for(page, word: str) -> None:
    box = page.locator("input[type=search], input[name=q], .pagefind-ui__search-input").first
    if box.count() == 0:
        print("search page: no search box", file=sys.stderr)
        return
    box.click()
    box.type(word, delay=60)
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=5000)
    # results: any list item or link that appeared under the search area after typing
    with contextlib.suppress(Exception):
        page.wait_for_function(
            """() => document.querySelectorAll(
                 '.pagefind-ui__result, [data-search-result], .search-results li, #search li, .search-result'
               ).length > 0""", timeout=8000)
    page.wait_for_timeout(800)


def shoot(site: Path, out_dir: Path, pages: dict[str, str], fold: bool, schemes: list[str]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    saved = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for (device, viewport), scheme in itertools.product(VIEWPORTS.items(), schemes):
                context = browser.new_context(viewport=viewport, locale="zh-CN", color_scheme=scheme,
                                              device_scale_factor=1 if device == "desktop" else 2,
                                              is_mobile=device == "phone", has_touch=device == "phone")
                page = context.new_page()
                page.on("pageerror", lambda exc, d=device: print(f"[{d}] page error: {exc}", file=sys.stderr))
                suffix = f"{device}-{scheme}" if len(schemes) > 1 else device
                for name, path in pages.items():
                    page.goto(base + path, wait_until="networkidle")
                    if name == "search":
                        search_for(page, SEARCH_WORD)
                    target = out_dir / f"{name}-{suffix}.png"
                    if name in ELEMENTS:  # one part of the page, not the whole of it
                        page.locator(ELEMENTS[name]).screenshot(path=str(target))
                    else:
                        page.screenshot(path=str(target), full_page=True)
                    saved.append(target)
                    if fold:
                        page.evaluate("window.scrollTo(0, 0)")
                        top = out_dir / f"{name}-{suffix}-fold.png"
                        page.screenshot(path=str(top), full_page=False)
                        saved.append(top)
                context.close()
        finally:
            browser.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="folder for the PNG files")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--fold", action="store_true", help="also save the first screen of each page")
    parser.add_argument("--generated", type=int, metavar="N", help="shoot the time axis of N generated articles")
    parser.add_argument("--dark", action="store_true", help="in the dark colour scheme too")
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    schemes = ["light", "dark"] if args.dark else ["light"]
    with tempfile.TemporaryDirectory(prefix="shots-site-") as tmp:
        if args.generated:
            site, pages = generated_site(args.generated, Path(tmp))
        else:
            site = Path(tmp) / "site"
            build(args.content, site)
            pages = pick_pages(args.content)
        for path in shoot(site, args.out_dir, pages, args.fold, schemes):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
