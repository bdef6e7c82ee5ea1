"""`site-builder serve`: build, serve on 127.0.0.1, rebuild on change, reload the open page.

    serve(options, port) -> exit status

- The HTTP server starts first, so a browser opened during the first build gets the
  previous site (or a "building" page) and reloads by itself when the build is done.
- A save is shown first where that is quick (serve/quick.py): the changed Markdown or raw
  files are read again into the last build's archive kept in memory, and the edited articles'
  pages and the pages open in a browser are rendered and served ahead of the build
  (serve/ahead.py); the open pages reload and say that the lists, feeds and search index
  are being updated.
- Every change under the content folder or a template folder then triggers a build, in a
  thread of its own (serve/builds.py): it renders only the pages whose inputs changed
  (build.py), publishes them with the last search index, then remakes the index; the open
  pages reload each time, and once the index is current the site is what `site-builder
  build` writes.
- A bad file or template prints `error: file:line: message`, keeps serving the last good
  site, and shows the error in a banner in the open page; the next good save recovers.
- Ctrl-C (or `stop_event`) stops the watcher and the server and returns 0.

`build`, `host`, `stop_event`, `on_ready` and `watch` (folders) are there for tests and tools; the command line
uses the defaults.
"""
from __future__ import annotations

import errno
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from site_builder.build import BuildOptions, BuildResult, build_site, template_dirs
from site_builder.build_report import REPORT_PATH
from site_builder.serve.builds import Builds
from site_builder.serve.quick import Change, QuickPages
from site_builder.serve.server import LiveState, PreviewServer, make_server
from site_builder.serve.watch import Watcher, describe_changes, describe_failure, seconds_since_saved, watched_dirs

__all__ = ["serve", "LOCALHOST"]

LOCALHOST = "127.0.0.1"


def serve(options: BuildOptions, port: int = 8000, *,
          build: Callable[[BuildOptions], BuildResult] = build_site,
          host: str = LOCALHOST,
          stop_event: threading.Event | None = None,
          on_ready: Callable[[str], None] | None = None,
          watch: list[Path] | None = None) -> int:
    """Serve the site until Ctrl-C (or `stop_event`); returns the exit status."""
    stop_event = stop_event or threading.Event()
    content_dir, output_dir = options.content_dir.resolve(), options.output_dir.resolve()
    if not content_dir.is_dir():
        _err(f"error: {content_dir}: content folder does not exist")
        return 1
    state = LiveState()
    try:
        server = make_server(host, port, output_dir, state)
    except OverflowError:
        _err(f"error: --port {port} is not a port number (0-65535)")
        return 1
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            _err(f"error: port {port} on {host} is already in use; try --port {port + 1}")
        else:
            _err(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}")
        return 1
    url = f"http://{host}:{server.port}/"
    roots = watched_dirs(content_dir, template_dirs(content_dir)) if watch is None else \
        [Path(p).resolve() for p in watch]
    watcher = Watcher(roots, output_dir)
    quick = QuickPages(content_dir, template_dirs(content_dir))
    builds = Builds(build, options, state, server.ahead, quick, roots)
    save = 0  # the watcher's batches, numbered
    try:
        server.start()
        watcher.start()
        builds.first()
        _out(f"serving {output_dir} at {url} (build report: {url.rstrip('/')}{REPORT_PATH})")
        _out(f"watching {', '.join(str(r) for r in roots)} (Ctrl-C to stop)")
        if on_ready is not None:
            on_ready(url)
        builds.start()
        while not stop_event.is_set():
            batch = watcher.next_batch(timeout=0.2)
            if batch is None:
                if not watcher.alive() and not stop_event.is_set():
                    reason = watcher.failure or "stopped"
                    _err(f"error: the file watcher stopped: {reason}")
                    return 1
                continue
            save += 1
            since = seconds_since_saved(batch)
            _out(f"changed: {describe_changes(batch, roots)}"
                 f"{f' (saved {since:.2f} s ago)' if since is not None else ''}; rebuilding")
            builds.want(save, _show_ahead(quick, batch, state, save, roots))
    except KeyboardInterrupt:
        _out("\nstopped")
    finally:
        watcher.stop()
        builds.stop(BUILD_STOP_SECONDS)
        server.stop()
    return 0


BUILD_STOP_SECONDS = 30.0  # a build still running when serve stops: waited for this long


def _show_ahead(quick: QuickPages, batch: set[Change], state: LiveState, save: int,
                roots: list[Path]) -> dict[str, bytes] | None:
    """The pages to show at once for a save (quick.py); None when the build must show it.
    A bad file is reported at once: the last good site stays served."""
    started = time.perf_counter()
    try:
        pages = quick.pages_for(batch, state.open_pages(), save)
    except Exception as exc:  # noqa: BLE001 - the server must outlive any broken edit
        message, internal = describe_failure(exc, roots)
        if internal:
            traceback.print_exception(exc, file=sys.stderr)
            _err(f"error: the quick preview failed ({message}); the build follows")
            return None
        _err(f"error: {message}")
        _err("still serving the last good site; fix the file and save")
        state.failed(message)
        return None
    if pages:
        _out(f"showing {len(pages)} page(s) before the build ({time.perf_counter() - started:.2f} s)")
    return pages


def _out(message: str) -> None:
    print(message, flush=True)


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# re-exported for tests and tools
__all__ += ["LiveState", "PreviewServer"]
