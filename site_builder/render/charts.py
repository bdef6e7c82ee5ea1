"""The archive overview on the home page: bar charts drawn at build time as inline SVG.

No charting library or CDN: each chart is a few <rect>s and <text>s laid out here, in
SVG user units that match CSS pixels at the width the home page gives a chart (about
340 px), so that labels stay readable on a phone and in the desktop sidebar alike.
The template (`partials/chart.html`) draws the shapes and adds a <title>, a <desc> that
says every value in words, and a data table with links for keyboard and screen-reader use.

Two layouts: `columns` for articles per year (time runs left to right) and `bars` for the
ranked charts (largest topics, authors and sources), one labelled row per term.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from site_builder.model import Archive
from site_builder.render.timeline import DATES_URL, UNDATED_URL, year_url

UNDATED = "日期不详"

WIDTH = 340  # user units; the SVG scales with its box (viewBox), text is ~13 px at this width
ROW = 30  # height of one row of a bar chart
LABEL_W = 104  # label column of a bar chart
VALUE_W = 34  # room right of the longest bar for its value
LABEL_CHARS = 7  # CJK characters that fit in LABEL_W at 13 px
COLUMN_H = 120  # plot height of a column chart
AXIS_H = 24  # room under the columns for the year labels
TOP = 18  # room above the tallest column for its value


@dataclass
class Bar:
    label: str
    value: int
    url: str | None = None
    muted: bool = False  # drawn in grey: not a real category (日期不详)
    # layout, filled in by `layout()`: the bar's rectangle, where its label and value go
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    label_x: float = 0.0
    label_y: float = 0.0
    value_x: float = 0.0
    value_y: float = 0.0
    short_label: str = ""


@dataclass
class Chart:
    key: str  # used for element ids
    title: str
    unit: str
    bars: list[Bar]
    kind: str = "bars"  # "bars" (ranked, horizontal) | "columns" (years, vertical)
    more_url: str | None = None  # the full list (an index page), when there is one
    more_label: str = ""
    width: float = WIDTH
    height: float = 0.0
    baseline: float = 0.0  # y of the axis line of a column chart
    notes: list[str] = field(default_factory=list)
    undated: int = 0  # articles without a date (years chart), told in a note

    @property
    def maximum(self) -> int:
        return max((b.value for b in self.bars), default=0)

    @property
    def total(self) -> int:
        return sum(b.value for b in self.bars)

    @property
    def description(self) -> str:
        """Every value in words: the SVG's <desc>, read by screen readers instead of the shapes."""
        parts = [f"{b.label} {b.value} {self.unit}" for b in self.bars]
        if self.undated and not any(b.muted for b in self.bars):
            parts.append(f"{UNDATED} {self.undated} {self.unit}")
        return f"{self.title}：" + "；".join(parts) + "。"


def overview_charts(archive: Archive, bars: int) -> list[Chart]:
    years = Counter(str(e.date.year) if e.date else UNDATED for e in archive.entries)
    dated = sorted(int(y) for y in years if y != UNDATED)
    # every year from the first to the last, so that a year without articles shows as a gap
    span = range(dated[0], dated[-1] + 1) if dated else range(0)
    # each year with articles links to its page of the date view
    year_bars = [Bar(str(y), years.get(str(y), 0), year_url(y) if years.get(str(y)) else None) for y in span]
    undated = years.get(UNDATED, 0)
    if undated and not year_bars:  # nothing is dated: one grey column says so
        year_bars.append(Bar(UNDATED, undated, UNDATED_URL, muted=True))
    year_chart = Chart("years", "各年文章数", "篇", year_bars, kind="columns",
                       more_url=DATES_URL, more_label="按日期浏览", undated=undated)
    if undated:  # not drawn beside the years: it is no year, and would dwarf them
        year_chart.notes.append(f"{'全部' if not dated else '另有 '}{undated} 篇文章的刊发日期不详。")
    charts = [year_chart]
    for key, title in (("topics", "文章最多的主题"), ("authors", "文章最多的作者"), ("sources", "转载最多的来源")):
        taxonomy = archive.taxonomies[key]
        # stable: ties keep the taxonomy's own display order (pinyin for authors)
        terms = sorted(taxonomy.terms, key=lambda t: -len(t.entries))[:bars]
        chart = Chart(key, title, "篇", [Bar(t.name, len(t.entries), t.url) for t in terms],
                      more_url=taxonomy.url, more_label=f"全部{len(taxonomy.terms)}个{taxonomy.label}")
        charts.append(chart)
    charts = [c for c in charts if c.bars]
    for chart in charts:
        layout(chart)
    return charts


def layout(chart: Chart) -> Chart:
    """Place every bar and text of the chart (SVG user units, origin top left)."""
    if chart.kind == "columns":
        _layout_columns(chart)
    else:
        _layout_bars(chart)
    return chart


def _layout_bars(chart: Chart) -> None:
    top = chart.maximum or 1
    room = chart.width - LABEL_W - VALUE_W
    for i, bar in enumerate(chart.bars):
        bar.short_label = shorten(bar.label, LABEL_CHARS)
        bar.x, bar.y, bar.h = LABEL_W, i * ROW + 7, ROW - 14
        bar.w = round(max(2.0, bar.value / top * room), 1)
        bar.label_x, bar.label_y = LABEL_W - 8, i * ROW + ROW / 2 + 4.5
        bar.value_x, bar.value_y = LABEL_W + bar.w + 6, bar.label_y
    chart.height = len(chart.bars) * ROW


def _layout_columns(chart: Chart) -> None:
    top = chart.maximum or 1
    n = len(chart.bars)
    left, right = 8, 8
    slot = (chart.width - left - right) / max(n, 1)
    column = min(44.0, slot * 0.66)
    # years need about 4 digits of room; label every k-th column when they would collide
    step = max(1, -(-32 // int(slot))) if slot < 32 else 1
    for i, bar in enumerate(chart.bars):
        h = round(max(2.0, bar.value / top * COLUMN_H), 1) if bar.value else 0.0
        bar.x = round(left + i * slot + (slot - column) / 2, 1)
        bar.w, bar.h = round(column, 1), h
        bar.y = TOP + COLUMN_H - h
        bar.value_x, bar.value_y = round(bar.x + column / 2, 1), bar.y - 5
        bar.label_x, bar.label_y = bar.value_x, TOP + COLUMN_H + 17
        show = i % step == 0 or i == n - 1 or bar.muted
        bar.short_label = ("不详" if bar.muted else bar.label) if show else ""
    chart.baseline = TOP + COLUMN_H
    chart.height = TOP + COLUMN_H + AXIS_H


def shorten(text: str, chars: int) -> str:
    """At most `chars` wide (a CJK character is 1, ASCII about 1/2), ending in … when cut."""
    def width(ch: str) -> float:
        return 0.55 if ch.isascii() else 1.0

    if sum(map(width, text)) <= chars:
        return text
    out, used = [], 0.0
    for ch in text:
        if used + width(ch) > chars - 1:
            break
        out.append(ch)
        used += width(ch)
    return "".join(out).rstrip() + "…"
