"""Errors that reach the user: each names the file (and line, where there is one)."""
from __future__ import annotations

from pathlib import Path


def display_path(path: Path) -> str:
    """A path as the user typed it: relative to the working folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


class SiteBuildError(Exception):
    """A problem in the user's input. Printed as `file:line: message`, exit status 1."""

    def __init__(self, message: str, file: Path | str | None = None, line: int | None = None):
        self.message = message
        self.file = Path(file) if file is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.file is None:
            return self.message
        shown = display_path(self.file)
        where = f"{shown}:{self.line}" if self.line else shown
        return f"{where}: {self.message}"


class ConfigError(SiteBuildError):
    pass


class ContentError(SiteBuildError):
    pass


class TemplateError(SiteBuildError):
    pass


class StrictModeError(SiteBuildError):
    pass
