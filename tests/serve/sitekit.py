"""Test kit for the dev server: a tiny real builder, a site folder, an SSE client.

The tiny builder follows the contract of `site_builder.build.build_site` (raises
SiteBuildError naming the file, builds in a sibling staging folder and swaps it into place
with renames, so a failed build leaves the output untouched) without the rest of the
pipeline: it reads the articles with the real Markdown reader (so a broken article gives
the real error message) and renders them with one `string.Template`.
"""
from __future__ import annotations

import http.client
import json
import re
import socket
import string
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from site_builder.build import BuildOptions, BuildResult, _swap_into_place
from site_builder.errors import SiteBuildError, TemplateError
from site_builder.ingest.markdown_article import read_markdown_article

PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>$title</title>
<link rel="stylesheet" href="/style.css"></head>
<body><main><h1 id="title">$title</h1><div id="body">$body</div></main></body></html>
"""

ARTICLE = """---
title: {title}
---
{body}
"""


def write_site(content: Path, articles: dict[str, tuple[str, str]] | None = None) -> None:
    """A content folder: `articles/*.md` and its own `templates/page.html`."""
    (content / "articles").mkdir(parents=True, exist_ok=True)
    (content / "templates").mkdir(parents=True, exist_ok=True)
    (content / "templates" / "page.html").write_text(PAGE, encoding="utf-8")
    for slug, (title, body) in (articles or {"first": ("城市治理", "第一版正文")}).items():
        write_article(content, slug, title, body)


def write_article(content: Path, slug: str, title: str, body: str) -> Path:
    path = content / "articles" / f"{slug}.md"
    path.write_text(ARTICLE.format(title=title, body=body), encoding="utf-8")
    return path


@dataclass
class TinyBuilder:
    """A real (small) builder: Markdown-ish articles + one template -> a site folder."""

    delay: float = 0.0  # seconds spent "rendering" (to test changes during a build)
    builds: int = 0
    failures: int = 0
    started: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, options: BuildOptions) -> BuildResult:
        self.started.set()
        began = time.perf_counter()
        try:
            result = self._build(options, began)
        except BaseException:
            with self._lock:
                self.failures += 1
            raise
        with self._lock:
            self.builds += 1
        return result

    def _build(self, options: BuildOptions, began: float) -> BuildResult:
        content, output = options.content_dir.resolve(), options.output_dir.resolve()
        template_path = content / "templates" / "page.html"
        template = string.Template(template_path.read_text(encoding="utf-8"))
        articles = [_read_article(p) for p in sorted((content / "articles").glob("*.md"))
                    if not p.name.startswith(".")]
        if self.delay:
            time.sleep(self.delay)
        pages = {"index.html": _render(template, template_path, "文章列表",
                                       "".join(f'<a href="/a/{s}/">{t}</a> {b}' for s, t, b in articles)),
                 "404.html": _render(template, template_path, "页面不存在", "not here")}
        for slug, title, body in articles:
            pages[f"a/{slug}/index.html"] = _render(template, template_path, title, body)
        files: dict[str, bytes] = {k: v.encode() for k, v in pages.items()}
        files.update({
            "style.css": b"body { color: #222 }",
            "app.js": b"window.appLoaded = true;",
            "data.json": json.dumps({"articles": len(articles)}).encode(),
            "logo.svg": b'<svg xmlns="http://www.w3.org/2000/svg"/>',
            "feed.xml": b'<?xml version="1.0" encoding="utf-8"?><feed/>',
            "plain.txt": "纯文本".encode(),
            "pagefind/pagefind-entry.json": b"{}",
            "pagefind/wasm.zh.pagefind": b"\x1f\x8b binary",
            "pagefind/pagefind.en_1.pf_meta": b"\x1f\x8b meta",
            "pagefind/fragment/zh_1.pf_fragment": b"\x1f\x8b fragment",
            "pagefind/index/zh_1.pf_index": b"\x1f\x8b index",
            "pagefind/pagefind.wasm": b"\x00asm\x01\x00\x00\x00",
        })
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.staging-", dir=output.parent))
        for name, data in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        _swap_into_place(staging, output)
        return BuildResult(output_dir=output, articles=len(articles), pages_written=len(pages),
                           seconds=time.perf_counter() - began)


def _read_article(path: Path) -> tuple[str, str, str]:
    """(slug, title, body text) of an article, read by the real Markdown reader."""
    (article,) = read_markdown_article(path).articles
    return path.stem, article.title or "", "\n".join(block.text for block in article.blocks)


def _render(template: string.Template, path: Path, title: str, body: str) -> str:
    try:
        return template.substitute(title=title, body=body)
    except (KeyError, ValueError) as exc:
        line = None
        match = re.search(r"line (\d+)", str(exc))
        if match:
            line = int(match.group(1))
        raise TemplateError(f"template error: {exc}", path, line) from exc


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, method: str = "GET", timeout: float = 10.0) -> tuple[int, dict[str, str], bytes]:
    """A plain HTTP request (no redirects followed)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""))
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


class EventStream:
    """A Server-Sent Events client for `/__livereload`, with bounded waits."""

    def __init__(self, base_url: str, timeout: float = 10.0, page: str = ""):
        """`page`: the path of the page the stream is for, as the live-reload script sends it."""
        parts = urlsplit(base_url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        query = f"?page={quote(page)}" if page else ""
        self.sock.sendall(f"GET /__livereload{query} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                          "Accept: text/event-stream\r\n\r\n".encode())
        self.fp = self.sock.makefile("rb")
        status = self.fp.readline().decode()
        assert status.split()[1] == "200", status
        headers = {}
        while (line := self.fp.readline().decode().rstrip("\r\n")):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        assert headers["content-type"].startswith("text/event-stream"), headers

    def next_state(self, timeout: float = 10.0) -> dict:
        """The next `state` event's data; raises TimeoutError after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        event, data = None, []
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no live-reload event in time")
            self.sock.settimeout(remaining)
            try:
                raw = self.fp.readline()
            except (socket.timeout, TimeoutError) as exc:
                raise TimeoutError("no live-reload event in time") from exc
            if not raw:
                raise ConnectionError("live-reload stream closed")
            line = raw.decode("utf-8").rstrip("\r\n")
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].lstrip())
            elif line == "":
                if event == "state":
                    return json.loads("\n".join(data))
                event, data = None, []

    def close(self) -> None:
        self.fp.close()
        self.sock.close()

    def __enter__(self) -> "EventStream":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def wait_until(predicate, timeout: float = 10.0, interval: float = 0.02, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


__all__ = ["TinyBuilder", "write_site", "write_article", "free_port", "get", "EventStream",
           "wait_until", "SiteBuildError"]
