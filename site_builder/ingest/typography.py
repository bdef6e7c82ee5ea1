"""Typography normalisation of Chinese text damaged by PDF/OCR extraction.

Repairs: markdown marks, half-width punctuation next to Chinese, spaces between
Chinese characters (justification and old line-wrap points), a stray English "and"
between Chinese words, odd middle dots, and stray traditional characters.
"""
from __future__ import annotations

import re
from functools import lru_cache

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width punctuation and the typographic marks used in running Chinese text.
FW_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2026\u201c\u201d\u2018\u2019\u00b7"
CJK_RE = re.compile(f"[{CJK}]")

_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s*")
_MARKDOWN_EMPHASIS = re.compile(r"\*\*|__")
_STRAY_AND = re.compile(rf"(?<=[{CJK}])\s*\band\b\s*(?=[{CJK}])")
_DOTS = re.compile(rf"(?<=[{CJK}“”])\s*[\u30fb\u2022\u2027\u2219\uff65]\s*(?=[{CJK}“”])")
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
# A space is dropped when both neighbours are Chinese, full-width punctuation or
# digits (a digit run beside Chinese), but kept between Latin words (“App 上”).
_TIGHT = f"{CJK}{FW_PUNCT}"
_SPACE_BETWEEN = re.compile(rf"(?<=[{_TIGHT}])[ \t\u3000\u00a0]+(?=[{_TIGHT}0-9])"
                            rf"|(?<=[0-9])[ \t\u3000\u00a0]+(?=[{_TIGHT}])")
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
_ELLIPSIS = re.compile(r"\.{3,}|…(?!…)")
_PERIOD = re.compile(rf"(?<=[{CJK}])\.(?=\s|$|[{CJK}])")


def has_cjk(text: str) -> bool:
    return bool(CJK_RE.search(text))


def strip_markdown(text: str) -> tuple[str, bool]:
    """Remove `##` heading marks and `**` emphasis; say whether the line was a heading."""
    heading = bool(_MARKDOWN_HEADING.match(text))
    text = _MARKDOWN_HEADING.sub("", text)
    return _MARKDOWN_EMPHASIS.sub("", text), heading


def normalize(text: str, *, keep_gap: bool = False) -> str:
    """Clean one paragraph, title or field. keep_gap keeps one space between two title halves."""
    text, _ = strip_markdown(text)
    text = _SPACES.sub(" ", text).strip()
    if not has_cjk(text):
        return text
    text = _STRAY_AND.sub("和", text)
    text = _DOTS.sub("·", text)
    text = _full_width_punctuation(text)
    text = _full_width_quotes(text)
    text = _ELLIPSIS.sub("……", text)
    gap = _title_gap(text) if keep_gap else None
    text = _SPACE_BETWEEN.sub("", text)
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


def _is_ascii_word(ch: str) -> bool:
    return bool(ch) and ch.isascii() and (ch.isalnum() or ch in "/.@_-%")


def _full_width_punctuation(text: str) -> str:
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


def _full_width_quotes(text: str) -> str:
    """ASCII double quotes become “ ” in turn."""
    if '"' not in text:
        return text
    out: list[str] = []
    opening = True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


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


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def _simplified_char(ch: str) -> str:
    out = _t2s().convert(ch)
    return out if len(out) == 1 else ch


def traditional_ratio(text: str) -> float:
    """Share of Chinese characters that OpenCC reads as traditional-only forms."""
    han = [c for c in text if CJK_RE.match(c)]
    if not han:
        return 0.0
    return sum(1 for c in set(han) if _simplified_char(c) != c) / max(1, len(set(han)))


def simplify_stray(text: str) -> str:
    """Replace the traditional characters of otherwise simplified text, one character at a time.

    OpenCC converts the whole text (its phrase tables pick the right form for one-to-many
    characters); only positions where a single character changed into a single character
    are taken, so correct simplified words are never rewritten.
    """
    if not any(_simplified_char(c) != c for c in text if CJK_RE.match(c)):
        return text
    converted = _t2s().convert(text)
    if len(converted) != len(text):
        return "".join(_simplified_char(c) for c in text)
    return converted
