"""What a raw page's articles say, without where on the page they stood: for tests that
print a sample page in another layout and expect the same articles."""
from __future__ import annotations

from pathlib import Path

from site_builder.ingest import read_source
from site_builder.ingest.export import document_to_json


def articles_read(path: Path) -> list:
    """The page's articles as `site-builder extract` prints them, without line numbers (a
    warning is its code: its line and the lines its message names move with the layout)."""
    return _without_lines(document_to_json(read_source(path))["articles"])


def line_broken(page: Path, first: str, second: str, folder: Path) -> Path:
    """A copy of the page, in folder, with its line first + second printed as two lines (a
    blank line between, as the text layer gives every printed line)."""
    lines = page.read_text(encoding="utf-8").split("\n")
    at = [line.strip() for line in lines].index(first + second)
    lines[at:at + 1] = [first, "", second]
    broken = folder / page.name
    broken.write_text("\n".join(lines), encoding="utf-8")
    return broken


def _without_lines(value: object) -> object:
    if isinstance(value, dict):
        if "code" in value:
            return value["code"]
        return {k: _without_lines(v) for k, v in value.items() if k != "lines"}
    if isinstance(value, list):
        return [_without_lines(v) for v in value]
    return value
