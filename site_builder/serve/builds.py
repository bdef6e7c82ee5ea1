"""The preview's full builds, one at a time in a thread of their own.

The serve loop shows a save at once where it can (quick.py, ahead.py), then asks for a
build (`want`); the thread runs one build for every save asked for since the last one
began, so a save made during a build is shown at once and built next. A build publishes
the changed pages with the last search index, which the open pages say is being updated;
then, unless another save waits, the index is remade. A failed build keeps the last good
site served: it says `error: file:line: message` on stderr and in a banner in the open
pages, which reload first when they showed pages of that save ahead of the build.

The state the browsers are told (LiveState) and the pages ahead change under one lock, so
a notice never says the pages are current while a save still waits.
"""
from __future__ import annotations

import dataclasses
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from site_builder.build import BuildOptions, BuildResult, load_archive
from site_builder.build_report import report_page
from site_builder.report import print_report
from site_builder.serve.ahead import PagesAhead
from site_builder.serve.livereload import LiveState
from site_builder.serve.quick import QuickPages
from site_builder.serve.watch import describe_failure

SEARCH_LAGS = "搜索索引正在更新：刚保存的修改稍后才能搜到"
PAGES_LAG = "已显示刚保存的修改：列表、订阅和搜索索引正在更新"

Build = Callable[[BuildOptions], BuildResult]


class Builds:
    def __init__(self, build: Build, options: BuildOptions, state: LiveState, ahead: PagesAhead,
                 quick: QuickPages, roots: list[Path]):
        self._build, self._options = build, options
        self.state, self.ahead, self.quick, self.roots = state, ahead, quick, roots
        self._cond = threading.Condition()
        self._wanted = 0  # the last save a build was asked for
        self._begun = 0  # the last save the running (or last) build began after
        self._stopping = False
        self._warnings: list[str] | None = None  # as last printed
        self._read_archive = False  # the first build needed none: the quick path reads it first
        self._thread = threading.Thread(target=self._loop, name="site-builder-build", daemon=True)

    def first(self) -> bool:
        """The build before serving, in the caller's thread; False when it failed."""
        result = self._run(0)
        self._read_archive = result is not None and result.unchanged  # such a build reads no archive
        return result is not None

    def start(self) -> None:
        self._thread.start()

    def want(self, save: int, pages: dict[str, bytes] | None = None) -> None:
        """Build the site as it is after `save`; meanwhile show `pages` (path -> bytes)."""
        with self._cond:
            if pages:
                self.ahead.put(pages, save)
                self.state.built(notice=PAGES_LAG)
            self._wanted = save
            self._cond.notify_all()

    def stop(self, timeout: float) -> None:
        """After the running build (at most `timeout` seconds: the thread dies with the process)."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if not self._thread.is_alive():
            return
        self._thread.join(min(timeout, 0.5))
        if self._thread.is_alive():
            _out("stopping: waiting for the running build to end (Ctrl-C again to stop at once)")
            self._thread.join(timeout)

    def _loop(self) -> None:
        if self._read_archive:
            self._read_for_quick()
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._stopping or self._wanted > self._begun)
                if self._stopping:
                    return
                self._begun = through = self._wanted
            self._run(through)

    def _run(self, through: int) -> BuildResult | None:
        """One build of the saves up to `through`, then the search index unless a save waits."""
        started = time.perf_counter()
        result = self._try(self._options_for(lag=True), through,
                           "build failed: still serving the last good site; fix the file and save to rebuild")
        if result is None:
            return None
        self._report(result)
        with self._cond:
            self.ahead.drop_through(through)
            self.state.built(notice=self._notice(through, result.search_stale))
        _out(f"reloading open pages ({time.perf_counter() - started:.2f} s)")
        if result.search_stale and not self._waiting(through):
            remade = self._try(self._options_for(lag=False), through, "search index not remade: still the last one")
            if remade is not None:
                with self._cond:
                    self.state.built(notice=self._notice(through, False))
                _out(f"search index current ({remade.seconds:.1f} s)")
        return result

    def _read_for_quick(self) -> None:
        """The archive of a site that needed no build at start, read through the build cache,
        so that the first save is shown at once too."""
        started = time.perf_counter()
        try:
            config, archive = load_archive(self._options.content_dir.resolve(), use_cache=True, long_running=True)
        except Exception:  # noqa: BLE001 - the build after the next save says what is wrong
            return
        self.quick.hand_over(archive, config)
        self.quick.build_done(0, succeeded=True)
        _out(f"saves are shown at once from now on (archive read in {time.perf_counter() - started:.1f} s)")

    def _options_for(self, lag: bool) -> BuildOptions:
        if not isinstance(self._options, BuildOptions):  # a test's stand-in
            return self._options
        return dataclasses.replace(self._options, search_may_lag=lag, on_archive=self.quick.hand_over,
                                   long_running=True)

    def _waiting(self, through: int) -> bool:
        """Whether something comes before the search index: a later save, or stopping."""
        with self._cond:
            return self._wanted > through or self._stopping

    def _notice(self, through: int, search_stale: bool) -> str | None:
        if self._wanted > through:
            return PAGES_LAG
        return SEARCH_LAGS if search_stale else None

    def _try(self, options: BuildOptions, through: int, after_failure: str) -> BuildResult | None:
        """The build's result, or None when it failed (said on stderr and in the open pages)."""
        try:
            result = self._build(options)
        except KeyboardInterrupt:
            raise
        except Exception as exc:  # noqa: BLE001 - the server must outlive any broken edit
            self.quick.build_done(through, succeeded=False)
            self._failed(exc, after_failure, through)
            return None
        self.quick.build_done(through, succeeded=True)
        return result

    def _failed(self, exc: Exception, after_failure: str, through: int) -> None:
        """Said on stderr first, then to the open pages (which may reload to the last good site)."""
        message, internal = describe_failure(exc, self.roots)
        with self._cond:
            shown_ahead = self.ahead.drop_through(through)
            if not shown_ahead and message == self.state.snapshot().error:
                return  # the quick path has said it already
            if internal:
                traceback.print_exception(exc, file=sys.stderr)
            _err(f"error: {message}")
            _err(after_failure)
            if shown_ahead:
                self.state.reverted(message)  # back to the last good site
            else:
                self.state.failed(message)

    def _report(self, result: BuildResult) -> None:
        """The build's summary; the full list of warnings once, later only when it changed."""
        warnings = [str(w) for w in result.warnings]
        if warnings and warnings == self._warnings:
            _err(f"{len(warnings)} warning(s), unchanged")
            print_report(dataclasses.replace(result, warnings=[]))
        else:
            print_report(result)
        self._warnings = warnings
        sys.stdout.flush()
        self.state.report = report_page(result.report, result.warnings)


def _out(message: str) -> None:
    print(message, flush=True)


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
