"""Per-stage progress and timing of a build.

On a terminal (stderr is a tty) each stage shows a live counter (`render 812/1419`) and,
when done, its time; anywhere else nothing is printed, so logs and CI output stay clean.
The times are kept either way: `BuildResult.stages` carries them to the one summary line
that `report.py` prints at the end.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

REDRAW_SECONDS = 0.1  # a counter is redrawn at most this often


class Progress:
    """Times the stages of one build; draws them on `stream` only when it is a terminal."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled
        self.seconds: dict[str, float] = {}  # stage -> seconds, in the order they ran
        self._stage = ""
        self._total = 0
        self._done = 0
        self._drawn_at = 0.0

    @contextmanager
    def stage(self, name: str, total: int = 0) -> Iterator[Progress]:
        """Time the block as stage `name`; `advance()` inside counts its items of `total`."""
        self._stage, self._total, self._done, self._drawn_at = name, total, 0, 0.0
        started = time.perf_counter()
        self._draw(final=False)
        try:
            yield self
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
            self._draw(final=True)
            self._stage = ""

    def advance(self, count: int = 1) -> None:
        self._done += count
        now = time.perf_counter()
        if self.enabled and now - self._drawn_at >= REDRAW_SECONDS:
            self._drawn_at = now
            self._draw(final=False)

    def note(self, *parts: object) -> None:
        """A line of its own between the stages' lines, on a terminal only."""
        if self.enabled:
            print(*parts, file=self.stream, flush=True)

    def set_total(self, total: int) -> None:
        self._total = total

    def _draw(self, final: bool) -> None:
        if not self.enabled:
            return
        counter = f" {self._done}/{self._total}" if self._total else ""
        if final:
            line = f"{self._stage:<8}{counter} {self.seconds[self._stage]:6.2f} s\n"
        else:
            line = f"{self._stage:<8}{counter} …"
        self.stream.write("\r\x1b[K" + line)  # back to the line's start, clear it, redraw
        self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


def summary(seconds: dict[str, float]) -> str:
    """`ingest 1.2 s · analyze 5.9 s · …` for the report's last line."""
    return " · ".join(f"{name} {value:.1f} s" for name, value in seconds.items())
