"""The preview server at its limits, against the real server on 127.0.0.1: it listens on the
loopback interface only, serves nothing outside the site whatever the encoding of the path,
answers every request (overlong, garbage) and answers 200 requests arriving at once."""
from __future__ import annotations

import os
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from site_builder.build import BuildOptions
from site_builder.serve import files, server
from site_builder.serve.files import SETTLED_NS
from site_builder.serve.server import LiveState, make_server

from .sitekit import TinyBuilder, get, wait_until, write_article, write_site

SECRET = "SECRET-OUTSIDE-THE-SITE"


@pytest.fixture
def served(tmp_path: Path):
    """A built tiny site with links leading out of it, behind a real server on a free port."""
    content, output = tmp_path / "content", tmp_path / "public"
    write_site(content)
    TinyBuilder()(BuildOptions(content_dir=content, output_dir=output))
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (tmp_path / "secret-dir").mkdir()
    (tmp_path / "secret-dir" / "index.html").write_text(SECRET, encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", output / "leak.txt")
    os.symlink(tmp_path / "secret-dir", output / "leak-dir")
    (output / "trap").mkdir()
    os.symlink(tmp_path / "secret.txt", output / "trap" / "index.html")
    assert (output / "leak.txt").read_text(encoding="utf-8") == SECRET  # the links do lead out
    state = LiveState()
    state.built()
    server = make_server("127.0.0.1", 0, output, state)
    server.start()
    yield server
    server.stop()


def raw_request(port: int, request: bytes, timeout: float = 10.0, whole: bool = False):
    """Send bytes as they are (no client-side cleaning of the path); the status and the body
    (or, `whole`, the reply as it came)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/"), f"no HTTP reply to {request[:80]!r}: {reply[:80]!r}"
    if whole:
        return reply
    head, _, body = reply.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def get_path(port: int, path: str | bytes) -> tuple[int, bytes]:
    target = path.encode("latin-1") if isinstance(path, str) else path
    return raw_request(port, b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")


def test_listens_on_loopback_only(served, tmp_path: Path):
    assert served.socket.getsockname()[0] == "127.0.0.1"
    for host in ("0.0.0.0", "", "192.168.1.10"):
        with pytest.raises(ValueError, match="loopback"):
            make_server(host, 0, tmp_path, LiveState())


def test_the_site_itself_is_served(served):
    status, body = get_path(served.port, "/a/first/")
    assert status == 200 and "城市治理".encode() in body


TRAVERSALS = [
    "/../secret.txt", "/a/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
    "/.%2e/secret.txt", "/%2e%2e%2fsecret.txt", "/..%2fsecret.txt", "/a/..%2F..%2Fsecret.txt",
    "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt",
    "/a\\..\\..\\secret.txt", "/%5c..%5csecret.txt", "/a%00/../../secret.txt", "/secret.txt%00.html",
    b"/a\x00b/", "/leak.txt", "/leak-dir/", "/leak-dir/index.html", "/leak-dir", "/trap/",
    "/trap/index.html", "//secret.txt", "/./../secret.txt",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_nothing_outside_the_site_is_served(served, path):
    status, body = get_path(served.port, path)
    assert status == 404, (path, status)
    assert SECRET.encode() not in body


def test_a_folder_redirect_stays_on_the_site(served):
    (served.root / "example.com").mkdir()
    for path in ("/%2F%2Fexample.com", "/%2f/example.com", "/.//example.com"):
        reply = raw_request(served.port, f"GET {path} HTTP/1.1\r\nConnection: close\r\n\r\n".encode(),
                            whole=True)
        assert reply.startswith(b"HTTP/1.0 301") and b"\r\nLocation: /example.com/\r\n" in reply, path


@pytest.mark.parametrize("path,status", [
    ("/" + "a" * 256, 404),                    # a segment over NAME_MAX
    ("/" + "%E4%B8%AD" * 86, 404),              # 258 bytes once decoded
    ("/a/" + "b" * 255, 404),                   # the longest name: an ordinary miss
    ("/" + "a/" * 2100, 414),                   # a path over PATH_MAX
    ("/" + "a" * 5000, 414),
    ("/" + "a" * 70000, 414),                   # a request line over http.server's 64 KB
])
def test_overlong_paths_are_answered(served, path, status):
    assert get_path(served.port, path)[0] == status


@pytest.mark.parametrize("request_bytes,status", [
    (b"\x16\x03\x01\x02\x00garbage\r\n\r\n", 400),
    (b"GET /a/first/ HTTP/1.1 extra\r\n\r\n", 400),
    (b"GET /a/first/ HTTQ/1.1\r\n\r\n", 400),
    (b"GET /%ff%fe/ HTTP/1.1\r\nConnection: close\r\n\r\n", 400),
    (b"BREW /a/first/ HTTP/1.1\r\nConnection: close\r\n\r\n", 501),
])
def test_garbage_is_answered(served, request_bytes, status):
    assert raw_request(served.port, request_bytes)[0] == status


def test_two_hundred_concurrent_requests_are_all_answered(served):
    count = 200
    start = threading.Barrier(count)

    def fetch(_: int) -> tuple[int, bytes]:
        start.wait(30)
        status, _headers, body = get(f"http://127.0.0.1:{served.port}/a/first/", timeout=30)
        return status, body

    with ThreadPoolExecutor(count) as pool:
        results = list(pool.map(fetch, range(count)))
    assert len(results) == count
    assert all(status == 200 and "城市治理".encode() in body for status, body in results)


def settled_and_cached(served, path: str, file: Path) -> bytes:
    """The body of `path` once it is answered from the server's cache of answers (which keeps
    only files whose last change is older than SETTLED_NS)."""
    wait_until(lambda: time.time_ns() - os.stat(file).st_ctime_ns > 2 * SETTLED_NS, 5, what="the file to settle")
    status, first = get_path(served.port, path)
    hits = served.answers.hits
    status_again, again = get_path(served.port, path)
    assert (status, status_again) == (200, 200) and again == first
    assert served.answers.hits == hits + 1, "the second answer did not come from the cache"
    return again


def test_a_file_rewritten_in_place_is_served_fresh(served):
    style = served.root / "style.css"
    assert settled_and_cached(served, "/style.css", style) == b"body { color: #222 }"
    style.write_bytes(b"body { color: #f00 }")  # same size, same inode, same folder
    assert get_path(served.port, "/style.css") == (200, b"body { color: #f00 }")


def test_a_rebuilt_page_is_served_fresh(served, tmp_path: Path):
    page = served.root / "a" / "first" / "index.html"
    assert "城市治理".encode() in settled_and_cached(served, "/a/first/", page)
    write_article(tmp_path / "content", "first", "新标题", "改写后的正文")
    TinyBuilder()(BuildOptions(content_dir=tmp_path / "content", output_dir=served.root))
    status, body = get_path(served.port, "/a/first/")
    assert status == 200 and "改写后的正文".encode() in body and "城市治理".encode() not in body


def test_a_reused_folder_identity_does_not_serve_stale_pages(served, tmp_path: Path, monkeypatch):
    # a later build's folder may get the inode number of a deleted one: every generation
    # looking the same must still not serve the old page
    monkeypatch.setattr(files, "identity", lambda root: (1, 1))
    monkeypatch.setattr(server, "identity", lambda root: (1, 1))
    page = served.root / "a" / "first" / "index.html"
    assert "城市治理".encode() in settled_and_cached(served, "/a/first/", page)
    write_article(tmp_path / "content", "first", "新标题", "改写后的正文")
    TinyBuilder()(BuildOptions(content_dir=tmp_path / "content", output_dir=served.root))
    status, body = get_path(served.port, "/a/first/")
    assert status == 200 and "改写后的正文".encode() in body


def test_slow_idle_and_open_connections_do_not_hold_up_others(served):
    # the server handles requests on a few threads: a connection waiting on its client must
    # not keep one of them (else the next request would wait for a timeout of a minute)
    many = served.workers + 2
    port = served.port
    idle = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(many)]
    half = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(many)]
    kept = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(many)]
    streams: list[socket.socket] = []
    try:
        for sock in half:
            sock.sendall(b"GET /a/first/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
        for sock in kept:
            sock.sendall(b"GET /style.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")  # keep-alive
            assert sock.recv(65536).startswith(b"HTTP/1.0 200")
        for _ in range(many):  # (a request sent at once, as a browser's live-reload script does)
            streams.append(socket.create_connection(("127.0.0.1", port), timeout=10))
            streams[-1].sendall(b"GET /__livereload HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert streams[-1].recv(65536).startswith(b"HTTP/1.0 200")
        status, body = get_path(port, "/a/first/")  # times out (10 s) when held up
        assert status == 200 and "城市治理".encode() in body
    finally:
        for sock in idle + half + kept + streams:
            sock.close()
