"""`site-builder serve`: build, serve on 127.0.0.1, rebuild on change, reload the open page.

    serve(options, port) -> exit status

- The HTTP server starts first, so a browser opened during the first build gets the
  previous site (or a "building" page) and reloads by itself when the build is done.
- Every change under the content folder or a template folder triggers a build; it renders
  only the pages whose inputs changed (build.py) and publishes them with the last search
  index, then remakes the index and reloads again; meanwhile the open pages say the search
  index is being updated.
- A failed build prints `error: file:line: message`, keeps serving the last good site, and
  shows the error in a banner in the open page; the next good save recovers.
- Ctrl-C (or `stop_event`) stops the watcher and the server and returns 0.

`build`, `host`, `stop_event`, `on_ready` and `watch` (folders) are there for tests and tools; the command line
uses the defaults.
"""
from __future__ import annotations

import dataclasses
import errno
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from site_builder.build import BuildOptions, BuildResult, build_site, template_dirs
from site_builder.build_report import REPORT_PATH, report_page
from site_builder.report import print_report
from site_builder.serve.server import LiveState, PreviewServer, make_server
from site_builder.serve.watch import Watcher, describe_changes, describe_failure, watched_dirs

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
    try:
        server.start()
        watcher.start()
        seen: dict = {}
        _rebuild(build, options, state, roots, seen)
        _out(f"serving {output_dir} at {url} (build report: {url.rstrip('/')}{REPORT_PATH})")
        _out(f"watching {', '.join(str(r) for r in roots)} (Ctrl-C to stop)")
        if on_ready is not None:
            on_ready(url)
        while not stop_event.is_set():
            batch = watcher.next_batch(timeout=0.2)
            if batch is None:
                if not watcher.alive() and not stop_event.is_set():
                    reason = watcher.failure or "stopped"
                    _err(f"error: the file watcher stopped: {reason}")
                    return 1
                continue
            _out(f"changed: {describe_changes(batch, roots)}; rebuilding")
            _rebuild(build, options, state, roots, seen)
    except KeyboardInterrupt:
        _out("\nstopped")
    finally:
        watcher.stop()
        server.stop()
    return 0


def _rebuild(build: Callable[[BuildOptions], BuildResult], options: BuildOptions,
             state: LiveState, roots: list[Path], seen: dict | None = None) -> bool:
    """One build; on failure the last good site stays in place and is still served. The
    changed pages are published first, with the last search index when it needs remaking
    (the open pages say so); then the index catches up."""
    started = time.perf_counter()
    quick = dataclasses.replace(options, search_may_lag=True) if isinstance(options, BuildOptions) else options
    result = _try_build(build, quick, state, roots,
                        "build failed: still serving the last good site; fix the file and save to rebuild")
    if result is None:
        return False
    # the full list of warnings once; on later builds only when it changed
    warnings = [str(w) for w in result.warnings]
    if seen is not None and warnings and warnings == seen.get("warnings"):
        print(f"{len(warnings)} warning(s), unchanged", file=sys.stderr, flush=True)
        print_report(dataclasses.replace(result, warnings=[]))
    else:
        print_report(result)
    if seen is not None:
        seen["warnings"] = warnings
    sys.stdout.flush()
    state.report = report_page(result.report, result.warnings)
    state.built(notice=SEARCH_LAGS if result.search_stale else None)
    _out(f"reloading open pages ({time.perf_counter() - started:.2f} s)")
    if result.search_stale:
        remade = _try_build(build, options, state, roots, "search index not remade: still the last one")
        if remade is not None:
            state.built()
            _out(f"search index current ({remade.seconds:.1f} s)")
    return True


SEARCH_LAGS = "搜索索引正在更新：刚保存的修改稍后才能搜到"


def _try_build(build: Callable[[BuildOptions], BuildResult], options: BuildOptions, state: LiveState,
               roots: list[Path], after_failure: str) -> BuildResult | None:
    """The build's result, or None when it failed (said on stderr and in the open pages)."""
    try:
        return build(options)
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # noqa: BLE001 - the server must outlive any broken edit
        message, internal = describe_failure(exc, roots)
        if internal:
            traceback.print_exception(exc, file=sys.stderr)
        _err(f"error: {message}")
        _err(after_failure)
        state.failed(message)
        return None


def _out(message: str) -> None:
    print(message, flush=True)


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# re-exported for tests and tools
__all__ += ["LiveState", "PreviewServer"]
