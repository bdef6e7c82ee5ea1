"""How soon an edit shows in the open browser: `site-builder serve` and real Chromium.

    python benchmarks/preview_bench.py --articles 1000 [--trials 5]

Generates an archive (make_archive.py), starts `site-builder serve` on it as its own process,
opens an article page in headless Chromium and waits until the first build is done. Then,
per trial: appends a new sentence to that article's Markdown file and measures the time from
the save to the sentence being in the page the browser shows (after the live reload); the
same for a template edit (the site's own copy of article.html gets a new marker). Prints
each trial and the median, and where the time went, read from the server's output: from
the save to the server's seeing it (the file watcher), rendering the pages shown before the
build (serve/quick.py), and the rest (the live-reload event, the browser fetching and
drawing the page).
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
from dataclasses import dataclass
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
        log_path = args.log or Path(tmp) / "serve.log"
        log = open(log_path, "w")  # noqa: SIM115 - closed with the process
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
            results = measure(f"{url}articles/{page_path.parent.name}/", article, content, args.trials,
                              ServerLog(log_path))
        finally:
            server.terminate()
            server.wait(30)
            log.close()
    for name, trials in results.items():
        times = [trial.total for trial in trials]
        shown = ", ".join(f"{t:.2f}" for t in times)
        print(f"{name:<16} median {statistics.median(times):.2f} s  ({shown})")
    for name, trials in results.items():
        print(f"{name:<16} stages (median): " + ", ".join(
            f"{stage} {statistics.median(values):.2f} s" for stage, values in stage_times(trials).items()))


@dataclass
class Trial:
    total: float  # from the save to the change on screen
    noticed: float | None  # from the save to the server's seeing it
    rendered: float | None  # the pages shown before the build rendered (None: not shown before it)


class ServerLog:
    """The server's output, read on from where the last trial left it."""

    def __init__(self, path: Path):
        self.path, self.offset = path, 0

    def stages(self) -> tuple[float | None, float | None]:
        """(seconds from the save to the server's seeing it, seconds rendering the pages
        shown before the build) of the first save since the last call."""
        with open(self.path, encoding="utf-8") as log:
            log.seek(self.offset)
            text = log.read()
            self.offset = log.tell()
        noticed = re.search(r"^changed: .*\(saved ([0-9.]+) s ago\)", text, re.MULTILINE)
        rendered = re.search(r"^showing \d+ page\(s\) before the build \(([0-9.]+) s\)", text, re.MULTILINE)
        return (float(noticed[1]) if noticed else None), (float(rendered[1]) if rendered else None)


def stage_times(trials: list[Trial]) -> dict[str, list[float]]:
    stages: dict[str, list[float]] = {"save to server": [], "render": [], "reload and browser": []}
    for trial in trials:
        if trial.noticed is None or trial.rendered is None:
            continue
        stages["save to server"].append(trial.noticed)
        stages["render"].append(trial.rendered)
        stages["reload and browser"].append(trial.total - trial.noticed - trial.rendered)
    return {stage: values for stage, values in stages.items() if values}


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


def measure(url: str, article: Path, content: Path, trials: int, log: ServerLog) -> dict[str, list[Trial]]:
    template = content / "templates" / "article.html"
    results: dict[str, list[Trial]] = {"article edit": [], "template edit": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(url)
        for trial in range(trials):
            sentence = f"第{trial}次保存时补上的一句话。"
            total = seconds_until_shown(
                page, lambda s=sentence: article.write_text(article.read_text(encoding="utf-8") + f"\n{s}\n",
                                                            encoding="utf-8"), sentence)
            results["article edit"].append(Trial(total, *log.stages()))
            search_current(url)
            log.stages()  # (the build's lines)
            marker = f"模板标记{trial}"
            total = seconds_until_shown(
                page, lambda m=marker: template.write_text(
                    template.read_text(encoding="utf-8").replace("</article>", f"<p>{m}</p></article>", 1),
                    encoding="utf-8"), marker)
            results["template edit"].append(Trial(total, *log.stages()))
            search_current(url)
            log.stages()
        browser.close()
    return results


if __name__ == "__main__":
    main()
