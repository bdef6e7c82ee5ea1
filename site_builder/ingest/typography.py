"""Typography normalisation of Chinese text damaged by PDF/OCR extraction.

Each repair is a named function that fixes one kind of damage and nothing else; `normalize`
runs them in this order on a paragraph, title or field, and any of them can be switched
off by name (``normalize(text, skip={"ellipsis"})``):

  markdown        `##` heading marks and `**` emphasis of a Markdown copy
  width           full-width digits, Latin letters and full stop (２０２４, ＧＤＰ, ．) -> half-width,
                  half-width ideographic marks (｡ ､ ｢ ｣) -> full-width
  stray_and       a stray English "and" between Chinese words (a translation tool's) -> 和
  middle_dots     odd middle dots between Chinese words (・ • ‧ ∙ ･) -> ·
  punctuation     half-width , : ; ! ? . ( ) in Chinese text -> full-width
  double_quotes   ASCII double quotes -> “ ” in turn
  single_quotes   ASCII single quotes around Chinese text -> ‘ ’
  ellipsis        ASCII dot runs and a lone … beside Chinese -> …… (a correct …… stays)
  split_numbers   a space left inside a number at an old wrap point (20 19年 -> 2019年)
  chinese_spaces  spaces between Chinese characters (justification, old wrap points)

Stray traditional characters are repaired per paragraph by `simplify_stray`
(stray_traditional.py); control characters are removed when a file is decoded (decode.py).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection

from site_builder.ingest.cjk import CJK, CJK_RE
from site_builder.ingest.stray_traditional import simplify_stray, traditional_ratio

__all__ = ["CJK", "CJK_RE", "FW_PUNCT", "REPAIRS", "balance_quotes", "has_cjk", "normalize",
           "simplify_stray", "strip_markdown", "traditional_ratio"]

# Full-width punctuation and the typographic marks used in running Chinese text.
FW_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2026\u201c\u201d\u2018\u2019\u00b7"
_TIGHT = f"{CJK}{FW_PUNCT}"
_TIGHT_RE = re.compile(f"[{_TIGHT}]")
_GAP = "[ \t\u3000\u00a0]"

_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s*")
_MARKDOWN_EMPHASIS = re.compile(r"\*\*|__")
_STRAY_AND = re.compile(rf"(?<=[{CJK}])\s*\band\b\s*(?=[{CJK}])")
_DOTS = re.compile(rf"(?<=[{CJK}“”])\s*[\u30fb\u2022\u2027\u2219\uff65]\s*(?=[{CJK}“”])")
_SPACES = re.compile(rf"{_GAP}+")
# A space is dropped when both neighbours are Chinese, full-width punctuation or
# digits (a digit run beside Chinese), but kept between Latin words (“App 上”).
_SPACE_BETWEEN = re.compile(rf"(?<=[{_TIGHT}]){_GAP}+(?=[{_TIGHT}0-9])|(?<=[0-9]){_GAP}+(?=[{_TIGHT}])")
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
# an ASCII full stop that ends a Chinese sentence (OCR reads 。 as .): after a Chinese
# character, a per cent sign or a quote or bracket closing Chinese text (full- or half-width), before a space, the line's end,
# Chinese, or a quote or bracket. (Not before a digit: a number cut before its
# decimal point, 生态良 | .92亿, reads the same as 要求.3月6日.)
_PERIOD = re.compile(rf"(?:(?<=[{CJK}%％])|(?<=[{CJK}][”’」』）》\"')]))\.(?=\s|$|[{CJK}“”‘’「」『』（）《》\"'(])")
_DOT_RUN = re.compile(r"\.{3,}")
_ELLIPSIS_RUN = re.compile(rf"…(?:{_GAP}*…)*")
_SINGLE_QUOTED = re.compile(rf"(?<![A-Za-z0-9])'([^'\n]*[{CJK}][^'\n]*)'(?![A-Za-z])")
# two digit runs split by one space, then what follows the number (a unit, or Chinese)
# one run of digits, a decimal part allowed on either side of the space (10.9 2亿, 7 7.5%,
# and the wrap right after or before the decimal point: 21. 1%, 21 .1%),
# followed by a unit, Chinese or a full-width mark (“12 345”热线)
_SPLIT_NUMBER = re.compile(rf"(?<![0-9.,])([0-9]+(?:\.[0-9]*)?) (\.?[0-9]+(?:\.[0-9]+)?)(?= ?[%％‰{_TIGHT}])")
_YEAR_DIGITS = 4  # two runs this long each are two numbers (2023 2024年), not one


def has_cjk(text: str) -> bool:
    return bool(CJK_RE.search(text))


def strip_markdown(text: str) -> tuple[str, bool]:
    """Remove `##` heading marks and `**` emphasis; say whether the line was a heading."""
    heading = bool(_MARKDOWN_HEADING.match(text))
    text = _MARKDOWN_HEADING.sub("", text)
    return _MARKDOWN_EMPHASIS.sub("", text), heading


def repair_stray_and(text: str) -> str:
    """A stray English "and" between Chinese words (a machine translation's leftover) -> 和."""
    return _STRAY_AND.sub("和", text)


def repair_middle_dots(text: str) -> str:
    """Odd middle dots between Chinese words (katakana ・, bullet •, ‧, ∙, ･) -> the · of
    Chinese text (马克思·恩格斯): OCR reads the one mark as any of them."""
    return _DOTS.sub("·", text)


# a text layer's or OCR's other widths: digits and Latin letters are set half-width in Chinese
# text, and the full-width full stop (．) is a full stop the punctuation repair then reads; the
# half-width forms of 。、「」 are those marks
_WIDTH = {code: code - 0xFEE0 for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF0E]}
_WIDTH.update({ord("｡"): "。", ord("､"): "、", ord("｢"): "「", ord("｣"): "」"})
_WIDE = re.compile("[０-９Ａ-Ｚａ-ｚ．｡､｢｣]")


# a full-width full stop after Chinese ends a sentence even before a digit (之路．２０２３年):
# a full-width decimal point stands between full-width digits (５．２)
_WIDE_STOP = re.compile(rf"(?<=[{CJK}”’」』）》])．")


def repair_width(text: str) -> str:
    """Full-width digits, Latin letters and full stops -> half-width (a full stop after
    Chinese -> 。); half-width 。、「」 -> full."""
    if not _WIDE.search(text):
        return text
    return _WIDE_STOP.sub("。", text).translate(_WIDTH)


def repair_punctuation(text: str) -> str:
    """Half-width , : ; ! ? next to Chinese, a . after Chinese and ( ) around or beside
    Chinese -> full-width; numbers (1,000, 12:30), addresses and English keep theirs."""
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch in _HALF_TO_FULL:
            before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
            # 1,000 / 12:30 / https:// / English prose keep their ASCII marks
            if _is_ascii_word(before) and (_is_ascii_word(after) or not after):
                continue
            if not before and _is_ascii_word(after):
                continue
            chars[i] = _HALF_TO_FULL[ch]
    text = "".join(chars)
    text = _PERIOD.sub("。", text)
    return _full_width_parens(text)


def repair_double_quotes(text: str) -> str:
    """ASCII double quotes -> “ ” in turn (Chinese text has no straight quotes). A line
    never ends on an opening quote: where an odd number read in turn would end it on one,
    the line's first quote closes a quotation a line above opened (…更"聪 | 明"更有"温度")."""
    if '"' not in text:
        return text
    opening = not (text.count('"') % 2 and text.rstrip().endswith('"'))
    out: list[str] = []
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def repair_single_quotes(text: str) -> str:
    """A pair of ASCII single quotes around Chinese text -> ‘ ’ (the quotation inside a
    quotation); an apostrophe between Latin letters or digits (Xi's, '90s) is not one."""
    if "'" not in text:
        return text
    return _SINGLE_QUOTED.sub(r"‘\1’", text)


def repair_ellipsis(text: str) -> str:
    """A run of three or more ASCII dots, or a lone …, beside Chinese -> …… (the Chinese
    ellipsis is two ellipsis characters). A pair, even split by a space, is left as it is."""
    dotted = _DOT_RUN.sub(lambda m: "……" if _beside_chinese(text, m.start(), m.end()) else m.group(0), text)
    return _ELLIPSIS_RUN.sub(lambda m: "……" if m.group(0) == "…" and _beside_chinese(dotted, m.start(), m.end())
                             else m.group(0), dotted)


def repair_split_numbers(text: str) -> str:
    """Digits split by one space inside a number of Chinese text (20 19年, 8 9%, 2 013年):
    a line wrapped inside the number and the wrap became a space. Joined only when the
    number stands in Chinese text (Chinese or the start before it, a unit or Chinese after
    it): two numbers of Chinese prose are never set apart by a bare space, but a list of
    numbers (1 2 3) or two years (2023 2024年) is two numbers."""
    if " " not in text:
        return text

    def join(m: re.Match) -> str:
        before, left, right = _neighbour(text, m.start(), -1), m.group(1), m.group(2)
        # (a run opening on 0 is a code, an area code before its number: 010 12345678)
        if (before and not _TIGHT_RE.match(before)) or left.startswith("0") or \
                (len(left) >= _YEAR_DIGITS and len(right) >= _YEAR_DIGITS) or \
                ("." in left and "." in right):  # two decimals are two numbers
            return m.group(0)
        return left + right
    return _SPLIT_NUMBER.sub(join, text)


def repair_chinese_spaces(text: str) -> str:
    """Spaces between Chinese characters, full-width punctuation and digits beside them
    (justification spaces, old wrap points); a space between Latin words stays."""
    return _SPACE_BETWEEN.sub("", text)


# run in this order; chinese_spaces last (the title gap is found before it)
REPAIRS: dict[str, Callable[[str], str]] = {
    "width": repair_width,
    "stray_and": repair_stray_and,
    "middle_dots": repair_middle_dots,
    "punctuation": repair_punctuation,
    "double_quotes": repair_double_quotes,
    "single_quotes": repair_single_quotes,
    "ellipsis": repair_ellipsis,
    "split_numbers": repair_split_numbers,
}


def normalize(text: str, *, keep_gap: bool = False, skip: Collection[str] = ()) -> str:
    """Clean one paragraph, title or field. keep_gap keeps one space between two title
    halves; skip names repairs (see the module docstring) not to run."""
    if "markdown" not in skip:
        text, _ = strip_markdown(text)
    text = _SPACES.sub(" ", text).strip()
    if not has_cjk(text):
        return text
    for name, repair in REPAIRS.items():
        if name not in skip:
            text = repair(text)
    if "chinese_spaces" in skip:
        return text
    gap = _title_gap(text) if keep_gap else None
    text = repair_chinese_spaces(text)
    if gap is not None and gap < len(text):
        text = text[:gap] + " " + text[gap:]
    return text


def _title_gap(text: str) -> int | None:
    """Where the single space between the two halves of a title stands (after removal)."""
    parts = text.split(" ")
    if len(parts) != 2 or min(len(p) for p in parts) < 4:
        return None
    return len(parts[0])


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _beside_chinese(text: str, start: int, end: int) -> bool:
    return any(_TIGHT_RE.match(ch) for ch in (_neighbour(text, start, -1), _neighbour(text, end - 1, 1)) if ch)


def _is_ascii_word(ch: str) -> bool:
    return bool(ch) and ch.isascii() and (ch.isalnum() or ch in "/.@_-%")


def _full_width_parens(text: str) -> str:
    chars = list(text)
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(chars):
        if ch in "(（":
            stack.append(i)
        elif ch in ")）":
            if stack:
                pairs.append((stack.pop(), i))
            elif ch == ")" and (CJK_RE.match(_neighbour(text, i, -1)) or CJK_RE.match(_neighbour(text, i, 1))):
                chars[i] = "）"
    for i in stack:  # unmatched opening parenthesis next to Chinese
        if chars[i] == "(" and (CJK_RE.match(_neighbour(text, i, -1)) or CJK_RE.match(_neighbour(text, i, 1))):
            chars[i] = "（"
    for left, right in pairs:
        inner = text[left + 1:right]
        if has_cjk(inner) or CJK_RE.match(_neighbour(text, left, -1)) or CJK_RE.match(_neighbour(text, right, 1)):
            chars[left], chars[right] = "（", "）"
    return "".join(chars)


def balance_quotes(text: str) -> str:
    """Double quotes of a paragraph alternate “ ”. Half-width quotes are turned in the order
    a line gives them, so a paragraph put back together from pieces (or freed of a repeated
    passage) may hold two of one direction in a row; an even number is then set in turn
    again. (An odd number is left alone: a quotation running on into the next paragraph.)"""
    marks = [i for i, ch in enumerate(text) if ch in "“”"]
    if len(marks) % 2 or all(text[i] == "“”"[k % 2] for k, i in enumerate(marks)):
        return text
    chars = list(text)
    for k, i in enumerate(marks):
        chars[i] = "“”"[k % 2]
    return "".join(chars)
