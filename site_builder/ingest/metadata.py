"""Reading the genre's metadata lines: bylines, reprint lines, author units, summary labels,
kickers and series banners. Every pattern here is a form of the genre, never a sample's words.
"""
from __future__ import annotations

import re

from site_builder.ingest.typography import CJK

MARKERS = "■●▲◆□○◇★☆▼►•"
_OPEN, _CLOSE = re.escape("（(〔[【"), re.escape("）)〕]】")

# A name: 2-5 Chinese characters (a minority name may carry a middle dot).
_NAME = rf"[{CJK}](?:[{CJK}·]{{0,3}}[{CJK}])"
_BYLINE_MARKED = re.compile(rf"^[{MARKERS}]\s*((?:文[/／]|作者[:：]\s*)?(?:{_NAME}|[{CJK}](?:\s+[{CJK}]){{1,3}})"
                            rf"(?:[\s、，,]+(?:{_NAME}))*)\s*$")
_BYLINE_PLAIN = re.compile(rf"^(?:文[/／]|作者[:：]\s*)?((?:{_NAME}|[{CJK}](?:\s+[{CJK}]){{1,3}})(?:[\s、，,]+{_NAME}){{0,3}})$")
# e.g. 本报评论员, 本报记者 张三: a staff byline
_BYLINE_STAFF = re.compile(rf"^[{MARKERS}]?\s*(本报(?:特约)?评论员|本报(?:记者|通讯员)[\s{CJK}、]*|评论员)\s*$")

_LEAD_SOURCE = r"原载|原刊于|原刊|刊于|转载自|转自|摘自|选自|摘编自|来源[:：]|据|载"
_SOURCE = re.compile(rf"^[{_OPEN}]?\s*((?P<lead>{_LEAD_SOURCE})\s*.*?)\s*[{_CLOSE}]?\s*$")
_PAPER = re.compile(r"《([^》]{2,20})》")
_AUTHOR_PART = re.compile(r"[，,；;\s]*(作者(?:单位)?\s*[:：系为是]?|作者系|作者为|作者是)\s*(.+)$")
_LEAD_AFFILIATION = r"作者单位\s*[:：系为是]?|作者系|作者为|作者是|作者[:：]"
_AFFILIATION = re.compile(rf"^[{_OPEN}]?\s*(?:{_LEAD_AFFILIATION})\s*(.+?)\s*[{_CLOSE}]?\s*$")
# the funding or project note that often follows the unit: “，本文为…成果”
_NOTE = re.compile(r"[，,；;。]\s*((?:本文|此文|该文)(?:为|系|是|受).*|(?:基金|课题)项目.*)$")

_SUMMARY_LABEL = re.compile(r"^[【\[〔]?\s*(内容提要|核心提示|内容摘要|摘要|提要|导读|导语)\s*[】\]〕]?\s*[:：]?\s*(.*)$")

_BANNER = re.compile(r"^【([^】]{1,24})】$")
_CAMPAIGN = re.compile(rf"^(?:深入)?(?:学习|宣传|贯彻|领会|落实|研究阐释)[{CJK}、]{{0,6}}[{CJK}“”《》、·0-9]{{2,30}}"
                       r"(?:精神|思想|论述|讲话|指示|批示|决定|要求)$")
_COLUMN = re.compile(rf"^[{CJK}“”\"《》·]{{1,14}}(?:时评|笔谈|短评|新论|专论|论坛|观察|随笔|漫谈|评论|札记|一线|视点|谈)$")
_SUBTITLE = re.compile(r"^[—–-]{1,2}\s*\S.{2,40}$")


def parse_byline(text: str, *, marked_only: bool = False) -> list[str] | None:
    """Names of a byline line (■李奕 / 陆 静 / 张三 李四), or None when it is not one."""
    text = text.strip()
    m = _BYLINE_STAFF.match(text)
    if m:
        return [re.sub(r"\s+", " ", m.group(1)).strip()]
    m = _BYLINE_MARKED.match(text)
    if not m and not marked_only and not text.startswith(tuple(MARKERS)):
        m = _BYLINE_PLAIN.match(text)
    if not m:
        return None
    return split_names(re.sub(r"^(?:文[/／]|作者[:：])\s*", "", m.group(1)))


def split_names(names: str) -> list[str]:
    parts = [p for p in re.split(r"[\s、，,]+", names) if p]
    if all(len(p) == 1 for p in parts):  # justification spaces inside one name: 陆 静
        return ["".join(parts)]
    return parts


def parse_source(text: str) -> dict | None:
    """A reprint line: （原载6月21日《人民日报》） / （据《X日报》作者为…） / 来源：人民网."""
    m = _SOURCE.match(text)
    if not m or len(text) > 160:
        return None
    body = m.group(1)
    lead = m.group("lead")
    paper = _PAPER.search(body)
    bracketed = text[:1] in "（(〔[【"
    if lead in ("据", "载") and not (paper and paper.start() - len(lead) <= 12):
        return None
    if not paper and not (bracketed or lead.startswith("来源")):
        return None
    info: dict = {"source": body, "source_paper": paper.group(1) if paper else _plain_paper(body, lead)}
    author = _AUTHOR_PART.search(body)
    if author and (not paper or author.start() >= paper.end()):
        info["source"] = body[:author.start()].rstrip("，,；; ")
        info.update(_split_note(author.group(2)))
    return info


def _plain_paper(body: str, lead: str) -> str | None:
    rest = body[len(lead):].strip(" ：:")
    return rest if 1 < len(rest) <= 20 else None


def parse_affiliation(text: str) -> dict | None:
    """（作者单位：…） / （作者系…） / 作者单位系… ; the funding note is kept apart."""
    m = _AFFILIATION.match(text)
    if not m or len(text) > 160:
        return None
    return _split_note(m.group(1))


def _split_note(rest: str) -> dict:
    rest = rest.strip().rstrip("）)")
    note = _NOTE.search(rest)
    if note:
        return {"affiliation": rest[:note.start()].strip(), "note": note.group(1).strip()}
    return {"affiliation": rest}


def parse_summary_label(text: str) -> str | None:
    """The text after a 内容提要/核心提示 label ("" when the label stands alone), None otherwise."""
    m = _SUMMARY_LABEL.match(text.strip())
    if not m:
        return None
    rest = m.group(2).strip()
    if not rest and len(text.strip()) > 8:
        return None
    return rest


def is_kicker(text: str) -> bool:
    """A column banner or series line: 【学思践悟】, 学习贯彻…精神, “…”时评, ——副题."""
    text = text.strip()
    if len(text) > 40 or text.endswith(("。", "！", "？", "；")):
        return False
    return bool(_BANNER.match(text) or _CAMPAIGN.match(text) or _COLUMN.match(text) or _SUBTITLE.match(text))


def is_bullet(text: str) -> bool:
    return text[:1] in MARKERS and len(text) > 12


def strip_bullet(text: str) -> str:
    return text.lstrip(MARKERS).strip()
