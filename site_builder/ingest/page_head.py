"""The page head a newspaper prints above its articles: paper, issue date, 版次 and 版名.

    人民日报 2024年6月20日 星期四 第9版 理论
    2023年11月8日 星期三 理论周刊 7
    光明日报 2023-11-08 第11版：理论
    《学习时报》 二〇二四年六月二十日 第27689期 第3版
    光明日报 2024年5月10日 星期五 11 理论

A head is read as a run of the genre's tokens in any order: a paper's name (《…》 or a name
of a paper's shape: …日报, …时报, …报, …周刊), a date (Chinese, ISO or dotted, or in Chinese
numerals), the weekday, 第N版 or a bare page number at either end, a page name, and what
heads also print and no field needs (issue number, lunar date, 今日N版). A line is a head,
or one line of a head printed over two, only when every character of it belongs to a token
and it says something only a head says (a date, a 第N版, a paper with a weekday or page).

furniture.py keeps such lines out of the articles (leftovers of kind `banner`); page_meta.py
reads them into the page's PageInfo; split_head_lines cuts a head printed with no blank line
above a title (or below a paragraph) out of that unit first.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from site_builder.ingest.lines import Unit
from site_builder.ingest.printed_dates import cn_number
from site_builder.ingest.typography import CJK, normalize
from site_builder.model import LineSpan, PageInfo

_CN_NUMBER = "〇零一二三四五六七八九十百"
_DAY_CN = "[一二三四五六七八九十]{1,3}"
_STEMS, _BRANCHES = "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉戌亥"

_DATES = [
    re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(r"(?P<y>(?:19|20)\d\d)(?P<sep>[-./])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"),
    re.compile(rf"(?P<y>[〇零一二三四五六七八九]{{4}})\s*年\s*(?P<m>{_DAY_CN})\s*月\s*(?P<d>{_DAY_CN})\s*日"),
]
# a date printed without its year (06月20日): a head's only with its weekday or its page
_MONTH_DAY = re.compile(rf"(?:\d{{1,2}}|{_DAY_CN})\s*月\s*(?:\d{{1,2}}|{_DAY_CN})\s*日")
WEEKDAYS = "一二三四五六日"  # 星期一 … 星期日: the index is date.weekday()
_WEEKDAY = re.compile(r"(?:星期|礼拜|周)[一二三四五六日天]")  # 星期天 is 星期日
# 第9版, 第九版, and the e-paper's 9版 / A9版 (the letter names a section: A9版 is page 9)
_PAGE = re.compile(rf"(?:第\s*[A-D]?|(?<![0-9])[A-D]?)(?P<n>\d{{1,3}}|(?<=第)[{_CN_NUMBER}]{{1,4}})\s*版")
_NUMBER = re.compile(r"(?<![A-Za-z])[A-D]?(?P<n>\d{1,3})(?!\d)")
# printed by heads, read into no field
_IGNORED = [
    re.compile(r"总?第\s*\d{2,6}\s*期"),  # the serial number
    re.compile(r"今日\s*\d{1,3}\s*版"),  # how many pages the issue has
    re.compile(rf"农历(?:[{_STEMS}][{_BRANCHES}]年)?闰?[正一二三四五六七八九十冬腊]{{1,2}}月"
               r"(?:初[一二三四五六七八九十]|二十|三十|十[一二三四五六七八九]?|廿[一二三四五六七八九]?)"),
]
_SEPARATOR = re.compile(r"[\s|｜/／·•:：\-—–]+")
_QUOTED_PAPER = re.compile(r"《(?P<p>[^》]{2,12})》")
# a paper's name by its shape; a line holding nothing but a name needs one of the first kind
_PAPER_ALONE = re.compile(rf"[{CJK}]{{1,8}}(?:日报|时报|晚报|早报|周报|青年报|军报|商报|法治报)|中国[{CJK}]{{1,6}}报")
_PAPER_SHAPED = re.compile(rf"[{CJK}]{{2,10}}(?:报|周刊)")
_GLUED = re.compile(rf"[{CJK}·]{{2,18}}(?:报|周刊)")  # a page's name and a paper's, the gap lost
# a line that cites a printing (原载2024年6月20日《人民日报》, 见《人民日报》…第9版) is no head
_CITING = re.compile(r"原载|原刊|转载|转自|摘自|摘编|选自|刊于|刊发|来源|据|载|见|参见")
PAPER_MAX, PAGE_NAME_MAX = 12, 8
HEAD_MAX = 60  # characters: a head is one short line
# what every head holds: a date's digits or 月, 第N版, a paper's 报 / 周刊 / 《…》
_HINT = re.compile(r"[0-9０-９版报《月]|周刊")
HEAD_LINES = 3  # a head printed over more lines than this is not one


@dataclass(frozen=True)
class _Token:
    kind: str  # date | month-day | weekday | page | number | paper | word | ignored
    text: str
    value: object = None


@dataclass(frozen=True)
class Head:
    """What one head line says. `bad_date` holds a printed date that is no date (2月30日);
    `weekday` the weekday printed (0 Monday … 6 Sunday), which the date should fall on."""

    info: PageInfo
    bad_date: str | None = None
    weekday: int | None = None


def read_head(text: str) -> Head | None:
    """The head (or one line of a two-line head) `text` is, or None when it is not one."""
    if len(text) > HEAD_MAX:
        return None
    line = unicodedata.normalize("NFKC", text).strip()
    if not _HINT.search(line):  # most lines, cheaply: a head always holds one of these
        return None
    tokens = _tokens(line)
    return _assign(tokens) if tokens else None


def _tokens(line: str) -> list[_Token] | None:
    """The line as tokens, or None when some character belongs to none."""
    tokens: list[_Token] = []
    at = 0
    while at < len(line):
        gap = _SEPARATOR.match(line, at)
        if gap:
            at = gap.end()
            continue
        token = _token_at(line, at) or _word_at(line, at)
        if token is None:
            return None
        tokens.append(token)
        at += len(token.text)
    return tokens


def _token_at(line: str, at: int) -> _Token | None:
    for pattern in _DATES:
        m = pattern.match(line, at)
        if m:
            return _Token("date", m.group(0), _date_of(m))
    for pattern in _IGNORED:
        m = pattern.match(line, at)
        if m:
            return _Token("ignored", m.group(0))
    for kind, pattern in (("month-day", _MONTH_DAY), ("weekday", _WEEKDAY), ("page", _PAGE), ("number", _NUMBER)):
        m = pattern.match(line, at)
        if m:
            return _Token(kind, m.group(0), cn_number(m.group("n")) if "n" in pattern.groupindex else None)
    m = _QUOTED_PAPER.match(line, at)
    if m:
        return _Token("paper", m.group(0), m.group("p").strip())
    return None


def _word_at(line: str, at: int) -> _Token | None:
    """A run of Chinese characters (a middle dot may join two runs) up to the next token."""
    end = at
    while end < len(line):
        ch = line[end]
        joins = ch == "·" and end > at and bool(re.match(f"[{CJK}]", line[end + 1:end + 2])) \
            and not _token_at(line, end + 1)
        if not (re.match(f"[{CJK}]", ch) or joins) or (end > at and _token_at(line, end)):
            break
        end += 1
    return _Token("word", line[at:end]) if end > at else None


def _date_of(m: re.Match) -> dt.date | str:
    """The date a date token prints, or its text when it is no date (2023年2月30日)."""
    y, mo, d = (cn_number(m.group(k)) for k in ("y", "m", "d"))
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return m.group(0)


def _assign(tokens: list[_Token]) -> Head | None:
    """Give each token its field; None when the tokens do not make one head."""
    kinds = [t.kind for t in tokens]
    if kinds.count("date") > 1 or kinds.count("page") + kinds.count("number") > 1 or kinds.count("word") > 2:
        return None
    numbers = [i for i, t in enumerate(tokens) if t.kind == "number"]
    if numbers and _inner_name(tokens, numbers[0]) is None and numbers[0] not in (0, len(tokens) - 1):
        return None  # a bare page number stands at the head's outer edge, or its name does
    page_at = next((i for i, t in enumerate(tokens) if t.kind in ("page", "number")), None)
    names = _names(tokens, page_at)
    if names is None:
        return None
    date = next((t.value for t in tokens if t.kind == "date"), None)
    page = tokens[page_at].value if page_at is not None else None
    info = PageInfo(names[0], date if isinstance(date, dt.date) else None,
                    page if isinstance(page, int) and page > 0 else None, names[1])
    if not _says_head(kinds, info, tokens):
        return None
    weekday = next((WEEKDAYS.index(t.text[-1].replace("天", "日")) for t in tokens if t.kind == "weekday"), None)
    return Head(info, date if isinstance(date, str) else None, weekday)


def _names(tokens: list[_Token], page_at: int | None) -> tuple[str | None, str | None] | None:
    """(paper, page name) of the head's words; None when they are not a head's."""
    papers = [str(t.value) for t in tokens if t.kind == "paper"]
    # the page's name is printed next to its number: 第9版 理论, 理论周刊 7, 7 理论周刊
    beside = _beside_page(tokens, page_at)
    # (a page's name never ends in 报: a name so ending beside a bare number is the paper's)
    if beside is not None and beside < len(tokens) and tokens[beside].kind == "word" \
            and len(tokens[beside].text) <= PAGE_NAME_MAX and not tokens[beside].text.endswith("报"):
        page_name: str | None = tokens[beside].text
    else:
        page_name, beside = None, None
    if any(t.kind == "word" and (len(t.text) < 2 or _CITING.match(t.text)) for t in tokens):
        return None
    for i, token in enumerate(tokens):
        word = token.text
        if token.kind != "word" or i == beside:
            continue
        if not papers and len(word) <= PAPER_MAX and _PAPER_SHAPED.fullmatch(word):
            papers.append(word)
        elif page_name is None and len(word) <= PAGE_NAME_MAX and not word.endswith("报"):
            page_name = word
        elif papers or not (len(word) <= PAPER_MAX + PAGE_NAME_MAX and _GLUED.fullmatch(word)):
            return None
        # else a page name and a paper printed as one word (cleaning dropped the gap between
        # them): a head all the same, whose two names are not known apart
    if len(papers) > 1 or any(len(p) > PAPER_MAX for p in papers):
        return None
    return (papers[0] if papers else None), page_name


def _beside_page(tokens: list[_Token], page_at: int | None) -> int | None:
    """Where the page's name stands: after 第N版, on the inner side of a bare number."""
    if page_at is None:
        return None
    if tokens[page_at].kind == "page":
        return page_at + 1
    inner = _inner_name(tokens, page_at)
    if inner is not None:
        return inner
    return page_at - 1 if page_at > 0 else 1


def _inner_name(tokens: list[_Token], at: int) -> int | None:
    """A bare page number one in from the head's edge, its page name at the edge beside it
    (… 星期五 11 理论, 理论 11 2024年…): where that name stands; None otherwise."""
    if len(tokens) < 3 or at not in (1, len(tokens) - 2):
        return None
    edge = 0 if at == 1 else len(tokens) - 1
    name = tokens[edge]
    return edge if name.kind == "word" and not _PAPER_SHAPED.fullmatch(name.text) else None


def _says_head(kinds: list[str], info: PageInfo, tokens: list[_Token]) -> bool:
    """Only a head says this: a date, a 第N版, a paper with a weekday or a page number, or a
    paper's name alone in a paper's unmistakable form."""
    if "date" in kinds or "page" in kinds or ("month-day" in kinds and "weekday" in kinds):
        return True
    if info.paper is not None and ("weekday" in kinds or "number" in kinds or "ignored" in kinds):
        return True
    if len(tokens) == 1 and info.paper is not None:
        return tokens[0].kind == "paper" or bool(_PAPER_ALONE.fullmatch(info.paper))
    return False


def split_head_lines(units: list[Unit]) -> list[Unit]:
    """Give a head printed straight above a title (or below a paragraph, with no blank line
    between) units of its own, so that furniture finds it whole."""
    out: list[Unit] = []
    for unit in units:
        lines = unit.raw.split("\n")
        if len(lines) < 2 or len(unit.spans) != 1 or _is_head(lines):
            out.append(unit)
            continue
        # the longest run of lines at the top, and at the bottom, that reads as a head
        top = next((k for k in range(min(HEAD_LINES, len(lines) - 1), 0, -1) if _is_head(lines[:k])), 0)
        bottom = next((k for k in range(max(top, len(lines) - HEAD_LINES), len(lines)) if _is_head(lines[k:])),
                      len(lines))
        bounds = sorted({0, top, bottom, len(lines)})
        first = unit.spans[0].first
        out.extend(Unit("\n".join(lines[a:b]), [LineSpan(first + a, first + b - 1)])
                   for a, b in zip(bounds, bounds[1:], strict=False) if b > a)
    return out


def _is_head(lines: list[str]) -> bool:
    text = " ".join(line.strip() for line in lines)
    return len(text) <= HEAD_MAX and bool(_HINT.search(text)) and read_head(normalize(text)) is not None
