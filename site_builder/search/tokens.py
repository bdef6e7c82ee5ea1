"""A page's tokens as integer keys, coded straight from its text's code points.

The words of ``normalize`` (start tokens, bigrams, end tokens, presence words, the title's
namespace) are made here as one integer each, not one Python string each: a page of ~3,000
characters has ~6,000 tokens, 35 million at 10,000 articles. A key sorts as its word's bytes
do, so a page's distinct words come out in byte order by sorting integers, and only those
distinct words are written out as bytes (``key_words``).

A key is ``namespace << 42 | first << 21 | second + 1``: ``first`` the (normalised) code point
the word is about, ``second`` the next one of a bigram (``second + 1`` is 0 for every word
with one character); a quad's (``heavy``) ``first`` and ``second`` are its two bigrams' ranks
in the list of common bigrams. The namespaces are numbered in the byte order of their marks:
the text's codes (digits 0…n, since U+10FFFF is ``nvnj``) < v (quad) < w (twin) < x (start)
< y (title) < yx < yz < z (presence); a code sorts before every bigram it starts, as its 0
does before ``second + 1``.
"""
from __future__ import annotations

import zlib
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from site_builder.search.cborarrays import Ints, changes, offsets
from site_builder.search.heavy import heavy_points, heavy_ranks
from site_builder.search.normalize import CODE_WIDTH, DIGITS, PRESENCE, QUAD, START, TITLE, TWIN, fold

TEXT, TEXT_QUAD, TEXT_TWIN, TEXT_START, TITLE_TEXT, TITLE_START, TITLE_PRESENCE, TEXT_PRESENCE = range(8)
_MARKS = ("", QUAD, TWIN, START, TITLE, TITLE + START, TITLE + PRESENCE, PRESENCE)  # each namespace's words start so
_POINT_BITS = 21  # 0x10FFFF + 1 < 2 ** 21
# The text's bigrams, quads, twins and presence words are split by page: a page's are written
# with the digit of its bucket after them (``item_words``), and the search page looks a word up
# in each bucket apart. Pagefind's engine scans, for each page a search finds, every item of the
# searched words (its cost grows as pages x items); a search per bucket scans a bucket's share
# of both. Presence words and twins (one item a page, searched alone: 治 is in every page) are
# split in BUCKETS; bigrams and quads (searched together in a phrase) in PHRASE_BUCKETS, the
# page's bucket modulo 4: at 10,000 articles 8 was no faster for phrases (four searches more a
# part: light queries 96 -> 145 ms) and its index 8 MB larger (each word's buckets are words of
# their own; a presence word's or a twin's sixteen cost a few bytes each).
BUCKET_BITS = 4
BUCKETS = 1 << BUCKET_BITS
PHRASE_BUCKETS = 4
_MARK_FIRSTS = np.frombuffer((QUAD + TWIN + START + TITLE + PRESENCE).encode(), np.uint8)  # no text code starts so
# the split words' lengths by their first byte (a code's first digit: a bigram), without the bucket digit
_SPLIT_LENGTHS = {PRESENCE: CODE_WIDTH + 1, TWIN: 2 * CODE_WIDTH + 1, QUAD: 4 * CODE_WIDTH + 1}
_POINT_MASK = (1 << _POINT_BITS) - 1
_NAMESPACE_SHIFT = 2 * _POINT_BITS
KEY_BITS = _NAMESPACE_SHIFT + 3  # a key's bits: eight namespaces
_SEPARATOR = ord(" ")
_DIGIT_BYTES = np.frombuffer(DIGITS.encode(), np.uint8)
_MARK_BYTES = np.zeros((len(_MARKS), 2), np.uint8)
for _namespace, _mark in enumerate(_MARKS):
    _MARK_BYTES[_namespace, :len(_mark)] = np.frombuffer(_mark.encode(), np.uint8)
_MARK_LENGTHS = np.array([len(mark) for mark in _MARKS], np.int64)
_UNKNOWN, _SPREAD = -2, -1  # a code point not yet folded; one that folds to none or several
_FOLDED = np.full(0x110000, _UNKNOWN, np.int32)  # code point -> the one it folds to (``_folded_points``)
_PLACES = len(DIGITS) ** np.arange(CODE_WIDTH - 1, -1, -1, dtype=np.int64)  # a code's digits, first to last


class TextTokens(NamedTuple):
    """The tokens of texts coded together (``text_tokens``)."""

    keys: Ints  # in text order
    starts: list[int]  # each text's first token's index, and the end
    characters: Ints  # the distinct normalised code points, rising
    quads: Ints  # the quads' keys (``heavy``), in text order
    quad_at: Ints  # the index in ``keys`` of each quad's first bigram (it sits at its position)
    twins: Ints  # the twins' keys: one for each distinct listed bigram of the texts


def text_tokens(texts: list[str], title: bool = False) -> TextTokens:
    """The tokens of the texts, one after the other (``normalize.index_tokens`` of each, as
    keys); in the title namespace when ``title``."""
    points, lengths = _folded_points(texts)
    word = points != _SEPARATOR  # (the texts end with a separator)
    pair = np.zeros(len(word), bool)  # the character and the next are in one run: a bigram
    pair[:-1] = word[:-1] & word[1:]
    after = _next_run(word, lengths)  # a run's last character: the first of the next run of its text, else -1
    boundary = after >= 0
    before = offsets((pair | boundary).astype(np.int64))  # tokens before each character: one at most each
    keys = np.empty(int(before[-1]), np.int64)
    first = points << _POINT_BITS
    seconds = np.zeros(len(points), np.int64)
    np.add(points[1:], 1, out=seconds[:-1], where=pair[:-1])
    seconds[boundary] = points[after[boundary]] + 1
    namespace, start_namespace = (TITLE_TEXT, TITLE_START) if title else (TEXT, TEXT_START)
    keys[before[:-1][pair]] = namespace << _NAMESPACE_SHIFT | (first | seconds)[pair]
    keys[before[:-1][boundary]] = start_namespace << _NAMESPACE_SHIFT | (first | seconds)[boundary]
    text_starts = np.cumsum([0, *(length + 1 for length in lengths)])  # each text's first character
    characters = np.sort(points[word])  # (np.unique hashes: several times slower on a page)
    quads, quad_at, twins = _heavy_words(first | seconds, pair, before[:-1], title)
    return TextTokens(keys, before[text_starts].tolist(), characters[changes(characters)], quads, quad_at, twins)


def _next_run(word: npt.NDArray[np.bool_], lengths: list[int]) -> Ints:
    """For the last character of each run that another run of the same text follows, that
    run's first character's index; -1 for every other character (texts of ``lengths``, each
    followed by a separator)."""
    chars = np.flatnonzero(word)
    text_of = np.repeat(np.arange(len(lengths)), np.array(lengths, np.int64) + 1)
    after = np.full(len(word), -1, np.int64)
    if len(chars) < 2:
        return after
    last = np.flatnonzero(chars[1:] > chars[:-1] + 1)  # a word character whose next one is not the next character
    ends, nexts = chars[last], chars[last + 1]
    same = text_of[nexts] == text_of[ends]
    after[ends[same]] = nexts[same]
    return after


def _heavy_words(lows: Ints, following: npt.NDArray[np.bool_], at: Ints, title: bool) -> tuple[Ints, Ints, Ints]:
    """The quads (keys, and the token index of each one's first bigram) and the twins of
    texts whose characters' bigram key bits are ``lows`` (a bigram where ``following``), each
    character's token at ``at`` (``heavy``); none in the title namespace."""
    ranks = np.full(len(lows), -1, np.int64)
    if not title:
        ranks[following] = heavy_ranks(lows[following])
    listed = ranks >= 0
    quad = np.zeros(len(lows), bool)
    quad[:-2] = listed[:-2] & following[1:-1] & listed[2:]  # two listed bigrams, one after the other in a run
    firsts = np.flatnonzero(quad)
    quads = TEXT_QUAD << _NAMESPACE_SHIFT | ranks[firsts] << _POINT_BITS | (ranks[firsts + 2] + 1)
    twins = np.sort(lows[listed])
    return quads, at[firsts], TEXT_TWIN << _NAMESPACE_SHIFT | twins[changes(twins)]


def _folded_points(texts: list[str]) -> tuple[Ints, list[int]]:
    """The code points of the texts folded (``normalize.fold``), each text followed by a
    separator (the last text's end is an offset like the others'), and each folded text's
    length. A table of code points, filled as characters are first met, folds them all at
    once; ``str.translate`` only when a character folds to none or to several."""
    points = np.frombuffer("".join(text + " " for text in texts).encode("utf-32-le", "surrogatepass"), np.uint32)
    folded = _FOLDED[points]
    if (unknown := folded == _UNKNOWN).any():
        for point in np.unique(points[unknown]).tolist():
            one = fold(chr(point))
            _FOLDED[point] = ord(one) if len(one) == 1 else _SPREAD
        folded = _FOLDED[points]
    if (folded == _SPREAD).any():
        texts = [fold(text) for text in texts]
        joined = "".join(text + " " for text in texts).encode("utf-32-le", "surrogatepass")
        folded = np.frombuffer(joined, np.uint32).astype(np.int32)
    return folded.astype(np.int64), [len(text) for text in texts]


def presence_keys(characters: Ints, title: bool = False) -> Ints:
    """The presence words of the characters (``normalize.presence_tokens``), as keys."""
    return (TITLE_PRESENCE if title else TEXT_PRESENCE) << _NAMESPACE_SHIFT | characters << _POINT_BITS


def key_words(keys: Ints, buckets: Ints | None = None) -> npt.NDArray[np.bytes_]:
    """The words of the keys, as bytes; each followed by the digit of its bucket in
    ``buckets`` (none where -1)."""
    if not len(keys):
        return np.zeros(0, "S1")
    namespaces = keys >> _NAMESPACE_SHIFT
    points = np.full((len(keys), 4), -1, np.int64)  # the code points written, -1 after the last
    points[:, 0] = keys >> _POINT_BITS & _POINT_MASK
    points[:, 1] = (keys & _POINT_MASK) - 1
    quads = np.flatnonzero(namespaces == TEXT_QUAD)  # two ranks of the list: its bigrams' four points
    if len(quads):
        listed_firsts, listed_seconds = heavy_points()
        ranks = points[quads, :2].copy()
        points[quads] = np.stack([listed_firsts[ranks[:, 0]], listed_seconds[ranks[:, 0]],
                                  listed_firsts[ranks[:, 1]], listed_seconds[ranks[:, 1]]], axis=1)
    lengths = _MARK_LENGTHS[namespaces]
    ends = lengths + CODE_WIDTH * (points >= 0).sum(axis=1)
    width = int(ends.max()) + (buckets is not None)
    out = np.zeros((len(keys), width), np.uint8)
    if buckets is not None:
        suffixed = buckets >= 0
        out[np.flatnonzero(suffixed), ends[suffixed]] = _DIGIT_BYTES[buckets[suffixed]]
    rows = np.arange(len(keys))
    for at in range(2):  # the namespace's mark
        marked = lengths > at
        out[rows[marked], at] = _MARK_BYTES[namespaces[marked], at]
    for code in range(4):
        written = points[:, code] >= 0
        for at, place in enumerate(_PLACES.tolist()):
            out[rows[written], lengths[written] + code * CODE_WIDTH + at] = \
                _DIGIT_BYTES[points[written, code] // place % len(DIGITS)]
    return out.view(f"S{width}").ravel()


def page_bucket(url: str) -> int:
    """The bucket of the page at ``url`` (``BUCKETS``): fixed by its URL, so a page keeps it
    when others are added or removed."""
    return zlib.crc32(url.encode("utf-8")) % BUCKETS


_SPLIT_NAMESPACES = 1 << TEXT_PRESENCE | 1 << TEXT_TWIN | 1 << TEXT_QUAD  # every word of these is split
_ALONE_NAMESPACES = 1 << TEXT_PRESENCE | 1 << TEXT_TWIN  # in BUCKETS; the other split words in PHRASE_BUCKETS


def _split(keys: Ints) -> npt.NDArray[np.bool_]:
    """Which keys are of words split by page bucket: the text's bigrams and presence words
    (a bit of ``_SPLIT_NAMESPACES`` a namespace, not ``np.isin``: a tenth of its time a page)."""
    namespaces = keys >> _NAMESPACE_SHIFT
    return ((namespaces == TEXT) & ((keys & _POINT_MASK) > 0)) | (np.left_shift(1, namespaces) & _SPLIT_NAMESPACES > 0)


def item_keys(keys: Ints, bucket: int) -> Ints:
    """The keys of a page's words as its index items are keyed: a split word's with the page's
    bucket (``item_words``); they sort as the words with their bucket digit do."""
    namespaces = keys >> _NAMESPACE_SHIFT
    alone = np.left_shift(1, namespaces) & _ALONE_NAMESPACES > 0
    return keys << BUCKET_BITS | np.where(alone, bucket, np.where(_split(keys), bucket % PHRASE_BUCKETS, 0))


def item_words(keys: Ints) -> npt.NDArray[np.bytes_]:
    """The words of item keys (``item_keys``), as bytes: a split word's with its bucket digit."""
    raw = keys >> BUCKET_BITS
    return key_words(raw, np.where(_split(raw), keys & (BUCKETS - 1), -1))


def bucket_group_starts(words: npt.NDArray[np.bytes_]) -> npt.NDArray[np.bool_]:
    """Which of the words (item words, in byte order) start a word's buckets: the first of a
    split word's buckets, and every word not split."""
    if not len(words):
        return np.zeros(0, bool)
    lengths = np.char.str_len(words)
    rows = words.view(np.uint8).reshape(len(words), -1).copy()
    first = rows[:, 0]
    split = (lengths == 2 * CODE_WIDTH + 1) & ~np.isin(first, _MARK_FIRSTS)
    for mark, length in _SPLIT_LENGTHS.items():
        split |= (lengths == length + 1) & (first == ord(mark))
    rows[np.flatnonzero(split), lengths[split] - 1] = 0  # the word without its bucket digit
    return np.r_[True, (rows[1:] != rows[:-1]).any(axis=1)]


def word_key(namespace: int, first: int = 0, second: int = -1) -> int:
    """The key of a word of ``namespace`` about code point ``first`` (and ``second``, a
    bigram's); ``word_key(namespace)`` sorts before every word of the namespace."""
    return namespace << _NAMESPACE_SHIFT | first << _POINT_BITS | (second + 1)


def word_keys(words: list[str]) -> Ints:
    """The keys of the words (``key_words``' inverse)."""
    namespaces = {mark: namespace for namespace, mark in enumerate(_MARKS)}
    keys = []
    for word in words:
        mark = word[:len(word) % CODE_WIDTH]
        codes = [int(word[at:at + CODE_WIDTH], len(DIGITS)) for at in range(len(mark), len(word), CODE_WIDTH)]
        if len(codes) == 4:  # a quad: its bigrams' ranks
            lows = np.array([codes[0] << _POINT_BITS | codes[1] + 1, codes[2] << _POINT_BITS | codes[3] + 1])
            codes = heavy_ranks(lows).tolist()
        keys.append(word_key(namespaces[mark], codes[0], codes[1] if len(codes) > 1 else -1))
    return np.array(keys, np.int64)


def words_item_keys(words: list[str]) -> Ints:
    """The item keys of the words (``item_words``' inverse)."""
    marked = tuple(chr(first) for first in _MARK_FIRSTS.tolist())  # a text code starts with none of them
    split = [len(word) == 2 * CODE_WIDTH + 1 and not word.startswith(marked)
             or len(word) == _SPLIT_LENGTHS.get(word[0], 0) + 1 for word in words]
    keys = word_keys([word[:-1] if cut else word for word, cut in zip(words, split, strict=True)])
    buckets = np.array([DIGITS.index(word[-1]) if cut else 0 for word, cut in zip(words, split, strict=True)], np.int64)
    return keys << BUCKET_BITS | buckets


def key_strings(keys: Ints) -> list[str]:
    """The words of the keys, as strings (for the shadow page and the tests)."""
    return [word.decode("ascii") for word in key_words(keys).tolist()]
