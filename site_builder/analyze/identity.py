"""Stable identities and permalinks.

An article's identity key is its title with everything the cleaner might still change
removed (width, whitespace, punctuation, quote style, stray traditional characters), so
that improving the cleaner or re-running the build never moves an article's URL.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from site_builder.analyze.memo import remembered

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_ASCII_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def normalise_key(text: str) -> str:
    """Text reduced to its letters and digits: NFKC, simplified, no punctuation or spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _t2s().convert(text)
    return _NOT_WORD.sub("", text).lower()


def short_hash(text: str, length: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


@remembered
def pinyin_slug(text: str, max_syllables: int = 8) -> str:
    """Readable ASCII slug: 城市治理 -> cheng-shi-zhi-li (Latin letters and digits kept)."""
    from pypinyin import Style, lazy_pinyin  # a third of a second: only for a name the memo has not seen
    syllables = lazy_pinyin(unicodedata.normalize("NFKC", text), style=Style.NORMAL, errors="default")
    words = [w for s in syllables for w in _ASCII_SLUG.split(s.lower()) if w]
    return "-".join(words[:max_syllables])


SLUG_SYLLABLES = 6  # of the title's pinyin in an article's slug

NAMESAKE = "~"  # in a key: the title's key, then what tells this article from a namesake


def namesake_key(title_key: str, text: str) -> str:
    """The key of an article that shares its title with a different, earlier one."""
    return f"{title_key}{NAMESAKE}{short_hash(text, 10)}"


def article_slug(key: str, title: str) -> str:
    """Permalink slug for an article: pinyin of the title's start plus a hash of its key (and,
    for a namesake, the hash of its text: a sibling of the title's URL)."""
    readable = pinyin_slug(title, SLUG_SYLLABLES) or "article"
    title_key, _, namesake = key.partition(NAMESAKE)
    slug = f"{readable}-{short_hash(title_key)}"
    return f"{slug}-{namesake}" if namesake else slug


@remembered
def pinyin_sort_key(text: str) -> tuple:
    """Order names as a Chinese reader expects: by pinyin with tones, then by character."""
    from pypinyin import Style, lazy_pinyin
    syllables = lazy_pinyin(text, style=Style.TONE3, errors="default")
    return (tuple(s.lower() for s in syllables), text)
