"""Closing lines: the reprint line (原载…《人民日报》, 据…, 来源：…, a web copy's citation),
the writer's unit (作者单位：…, 作者系…, （某某大学教授）) and the funding note (本文系…成果)
an article prints after its text, read into the fields they give."""
from __future__ import annotations

import re

from site_builder.ingest.metadata import CLOSING, NAME_PATTERN, OPENING, POSTS, UNITS, mask_unit_aliases, names_unit, unmask_info
from site_builder.ingest.names import plausible_name

_LEAD_SOURCE = r"原载|原刊于|原刊|刊于|刊发于|刊登于|发表于|刊载于|转载自|转自|摘自|选自|摘编自|节选自|摘录自|来源[:：]|据|载"
# (the lead may open with 本文, 此文, 原文 or 文章: 本文转自…, 文章来源：…, 原文刊发于…)
_SOURCE = re.compile(rf"^[{OPENING}]?\s*((?:本文|此文|原文|文章)?(?P<lead>{_LEAD_SOURCE})\s*.*?)\s*[{CLOSING}]?\s*$")
# a web copy's citation: 《人民日报》（2024年06月21日 09版）
_CITATION = re.compile(r"^《\s*([^》]{2,20}?)\s*》\s*[（(]\s*((?:19|20)\d\d\s*年[^（()）]{2,20}?版)\s*[）)]$")
# the writer's unit, then the reprint line, in one pair of brackets: （作者单位：…；原载《…》）
_UNIT_THEN_SOURCE = re.compile(rf"^[{OPENING}]\s*(?P<unit>作者[^；;]{{2,80}}?)\s*[；;]\s*(?P<source>[^；;]+?)\s*[{CLOSING}]$")
_PAPER = re.compile(r"《([^》]{2,20})》")
_AUTHOR_PART = re.compile(r"[，,；;\s]*(作者(?:单位)?\s*[:：系为是]?|作者系|作者为|作者是)\s*(.+)$")
# (several writers: 作者分别为…、…; the lead may name the article: 本文作者：…)
# (an author's note: 作者简介：…, 【专家简介】…)
_BIO_LEAD = r"[【\[〔]?\s*(?:作者|专家)(?:简介|介绍)\s*[】\]〕]?\s*[:：]?"
_LEAD_AFFILIATION = rf"(?P<bio>{_BIO_LEAD})|(?:本文)?作者(?:单位)?\s*(?:分别)?\s*(?:[:：]|系|为|是)|作者单位"
_AFFILIATION = re.compile(rf"^[{OPENING}]?\s*(?:{_LEAD_AFFILIATION})\s*(?P<rest>.+?)\s*[{CLOSING}]?\s*$")
# the funding or project note that often follows the unit: “，本文为…成果”
_NOTE = re.compile(r"[，,；;。]\s*((?:本文|此文|该文)(?:为|系|是|受).*|(?:基金|课题)项目.*)$")
# … or stands as a closing line of its own: 本文系…项目（…）的阶段性成果。 The same line may say
# what the text was first: 本文为作者在…上的发言（节选）, 本文是…的演讲
_NOTE_LINE = re.compile(r"^[（(【〔\[]?\s*((?:本文|此文|该文)(?:为|系|是|受)\S.{4,150}?"
                        r"(?:成果|资助|支持|发言|讲话|演讲|报告|致辞|节选|摘编|摘要)(?:稿|提纲)?[。.]?)\s*[）)】〕\]]?$")
_WRITERS_LINE = re.compile(r"^[（(]\s*((?:执笔人?|撰稿人?|整理)\s*[:：]\s*[^（()）]{2,40}?)\s*[）)]$")
# … or the names first: （王某 李某 整理）; and an editor's word that the text was cut: （本文有删节）
_WRITERS_AFTER = re.compile(rf"^[（(]\s*((?:{NAME_PATTERN}[\s、，,]*){{1,4}}(?:执笔|撰稿|整理))\s*[）)]$")
_CUT_NOTE = re.compile(r"^[（(]\s*((?:本文|原文|文章)?(?:(?:略有|有所|有)?(?:删节|删改)|节选|摘编|摘录)[。.]?)\s*[）)]$")
# … and the date the text was written or delivered, alone in brackets at its end: （2024年3月1日）
_DATED_LINE = re.compile(r"^[（(]\s*((?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月"
                         r"(?:[\d一二三四五六七八九十]{1,3}日)?)\s*[）)]$")
# an author's note opens with the writer's name: 作者简介：王某，某某大学教授
_NOTE_NAME = re.compile(rf"^{NAME_PATTERN}[，,]\s*")


def parse_source(text: str) -> dict | None:
    """A reprint line: （原载6月21日《人民日报》） / （据《X日报》作者为…） / 来源：人民网 /
    《人民日报》（2024年06月21日 09版） / （作者单位：…；原载《…》）."""
    return unmask_info(_source(mask_unit_aliases(text))) if len(text) <= 160 else None


def _source(text: str) -> dict | None:
    cited = _CITATION.match(text.strip())
    if cited:
        return {"source": " ".join(text.split()), "source_paper": cited.group(1).strip()}
    paired = _UNIT_THEN_SOURCE.match(text.strip())
    if paired:
        source, unit = _source(paired.group("source")), _affiliation(f"（{paired.group('unit')}）")
        return {**unit, **source} if source and unit else None
    m = _SOURCE.match(text)
    if not m:
        return None
    body = m.group(1)
    lead = m.group("lead")
    paper = _PAPER.search(body)
    bracketed = text[:1] in "（(〔[【"
    if lead in ("据", "载") and not (paper and paper.start() - m.end("lead") + m.start(1) <= 12):
        return None
    if not paper and not (bracketed or lead.startswith("来源")):
        return None
    info: dict = {"source": body,
                  "source_paper": paper.group(1) if paper else _plain_paper(body[m.start("lead") - m.start(1):], lead)}
    author = _AUTHOR_PART.search(body)
    if author and (not paper or author.start() >= paper.end()):
        info["source"] = body[:author.start()].rstrip("，,；; ")
        info.update(_split_note(author.group(2)))
    return info


def _plain_paper(body: str, lead: str) -> str | None:
    rest = body[len(lead):].strip(" ：:")
    return rest if 1 < len(rest) <= 20 else None


# the writer named between the lead-in and the unit: （作者王某系某某大学教授）
_NAMED_AFFILIATION = re.compile(rf"^[{OPENING}]?\s*作者\s*(?!单位|简介|分别)(?P<name>{NAME_PATTERN})\s*(?:系|为|是)\s*(?P<rest>.+?)\s*[{CLOSING}]?\s*$")
# … or the unit after the name in brackets: 作者：王某（某某大学教授）
_NAME_THEN_UNIT = re.compile(rf"^[{OPENING}]?\s*作者\s*[:：/／｜|丨]?\s*(?P<name>{NAME_PATTERN})\s*[（(]\s*(?P<rest>[^（()）]{{2,40}}?)\s*[）)]\s*[{CLOSING}]?\s*$")


def parse_affiliation(text: str) -> dict | None:
    """（作者单位：…） / （作者系…） / 作者单位系… / （作者：王某，系…） / （作者王某系…） /
    （某某大学教授）; the funding note is kept apart."""
    return unmask_info(_affiliation(mask_unit_aliases(text))) if len(text) <= 160 else None


def _affiliation(text: str) -> dict | None:
    m = _NAMED_AFFILIATION.match(text) or _unit_in_brackets(text)
    if m and plausible_name(m.group("name")):
        return {**_split_note(m.group("rest").rstrip("。")), "names": [m.group("name")]}
    m = _AFFILIATION.match(text)
    if not m:
        return _bare_unit(text)
    named = _NOTE_NAME.match(m.group("rest"))
    rest = m.group("rest")[named.end() if named else 0:].rstrip("。")
    if named:  # (作者：王某，系某某大学教授: the unit without its lead-in)
        rest = re.sub(r"^(?:系|为|是)\s*", "", rest)
    if _only_names(rest):
        return None  # 作者：王某 (or 作者：王某　李某) names the writers: a byline
    info = _split_note(rest)
    if m.group("bio"):  # (the note's other clauses go with the funding note: nothing of it is lost)
        info["affiliation"], other = _unit_clauses(info["affiliation"])
        if other:
            info["note"] = "；".join(filter(None, [other, info.get("note")]))
    if named:
        info["names"] = [named.group(0).rstrip("，, ")]
    return info


def _only_names(text: str) -> bool:
    """王某, or 王某　李某: writers' names, none of them a unit or a post."""
    names = text.split()
    return 0 < len(names) <= 4 and all(re.fullmatch(NAME_PATTERN, n) and len(n) <= 4 and not n.endswith(POSTS + UNITS)
                                       for n in names)


def _unit_clauses(note: str) -> tuple[str, str]:
    """An author's note's clauses that name a unit or a post, and the others (男，1975年生，
    某某大学教授，主要研究方向为… gives 某某大学教授 and 男，1975年生，主要研究方向为…); all of
    it the unit when no clause names one."""
    clauses = [c.strip() for c in re.split(r"[，,；;]", note)]
    units = [c for c in clauses if names_unit(c)]
    if not units:
        return note, ""
    return "，".join(units), "，".join(c for c in clauses if c and not names_unit(c))


def _unit_in_brackets(text: str) -> re.Match | None:
    m = _NAME_THEN_UNIT.match(text)
    return m if m and names_unit(m.group("rest")) else None


# a writer's unit or post alone in brackets, with no lead-in: （某某大学马克思主义学院教授）
_BARE_UNIT = re.compile(r"^[（(]\s*([^（()）。；，,：:《》]{4,40}?)\s*[）)]$")


def _bare_unit(text: str) -> dict | None:
    m = _BARE_UNIT.match(text.strip())
    return {"affiliation": m.group(1)} if m and names_unit(m.group(1)) else None


def ends_on_unit(text: str) -> bool:
    """The text ends on a unit's or a post's name (…有限公司, …党校, …教授)."""
    return text.strip().rstrip("）)").endswith(POSTS + UNITS)


def parse_note(text: str) -> dict | None:
    """A funding or project note printed as a closing line of its own (本文系…阶段性成果),
    the line naming who wrote the article up (（执笔：王某 李某）, （王某 整理）), or the
    editor's word that the text was cut (（本文有删节）), or the date the text was written or
    delivered (（2024年3月1日）)."""
    text = text.strip()
    m = _NOTE_LINE.match(text) or _WRITERS_LINE.match(text) or _WRITERS_AFTER.match(text) or _CUT_NOTE.match(text) \
        or _DATED_LINE.match(text)
    return {"note": " ".join(m.group(1).split())} if m else None


def _split_note(rest: str) -> dict:
    rest = rest.strip().rstrip("）)")
    note = _NOTE.search(rest)
    if note:
        return {"affiliation": rest[:note.start()].strip(), "note": note.group(1).strip()}
    return {"affiliation": rest}
