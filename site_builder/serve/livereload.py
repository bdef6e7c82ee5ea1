"""Live reload: what the browser is told about builds, and the script that listens for it.

The build output stays identical to production: nothing is written into it. Instead every
HTML response of the preview gets one `<script src="/__livereload.js" data-version="…">`
inserted before `</body>`. That script listens on `/__livereload` (Server-Sent Events) and
reloads the page when a newer build than the one the page came from has succeeded; when the
latest build failed it shows the error in a banner over the last good site.
"""
from __future__ import annotations

import contextlib
import html
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

EVENTS_PATH = "/__livereload"
SCRIPT_PATH = "/__livereload.js"
STATE_PATH = "/__livereload.json"


# --- what the browser is told -------------------------------------------------------------

@dataclass(frozen=True)
class Snapshot:
    seq: int  # changes on every success or failure
    version: str  # id of the last good build ("" before the first one)
    error: str | None  # message of the last build, when it failed
    notice: str | None = None  # what the open pages should know (the search index is being remade)

    def as_json(self) -> str:
        told: dict[str, str | None] = {"version": self.version, "error": self.error}
        if self.notice:
            told["notice"] = self.notice
        return json.dumps(told, ensure_ascii=False)


class LiveState:
    """The last good build's id and the last build's error, with waiting for changes."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        # unique per server process, so a page from a previous `serve` reloads on reconnect
        self._session = f"{time.time_ns():x}"
        self._builds = 0
        self._snapshot = Snapshot(seq=0, version="", error=None)
        self._closed = False
        self._open_pages: Counter[str] = Counter()  # the path of each page with a live-reload stream
        self.report = b""  # the last good build's report page (build_report.py), served at /__build/

    def snapshot(self) -> Snapshot:
        with self._cond:
            return self._snapshot

    def built(self, notice: str | None = None) -> Snapshot:
        with self._cond:
            self._builds += 1
            s = self._snapshot
            self._snapshot = Snapshot(s.seq + 1, f"{self._session}-{self._builds}", None, notice)
            self._cond.notify_all()
            return self._snapshot

    def failed(self, message: str) -> Snapshot:
        with self._cond:
            s = self._snapshot
            self._snapshot = Snapshot(s.seq + 1, s.version, message)
            self._cond.notify_all()
            return self._snapshot

    def reverted(self, message: str) -> Snapshot:
        """The build failed after pages were shown ahead of it: the open pages reload (to the
        last good site) and show the error."""
        with self._cond:
            self._builds += 1
            self._snapshot = Snapshot(self._snapshot.seq + 1, f"{self._session}-{self._builds}", message)
            self._cond.notify_all()
            return self._snapshot

    @contextlib.contextmanager
    def page_open(self, path: str) -> Iterator[None]:
        """While a page at `path` (as its script tells it) listens for builds."""
        with self._cond:
            self._open_pages[path] += 1
        try:
            yield
        finally:
            with self._cond:
                self._open_pages[path] -= 1
                if not self._open_pages[path]:
                    del self._open_pages[path]

    def open_pages(self) -> list[str]:
        with self._cond:
            return sorted(self._open_pages)

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
  var source = new EventSource("%(events)s?page=" + encodeURIComponent(window.location.pathname));
  source.addEventListener("state", function (event) {
    var state = JSON.parse(event.data);
    if (state.version && state.version !== built) {
      source.close();
      window.location.reload();
      return;
    }
    banner(state.error);
    notice(state.notice);
  });
  function notice(text) {
    var box = shown(text, "__site_builder_notice", "p", "status",
      "top:0;padding:.4em 1em;background:#fffbe6;color:#5c4400;border-bottom:2px solid #e6c200;" +
      "font:14px/1.5 sans-serif;text-align:center");
    if (box) { box.textContent = text; }
  }
  function banner(error) {
    var box = shown(error, "__site_builder_error", "pre", "alert",
      "bottom:0;max-height:50vh;overflow:auto;padding:1em;background:#fff0f0;color:#900;" +
      "border-top:3px solid #c00;font:14px/1.5 monospace;white-space:pre-wrap;text-align:left");
    if (!box) { return; }
    box.textContent = "site-builder: the last build failed, showing the last good site\n\n" + error;
  }
  // the box with this id when there is text to show (made if missing), else none (removed)
  function shown(text, id, tag, role, css) {
    var box = document.getElementById(id);
    if (!text) { if (box) { box.remove(); } return null; }
    if (!box) {
      box = document.createElement(tag);
      box.id = id;
      box.setAttribute("role", role);
      box.style.cssText = "position:fixed;left:0;right:0;z-index:2147483647;margin:0;" + css;
      document.body.appendChild(box);
    }
    return box;
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
