"""Page furniture: what a newspaper page prints around its articles and no article owns.

Submission notices, editor lines, jump lines (（下转第4版）), captions, separators, page
headers. Slogans are recognised later, by position (a line no article body follows).
"""
from __future__ import annotations

import re

from site_builder.ingest.page_head import read_head
from site_builder.ingest.typography import CJK

_NUM = r"[0-9一二三四五六七八九十百零〇]+"
JUMP = re.compile(rf"[（(]\s*(?:下转|上接|转|接|紧接|续)\s*第?\s*{_NUM}\s*版\s*(?:[^）)]{{0,8}})?[）)]")
_NOTICE = re.compile(r"(投稿邮箱|投稿信箱|来稿|邮件主题|电子邮箱|联系电话|本版编辑|责任编辑|责编|美术编辑|美编|"
                     r"版式设计|图片编辑|校对|本版稿件|欢迎投稿|征稿|版权声明|未经授权)")
_SEPARATOR = re.compile(r"^[\s\-—–=_*·•～~#※◆◇○●■□▲△]{3,}$")
_CAPTION = re.compile(r"^(?:图为|上图|下图|左图|右图|图[:：/]|图片[:：/]|资料图片|制图[:：]).{0,120}$"
                      r"|^.{0,80}(?:摄|供图|制图|资料图片)[)）]?$")
_PAGE_HEAD = re.compile(rf"^(?:第?\s*{_NUM}\s*版|.{{0,12}}版\s*[/／|]\s*.{{0,20}}"
                        rf"|\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*(?:星期[一二三四五六日天])?"
                        rf"|星期[一二三四五六日天]|[{CJK}]{{0,4}}版)$")


def furniture_kind(text: str) -> str | None:
    """The leftover kind of a furniture line, or None when it is not furniture."""
    t = text.strip()
    if not t:
        return None
    if _SEPARATOR.match(t) or (len(t) >= 3 and not any(ch.isalnum() for ch in t)):
        return "other"
    if JUMP.fullmatch(t):
        return "notice"
    if len(t) <= 120 and _NOTICE.search(t) and ("@" in t or re.search(r"\d{5,}", t) or len(t) <= 30):
        return "notice"
    if len(t) <= 40 and _PAGE_HEAD.match(t):
        return "other"
    if read_head(t):  # paper, date, 版次, 版名: page_meta reads it into the page's PageInfo
        return "banner"
    if len(t) <= 120 and _CAPTION.match(t) and not t.endswith(("。", "；")):
        return "other"
    return None


def split_jump_lines(text: str) -> tuple[str, list[str]]:
    """Take jump lines (（下转第4版）) out of a paragraph; return the rest and what was taken."""
    found = [m.group(0) for m in JUMP.finditer(text)]
    if not found:
        return text, []
    return JUMP.sub("", text).strip(), found


def is_slogan_shape(text: str) -> bool:
    return text.rstrip().endswith(("！", "!")) and len(text) <= 60
