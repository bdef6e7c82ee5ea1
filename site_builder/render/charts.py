"""The archive overview on the home page: bar charts drawn at build time as inline SVG.

No charting library or CDN: each chart is a few <rect>s and <text>s with a <title> and
<desc>, plus a plain list that screen readers (and text browsers) read instead.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from site_builder.model import Archive

UNDATED = "日期不详"


@dataclass
class Bar:
    label: str
    value: int
    url: str | None = None


@dataclass
class Chart:
    key: str  # used for element ids
    title: str
    unit: str
    bars: list[Bar]

    @property
    def maximum(self) -> int:
        return max((b.value for b in self.bars), default=0)


def overview_charts(archive: Archive, bars: int) -> list[Chart]:
    years = Counter(str(e.date.year) if e.date else UNDATED for e in archive.entries)
    year_bars = [Bar(y, years[y]) for y in sorted(y for y in years if y != UNDATED)]
    if UNDATED in years:
        year_bars.append(Bar(UNDATED, years[UNDATED]))
    charts = [Chart("years", "各年文章数", "篇", year_bars)]
    for key, title in (("topics", "文章最多的主题"), ("authors", "文章最多的作者"), ("sources", "转载最多的来源")):
        terms = sorted(archive.taxonomies[key].terms, key=lambda t: -len(t.entries))[:bars]
        charts.append(Chart(key, title, "篇", [Bar(t.name, len(t.entries), t.url) for t in terms]))
    return [c for c in charts if c.bars]
