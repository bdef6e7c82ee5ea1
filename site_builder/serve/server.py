"""The preview HTTP server: the built site as it is, plus a live-reload script in HTML pages.

The build output stays identical to production: nothing is written into it. Instead every
HTML response gets one `<script src="/__livereload.js" data-version="…">` inserted before
`</body>`. That script listens on `/__livereload` (Server-Sent Events) and reloads the page
when a newer build than the one the page came from has succeeded; when the latest build
failed it shows the error in a banner over the last good site.

The build replaces the output folder by renaming a staging folder into place, so every
request resolves its file against the output *path* afresh (no open directory, no chdir).
"""
from __future__ import annotations

import html
import json
import mimetypes
import socket
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socketserver import TCPServer

EVENTS_PATH = "/__livereload"
SCRIPT_PATH = "/__livereload.js"
STATE_PATH = "/__livereload.json"
KEEPALIVE_SECONDS = 10.0

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".webmanifest": "application/manifest+json; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".wasm": "application/wasm",
    # Pagefind's index files are (gzipped) binary
    ".pagefind": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".pdf": "application/pdf",
}


def content_type(path: Path) -> str:
    known = CONTENT_TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    if guessed is None:
        return "application/octet-stream"
    if guessed.startswith("text/"):
        return f"{guessed}; charset=utf-8"
    return guessed


# --- what the browser is told -------------------------------------------------------------

@dataclass(frozen=True)
class Snapshot:
    seq: int  # changes on every success or failure
    version: str  # id of the last good build ("" before the first one)
    error: str | None  # message of the last build, when it failed

    def as_json(self) -> str:
        return json.dumps({"version": self.version, "error": self.error}, ensure_ascii=False)


class LiveState:
    """The last good build's id and the last build's error, with waiting for changes."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        # unique per server process, so a page from a previous `serve` reloads on reconnect
        self._session = f"{time.time_ns():x}"
        self._builds = 0
        self._snapshot = Snapshot(seq=0, version="", error=None)
        self._closed = False

    def snapshot(self) -> Snapshot:
        with self._cond:
            return self._snapshot

    def built(self) -> Snapshot:
        with self._cond:
            self._builds += 1
            s = self._snapshot
            self._snapshot = Snapshot(s.seq + 1, f"{self._session}-{self._builds}", None)
            self._cond.notify_all()
            return self._snapshot

    def failed(self, message: str) -> Snapshot:
        with self._cond:
            s = self._snapshot
            self._snapshot = Snapshot(s.seq + 1, s.version, message)
            self._cond.notify_all()
            return self._snapshot

    def wait(self, after_seq: int | None, timeout: float) -> Snapshot | None:
        """The state once it differs from `after_seq` (or after `timeout`); None once closed."""
        with self._cond:
            self._cond.wait_for(lambda: self._closed or self._snapshot.seq != after_seq, timeout)
            return None if self._closed else self._snapshot

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        with self._cond:
            return self._closed


# --- the injected script --------------------------------------------------------------------

LIVERELOAD_JS = r"""// site-builder serve: live reload (dev server only, never part of the built site)
(function () {
  "use strict";
  var me = document.currentScript;
  var built = (me && me.getAttribute("data-version")) || "";
  if (!window.EventSource) { return; }
  var source = new EventSource("%(events)s");
  source.addEventListener("state", function (event) {
    var state = JSON.parse(event.data);
    if (state.version && state.version !== built) {
      source.close();
      window.location.reload();
      return;
    }
    banner(state.error);
  });
  function banner(error) {
    var box = document.getElementById("__site_builder_error");
    if (!error) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "__site_builder_error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;margin:0;" +
        "max-height:50vh;overflow:auto;padding:1em;background:#fff0f0;color:#900;" +
        "border-top:3px solid #c00;font:14px/1.5 monospace;white-space:pre-wrap;text-align:left";
      document.body.appendChild(box);
    }
    box.textContent = "site-builder: the last build failed, showing the last good site\n\n" + error;
  }
})();
""" % {"events": EVENTS_PATH}


def script_tag(version: str) -> bytes:
    return f'<script src="{SCRIPT_PATH}" data-version="{html.escape(version)}"></script>'.encode()


def inject(page: bytes, version: str) -> bytes:
    """Insert the live-reload script before the last `</body>` (or at the end)."""
    tag = script_tag(version)
    at = page.lower().rfind(b"</body")
    if at < 0:
        return page + tag
    return page[:at] + tag + page[at:]


def status_page(title: str, message: str | None, version: str) -> bytes:
    body = f"<p>{html.escape(message)}</p>" if message else ""
    return inject(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"</head><body><h1>{html.escape(title)}</h1>{body}</body></html>".encode(),
        version,
    )


# --- HTTP -----------------------------------------------------------------------------------

class PreviewServer(ThreadingHTTPServer):
    """ThreadingHTTPServer that can be stopped completely: it ends its open connections too."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], root: Path, state: LiveState):
        self.root = root
        self.state = state
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        self._handler_threads: set[threading.Thread] = set()
        super().__init__(address, PreviewHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind does a reverse DNS lookup (getfqdn); not needed on localhost
        TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = host, port

    @property
    def port(self) -> int:
        return self.server_address[1]

    def process_request(self, request, client_address):  # noqa: ANN001 - socketserver API
        with self._lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):  # noqa: ANN001
        me = threading.current_thread()
        with self._lock:
            self._handler_threads.add(me)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._lock:
                self._handler_threads.discard(me)

    def shutdown_request(self, request):  # noqa: ANN001
        with self._lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request, client_address):  # noqa: ANN001
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError):  # a browser dropped its connection: not worth a word
            return
        super().handle_error(request, client_address)

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1},
                                  name="site-builder-http", daemon=True)
        thread.start()
        self._serve_thread = thread
        return thread

    def stop(self, timeout: float = 3.0) -> None:
        """Stop accepting, end live-reload streams and idle connections, join the threads."""
        self.state.close()
        if getattr(self, "_serve_thread", None) is not None:
            self.shutdown()
            self._serve_thread.join(timeout)
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                threads = list(self._handler_threads)
            if not threads or time.monotonic() > deadline:
                break
            threads[0].join(max(0.0, deadline - time.monotonic()))
        self.server_close()

    def handler_threads(self) -> int:
        with self._lock:
            return len(self._handler_threads)


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "site-builder-serve"
    timeout = 60  # an idle connection (a browser's preconnect) is dropped after this

    # -- dispatch

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        self._respond(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        url = urllib.parse.urlsplit(self.path)
        try:
            path = urllib.parse.unquote(url.path, errors="strict") if url.path else "/"
        except UnicodeDecodeError:
            self._send(HTTPStatus.BAD_REQUEST, CONTENT_TYPES[".txt"], b"bad request\n", head)
            return
        if path == EVENTS_PATH and not head:
            self._events()
        elif path == EVENTS_PATH or path == SCRIPT_PATH:
            self._send(HTTPStatus.OK, CONTENT_TYPES[".js"], LIVERELOAD_JS.encode(), head)
        elif path == STATE_PATH:
            body = self.server.state.snapshot().as_json().encode()
            self._send(HTTPStatus.OK, CONTENT_TYPES[".json"], body, head)
        else:
            self._file(path, url.query, head)

    # -- files of the built site

    def _file(self, path: str, query: str, head: bool) -> None:
        snap = self.server.state.snapshot()  # before reading: the page is at least this new
        root = self.server.root
        parts = [p for p in path.split("/") if p not in ("", ".")]
        if ".." in parts or any("\\" in p or "\x00" in p for p in parts):
            self._send(HTTPStatus.NOT_FOUND, CONTENT_TYPES[".txt"], b"not found\n", head)
            return
        for _ in range(100):  # the output folder is briefly absent while a build swaps it in
            if root.is_dir() or (not _swapping(root) and not root.is_dir()):
                break
            time.sleep(0.01)
        if not root.is_dir():
            title = "The site has not been built yet"
            message = snap.error or "Building… this page reloads when the build is done."
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, CONTENT_TYPES[".html"],
                       status_page(title, message, snap.version), head)
            return
        # Find the file. A miss that straddles a build's folder swap is looked up again.
        for _ in range(50):
            before = _identity(root)
            found = _locate(root, parts, path.endswith("/"))
            if found != "missing" or (before is not None and before == _identity(root)):
                break
            time.sleep(0.01)
        if found == "redirect":
            location = urllib.parse.quote(path + "/") + (f"?{query}" if query else "")
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            return
        status = HTTPStatus.OK
        if found == "missing":
            status, target = HTTPStatus.NOT_FOUND, root / "404.html"
            data = _read(target, root)
            if data is None:
                self._send(status, CONTENT_TYPES[".txt"], b"not found\n", head)
                return
        else:
            target, data = found
        kind = content_type(target)
        if kind.startswith("text/html"):
            data = inject(data, snap.version)
        self._send(status, kind, data, head)

    def _send(self, status: int, kind: str, body: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    # -- Server-Sent Events

    def _events(self) -> None:
        state = self.server.state
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        try:
            self.wfile.write(b"retry: 1000\n\n")
            seen: int | None = None
            while True:
                snap = state.wait(seen, KEEPALIVE_SECONDS)
                if snap is None:
                    return
                if snap.seq == seen:
                    self.wfile.write(b": keepalive\n\n")
                else:
                    seen = snap.seq
                    self.wfile.write(f"event: state\ndata: {snap.as_json()}\n\n".encode())
        except OSError:  # the page went away (BrokenPipe, ConnectionReset, timeout)
            return

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server API
        pass  # quiet: the terminal is for build reports

    def log_error(self, format: str, *args) -> None:  # noqa: A002
        pass


def _locate(root: Path, parts: list[str], slash: bool) -> tuple[Path, bytes] | str:
    """`(file, bytes)`, "redirect" (a folder asked for without its slash) or "missing"."""
    target = root.joinpath(*parts)
    if not _inside(target, root):
        return "missing"
    if target.is_dir():
        if not slash:
            return "redirect"
        target = target / "index.html"
    data = _read(target, root)
    return "missing" if data is None else (target, data)


def _identity(root: Path) -> tuple[int, int] | None:
    """Which generation of the output folder `root` is (each build renames a new one in)."""
    try:
        st = root.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _inside(target: Path, root: Path) -> bool:
    try:
        return target.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


def _read(target: Path, root: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist (retrying across a folder swap)."""
    for _ in range(100):
        try:
            return target.read_bytes()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            if root.is_dir() or not _swapping(root):
                return None
            time.sleep(0.01)
        except OSError:
            return None
    return None


def _swapping(root: Path) -> bool:
    """Whether a build is in the middle of renaming a fresh site into `root`."""
    try:
        return any(p.name.startswith(f".{root.name}.old-") for p in root.parent.iterdir())
    except OSError:
        return False


def make_server(host: str, port: int, root: Path, state: LiveState) -> PreviewServer:
    return PreviewServer((host, port), root, state)
