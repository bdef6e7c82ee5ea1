"""Pages shown ahead of the build: what the quick path (quick.py) rendered for a save, served
in place of the published files until a build that read that save has published the site.

Each page is kept with the number of the save (the watcher's batch) it was rendered for; a
build that began after save N was on disk drops the pages of saves up to N, and keeps those
of later saves, which it may not have read.
"""
from __future__ import annotations

import threading


class PagesAhead:
    """Page bytes by their path in the site (`articles/x/index.html`), with the save they show."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pages: dict[str, tuple[int, bytes]] = {}

    def put(self, pages: dict[str, bytes], save: int) -> None:
        with self._lock:
            self._pages.update((path, (save, data)) for path, data in pages.items())

    def drop_through(self, save: int) -> bool:
        """Forget the pages of saves up to `save`; whether there were any."""
        with self._lock:
            dropped = [path for path, (made_for, _) in self._pages.items() if made_for <= save]
            for path in dropped:
                del self._pages[path]
            return bool(dropped)

    def get(self, parts: list[str], folder: bool) -> bytes | None:
        """The page for a request's path segments (`folder`: the path ended with a slash)."""
        path = "/".join([*parts, "index.html"] if folder or not parts else parts)
        with self._lock:
            found = self._pages.get(path)
        return found[1] if found is not None else None

    def __len__(self) -> int:
        with self._lock:
            return len(self._pages)
