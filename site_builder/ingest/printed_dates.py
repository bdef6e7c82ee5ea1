"""Dates and numbers as a page prints them (二〇二四, 十一, 原载6月20日《人民日报》).

Kept apart from the page-head reader (page_head.py) so that reading a Markdown article,
which needs a reprint line's date only, loads none of the raw-page reader's modules.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_YEAR = r"(?:19|20)\d\d|[〇零一二三四五六七八九]{4}"
_MONTH_DAY = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_PRINTED_ON = re.compile(rf"(?:(?P<y>{_YEAR})\s*年\s*)?(?P<m>{_MONTH_DAY})\s*月\s*(?P<d>{_MONTH_DAY})\s*日")


def cn_number(text: str) -> int:
    """9, 09, 九, 十一, 二十, 二〇二四 (digit by digit) or 一百零二 as an int."""
    if text.isdigit():
        return int(text)
    if "十" not in text and "百" not in text:  # read digit by digit: 二〇二四
        return int("".join(str(CN_DIGITS[c]) for c in text))
    total, digit = 0, 0
    for ch in text:
        if ch == "百":
            total, digit = total + (digit or 1) * 100, 0
        elif ch == "十":
            total, digit = total + (digit or 1) * 10, 0
        else:
            digit = CN_DIGITS[ch]
    return total + digit


def reprint_date(source: str | None, printed: dt.date | None) -> dt.date | None:
    """The original printing's date a reprint line gives (原载6月20日《人民日报》): its own year
    when it prints one, else the year that puts it on or before `printed`, the reprint's date."""
    m = _PRINTED_ON.search(unicodedata.normalize("NFKC", source or ""))
    if m is None:
        return None
    month, day = cn_number(m.group("m")), cn_number(m.group("d"))
    if m.group("y"):
        year = cn_number(m.group("y"))
    elif printed is None:
        return None
    else:
        year = printed.year if (month, day) <= (printed.month, printed.day) else printed.year - 1
    try:
        return dt.date(year, month, day)
    except ValueError:  # 2月30日, or 2月29日 of a year that has none
        return None
