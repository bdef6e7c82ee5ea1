"""Fixtures: a real `serve()` on 127.0.0.1 (free port) in a thread, stopped after each test."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from site_builder.build import BuildOptions
from site_builder.serve import serve

from .sitekit import TinyBuilder, write_site


def _serve_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("site-builder-")]


@pytest.fixture(autouse=True)
def no_leftover_threads():
    """Every test must stop its server, watcher and connection threads."""
    before = set(_serve_threads())
    yield
    leftover = [t for t in _serve_threads() if t not in before]
    for t in leftover:
        t.join(5)
    assert not [t for t in leftover if t.is_alive()], "server threads still running"


@dataclass
class LiveSite:
    content: Path
    output: Path
    builder: TinyBuilder
    url: str = ""
    status: int | None = None
    stop_event: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    def start(self, build=None, timeout: float = 20.0) -> "LiveSite":
        ready = threading.Event()

        def on_ready(url: str) -> None:
            self.url = url
            ready.set()

        def run() -> None:
            options = BuildOptions(content_dir=self.content, output_dir=self.output)
            self.status = serve(options, 0, build=build or self.builder, stop_event=self.stop_event,
                                on_ready=on_ready, watch=[self.content])
            ready.set()

        self.thread = threading.Thread(target=run, name="test-serve-main", daemon=True)
        self.thread.start()
        assert ready.wait(timeout), "serve() did not become ready"
        assert self.url, f"serve() returned {self.status} before becoming ready"
        return self

    def stop(self, timeout: float = 10.0) -> int | None:
        self.stop_event.set()
        if self.thread is not None:
            self.thread.join(timeout)
            assert not self.thread.is_alive(), "serve() did not return after stop"
        return self.status


@pytest.fixture
def site(tmp_path: Path):
    """A content folder with one article; `site.start()` serves it; always stopped."""
    content = tmp_path / "content"
    write_site(content)
    live = LiveSite(content=content, output=tmp_path / "public", builder=TinyBuilder())
    yield live
    live.stop()
