"""Page furniture: what a newspaper page prints around its articles and no article owns.

Submission notices, editor lines, jump lines (（下转第4版）), photo captions and credits
(leftovers of their own kind, `caption`), separators, page headers. Slogans are recognised later, by position (a line no article body follows).
"""
from __future__ import annotations

import re

from site_builder.ingest import shapes
from site_builder.ingest.lines import Unit
from site_builder.ingest.metadata import MARKERS
from site_builder.ingest.page_head import read_head
from site_builder.ingest.typography import CJK

_NUM = r"[0-9一二三四五六七八九十百零〇]+"
_NOTICE = re.compile(r"(投稿邮箱|投稿信箱|来稿|邮件主题|电子邮箱|联系电话|本版编辑|责任编辑|责编|美术编辑|美编|"
                     r"版式设计|图片编辑|校对|本版稿件|欢迎投稿|征稿|版权声明|未经授权|栏目主持|本版主持)")
# a prompt to scan the page's QR code (扫描二维码阅读全文, 扫码收听): a line that opens with it
_SCAN = re.compile(r"^[（(]?(?:请|欢迎)?(?:扫描|扫一扫|长按识别|长按|识别|扫)[^，。]{0,4}二维码|^[（(]?扫码")
# a mark that ends an article or its part on this page, alone on its line: （完）, （全文完）,
# （待续）, （未完待续）, （续完）, a part's mark （上）: the article's end, not its text
# (and a marker alone on its line, where it marks no byline under it: an article's end mark)
_END_MARK = re.compile(rf"^[（(]\s*(?:全文|续)?完\s*[）)]$|^[（(]\s*(?:未完)?待续\s*[）)]$|^[{MARKERS}]$"
                       r"|^[（(]\s*[上中下]\s*[）)]$")
# a paper's name in Latin letters (RENMIN RIBAO)
_LATIN_MASTHEAD = re.compile(r"^[A-Z]{2,}(?:\s+[A-Z]{2,}){0,4}$")
# the paper's colophon and contact lines: 联系邮箱：…, 本报地址：…, 定价：…, a web address alone
_CONTACT = re.compile(r"^(?:联系|投稿|编辑部|本报|本刊)?(?:邮箱|电话|传真|地址|社址|邮编|邮政编码|定价|零售价|网址)\s*[:：]"
                      r"|国内统一连续出版物号|^(?:https?://|www\.)\S+$")
# an article's keyword line (【关键词】数字乡村；产业升级), printed under its summary: not body text
_KEYWORDS = re.compile(r"^[【\[〔]?\s*关键词\s*[】\]〕]?\s*[:：]?\s*\S.{0,60}$")
# (a Chinese dash alone, ——, is a rule too: a dash that leads a subtitle has its words after it)
_SEPARATOR = re.compile(r"^(?:——|[\s\-—–=_*·•～~#※◆◇○●■□▲△]{3,})$")
# A photo's or chart's credit: who took or drew it (新华社记者 李明 摄, 张华 供图, 制图：王芳),
# who sent it (新华社发), where it is from (照片由作者提供, 本版图片除署名外均由…提供, 资料图片,
# 本版图片均为资料图;
# a chart's 数据来源：…).
_NAME = rf"[{CJK}·]{{1,4}}(?:\s[{CJK}·]{{1,4}})?"
_CREDIT = (rf"(?:(?:[{CJK}]{{0,6}}(?:记者|通讯员)\s*)?{_NAME}\s*(?<!拍)(?:摄影?|供图|制图)"
           rf"|[{CJK}]{{2,8}}(?:社|网|报)发(?:\s*{_NAME}\s*作)?|{_NAME}\s+作|视觉中国|CFP|IC\s*photo|(?:制图|摄影|绘图|插图|插画|漫画|图片来源|数据来源|资料来源)[:：]\s*[^。；]{{1,20}}"
           rf"|(?:本版)?(?:照片|图片|图像|插图|配图)(?:均|除署名外均?)?(?:由|来自|来源于).{{1,30}}?(?:提供)?"
           rf"|(?:本版)?(?:照片|图片|配图)(?:均|除署名外均?)?(?:为|系)资料(?:图片?|照片)|资料(?:图片|照片))")
_CREDIT_LINE = re.compile(rf"[（(]?{_CREDIT}[）)]?")
# what opens a caption: 图为…, 上图/左图…, 图①…, 图1：…, 图：…
_CAPTION_LEAD = re.compile(r"^(?:图为|[上下左右]图|图[①-⑩]|图\s*[0-9一二三四五六七八九十]+\s*[:：]|图[:：/]|图片[:：/])")
_CAPTION_ENDS_ON_CREDIT = re.compile(rf"(?:\s|[。，]|[（(])\s*{_CREDIT}[）)]?$")
CAPTION_MAX = 120  # a caption is a line or two under a photo, never a column of text
_SENTENCE_END = re.compile(r"[。！？]")
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
    if shapes.JUMP.fullmatch(t) or (len(t) <= 160 and _CONTACT.search(t)):
        return "notice"
    if shapes.PAGE_NUMBER.match(t) or _END_MARK.match(t):
        return "other"
    if len(t) >= 6 and _LATIN_MASTHEAD.match(t):
        return "banner"
    if len(t) <= 30 and _SCAN.match(t):
        return "notice"
    if _KEYWORDS.match(t) and not _SENTENCE_END.search(t):
        return "other"
    if len(t) <= 120 and _NOTICE.search(t) and ("@" in t or re.search(r"\d{5,}", t) or len(t) <= 30):
        return "notice"
    if len(t) <= 40 and _PAGE_HEAD.match(t):
        return "other"
    if read_head(t):  # paper, date, 版次, 版名: page_meta reads it into the page's PageInfo
        return "banner"
    if is_caption(t):
        return "caption"
    return None


def is_caption(text: str) -> bool:
    """A photo's or chart's caption or credit line: a credit alone (（新华社发）, 照片由作者提供,
    新华社记者 李明 摄, 制图：王芳), or a line opening as captions do (图为…, 左图…, 图①…) that ends
    on a credit or says one thing (at most one sentence, ending the line). Body text may open
    with 图为 too, but runs on: several sentences, or more than a caption's length."""
    t = text.strip()
    if len(t) > CAPTION_MAX:
        return False
    if _CREDIT_LINE.fullmatch(t):
        return True
    if t[:1] in "▲△":  # a photo's marker: the caption ends on its credit (▲ 某地村民… 新华社记者 李明 摄)
        return bool(_CAPTION_ENDS_ON_CREDIT.search(t))
    if not _CAPTION_LEAD.match(t):
        return False
    if _CAPTION_ENDS_ON_CREDIT.search(t):
        return True
    ends = _SENTENCE_END.findall(t)
    return not ends or (len(ends) == 1 and t.endswith("。") and len(t) <= CAPTION_MAX // 2)


def split_jump_lines(text: str) -> tuple[str, list[str]]:
    """Take jump lines (（下转第4版）) out of a paragraph; return the rest and what was taken."""
    found = [m.group(0) for m in shapes.JUMP.finditer(text)]
    if not found:
        return text, []
    return shapes.JUMP.sub("", text).strip(), found


def is_slogan_shape(text: str) -> bool:
    return text.rstrip().endswith(("！", "!")) and len(text) <= 60


def mark_page_breaks(units: list[Unit]) -> None:
    """A page number printed alone stands where a page ended: the text unit above it that
    stops in mid-sentence is the first half of a paragraph the page break cut, not a
    subheading (a typesetter never leaves a subheading at the foot of a page)."""
    for i, unit in enumerate(units):
        if unit.kind != "furniture" or not shapes.PAGE_NUMBER.match(unit.text.strip()):
            continue
        above = next((u for u in reversed(units[:i]) if u.kind != "furniture"), None)
        if above is not None and above.kind == "text" and shapes.dangling(above.text):
            above.read_as_cut = True
