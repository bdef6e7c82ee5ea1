"""Reading a raw page's bytes into text: encoding detection and the checks on bad files."""
from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from site_builder.errors import ContentError

MAX_RAW_BYTES = 5 * 1024 * 1024  # a newspaper page is ~20-60 KB; 5 MB is not a page
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def read_text(path: Path) -> str:
    """Decode a raw page, whatever its encoding; ContentError naming the file when it is not text."""
    try:
        size = path.stat().st_size
        if size > MAX_RAW_BYTES:
            raise ContentError(f"file is {size / 1e6:.1f} MB; a raw page is at most "
                               f"{MAX_RAW_BYTES // (1024 * 1024)} MB (is this really one page?)", path)
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError(f"cannot read file: {exc.strerror}", path) from exc
    if not data.strip():
        raise ContentError("file is empty", path)
    text = _decode(data, path)
    if not text.strip():
        raise ContentError("file holds no text", path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, path: Path) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise ContentError(f"starts with a {codec} byte-order mark but does not decode: "
                                   f"{exc.reason} at byte {exc.start}", path) from exc
    if b"\x00" in data[:4096]:
        raise ContentError("binary file (NUL bytes), not a text page", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16"]).best()
    if best is None or _control_ratio(str(best)) > 0.01:
        raise ContentError("not text in a known encoding (tried UTF-8, UTF-16, GB18030, Big5)", path)
    return str(best)


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(1, len(text))
