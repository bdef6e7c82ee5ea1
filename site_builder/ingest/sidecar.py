"""The sidecar an editor writes beside a raw page to say what the page does not print:

    # content/raw/000_c07093acd40772cb.toml, beside 000_c07093acd40772cb.txt
    paper = "人民日报"
    date = 2024-06-20      # a TOML date (or the text "2024-06-20")
    page = 9               # 版次
    page_name = "理论"      # 版名

Every key is optional; an unknown key, a value of the wrong type or broken TOML is a
ContentError naming the sidecar and the line.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

from site_builder.errors import ContentError
from site_builder.ingest.text_files import read_utf8

KEYS = ("paper", "date", "page", "page_name")
PAGE_MAX = 999
_AT_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")


def sidecar_of(page: Path) -> Path:
    """Where the sidecar of a raw page stands: beside it, with the same stem."""
    return page.with_suffix(".toml")


def orphan_sidecars(raw_dir: Path) -> list[ContentError]:
    """Sidecars with no page beside them (a misspelt name): what they say would be lost."""
    sidecars = sorted(raw_dir.glob("*.toml")) if raw_dir.is_dir() else []
    return [ContentError(f"a page sidecar with no page beside it (expected {path.with_suffix('.txt').name})", path)
            for path in sidecars if not path.name.startswith(".") and not path.with_suffix(".txt").exists()]


def read_sidecar(path: Path) -> dict[str, tuple[object, int | None]]:
    """Each key the sidecar sets: its checked value and the line it is set on."""
    text = read_utf8(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = _AT_LINE.search(str(exc))
        last = len(text.rstrip("\n").split("\n"))  # "at end of document": its last line
        line = (int(where.group(1)) if where.group(1) else last) if where else None
        raise ContentError(f"broken page sidecar (TOML): {_AT_LINE.sub('', str(exc))}", path, line) from exc
    said: dict[str, tuple[object, int | None]] = {}
    for key, value in data.items():
        line = _line_of(text, key)
        if key not in KEYS:
            raise ContentError(f"unknown key '{key}' in a page sidecar (known: {', '.join(KEYS)})", path, line)
        said[key] = (_checked(key, value, path, line), line)
    return said


def _checked(key: str, value: object, path: Path, line: int | None) -> object:
    if key == "date":
        return _date(value, path, line)
    if key == "page":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= PAGE_MAX:
            raise ContentError(f"'page' must be the page number (版次), a whole number from 1 to {PAGE_MAX}, "
                               f"got {value!r}", path, line)
        return value
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"'{key}' must be text in quotes, got {value!r}", path, line)
    return value.strip().strip("《》") if key == "paper" else value.strip()


def _date(value: object, path: Path, line: int | None) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ContentError(f"'date' must be a date like 2024-06-20 (no time), got {value!r}", path, line)


def _line_of(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    return next((n for n, line in enumerate(text.split("\n"), start=1) if pattern.match(line)), None)
