"""Repairs of what a PDF's text layer gives in place of the printed page's characters.

Each repair is a named function that says what it fixes and why, and returns the repaired
text with a warning for each line it changed (file and line), so an editor can check it:

- `page_breaks`: the page-break characters some converters print (pdftotext ends every page
  with a form feed, at the start of the next page's first line) become line breaks: the text
  on either side of one is never one line. One inside a line is no converter's page end but
  a stray control character, which decode removes (and a line number after a page break
  counts it as a line);
- `remove_invisible`: invisible format characters (zero-width spaces and joiners, soft
  hyphens, a byte-order mark inside the text, direction marks) are removed: a text layer
  leaves them between characters, no printed text means them, and they split words for
  search and for every rule that reads the text;
- `undouble_bold`: a line whose every character stands twice (加加强强党党的的建建设设) is read
  once: a bold face made by drawing each glyph twice, slightly offset, gives each character
  twice in the text layer (titles, subheadings and bylines are set bold);
- `unify_radicals`: radical characters some fonts map their glyphs to (⼀ U+2F00 for 一, ⻅
  U+2EC5 for 见) become the ideographs the page prints: they look the same, but they are
  other characters, which search and every comparison miss.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from site_builder.model import Warning_

MAX_LINE_WARNINGS = 20  # lines named one by one; beyond, one summary warning

_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n\n"})
# a form feed or vertical tab that starts or ends a line (with the spaces beside it)
_PAGE_END = re.compile(r"(?:(?<=\n)|^)[ \t]*[\f\v]+|[\f\v]+[ \t]*(?=\n|$)")


def page_breaks(text: str) -> str:
    """Form feeds and vertical tabs that start or end a line, and Unicode's line and
    paragraph separators, as line breaks (a paragraph separator as a blank line). Nothing is
    lost, so nothing is warned."""
    if "\f" in text or "\v" in text:
        text = _PAGE_END.sub("\n", text)
    if "\u2028" in text or "\u2029" in text:
        text = text.translate(_SEPARATORS)
    return text


# every format character (Unicode's Cf) of the Basic Multilingual Plane: none is printed
# (soft hyphen, Arabic number signs, zero-width spaces and joiners, direction marks and
# embeddings, word joiner and invisible operators, BOM, interlinear annotation marks)
INVISIBLE = re.compile("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
                       "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")


def remove_invisible(text: str, path: Path) -> tuple[str, list[Warning_]]:
    """The text without invisible format characters, with a warning for each line that held
    any, naming them."""
    return remove_named(text, path, INVISIBLE, "invisible characters removed ({}): no printed text means them",
                        "invisible-character")


def remove_named(text: str, path: Path, pattern: re.Pattern, message: str, code: str) -> tuple[str, list[Warning_]]:
    """The text without what `pattern` matches, and a warning for each line that held any:
    `message` with the code points named in its {}."""
    if not pattern.search(text):
        return text, []
    found = [(number, message.format(_named(codes))) for number, codes in _per_line(text, pattern)]
    return pattern.sub("", text), line_warnings(path, found, code)


# CJK Radicals Supplement -> the unified ideograph each stands for, as Unicode's
# EquivalentUnifiedIdeograph.txt gives them (radical or range : ideograph; U+2E80 and U+2E9A
# have none). The Kangxi Radicals block (U+2F00..U+2FD5) needs no table: NFKC maps each.
_SUPPLEMENT = """
2E81:5382 2E82:4E5B 2E83:4E5A 2E84:4E59 2E85:4EBB 2E86:5182 2E87:20628 2E88:5200 2E89:5202
2E8A:535C 2E8B:353E 2E8C-2E8D:5C0F 2E8E:5140 2E8F:5C23 2E90:5C22 2E91:21BC2 2E92:5DF3 2E93:5E7A
2E94:5F51 2E95:5F50 2E96:5FC4 2E97:5FC3 2E98:624C 2E99:6535 2E9B:65E1 2E9C:65E5 2E9D:6708
2E9E:6B7A 2E9F:6BCD 2EA0:6C11 2EA1:6C35 2EA2:6C3A 2EA3:706C 2EA4-2EA5:722B 2EA6:4E2C 2EA7:725B
2EA8:72AD 2EA9:738B 2EAA:24D14 2EAB:76EE 2EAC:793A 2EAD:793B 2EAE:25AD7 2EAF:7CF9 2EB0:7E9F
2EB1:7F53 2EB2:7F52 2EB3:34C1 2EB4:5197 2EB5:2626B 2EB6:7F8A 2EB7:2634C 2EB8:2634B 2EB9:8002
2EBA:8080 2EBB:807F 2EBC:8089 2EBD:26951 2EBE-2EC0:8279 2EC1:864E 2EC2:8864 2EC3:8980 2EC4:897F
2EC5:89C1 2EC6:89D2 2EC7:278B2 2EC8:8BA0 2EC9:8D1D 2ECA:27FB7 2ECB:8F66 2ECC-2ECE:8FB6 2ECF:9091
2ED0:9485 2ED1:9577 2ED2:9578 2ED3:957F 2ED4:95E8 2ED5:28E0F 2ED6:961D 2ED7:96E8 2ED8:9752
2ED9:97E6 2EDA:9875 2EDB:98CE 2EDC:98DE 2EDD:98DF 2EDE:2967F 2EDF:98E0 2EE0:9963 2EE1:29810
2EE2:9A6C 2EE3:9AA8 2EE4:9B3C 2EE5:9C7C 2EE6:9E1F 2EE7:5364 2EE8:9EA6 2EE9:9EC4 2EEA:9EFE
2EEB:6589 2EEC:9F50 2EED:6B6F 2EEE:9F7F 2EEF:7ADC 2EF0:9F99 2EF1:9F9C 2EF2:4E80 2EF3:9F9F
"""


def _radical_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for entry in _SUPPLEMENT.split():
        radicals, ideograph = entry.split(":")
        first, _, last = radicals.partition("-")
        for code in range(int(first, 16), int(last or first, 16) + 1):
            table[code] = chr(int(ideograph, 16))
    table.update({code: unicodedata.normalize("NFKC", chr(code)) for code in range(0x2F00, 0x2FD6)})
    return table


_RADICALS = _radical_table()
RADICAL = re.compile("[" + "".join(chr(code) for code in sorted(_RADICALS)) + "]")


def unify_radicals(text: str, path: Path) -> tuple[str, list[Warning_]]:
    """The text with each radical character read as the ideograph it prints, with a warning
    for each line that held any, naming them."""
    if not RADICAL.search(text):
        return text, []
    found = [(number, f"radicals read as the characters they print "
                      f"({', '.join(f'{ch}→{_RADICALS[ord(ch)]}' for ch in sorted(set(codes)))})")
             for number, codes in _per_line(text, RADICAL)]
    return text.translate(_RADICALS), line_warnings(path, found, "radical")


def fold_radicals(text: str) -> str:
    """The text as unify_radicals leaves it (for checks that compare with the raw page)."""
    return text.translate(_RADICALS)


# characters the longest piece of a line drawn twice prints (each twice): a word of the
# AABB form (实实在在, 踏踏实实) prints two, and the genre has no AABBCC words
DOUBLED_MIN = 3
_SPACES = re.compile(r"(\s+)")


def undouble_bold(text: str, path: Path) -> tuple[str, list[Warning_]]:
    """The text with each line drawn twice read once, with a warning for each such line.
    Every piece of the line between spaces must be doubled, and one of them print at least
    DOUBLED_MIN characters: no line of Chinese text doubles every character by chance, and
    a line of AABB words alone (实实在在 兢兢业业) is left as it is."""
    lines = text.split("\n")
    found: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        once = _read_once(line)
        if once is not None:
            lines[number - 1] = once
            found.append((number, "every character printed twice (a bold face drawn twice): read once"))
    if not found:
        return text, []
    return "\n".join(lines), line_warnings(path, found, "doubled")


def _read_once(line: str) -> str | None:
    start = len(line) - len(line.lstrip())
    if line[start:start + 1] != line[start + 1:start + 2]:  # (most lines: their first character once)
        return None
    pieces = _SPACES.split(line)
    words = [word for word in pieces[0::2] if word]
    # (a rule of marks repeats one mark: ━━━━━━ is no line drawn twice)
    if not words or max(map(len, words)) < 2 * DOUBLED_MIN or not any(ch.isalnum() for ch in line) \
            or not all(len(w) % 2 == 0 and w[0::2] == w[1::2] for w in words):
        return None
    return "".join(piece if k % 2 else piece[0::2] for k, piece in enumerate(pieces))


def fold_doubled(text: str) -> str:
    """The text as undouble_bold leaves it (for checks that compare with the raw page)."""
    return "\n".join(once if (once := _read_once(line)) is not None else line for line in text.split("\n"))


def _per_line(text: str, pattern: re.Pattern) -> list[tuple[int, list[str]]]:
    return [(number, codes) for number, line in enumerate(text.split("\n"), start=1)
            if (codes := pattern.findall(line))]


def _named(codes: list[str]) -> str:
    return ", ".join(f"U+{ord(ch):04X}" + (f" ×{codes.count(ch)}" if codes.count(ch) > 1 else "")
                     for ch in sorted(set(codes)))


def line_warnings(path: Path, found: list[tuple[int, str]], code: str) -> list[Warning_]:
    """One warning for each (line, message), then one summary beyond MAX_LINE_WARNINGS."""
    warnings = [Warning_(path, message, line, code) for line, message in found[:MAX_LINE_WARNINGS]]
    if len(found) > MAX_LINE_WARNINGS:
        warnings.append(Warning_(path, f"… and on {len(found) - MAX_LINE_WARNINGS} more lines",
                                 found[MAX_LINE_WARNINGS][0], code))
    return warnings
