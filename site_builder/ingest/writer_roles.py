"""Bylines that name each writer's part in the writing.

Oral accounts, interviews and reports credit their writers by what each did: 口述：王某　整理：
李某 (the part before the names), 王某　口述　李某　整理, 王某/文 or 王某（执笔） (the part
after the name), 执笔：王某, 【作者】王某; and 王某　李某　等 names the first writers of more.
The parts are labels, as a marker or 作者： is: a line made only of such labels and names is a
marked byline of the names. A line without any such label is left as it is, so this never
changes how any other line reads.
"""
from __future__ import annotations

import re

from site_builder.ingest.typography import CJK

# the writers' parts a byline prints (told, written down, drafted, written, reported,
# translated)
PARTS = ("口述", "整理", "执笔", "撰文", "撰稿", "采写", "编译", "翻译")
_PART = "|".join(PARTS)
# a part before its names: 口述：王某, 整理｜李某, and 作者 as a part: 作者：王某, 【作者】王某
_LEAD = re.compile(rf"(?:^|(?<=\s))(?:(?:{_PART}|作者)\s*[:：｜|丨]\s*|[【〔\[]作者[】〕\]]\s*)")
# a part after its name: 王某　整理, 王某/文 (文 alone only after a slash: 冯 文 is a name
# printed with a justification space), 王某（执笔）; and 等 (et al.) closing the names
_AFTER = re.compile(rf"(?<=[{CJK}])\s*[/／]\s*(?:{_PART}|文)(?=\s|$)|(?<=[{CJK}])\s+(?:{_PART})(?=\s|$)"
                    rf"|(?<=[{CJK}])\s*[（(](?:{_PART})[）)]|(?<=[{CJK}])\s+等$")
# (等 right after the last name only on a marked line: 土地、资金、环评等 is a series of words
# a column cut from a sentence)
_MARKED_ET_AL = re.compile(rf"(?<=[{CJK}])等$")
_BRACKETS = re.compile(r"^[（(]\s*(.+?)\s*[）)]$")


def parts_as_marker(text: str, markers: str) -> str:
    """The line as a marked byline of its names when it names the writers' parts (口述：王某
    整理：李某 -> ■王某 李某); the line unchanged when it names none."""
    inner = _BRACKETS.match(text)
    body = inner.group(1) if inner and _LEAD.match(inner.group(1)) else text
    stripped = _AFTER.sub(" ", _LEAD.sub(" ", body))
    if body[:1] in markers:
        stripped = _MARKED_ET_AL.sub("", stripped)
    if stripped == body or not stripped.strip():
        return text
    return markers[0] + " ".join(stripped.strip().lstrip(markers).split())
