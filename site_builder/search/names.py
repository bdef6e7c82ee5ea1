"""What the pf_meta lists of each page and each index chunk: the file loaded before the first
query, so every byte a page or a chunk takes there is paid by every visit.

Pagefind 1.5.2's engine loads, for a word, every listed chunk whose ``from <= word <= to``
(``request_indexes``), from ``index/<name>.pf_index``. A chunk's ``to`` need not be its last
word: it is the shortest string from its last word up to, not including, the next chunk's
first word, and the chunk's file is named by it; its ``from`` is the ``to`` before it (the
first chunk's: "0", below every base-36 word and above the empty term of a search by filters
only), no word of the index unless it is the chunk's last word, and then the least string
above it (``to`` and a "0"): a word of the index loads one chunk. A page is listed by its
fragment's name, its day and its rank among that day's pages, and one word count for all.
Names by place are unique in a bundle but not new whenever the content is: these files are
served to be revalidated, not cached for good (``headers``). Against names by content hash
(7 hex digits a chunk, 6 a page) and exact counts, the pf_meta of 10,000 generated articles
took 153 KiB gzipped; by place, ~53 KiB (at ``writer.CHUNK_BYTES`` 30,000).
"""
from __future__ import annotations

import datetime as dt
import functools
import re

from site_builder.search.normalize import DIGITS

CHUNK_FROM = "0"  # the first chunk's from: below every word of the index, above the empty term; the least base-36 digit
# the word count the pf_meta gives every page: Pagefind's BM25 reads it only where a term has
# one position a page (a one-character part, whose presence word says nothing of how often
# the page holds it: the page's length alone would order its pages, shorter first), and exact
# counts take ~2 bytes a page of the pf_meta (10,000 articles: 3.9 KiB; 3 significant bits
# 1.3 KiB less). Alike, such pages keep the index's order (title hits first, then path order).
# One for all pages scores as any other one count would (BM25 reads a page's count against the
# mean); under 24 it is one byte of CBOR, not three (1000: 0.4 KiB more at 10,000 articles)
LISTED_COUNT = 1
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
DAY_DIGITS = 4  # base 36: the proleptic Gregorian day number (days since 0001-01-01)
UNDATED = "_"  # sorts after every base-36 digit


def chunk_name(last: str, following: str | None) -> str:
    """The shortest string from ``last`` up to, not including, ``following`` (the next
    chunk's first word), or ``last`` itself when there is no next chunk or no shorter one."""
    if following is not None:
        for length in range(1, len(following)):  # a proper prefix of ``following`` sorts below it
            if following[:length] >= last:
                return following[:length]
    return last


def listed_count(word_count: int) -> int:
    """What the pf_meta lists as the word count of a page of ``word_count`` words (the
    fragment keeps the whole)."""
    return LISTED_COUNT if word_count else 0


class PageNames:
    """Fragment names: ``<day, 4 base-36 digits><rank among the day's pages, base 36>``
    (``_<rank>`` when the page has no date), in the order pages are named (the bundle's page
    order: path order). The day's digits compare as the days do: the search page sorts
    results by date by their names without loading anything."""

    def __init__(self) -> None:
        self._ranks: dict[str, int] = {}

    def name(self, date: str) -> str:
        day = _day_prefix(date)
        rank = self._ranks.get(day, 0)
        self._ranks[day] = rank + 1
        return day + base36(rank)


@functools.lru_cache(maxsize=4096)  # an archive's pages share their days
def _day_prefix(date: str) -> str:
    day = _ISO_DATE.fullmatch(date)
    if day:
        try:
            return base36(dt.date(*map(int, day.groups())).toordinal(), DAY_DIGITS)
        except ValueError:  # not a day of the calendar
            return UNDATED
    return UNDATED


def base36(number: int, width: int = 1) -> str:
    """``number`` in base 36, at least ``width`` digits."""
    out = ""
    while number or len(out) < width:
        number, digit = divmod(number, 36)
        out = DIGITS[digit] + out
    return out
