"""Browsing by date: the archive's years, their months and the days with articles.

URLs: /dates/ (every year), /dates/2024/, /dates/2024/06/, /dates/2024/06/20/, and
/dates/undated/ for the articles whose date is not known (日期不详). Within a year, months and
days run in calendar order, as a reader leafs through an archive; years run newest first.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypeVar

from site_builder.model import Archive, Entry

DATES_URL = "/dates/"
UNDATED_URL = "/dates/undated/"
WEEKDAYS = "一二三四五六日"
T = TypeVar("T")


@dataclass
class Day:
    date: dt.date
    entries: list[Entry] = field(default_factory=list)

    @property
    def url(self) -> str:
        return day_url(self.date)

    @property
    def weekday(self) -> str:
        return "星期" + WEEKDAYS[self.date.weekday()]


@dataclass
class Month:
    year: int
    month: int
    days: list[Day] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"{DATES_URL}{self.year}/{self.month:02d}/"

    @property
    def count(self) -> int:
        return sum(len(d.entries) for d in self.days)


@dataclass
class Year:
    year: int
    months: list[Month] = field(default_factory=list)

    @property
    def url(self) -> str:
        return year_url(self.year)

    @property
    def count(self) -> int:
        return sum(m.count for m in self.months)

    def month(self, number: int) -> Month | None:
        return next((m for m in self.months if m.month == number), None)


def year_url(year: int) -> str:
    return f"{DATES_URL}{year}/"


def day_url(date: dt.date) -> str:
    return f"{DATES_URL}{date.year}/{date.month:02d}/{date.day:02d}/"


def calendar(archive: Archive) -> list[Year]:
    """The dated articles by year (newest first), month and day (calendar order); each day's
    articles in archive order."""
    days: dict[dt.date, Day] = {}
    for entry in archive.entries:
        if entry.date:
            days.setdefault(entry.date, Day(entry.date)).entries.append(entry)
    years: dict[int, Year] = {}
    for date in sorted(days):
        year = years.setdefault(date.year, Year(date.year))
        if not year.months or year.months[-1].month != date.month:
            year.months.append(Month(date.year, date.month))
        year.months[-1].days.append(days[date])
    return sorted(years.values(), key=lambda y: -y.year)


def undated(archive: Archive) -> list[Entry]:
    return [e for e in archive.entries if not e.date]


def neighbours(items: list[T]) -> list[tuple[T | None, T, T | None]]:
    """Each item with the one before and after it (None at the ends)."""
    return [(items[i - 1] if i else None, item, items[i + 1] if i + 1 < len(items) else None)
            for i, item in enumerate(items)]
