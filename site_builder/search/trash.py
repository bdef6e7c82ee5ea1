"""Folders removed while the indexing goes on, not before it.

An index built from scratch first empties the bundle folder and the saved index, ~60,000
files each at 10,000 articles (a build whose saved index a new code version cannot use, with
the spare site's bundle in its folder): removed one by one, they held up the indexing by
seconds. A folder is renamed aside at once (a new one can be made at its name) and removed
by ``rm`` in a process of its own; ``wait`` (the indexing's end) waits for every removal.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

TRASH_PREFIX = ".trash-"


class Trash:
    def __init__(self) -> None:
        self._removals: list[tuple[Path, subprocess.Popen | None]] = []

    def remove(self, folder: Path) -> None:
        """Remove ``folder`` (if there is one), now or by ``wait``: its name is free at once."""
        if not folder.is_dir():
            return
        aside = folder.with_name(f"{TRASH_PREFIX}{folder.name}-{os.getpid()}-{len(self._removals)}")
        try:
            folder.rename(aside)
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)
            return
        try:
            removal: subprocess.Popen | None = subprocess.Popen(["rm", "-rf", "--", str(aside)],
                                                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:  # no rm: removed by ``wait``
            removal = None
        self._removals.append((aside, removal))

    def wait(self) -> None:
        """Every folder given to ``remove`` gone."""
        for aside, removal in self._removals:
            if removal is not None:
                removal.wait()
            shutil.rmtree(aside, ignore_errors=True)  # (what rm left, or all when there was none)
        self._removals = []
