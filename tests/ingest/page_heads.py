"""Page heads in the genre's forms, for simulated pages: what a newspaper prints above its
articles (人民日报 2024年6月20日 星期四 第9版 理论, 2023年11月8日 星期三 理论周刊 7,
光明日报 2023-11-08 第11版：理论, a head over two lines …).

    lines = make_page_head(rng, dt.date(2024, 6, 20), "人民日报", 9, "理论")

Every field given (paper and page_name may be None) is printed, so that reading the head
back must give exactly (paper, date, page, page_name). The weekday printed is the date's
own. Put a blank line after the head: a page separates its head from the first title.
"""
from __future__ import annotations

import datetime as dt
import random

WEEKDAYS = "一二三四五六日"
_CN_DIGITS = "〇一二三四五六七八九"
SEPARATORS = [" ", " ", "  ", "\u3000", " | ", " · "]


def cn_number(n: int) -> str:
    """1..99 in Chinese numerals: 9 九, 11 十一, 20 二十, 31 三十一."""
    tens, units = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[units]
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[units] if units else "")


def printed_date(rng: random.Random, date: dt.date) -> str:
    y, m, d = date.year, date.month, date.day
    forms = [f"{y}年{m}月{d}日", f"{y}年{m:02d}月{d:02d}日", f"{y}-{m:02d}-{d:02d}", f"{y}.{m:02d}.{d:02d}",
             f"{y}/{m:02d}/{d:02d}", "".join(_CN_DIGITS[int(c)] for c in str(y)) + f"年{cn_number(m)}月{cn_number(d)}日"]
    return rng.choice(forms)


def printed_page(rng: random.Random, page: int) -> str:
    return rng.choice([f"第{page}版", f"第{page:02d}版", f"第{cn_number(page)}版"])


def make_page_head(rng: random.Random, date: dt.date, paper: str | None, page: int,
                   page_name: str | None) -> list[str]:
    """The head line(s) of a page of `paper` (None: a head that names no paper) printed on
    `date`, page `page` (1..99) named `page_name` (None: unnamed)."""
    sep = rng.choice(SEPARATORS)
    when = [printed_date(rng, date)]
    if rng.random() < 0.8:
        when.append(rng.choice(["星期", "星期", "周"]) + WEEKDAYS[date.weekday()])
    if rng.random() < 0.15:
        when.append(f"第{rng.randint(10000, 29999)}期")
    # a name of a paper's shape (人民日报, 学习时报) may stand bare; any other is printed 《求是》
    bare_ok = paper is not None and paper.endswith(("报", "周刊"))
    name = [] if paper is None else [rng.choice([paper, paper, f"《{paper}》"]) if bare_ok else f"《{paper}》"]
    numbered = [printed_page(rng, page)]
    if page_name is not None:  # 第9版 理论, 第11版：理论
        numbered = [f"{numbered[0]}：{page_name}"] if rng.random() < 0.3 else numbered + [page_name]
    bare = ([page_name] if page_name else []) + [str(page)]  # 理论周刊 7
    layout = rng.randrange(5)
    if layout == 0:  # 人民日报 2024年6月20日 星期四 第9版 理论
        return [sep.join(name + when + numbered)]
    if layout == 1:  # 人民日报 2023年11月8日 星期三 理论周刊 7
        return [sep.join(name + when + bare)]
    if layout == 2:  # 7 理论周刊 人民日报 2023年11月8日 星期三 (a left-hand page)
        return [sep.join(bare[::-1] + name + when)]
    if layout == 3 and name:  # 人民日报 / 2024年6月20日 星期四 第9版 理论
        return [name[0], sep.join(when + numbered)]
    return [sep.join(name + when), sep.join(numbered)]  # … 星期四 / 第9版 理论
