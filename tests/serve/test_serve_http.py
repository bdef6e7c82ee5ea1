"""The preview server alone: files, folders, 404, content types, injection, SSE, stopping."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from site_builder.build import BuildOptions
from site_builder.serve.server import LIVERELOAD_JS, LiveState, inject, make_server

from .sitekit import EventStream, TinyBuilder, get, wait_until, write_site


@pytest.fixture
def served(tmp_path: Path):
    """A built tiny site behind a real server on a free port (no watcher)."""
    content, output = tmp_path / "content", tmp_path / "public"
    write_site(content)
    builder = TinyBuilder()
    builder(BuildOptions(content_dir=content, output_dir=output))
    state = LiveState()
    state.built()
    server = make_server("127.0.0.1", 0, output, state)
    server.start()
    server.test_content, server.test_builder = content, builder
    yield server
    server.stop()


def url(server, path: str = "/") -> str:
    return f"http://127.0.0.1:{server.port}{path}"


def test_binds_to_localhost_only(served):
    assert served.server_address[0] == "127.0.0.1"
    assert served.socket.getsockname()[0] == "127.0.0.1"


def test_folder_url_serves_index_with_reload_script_before_body_end(served):
    status, headers, body = get(url(served, "/a/first/"))
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    assert int(headers["content-length"]) == len(body)
    page = body.decode("utf-8")
    version = served.state.snapshot().version
    assert page.count("/__livereload.js") == 1
    assert f'<script src="/__livereload.js" data-version="{version}"></script></body>' in page
    assert "城市治理" in page
    # the build output itself is untouched: identical to production
    on_disk = (served.root / "a" / "first" / "index.html").read_text(encoding="utf-8")
    assert "__livereload" not in on_disk
    assert page.replace(f'<script src="/__livereload.js" data-version="{version}"></script>', "") == on_disk


def test_root_and_folder_without_slash(served):
    assert get(url(served, "/"))[0] == 200
    status, headers, _ = get(url(served, "/a/first?x=1"))
    assert status == 301
    assert headers["location"] == "/a/first/?x=1"


def test_missing_page_is_404_html_with_status_404(served):
    status, headers, body = get(url(served, "/no/such/page/"))
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert "页面不存在" in body.decode()
    assert b"/__livereload.js" in body
    assert get(url(served, "/missing.css"))[0] == 404


def test_plain_404_without_404_page(served):
    (served.root / "404.html").unlink()
    status, headers, body = get(url(served, "/nope"))
    assert status == 404 and headers["content-type"].startswith("text/plain")


@pytest.mark.parametrize("path, expected", [
    ("/style.css", "text/css; charset=utf-8"),
    ("/app.js", "text/javascript; charset=utf-8"),
    ("/data.json", "application/json; charset=utf-8"),
    ("/logo.svg", "image/svg+xml; charset=utf-8"),
    ("/feed.xml", "application/xml; charset=utf-8"),
    ("/plain.txt", "text/plain; charset=utf-8"),
    ("/pagefind/pagefind-entry.json", "application/json; charset=utf-8"),
    ("/pagefind/wasm.zh.pagefind", "application/octet-stream"),
    ("/pagefind/pagefind.en_1.pf_meta", "application/octet-stream"),
    ("/pagefind/fragment/zh_1.pf_fragment", "application/octet-stream"),
    ("/pagefind/index/zh_1.pf_index", "application/octet-stream"),
    ("/pagefind/pagefind.wasm", "application/wasm"),
])
def test_content_types_and_no_injection_outside_html(served, path, expected):
    status, headers, body = get(url(served, path))
    assert status == 200
    assert headers["content-type"] == expected
    assert body == (served.root / path.lstrip("/")).read_bytes()


def test_percent_encoded_paths(served, tmp_path):
    (served.root / "中文").mkdir()
    (served.root / "中文" / "index.html").write_text("<body>好</body>", encoding="utf-8")
    status, _, body = get(url(served, "/%E4%B8%AD%E6%96%87/"))
    assert status == 200 and "好" in body.decode()
    assert get(url(served, "/%ff%fe"))[0] in (400, 404)


@pytest.mark.parametrize("path", ["/../content/articles/first.md", "/%2e%2e/content/articles/first.md",
                                  "/a/..%2f..%2fcontent/articles/first.md", "/..%5c..%5cetc/passwd"])
def test_no_escape_from_the_output_folder(served, path):
    with socket.create_connection(("127.0.0.1", served.port), timeout=5) as s:
        s.sendall(f"GET {path} HTTP/1.0\r\n\r\n".encode())
        reply = b""
        while chunk := s.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.0 404"), reply[:40]
    assert "第一版正文".encode() not in reply


def test_symlink_out_of_the_output_folder_is_refused(served, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (served.root / "link.txt").symlink_to(secret)
    assert get(url(served, "/link.txt"))[0] == 404


def test_head(served):
    status, headers, body = get(url(served, "/"), method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 0


def test_livereload_script(served):
    status, headers, body = get(url(served, "/__livereload.js"))
    assert status == 200 and headers["content-type"] == "text/javascript; charset=utf-8"
    assert body.decode() == LIVERELOAD_JS
    assert "EventSource" in LIVERELOAD_JS and "location.reload" in LIVERELOAD_JS


def test_events_push_state_changes(served):
    with EventStream(url(served)) as events:
        first = events.next_state(5)
        assert first == {"version": served.state.snapshot().version, "error": None}
        served.state.failed("content/articles/x.md:3: bad front matter")
        failed = events.next_state(5)
        assert failed == {"version": first["version"], "error": "content/articles/x.md:3: bad front matter"}
        served.state.built()
        ok = events.next_state(5)
        assert ok["version"] != first["version"] and ok["error"] is None
    status, _, body = get(url(served, "/__livereload.json"))
    assert status == 200 and body.decode() == served.state.snapshot().as_json()


def test_page_before_first_build_is_503_and_reloads(tmp_path):
    state = LiveState()
    server = make_server("127.0.0.1", 0, tmp_path / "public", state)
    server.start()
    try:
        status, headers, body = get(url(server, "/"))
        assert status == 503 and headers["content-type"] == "text/html; charset=utf-8"
        assert b"/__livereload.js" in body and b"not been built" in body
        state.failed("content/site.toml:2: unknown key")
        assert b"content/site.toml:2: unknown key" in get(url(server, "/"))[2]
    finally:
        server.stop()


def test_requests_during_rebuilds_never_fail(served):
    """The build renames a fresh folder into place; a request in that window still succeeds."""
    options = BuildOptions(content_dir=served.test_content, output_dir=served.root)
    stop = threading.Event()
    failures: list = []

    def rebuild_forever():
        while not stop.is_set():
            served.test_builder(options)

    rebuilder = threading.Thread(target=rebuild_forever)
    rebuilder.start()
    try:
        # until the site has been swapped at least 20 times under the readers (a bound on
        # the time only keeps a broken build from looping for ever)
        deadline = time.monotonic() + 60.0
        requests = 0
        while (served.test_builder.builds <= 20 or requests <= 50) and time.monotonic() < deadline:
            for path in ("/", "/a/first/", "/style.css"):
                status, _, body = get(url(served, path))
                requests += 1
                if status != 200 or not body:
                    failures.append((path, status))
    finally:
        stop.set()
        rebuilder.join(10)
    assert served.test_builder.builds > 20
    assert requests > 50
    assert failures == []


def test_stop_ends_open_streams_and_idle_connections(served):
    events = EventStream(url(served))
    events.next_state(5)
    idle = socket.create_connection(("127.0.0.1", served.port), timeout=5)  # like a preconnect
    half = socket.create_connection(("127.0.0.1", served.port), timeout=5)
    half.sendall(b"GET / HTTP/1.1\r\n")  # a request that never finishes
    try:
        wait_until(lambda: served.handler_threads() >= 2, 10, what="the connections to be handled")
        stopping = threading.Thread(target=served.stop, daemon=True)
        stopping.start()
        stopping.join(30)  # a stop that waits on an open stream or a half request never returns
        assert not stopping.is_alive(), "stop() hung on an open connection"
        assert served.handler_threads() == 0
        with pytest.raises(ConnectionError):
            events.next_state(5)
    finally:
        events.close()
        idle.close()
        half.close()


def test_inject_without_body_tag():
    assert inject(b"<p>x</p>", "v1").startswith(b"<p>x</p><script")
    assert inject(b"<BODY>a</BODY></HTML>", "v").index(b"<script") < inject(b"<BODY>a</BODY></HTML>", "v").index(b"</BODY>")
