"""A raw page's PageInfo (paper, issue date, 版次, 版名) and the dates of its articles.

Three sources say it, in this order of precedence:

1. a sidecar an editor writes beside the page: the same stem, `.toml` (see sidecar.py);
2. the page head printed on the page (page_head.py), kept out of the articles as a
   `banner` leftover by furniture.py;
3. the file name: `YYYY-MM-DD[-paper][-NN[-page name]].txt`, e.g. `2024-06-20-人民日报-09.txt`
   or `2024-06-20-光明日报-11-理论.txt`; a name of another shape (the sample pages' hashes) says
   nothing.

Where two say different things the higher one is used and a warning names both values and
where each was read. Every article of the page is dated with the page's date; an article's
原载… line, read with that date's year, gives the original printing's date.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from site_builder.ingest.page_head import WEEKDAYS, read_head
from site_builder.ingest.printed_dates import reprint_date
from site_builder.ingest.sidecar import read_sidecar, sidecar_of
from site_builder.ingest.typography import normalize
from site_builder.model import Leftover, PageInfo, SourceDocument, Warning_

T = TypeVar("T")
FIELDS = ("paper", "date", "page", "page_name")
_LABELS = {"paper": "paper", "date": "date", "page": "page number (版次)", "page_name": "page name (版名)"}
_HEAD_KINDS = ("banner", "other")  # the leftover kinds furniture gives a head's lines
_FILE_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})(?:-(?P<paper>[^-\d][^-]*))?"
                        r"(?:-(?P<page>\d{1,3})(?:-(?P<page_name>[^-]+))?)?$")


@dataclass(frozen=True)
class Said:
    """One source's value for one field, and where it was read (for messages)."""

    value: object
    where: str  # the sidecar 2024-06-20.toml:3 | the page head (line 1) | the file name
    line: int | None = None  # the page's line it stands on, if any


def fill_page_info(doc: SourceDocument) -> None:
    """Set doc.page from its three sources, each article's page and date from it and each
    article's source_date from its 原载… line. A bad sidecar raises ContentError naming it."""
    sources = [_from_sidecar(doc.path), _from_heads(doc), _from_file_name(doc)]
    said = _merge(sources, doc)
    doc.page = PageInfo(_typed(said, "paper", str), _typed(said, "date", dt.date), _typed(said, "page", int),
                        _typed(said, "page_name", str))
    for article in doc.articles:
        article.page, article.date = doc.page, doc.page.date
        article.source_date = reprint_date(article.source, article.date)


def _typed(said: dict[str, Said], name: str, kind: type[T]) -> T | None:
    value = said[name].value if name in said else None
    return value if isinstance(value, kind) else None


def _from_sidecar(page: Path) -> dict[str, Said]:
    path = sidecar_of(page)
    if not path.is_file():
        return {}
    return {name: Said(value, f"the sidecar {path.name}:{line}") for name, (value, line) in read_sidecar(path).items()}


def _from_heads(doc: SourceDocument) -> dict[str, Said]:
    """What the page's head lines say (a head printed over two lines gives two of them)."""
    lines: list[dict[str, Said]] = []
    weekdays: list[tuple[int, int | None]] = []  # (weekday printed, its line)
    for left in doc.leftovers:
        head = read_head(_spaced(left, doc.raw_lines)) or read_head(left.text) if left.kind in _HEAD_KINDS else None
        if head is None:
            continue
        line = left.lines[0].first if left.lines else None
        if head.bad_date:
            doc.warnings.append(Warning_(doc.path, f"the page head prints the date {head.bad_date}, "
                                         "which does not exist; the page's date is not read from it",
                                         line, "page-head-date"))
        if head.weekday is not None:
            weekdays.append((head.weekday, line))
        where = f"the page head (line {line})"
        lines.append({name: Said(getattr(head.info, name), where, line) for name in FIELDS
                      if getattr(head.info, name) is not None})
    said = _merge(lines, doc)
    date = said["date"].value if "date" in said else None
    if isinstance(date, dt.date) and weekdays and weekdays[0][0] != date.weekday():
        printed, line = weekdays[0]
        doc.warnings.append(Warning_(doc.path, f"the page head prints 星期{WEEKDAYS[printed]}, but {date.isoformat()} "
                                     f"is a 星期{WEEKDAYS[date.weekday()]}: is the date misprinted?", line,
                                     "page-head-weekday"))
    return said


def _spaced(left: Leftover, raw_lines: list[str]) -> str:
    """A leftover's text with the gaps its raw lines print between words put back: cleaning
    drops a space between two Chinese characters, and a head needs the one between a page's
    name and a paper's (7 理论 人民日报). The cleaned text where the two do not line up."""
    raw = " ".join(raw_lines[n - 1] for span in left.lines for n in range(span.first, span.last + 1)
                   if n <= len(raw_lines))
    words = [normalize(word) for word in raw.split()]
    text = left.text.replace(" ", "")
    if sum(len(word) for word in words) != len(text):
        return left.text
    spaced, at = [], 0
    for word in words:
        spaced.append(text[at:at + len(word)])
        at += len(word)
    return " ".join(word for word in spaced if word)


def _from_file_name(doc: SourceDocument) -> dict[str, Said]:
    m = _FILE_NAME.match(doc.path.stem)
    if m is None:
        return {}
    try:
        date = dt.date.fromisoformat(m.group("date"))
    except ValueError:
        doc.warnings.append(Warning_(doc.path, f"the file name begins with {m.group('date')}, which is "
                                     "not a date; nothing is read from the name", None, "file-name-date"))
        return {}
    where = f"the file name {doc.path.name}"
    values = {"date": date, "paper": m.group("paper"), "page": m.group("page") and int(m.group("page")),
              "page_name": m.group("page_name")}
    return {name: Said(value, where) for name, value in values.items() if value}


def _merge(sources: list[dict[str, Said]], doc: SourceDocument) -> dict[str, Said]:
    """Each field from the first source that says it; a later one saying otherwise is warned."""
    chosen: dict[str, Said] = {}
    for source in sources:
        for name, said in source.items():
            kept = chosen.setdefault(name, said)
            if kept.value != said.value:
                doc.warnings.append(Warning_(
                    doc.path, f"the page's {_LABELS[name]}: {kept.where} says {_shown(kept.value)}, "
                    f"{said.where} says {_shown(said.value)}; {_shown(kept.value)} is used",
                    said.line or kept.line, "page-meta-conflict"))
    return chosen


def _shown(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)
