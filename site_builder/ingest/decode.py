"""Reading a raw page's bytes into text: encoding detection and the checks on bad files.

The encodings tried, in order:
- a byte-order mark (UTF-8, UTF-16 LE/BE) decides;
- UTF-16 without a mark, when the first 4 KB hold NUL bytes (the high byte of every ASCII
  character) and the bytes decode, in a byte order that reads as ASCII characters where the NULs
  are and has no control characters; of two such, the one with line breaks (read in the wrong
  order, "\\n" is U+0A00); else UTF-8 with a few stray NUL bytes (at most 1 % control characters);
- UTF-8; a page that is UTF-8 but for a few damaged bytes (a copy cut mid-character) is read
  as UTF-8 with U+FFFD in their place and a warning naming each damaged line;
- GB18030 or Big5, as charset_normalizer judges.
Anything else (NUL bytes in no UTF-16 pattern, control characters) is not a text page.

A text page may still hold a few control characters (U+0000-U+001F but tab and newline,
U+007F, the C1 controls U+0080-U+009F): no text means them, and they make the site's XML
(the Atom feed) ill-formed. They are removed, with a warning naming each line that held one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from site_builder.errors import ContentError
from site_builder.ingest.layer_repairs import line_warnings, page_breaks, remove_named
from site_builder.model import Warning_

MAX_RAW_BYTES = 5 * 1024 * 1024  # a newspaper page is ~20-60 KB; 5 MB is not a page
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
SNIFF_BYTES = 4096
# UTF-8 with damage: at least this many intact multi-byte characters per damaged sequence
# (GB18030 read as UTF-8 has about one intact character per five damaged ones)
UTF8_INTACT_PER_DAMAGED = 20
EARLY_VERDICT = 64  # damaged sequences after which a page this damaged is not UTF-8
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode's Cc, but tab and newline


@dataclass
class Decoded:
    text: str  # line breaks normalised to "\n"
    warnings: list[Warning_] = field(default_factory=list)


def read_text(path: Path) -> str:
    """Decode a raw page, whatever its encoding; ContentError naming the file when it is not text."""
    return read_page(path).text


def read_page(path: Path) -> Decoded:
    """The page's text and what decoding it had to repair (each warning names file and line)."""
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
    decoded = _decode(data, path)
    text, removed = remove_control_characters(page_breaks(decoded.text), path)
    decoded = Decoded(text, decoded.warnings + removed)
    if not decoded.text.strip():
        raise ContentError("file holds no text", path)
    return decoded


def _decode(data: bytes, path: Path) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(_newlines(data.decode(codec)))
            except UnicodeDecodeError as exc:
                raise ContentError(f"starts with a {codec} byte-order mark but does not decode: "
                                   f"{exc.reason} at byte {exc.start}", path) from exc
    if b"\x00" in data[:SNIFF_BYTES]:
        text = _utf16_without_mark(data)
        if text is None:
            text = _utf8_with_stray_nuls(data)
        if text is None:
            raise ContentError("binary file (NUL bytes), not a text page", path)
        return Decoded(_newlines(text))
    utf8 = _damaged_utf8(data, path)
    if utf8 is not None:
        return utf8
    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16"]).best()
    if best is None or _control_ratio(str(best)) > 0.01:
        raise ContentError("not text in a known encoding (tried UTF-8, UTF-16, GB18030, Big5)", path)
    return Decoded(_newlines(str(best)))


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_without_mark(data: bytes) -> str | None:
    """UTF-16 text in the byte order that reads as lines of text, or None when neither does."""
    if len(data) % 2:
        return None
    readings = []
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        ascii_chars = _ascii(text[:SNIFF_BYTES // 2])  # the NULs of the sample, if this order is right
        if ascii_chars and _control_ratio(text) <= 0.01:
            readings.append((_line_breaks(text), ascii_chars, text))
    return max(readings)[2] if readings else None


def _utf8_with_stray_nuls(data: bytes) -> str | None:
    """UTF-8 text with a few NUL bytes (a copy's artefact, removed later), or None."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if _control_ratio(text) <= 0.01 else None


def _damaged_utf8(data: bytes, path: Path) -> Decoded | None:
    """UTF-8, with U+FFFD for each damaged sequence and a warning per damaged line; None when
    the bytes are not UTF-8 at all (too few intact characters for the damaged ones)."""
    pieces: list[str] = []
    damaged_lines: list[int] = []
    line = damaged = intact = start = 0
    while True:
        try:
            pieces.append(data[start:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            good = data[start:start + exc.start].decode("utf-8")
            pieces += [good, "\ufffd"]
            line += _line_breaks(good)
            if not damaged_lines or damaged_lines[-1] != line + 1:
                damaged_lines.append(line + 1)
            damaged, intact = damaged + 1, intact + _non_ascii(good)
            if damaged > EARLY_VERDICT and intact < UTF8_INTACT_PER_DAMAGED * damaged:
                return None  # (a GB18030 page: no need to walk all of it)
            start += exc.end
    if not damaged_lines:
        return Decoded(_newlines(pieces[0]))
    if intact + _non_ascii(pieces[-1]) < UTF8_INTACT_PER_DAMAGED * damaged:
        return None
    return Decoded(_newlines("".join(pieces)), _damage_warnings(path, damaged_lines))


def _ascii(text: str) -> int:
    return len(text.encode("ascii", "ignore"))


def _non_ascii(text: str) -> int:
    return len(text) - _ascii(text)


def _line_breaks(text: str) -> int:
    """Line breaks as read_page counts them: \\r\\n, \\r and \\n are one each."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _damage_warnings(path: Path, lines: list[int]) -> list[Warning_]:
    message = "bytes that are not UTF-8 were read as \ufffd (a damaged copy?)"
    return line_warnings(path, [(line, message) for line in lines], "encoding")


def remove_control_characters(text: str, path: Path) -> tuple[str, list[Warning_]]:
    """The text without control characters (line breaks "\n" and tabs kept), and a warning
    for each line that held any, naming them (one summary beyond MAX_LINE_WARNINGS lines)."""
    return remove_named(text, path, CONTROL, "control characters removed ({}): no text means them",
                        "control-character")


# Glyphs the PDF-to-text step could not map to a character: pdfminer's (cid:123) and the
# private use area (a font's own codes). They stand for a character the page printed and no
# text holds; U+FFFD marks one a decoder lost. Either way a character is missing there.
LOST_GLYPH = re.compile(r"\(cid:\d{1,5}\)|[\ue000-\uf8ff]")
LOST_MARK = "\ufffd"  # one character the text lost, where a measure of the printed line needs it


def remove_lost_glyphs(text: str, path: Path) -> tuple[str, list[Warning_]]:
    """The text without unmapped glyphs ((cid:N), private use characters), and a warning for
    each line that held any or holds U+FFFD (kept: it shows where the loss is): a character
    of the printed page may be missing there, for an editor to check against the paper."""
    if not LOST_GLYPH.search(text) and "\ufffd" not in text:
        return text, []
    found: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        glyphs = LOST_GLYPH.findall(line)
        if glyphs:
            named = ", ".join(g if g.startswith("(") else f"U+{ord(g):04X}" for g in sorted(set(glyphs), key=glyphs.index))
            found.append((number, f"unmapped glyphs removed ({named}): "
                                  "a character of the printed page may be missing here"))
        if "\ufffd" in line:
            found.append((number, "U+FFFD (a character the text lost) kept: check this line against the paper"))
    return LOST_GLYPH.sub("", text), line_warnings(path, found, "lost-glyph")


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(1, len(text))
