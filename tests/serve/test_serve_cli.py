"""`site-builder serve` as the editor runs it: real process, real pipeline, Ctrl-C."""
from __future__ import annotations

import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .sitekit import free_port, get

REPO = Path(__file__).resolve().parents[2]


class Process:
    """`python -m site_builder serve …` with its output lines readable with a timeout."""

    def __init__(self, args: list[str], cwd: Path):
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen([sys.executable, "-m", "site_builder", *args], cwd=cwd, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     encoding="utf-8", preexec_fn=_ctrl_c_as_in_a_terminal)
        self.lines: queue.Queue[tuple[str, str]] = queue.Queue()
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        self.readers = [threading.Thread(target=self._read, args=(self.proc.stdout, "out", self.stdout)),
                        threading.Thread(target=self._read, args=(self.proc.stderr, "err", self.stderr))]
        for r in self.readers:
            r.start()

    def _read(self, stream, name, sink) -> None:
        for line in stream:
            sink.append(line)
            self.lines.put((name, line))

    def wait_for(self, text: str, stream: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.proc.poll() is not None and self.lines.empty():
                raise AssertionError(f"no {text!r} on std{stream} within {timeout} s:\n"
                                     + "".join(self.stdout) + "".join(self.stderr))
            try:
                name, line = self.lines.get(timeout=min(remaining, 0.5))
            except queue.Empty:
                continue
            if name == stream and text in line:
                return line

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        for r in self.readers:
            r.join(10)


def _ctrl_c_as_in_a_terminal() -> None:
    """In the child: Ctrl-C (SIGINT) as a terminal delivers it. A shell starts background
    jobs with SIGINT ignored, and a pytest started so would pass that on to the server."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def real_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content, ignore=shutil.ignore_patterns("*.swp", ".#*", "*~"))
    (content / "articles").mkdir(exist_ok=True)
    return content


def test_serve_command_real_site_broken_edit_recovery_and_ctrl_c(tmp_path, real_content):
    port = free_port()
    output = tmp_path / "public"
    server = Process(["serve", "--content", str(real_content), "--output", str(output), "--port", str(port)],
                     cwd=tmp_path)
    try:
        server.wait_for(f"at http://127.0.0.1:{port}/", "out", timeout=120)
        status, headers, body = get(f"http://127.0.0.1:{port}/")
        assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
        assert b'<script src="/__livereload.js"' in body
        assert b"__livereload" not in (output / "index.html").read_bytes()  # production output untouched
        assert get(f"http://127.0.0.1:{port}/no-such-page/")[0] == 404

        # bound to the loopback interface only
        other = _non_loopback_address()
        if other is not None:
            with pytest.raises(OSError):
                socket.create_connection((other, port), timeout=2).close()

        # a broken Markdown front matter: a clear error naming the file, the old site stays
        article = real_content / "articles" / "preview.md"
        article.write_text("---\ntitle: 预览文章\ndate: [2024\n---\n正文。\n", encoding="utf-8")
        line = server.wait_for("error:", "err", timeout=60)
        assert "articles/preview.md:3: " in line and "front matter" in line
        server.wait_for("still serving the last good site", "err", timeout=10)
        assert get(f"http://127.0.0.1:{port}/")[0] == 200
        assert get(f"http://127.0.0.1:{port}/articles/yu-lan-wen-zhang/")[0] == 404

        # the next good save recovers
        article.write_text("---\ntitle: 预览文章\ndate: 2024-06-30\nslug: yu-lan-wen-zhang\n---\n正文。\n",
                           encoding="utf-8")
        server.wait_for("reloading open pages", "out", timeout=60)
        status, _, body = get(f"http://127.0.0.1:{port}/articles/yu-lan-wen-zhang/")
        assert status == 200 and "预览文章" in body.decode()

        # Ctrl-C: clean exit, status 0, no traceback, no leftover staging folders
        server.proc.send_signal(signal.SIGINT)
        assert server.proc.wait(15) == 0
    finally:
        server.close()
    assert "Traceback" not in "".join(server.stderr)
    assert "stopped" in "".join(server.stdout)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "public"]


def test_serve_command_port_in_use(tmp_path, real_content):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "site_builder", "serve", "--content", str(real_content),
                                 "--output", str(tmp_path / "public"), "--port", str(port)],
                                capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 1
    assert f"error: port {port} on 127.0.0.1 is already in use" in result.stderr
    assert not (tmp_path / "public").exists()


def _non_loopback_address() -> str | None:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent: only picks the outgoing interface
            address = s.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address
