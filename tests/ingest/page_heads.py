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


# ---- the rate at which heads read back: python -m tests.ingest.page_heads --first 100000 --count 1000
PAPERS = ["人民日报", "光明日报", "经济日报", "学习时报", "解放军报", "中国青年报", "中国纪检监察报", "求是", None]
PAGE_NAMES = ["理论", "理论周刊", "学术", "思想理论", "评论", "观点", "理论·实践", None]
SHORT_PAGE = ["抓好城市治理体系和治理能力现代化", "", "■伍爱群", "",
              "城市治理是国家治理体系和治理能力现代化的重要内容，关系人民群众的获得感、幸福感、安全感。", "",
              "推进城市治理现代化，要坚持人民城市人民建、人民城市为人民，把服务群众落到每一个细节。"]


def read_back(seed: int, blank_line: bool) -> tuple[bool, list[str], object]:
    """One random head above a short page, through the whole extractor: read back exactly,
    the article untouched, nothing warned?"""
    from pathlib import Path

    from site_builder.ingest.page_meta import fill_page_info
    from site_builder.ingest.raw_page import extract_text
    from site_builder.model import PageInfo

    rng = random.Random(seed)
    date = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9500))
    want = PageInfo(rng.choice(PAPERS), date, rng.randint(1, 24), rng.choice(PAGE_NAMES))
    head = make_page_head(rng, date, want.paper, want.page or 1, want.page_name)
    doc = extract_text(Path("sim.txt"), "\n".join(head + ([""] if blank_line else []) + SHORT_PAGE))
    fill_page_info(doc)
    exact = doc.page == want and [a.title for a in doc.articles] == [SHORT_PAGE[0]] and not doc.warnings \
        and all(a.date == date for a in doc.articles)
    return exact, head, doc.page


def main() -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--first", type=int, default=100_000)
    ap.add_argument("--count", type=int, default=1000)
    args = ap.parse_args()
    for blank_line in (True, False):
        results = [read_back(seed, blank_line) for seed in range(args.first, args.first + args.count)]
        exact = sum(r[0] for r in results)
        where = "a blank line" if blank_line else "no blank line"
        print(f"seeds {args.first}..{args.first + args.count - 1}, {where} before the title: "
              f"{exact}/{args.count} read back exactly")
        for _, head, page in [r for r in results if not r[0]][:5]:
            print("  ", head, page)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
