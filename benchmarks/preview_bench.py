"""How soon an edit shows in the open browser: `site-builder serve` and real Chromium.

    python benchmarks/preview_bench.py --articles 1000 [--trials 5]

Generates an archive (make_archive.py), starts `site-builder serve` on it as its own process,
opens an article page in headless Chromium and waits until the first build is done. Then,
per trial: appends a new sentence to that article's Markdown file and measures the time from
the save to the sentence being in the page the browser shows (after the live reload); the
same for a template edit (the site's own copy of article.html gets a new marker). Prints
each trial and the median.
"""
from __future__ import annotations

import argparse
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import markupsafe
from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).resolve().parent
SITE_BUILDER = Path(sys.executable).with_name("site-builder")
TEMPLATE = HERE.parent / "site_builder" / "templates" / "article.html"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(url: str, process: subprocess.Popen, timeout: float) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("site-builder serve ended")
        try:
            with urllib.request.urlopen(url + "__livereload.json", timeout=5) as answer:
                if b'"version": ""' not in answer.read():
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("the first build did not finish in time")


def seconds_until_shown(page: Page, save, marker: str) -> float:
    started = time.perf_counter()
    save()
    page.wait_for_function("m => document.body && document.body.innerText.includes(m)", arg=marker,
                           timeout=120_000, polling=20)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--log", type=Path, help="write the server's output here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as tmp:
        content = Path(tmp) / "content"
        subprocess.run([sys.executable, str(HERE / "make_archive.py"), "--articles", str(args.articles),
                        "--out", str(content)], check=True, capture_output=True)
        (content / "templates").mkdir()
        shutil.copyfile(TEMPLATE, content / "templates" / "article.html")
        port = free_port()
        log = open(args.log, "w") if args.log else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
        server = subprocess.Popen([str(SITE_BUILDER), "serve", "--content", str(content), "--output",
                                   str(Path(tmp) / "public"), "--port", str(port)],
                                  stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_for_server(url, server, timeout=1800)
            article = sorted((content / "articles").glob("*.md"))[0]
            title = re.search(r"^title: '(.*)'$", article.read_text(encoding="utf-8"), re.MULTILINE)[1]
            heading = f"<title>{markupsafe.escape(title)} ·"
            page_path = next(p for p in (Path(tmp) / "public" / "articles").glob("*/index.html")
                             if heading in p.read_text(encoding="utf-8"))
            results = measure(f"{url}articles/{page_path.parent.name}/", article, content, args.trials)
        finally:
            server.terminate()
            server.wait(30)
    for name, times in results.items():
        shown = ", ".join(f"{t:.2f}" for t in times)
        print(f"{name:<16} median {statistics.median(times):.2f} s  ({shown})")


def search_current(url: str, timeout: float = 600) -> None:
    """Until the server no longer says the search index is being remade (the next trial's
    save must not land in that build)."""
    import urllib.request

    root = url.split("/articles/")[0]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{root}/__livereload.json", timeout=10) as answer:
            if b'"notice"' not in answer.read():
                return
        time.sleep(0.05)
    raise SystemExit("the search index was not remade in time")


def measure(url: str, article: Path, content: Path, trials: int) -> dict[str, list[float]]:
    template = content / "templates" / "article.html"
    results: dict[str, list[float]] = {"article edit": [], "template edit": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(url)
        for trial in range(trials):
            sentence = f"第{trial}次保存时补上的一句话。"
            results["article edit"].append(seconds_until_shown(
                page, lambda s=sentence: article.write_text(article.read_text(encoding="utf-8") + f"\n{s}\n",
                                                            encoding="utf-8"), sentence))
            search_current(url)
            marker = f"模板标记{trial}"
            results["template edit"].append(seconds_until_shown(
                page, lambda m=marker: template.write_text(
                    template.read_text(encoding="utf-8").replace("</article>", f"<p>{m}</p></article>", 1),
                    encoding="utf-8"), marker))
            search_current(url)
        browser.close()
    return results


if __name__ == "__main__":
    main()
