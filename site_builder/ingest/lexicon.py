"""Evidence from the general Chinese lexicon (jieba's dictionary) about a junction of text.

A column or page break can fall between any two characters (Chinese lines wrap anywhere,
not at word ends). Where the break fell inside a word, that word of the general lexicon
spans the junction once the two sides are put back together; where two unrelated pieces
were glued, no word does (except by chance). `cohesion` measures this on a few characters
either side: how much more probable the joined text is under jieba's word-frequency
model than its two sides read apart.
"""
from __future__ import annotations

import marshal
import math
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder.ingest.cjk import CJK_RE

if TYPE_CHECKING:
    import rjieba

WINDOW = 4  # characters either side of a junction
MAX_WORD = 6  # longest dictionary word tried
_CJK_RUN_END = re.compile(f"[{CJK_RE.pattern[1:-1]}]{{1,{WINDOW}}}$")
_CJK_RUN_START = re.compile(f"[{CJK_RE.pattern[1:-1]}]{{1,{WINDOW}}}")


@lru_cache(maxsize=1)
def segmenter() -> rjieba.Jieba:
    """Ingest's own word segmenter: jieba's dictionary as shipped, and nothing else.

    Other parts of the program teach words to a segmenter (analyze's keyword cutter learns
    the site's vocabulary); rjieba's module functions share one dictionary, so a page read
    after a build in the same process would be cut by what the build taught. Every cut and
    tag in ingest goes through this instance, which nothing teaches."""
    from site_builder.jieba_rs import jieba_class  # (a dictionary load, a tenth of a second: only when ingest cuts)

    return jieba_class()()


def cut(text: str, *, guess_unknown: bool = False) -> list[str]:
    """Words of the text: dictionary words only, or with jieba's HMM guessing unknown words."""
    return segmenter().cut(text, guess_unknown)


def tag(text: str) -> list[tuple[str, str]]:
    """Words of the text with their part-of-speech tags (HMM guessing unknown words)."""
    return segmenter().tag(text)


def word_frequency(word: str) -> int:
    """How often jieba's dictionary (as shipped) counts the word; 0 when it is no word of it."""
    return _frequencies()[0].get(word, 0)


Frequencies = tuple[dict[str, int], float, dict[str, int]]


@lru_cache(maxsize=1)
def _frequencies() -> Frequencies:
    """Word frequencies of jieba's dictionary as shipped (its dict.txt), the log of their
    total, whatever the words taught to a segmenter in this process, and how many of its
    person names (tag nr, two or three characters) open with each character. Read from a
    copy kept in the temporary folder, as jieba keeps its own model there: parsing the
    350,000 lines takes 0.7 s of every process that reads a page, loading the copy 0.13 s."""
    import jieba

    source = Path(jieba.__file__).with_name("dict.txt")
    stat = source.stat()
    kept = Path(tempfile.gettempdir()) / f"site_builder-lexicon-{stat.st_size}-{stat.st_mtime_ns}.marshal"
    try:
        return marshal.loads(kept.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass  # (not kept yet, or unreadable: parsed and kept again)
    frequencies = _parse_dictionary(source)
    try:
        scratch = kept.with_name(f"{kept.name}.{os.getpid()}")
        scratch.write_bytes(marshal.dumps(frequencies))
        os.replace(scratch, kept)  # (whole or not at all: another process may read it meanwhile)
    except OSError:
        pass  # (a read-only temporary folder: parsed again by the next process)
    return frequencies


def _parse_dictionary(source: Path) -> Frequencies:
    freq: dict[str, int] = {}
    name_openers: dict[str, int] = {}
    total = 0
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            word, count, *pos = line.split(" ", 2)
            freq[word] = int(count)
            total += int(count)
            if pos and pos[0].strip() == "nr" and 2 <= len(word) <= 3:
                name_openers[word[0]] = name_openers.get(word[0], 0) + 1
    return freq, math.log(total), name_openers


# person names of the dictionary a character must open to count as a surname: every common
# surname opens dozens (王 1,819, 覃 11, 佘 5); a character no surname opens a few by chance
SURNAME_NAMES_MIN = 5


def opens_names(char: str) -> bool:
    """The character opens person names in jieba's dictionary: it may be a surname."""
    return _frequencies()[2].get(char, 0) >= SURNAME_NAMES_MIN


@lru_cache(maxsize=65536)
def log_probability(text: str) -> float:
    """Log probability of the text's best segmentation into dictionary words (jieba's
    unigram model; a character outside the dictionary counts as a word seen once)."""
    freq, log_total, _ = _frequencies()
    n = len(text)
    best = [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(i + 1, min(n, i + MAX_WORD) + 1):
            count = freq.get(text[i:j])
            if count or j == i + 1:
                options.append(math.log(count or 1) - log_total + best[j])
        best[i] = max(options)
    return best[0]


@lru_cache(maxsize=65536)
def cohesion(left: str, right: str) -> float:
    """How much a word of the lexicon binds the end of `left` to the start of `right`, in
    nats (0 when no word spans the junction, or a side does not end/start in Chinese)."""
    lm, rm = _CJK_RUN_END.search(left), _CJK_RUN_START.match(right)
    if not lm or not rm:
        return 0.0
    l, r = lm.group(0), rm.group(0)
    # where the best segmentation of the joined text has no word across the junction, it is
    # the two sides' best segmentations put together: no cohesion (and no slow DP)
    if not spans(l, r):
        return 0.0
    return max(0.0, log_probability(l + r) - log_probability(l) - log_probability(r))


@lru_cache(maxsize=65536)
def spans(left: str, right: str) -> bool:
    """Does a word of the general lexicon run across the junction of left and right?"""
    lm, rm = _CJK_RUN_END.search(left), _CJK_RUN_START.match(right)
    if not lm or not rm:
        return False
    at, pos = len(lm.group(0)), 0
    for token in cut(lm.group(0) + rm.group(0)):
        if pos < at < pos + len(token):
            return True
        pos += len(token)
    return False
