"""A news report's writers named in its dateline, at the head of its first paragraph:
本报北京6月5日电（记者 王某）, 本报讯（记者 王某 通讯员 李某）, 新华社北京6月5日电（记者王某、李某）.
The dateline stays the paragraph's text, as printed; it gives the article's authors when no
byline did. An epigraph (a quotation and its source after a dash) may stand over that first
paragraph."""
from __future__ import annotations

import re

from site_builder.ingest.metadata import STAFF_ROLE, split_names
from site_builder.ingest.names import plausible_name
from site_builder.ingest.shapes import is_saying
from site_builder.ingest.typography import CJK

# where and when it was filed (a paper or agency, a place, a date), then 电 or 讯
_DATELINE = re.compile(rf"^(?:本报|[{CJK}]{{2,8}}?(?:社|网|台|报))[{CJK}]{{0,8}}?(?:\d{{1,2}}月\d{{1,2}}日)?[电讯]\s*"
                       r"[（(]\s*(?P<writers>[^（()）]{3,40}?)\s*[）)]")


def opening_writers(blocks: list[str]) -> list[str]:
    """The writers the dateline names at the head of the text (its first block, or the one
    under an epigraph)."""
    for text in blocks[:2]:
        found = writers(text)
        if found or not is_saying(text):
            return found
    return []


def writers(first_paragraph: str) -> list[str]:
    """The writers a dateline names (role words left out), or none."""
    m = _DATELINE.match(first_paragraph)
    if not m or not STAFF_ROLE.match(m.group("writers").strip()):
        return []
    names = split_names(STAFF_ROLE.sub(" ", m.group("writers")))
    return names if names and all(plausible_name(name) and len(name) <= 4 for name in names) else []
