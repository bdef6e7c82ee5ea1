"""Per-stage progress: drawn on a terminal, silent elsewhere, times kept either way."""
from __future__ import annotations

import io

from site_builder.progress import Progress, summary


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_each_stage_count_and_time():
    terminal = _Terminal()
    progress = Progress(terminal)
    with progress.stage("render", total=3) as stage:
        for _ in range(3):
            stage.advance()
    shown = terminal.getvalue()
    assert "render" in shown and "3/3" in shown and shown.endswith(" s\n")
    assert list(progress.seconds) == ["render"]


def test_not_a_terminal_prints_nothing_but_keeps_the_times():
    log = io.StringIO()
    progress = Progress(log)
    with progress.stage("ingest", total=2) as stage:
        stage.advance(2)
    with progress.stage("analyze"):
        pass
    assert log.getvalue() == ""
    assert list(progress.seconds) == ["ingest", "analyze"]
    assert summary(progress.seconds).startswith("ingest 0.0 s · analyze")
