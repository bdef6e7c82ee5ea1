"""The preview HTTP server: the built site as it is, plus a live-reload script in HTML pages
(see livereload). It listens on the loopback interface only and serves nothing outside the
output folder: `..` in any encoding, backslashes, NULs and links leading out are 404.

The build replaces the output folder by renaming a staging folder into place, so every
request resolves its file against the output *path* afresh (no open directory, no chdir), or
reuses an answer made from that very file (files.AnswerCache). A few persistent threads
answer the requests in turn (Workers).
"""
from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import time
import urllib.parse
from collections import deque
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socketserver import TCPServer

from site_builder.build_report import REPORT_PATH
from site_builder.serve.ahead import PagesAhead
from site_builder.serve.files import (CONTENT_TYPES, Answer, AnswerCache, Found, content_type, find, identity,
                                     output_present, read, site_parts)
from site_builder.serve.livereload import (EVENTS_PATH, LIVERELOAD_JS, SCRIPT_PATH, STATE_PATH, LiveState,
                                          inject, status_page)

Job = tuple[socket.socket, tuple[str, int]]  # an accepted connection and its peer

__all__ = ["LIVERELOAD_JS", "LiveState", "PreviewHandler", "PreviewServer", "inject", "make_server"]

KEEPALIVE_SECONDS = 10.0


# --- HTTP -----------------------------------------------------------------------------------

MAX_HEAD_BYTES = 65536  # a request head not complete within this is treated as slow
MAX_PATH_BYTES = 4096  # PATH_MAX: no file of the site has a longer path (414 beyond)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Workers:
    """A few persistent threads that handle the connections in turn: a burst of requests
    neither pays for a thread each nor has hundreds of threads contend for the interpreter.
    A connection that will stay open long (a live-reload stream, a preconnected socket or a
    slow client) must not hold a worker: its thread `detach()`es, leaving the pool
    to a fresh worker, and ends once that connection is done."""

    def __init__(self, handle: Callable[[Job], None], size: int):
        self._handle = handle
        self._size = size
        self._cond = threading.Condition()
        self._jobs: deque[Job] = deque()
        self._members = 0  # threads of the pool (not detached)
        self._detached: set[threading.Thread] = set()
        self._threads: set[threading.Thread] = set()
        self._closed = False

    def submit(self, job: Job) -> None:
        with self._cond:
            self._jobs.append(job)
            self._cond.notify()
            if self._members < self._size:
                self._add_member()

    def detach(self) -> None:
        """The calling worker's connection stays open: another thread takes its place."""
        with self._cond:
            if threading.current_thread() in self._detached:
                return
            self._detached.add(threading.current_thread())
            self._members -= 1
            self._add_member()

    def _add_member(self) -> None:  # with the lock held
        self._members += 1
        thread = threading.Thread(target=self._work, name="site-builder-worker", daemon=True)
        self._threads.add(thread)
        thread.start()

    def _work(self) -> None:
        me = threading.current_thread()
        try:
            while (job := self._next(me)) is not None:
                self._handle(job)
        finally:
            with self._cond:
                self._threads.discard(me)

    def _next(self, me: threading.Thread) -> Job | None:
        with self._cond:
            if me in self._detached:  # its long connection is done: it ends
                self._detached.discard(me)
                return None
            self._cond.wait_for(lambda: self._jobs or self._closed)
            if self._jobs:
                return self._jobs.popleft()
            self._members -= 1
            return None

    def close(self, timeout: float) -> None:
        """End the workers once the queued jobs are taken; join them all."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
            threads = list(self._threads)
        deadline = time.monotonic() + timeout
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))


class PreviewServer(ThreadingHTTPServer):
    """HTTP server on the loopback interface, its connections handled by Workers, that can be
    stopped completely: it ends its open connections too."""

    # listen backlog: a page load (or a test) opens many connections at once; with the default
    # of 5 the kernel drops the rest and the browser retries a second later
    request_queue_size = 1024
    # threads handling requests in turn: one can wait on the disk or network while the other
    # runs; more only contend for the interpreter lock (serve_bench: 2 ~30 ms, 4 ~40, 8 ~50)
    workers = 2

    def __init__(self, address: tuple[str, int], root: Path, state: LiveState):
        if not is_loopback(address[0]):
            raise ValueError(f"the preview server listens on the loopback interface only, not {address[0]}")
        self.root = root
        self.state = state
        self.answers = AnswerCache()
        self.ahead = PagesAhead()  # pages rendered for a save, served until the build has published it
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        self._handler_threads: set[threading.Thread] = set()
        self._serve_thread: threading.Thread | None = None
        self._workers = Workers(lambda job: self.process_request_thread(*job), self.workers)
        super().__init__(address, PreviewHandler)

    def detach(self) -> None:
        """Called by a handler whose connection stays open long: see Workers."""
        self._workers.detach()

    def server_bind(self) -> None:
        # HTTPServer.server_bind does a reverse DNS lookup (getfqdn); not needed on localhost
        TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def process_request(self, request, client_address):  # noqa: ANN001 - socketserver API
        with self._lock:
            self._connections.add(request)
        self._workers.submit((request, client_address))

    def process_request_thread(self, request, client_address):  # noqa: ANN001
        me = threading.current_thread()
        with self._lock:
            self._handler_threads.add(me)
        # a connection whose request has not all arrived may be a preconnect that waits
        # minutes, or a slow client: it may not hold a worker (checked while the socket is
        # still blocking, before the handler gives it a timeout)
        if not request_arrived(request):
            self.detach()
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
        if self._serve_thread is not None:
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
        self._workers.close(max(0.0, deadline - time.monotonic()))
        self.server_close()

    def handler_threads(self) -> int:
        with self._lock:
            return len(self._handler_threads)


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "site-builder-serve"
    timeout = 60  # an idle connection (a browser's preconnect) is dropped after this
    # a request line that is not HTTP would be answered as HTTP/0.9: a bare page, no status
    # line; as HTTP/1.0 a client (or a curl of a typo) sees the 400
    default_request_version = "HTTP/1.0"
    # headers and body leave in one send when they fit (a page, a script): half the system
    # calls of an unbuffered writer, which is what a burst of requests waits on
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True  # larger bodies are more writes: no wait for an ACK between
    # (protocol_version stays HTTP/1.0: a connection closes after its request, so none waits
    # on a worker for a next request; tests/serve/test_server_limits.py holds this)

    # -- dispatch

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        self._respond(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        if len(self.path) > MAX_PATH_BYTES:  # (http.server answers 414 itself beyond 64 KB)
            self._send(HTTPStatus.REQUEST_URI_TOO_LONG, CONTENT_TYPES[".txt"], b"request path too long\n", head)
            return
        url = urllib.parse.urlsplit(self.path)
        try:
            path = urllib.parse.unquote(url.path, errors="strict") if url.path else "/"
        except UnicodeDecodeError:
            self._send(HTTPStatus.BAD_REQUEST, CONTENT_TYPES[".txt"], b"bad request\n", head)
            return
        if path == EVENTS_PATH and not head:
            self._events(url.query)
        elif path == EVENTS_PATH or path == SCRIPT_PATH:
            self._send(HTTPStatus.OK, CONTENT_TYPES[".js"], LIVERELOAD_JS.encode(), head)
        elif path == STATE_PATH:
            body = self.server.state.snapshot().as_json().encode()
            self._send(HTTPStatus.OK, CONTENT_TYPES[".json"], body, head)
        elif path == REPORT_PATH:
            state = self.server.state
            page = state.report or status_page("No build yet", "The report appears after the first build.", "")
            self._send(HTTPStatus.OK, CONTENT_TYPES[".html"], inject(page, state.snapshot().version), head)
        else:
            self._file(path, url.query, head)

    # -- files of the built site

    def _file(self, path: str, query: str, head: bool) -> None:
        snap = self.server.state.snapshot()  # before reading: the page is at least this new
        root = self.server.root
        parts = site_parts(path)
        ahead = self.server.ahead.get(parts, path.endswith("/")) if parts is not None else None
        answer = self.server.answers.get(root, snap.version, path) if ahead is None else None
        if ahead is not None:
            self._send(HTTPStatus.OK, CONTENT_TYPES[".html"], inject(ahead, snap.version), head)
        elif answer is not None:
            self._send(HTTPStatus.OK, answer.kind, answer.body, head)
        elif parts is None:
            self._send(HTTPStatus.NOT_FOUND, CONTENT_TYPES[".txt"], b"not found\n", head)
        elif not output_present(root):
            title = "The site has not been built yet"
            message = snap.error or "Building… this page reloads when the build is done."
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, CONTENT_TYPES[".html"],
                       status_page(title, message, snap.version), head)
        else:
            generation = identity(root)
            found = find(root, parts, path.endswith("/"))
            if found == "redirect":
                # rebuilt from the checked segments: "//host" in the path must not become a
                # Location to another site
                folder = "/" + "".join(urllib.parse.quote(p) + "/" for p in parts)
                self._redirect(folder + (f"?{query}" if query else ""))
            elif isinstance(found, Found):
                answer = self._page(HTTPStatus.OK, found, snap.version, head)
                if generation == identity(root):  # read from that generation of the folder
                    self.server.answers.put(generation, snap.version, path, found, answer)
            else:
                self._not_found(root, snap.version, head)

    def _not_found(self, root: Path, version: str, head: bool) -> None:
        found = read(root / "404.html", root)
        if found is None:
            self._send(HTTPStatus.NOT_FOUND, CONTENT_TYPES[".txt"], b"not found\n", head)
        else:
            self._page(HTTPStatus.NOT_FOUND, found, version, head)

    def _page(self, status: HTTPStatus, found: Found, version: str, head: bool) -> Answer:
        kind = content_type(found.path)
        answer = Answer(kind, inject(found.data, version) if kind.startswith("text/html") else found.data)
        self._send(status, answer.kind, answer.body, head)
        return answer

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def _send(self, status: int, kind: str, body: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    # -- Server-Sent Events

    def _events(self, query: str) -> None:
        state = self.server.state
        self.server.detach()  # open as long as the page is
        # the page the stream is for (the script sends its path): a save renders it first
        page = urllib.parse.unquote(urllib.parse.parse_qs(query).get("page", [""])[0])  # (as a plan names it)
        with state.page_open(page):
            self._stream(state)

    def _stream(self, state: LiveState) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        try:
            self._emit(b"retry: 1000\n\n")
            seen: int | None = None
            while True:
                snap = state.wait(seen, KEEPALIVE_SECONDS)
                if snap is None:
                    return
                if snap.seq == seen:
                    self._emit(b": keepalive\n\n")
                else:
                    seen = snap.seq
                    self._emit(f"event: state\ndata: {snap.as_json()}\n\n".encode())
        except OSError:  # the page went away (BrokenPipe, ConnectionReset, timeout)
            return

    def _emit(self, event: bytes) -> None:
        self.wfile.write(event)
        self.wfile.flush()  # an event is for now, not for when the buffer fills

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server API
        pass  # quiet: the terminal is for build reports

    def log_error(self, format: str, *args) -> None:  # noqa: A002
        pass


def request_arrived(connection: socket.socket) -> bool:
    """Whether the request line and headers are all there to read (or the peer is gone), so
    handling the request does not wait on the client."""
    try:
        head = connection.recv(MAX_HEAD_BYTES, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except (BlockingIOError, InterruptedError):
        return False
    except OSError:  # reset: the handler meets the error at once
        return True
    return not head or b"\r\n\r\n" in head or b"\n\n" in head


def make_server(host: str, port: int, root: Path, state: LiveState) -> PreviewServer:
    return PreviewServer((host, port), root, state)
