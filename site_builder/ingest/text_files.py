"""Strict UTF-8 reading of the files an editor writes (Markdown articles, page sidecars):
unlike a raw page, whose damage is repaired and warned, such a file must be exact."""
from __future__ import annotations

from pathlib import Path

from site_builder.errors import ContentError


def read_utf8(path: Path) -> str:
    """The file's text (a byte-order mark dropped); ContentError naming the file, and the
    line of the first bad byte, when it cannot be read or is not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError(f"cannot read file: {exc.strerror}", path) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(f"not UTF-8 text ({exc.reason})", path, line) from exc
