"""Reflow: put back together the paragraphs that page and column breaks cut, and tell
subheadings from the short first half of a cut paragraph.

The evidence is the genre's shape (a paragraph never ends on a comma, a run-in
enumerator opens a paragraph) and the page's own character statistics: two pieces
whose junction forms a character pair the page uses elsewhere are likely one word.
"""
from __future__ import annotations

import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from site_builder.ingest import lexicon, shapes
from site_builder.ingest.lines import Unit
from site_builder.ingest.typography import CJK_RE

OVERLAP_MIN = 4  # characters printed twice at a break (both sides of the cut)
CUT_EVIDENCE = 2.5  # see is_cut_heading
OPENER_SEEN = 2  # sentences inside the page's lines opening with a character before it counts as an opener
_SENTENCE_OPENER = re.compile(r"[。！？][”’）」』]?([^\s”’）」』，、。；：！？])")
# a sentence opening with a frame (在…中，从…上，当…时 …): its first character opens it
_FRAME_OPENING = re.compile(r"[在从当于][^，。；：！？、]{1,20}?(?:之中|之际|以来|方面|过程中|[中上下里内外前后间时])")
WORD_CUT_NATS = 4.0  # lexicon cohesion of a word cut in two (see lexicon.cohesion)
ORPHAN_MAX = 12  # a body piece this short with nothing to continue is an orphan
SERIES_HEAD = 6  # characters at most that finish a series' last item after a break


@dataclass
class PageStats:
    bigrams: Counter
    openers: Counter = field(default_factory=Counter)  # first characters of sentences inside lines

    @classmethod
    def of(cls, texts: list[str]) -> "PageStats":
        counts: Counter = Counter()
        openers: Counter = Counter()
        for text in texts:
            counts.update(text[i:i + 2] for i in range(len(text) - 1))
            openers.update(m.group(1) for m in _SENTENCE_OPENER.finditer(text))
        return cls(counts, openers)

    def junction(self, left: str, right: str) -> int:
        """How often the page writes the pair of characters that would meet at this join."""
        if not left or not right or not (CJK_RE.match(left[-1]) and CJK_RE.match(right[0])):
            return 0
        return self.bigrams[left[-1] + right[0]]


@dataclass
class Piece:
    """A block in the making: a unit, possibly joined with others."""

    unit: Unit
    heading: bool = False
    duplicates: list[tuple[str, Unit]] | None = None


def join_units(left: Unit, right: Unit) -> tuple[Unit, str | None]:
    """Join two pieces of one paragraph; drop an overlap printed on both sides of the break."""
    overlap = _overlap(left.text, right.text)
    text = left.text + right.text[overlap:]
    return left.joined_with(right, text), (right.text[:overlap] if overlap else None)


def _overlap(left: str, right: str) -> int:
    for k in range(min(len(left), len(right), 40), OVERLAP_MIN - 1, -1):
        if left.endswith(right[:k]):
            return k
    return 0


def is_cut_heading(head: Unit, following: Unit, stats: PageStats) -> bool:
    """Is this short unterminated line the first half of a cut paragraph (not a subheading)?"""
    return cut_evidence(head, following, stats) >= CUT_EVIDENCE


def cut_evidence(head: Unit, following: Unit, stats: PageStats) -> float:
    """How strongly the line reads as the first half of a cut paragraph (≥ CUT_EVIDENCE: it
    does; infinite when its shape decides alone).

    A subheading ends at a word's end, closes what it opens and is followed by a paragraph
    that starts a sentence; the first half of a cut paragraph stops anywhere, and its rest
    carries on the sentence. The evidence is weighed: a word of the general lexicon
    running across the junction, a junction pair the page writes elsewhere, a quote or
    bracket left open before the break and closed after it, a short rest of a sentence."""
    text = head.text
    if shapes.ends_open(text) or shapes.starts_run_in(text):
        return math.inf
    if shapes.is_numbered_heading(text) or shapes.starts_new_paragraph(following.text):
        return -math.inf
    score = 0.0
    # a word cut in two binds hard (建|设: many nats); two words that merely make a
    # compound across a subheading's end bind weakly (优势|产业)
    bound = lexicon.cohesion(text[-4:], following.text[:4])
    frame = bool(_FRAME_OPENING.match(following.text))
    if bound and _borrows_an_opener(text, following.text, bound, stats, frame):
        # (a frame that closes says its first character opens the sentence: no word at all)
        bound = 0.0 if frame else min(bound, WORD_CUT_NATS / 2)
    if bound >= WORD_CUT_NATS:
        score += 2.5
    elif bound > 0:
        score += 2.0
    score += 0.8 * math.log1p(stats.junction(text, following.text))
    if shapes.opens_with_closer(following.text):
        score += 3.0
    if _left_open(text):
        score += 3.0
    if text.count("，") >= 2:  # more clauses than a subheading has
        score += 2.5
    if _ends_on_bare_verb(text):
        score += 2.5
    if _reports_speech(text):
        score += 3.0
    score += _length_prior(text)
    if _starts_bound(following.text) or any(stops_short(text) for stops_short in _SENTENCE_GOES_ON):
        score += 3.0
    if _open_last_clause(text):
        score += 2.0
    if _ends_on_single_character(text):
        score += 2.0
    if _opens_with_lone_noun(following.text):
        score += 2.5
    if _series_completed(text, following.text):
        score += 3.0
    opening = shapes.first_sentence(following.text)
    n = shapes.cjk_len(opening)
    if n <= 5 and len(opening) < len(following.text):
        score += 3.0
    elif n <= 12 and "，" not in opening and len(opening) < len(following.text):
        score += 1.0
    return score


def _borrows_an_opener(text: str, following: str, bound: float, stats: PageStats, frame: bool) -> bool:
    """The word across the junction takes only the next line's first character, and that
    character opens sentences elsewhere on the page (在, 以, 对 …) or opens a frame here
    (`frame`: 在…中, 当…时 …): a subheading followed by a sentence that opens with it makes
    such a word by chance (走实|在 → 实在). (Earlier version: any word across counted as a
    word cut in two, and subheadings ending before a sentence that opened with 在 were
    joined to it.)"""
    if stats.openers[following[:1]] < OPENER_SEEN and not frame:
        return False
    return lexicon.cohesion(text[-4:], following[:1]) >= bound - 0.5


_MODALS = {"可以", "能够", "能", "就", "就要", "才", "才能", "要", "应", "应当", "应该", "须", "必须", "需要", "将", "会", "可",
           "得以", "便", "即", "旨在", "有助于", "以", "来", "去"}


@lru_cache(maxsize=4096)
def _ends_on_bare_verb(text: str) -> bool:
    """The line stops on a verb after a modal or 是, adverbs allowed between (…可以推动,
    …就体现, …就要始终强化, …是营造): a predicate waiting for its object, where a
    subheading does not stop."""
    import rjieba

    tags = rjieba.tag(text[-12:])
    if len(tags) < 2:
        return False
    (word, tag), k = tags[-1], len(tags) - 2
    while k > 0 and tags[k][1] == "d" and tags[k][0] not in _MODALS:  # …就要始终强化
        k -= 1
    before = tags[k][0]
    if before == "是":  # (…是营造: a verbal noun there waits for its object too)
        return tag == "vn" or (tag == "v" and len(word) == 2)
    return tag == "v" and len(word) == 2 and before in _MODALS


# verbs that introduce reported speech or a stated view (…强调，…; …指出：…)
_SPEECH_VERBS = ("强调", "指出", "提出", "表示", "认为", "要求", "表明", "说明", "显示", "坚信")


def _reports_speech(text: str) -> bool:
    """The line quotes someone (总书记强调，…): a sentence of the body, never a subheading."""
    return any(f"{verb}{mark}" in text for verb in _SPEECH_VERBS for mark in "，：")


def _length_prior(text: str) -> float:
    """Subheadings are short: a line much longer than most is more likely a cut paragraph,
    and past 32 Chinese characters (the longest on the sample pages has 31) it is one."""
    n = shapes.cjk_len(text)
    return 0.0 if n <= 24 else 1.0 if n <= 32 else 3.0


_COPULAS = {"是", "为", "要", "应", "应当", "能", "能够", "将", "会", "可", "可以", "必须", "在于", "就是", "即"}
# (not 需要: …发展需要 ends a phrase on the noun "needs")
_FUNCTION_TAGS = ("p", "c", "u")  # jieba's tags for prepositions, conjunctions, particles (uj, ul, …)


@lru_cache(maxsize=4096)
def _ends_on_function_word(text: str) -> bool:
    """The line stops on a preposition, conjunction, particle, copula or modal, or a
    one-character adverb or pronoun (…和, …的, …是, …更, …这): a phrase waiting for its
    head, where no subheading stops.
    (Longer adverbs are left out: jieba's tags call some nouns adverbs.)"""
    import rjieba

    tags = rjieba.tag(text[-8:])
    if not tags:
        return False
    word, tag = tags[-1]
    return tag.startswith(_FUNCTION_TAGS) or (tag in ("d", "r") and len(word) == 1) or word in _COPULAS


@lru_cache(maxsize=4096)
def _starts_bound(text: str) -> bool:
    """The piece opens with a character bound to what precedes it: 的, 了, 们, a one-character
    localizer (中, 上 …) or a conjunction that joins nouns (和, 及, 或, and 与 when its
    clause ends on a noun). That is the rest of a sentence, never a paragraph's start."""
    import rjieba

    tags = rjieba.tag(text[:8])
    if not tags or len(tags[0][0]) != 1:
        return False
    word, tag = tags[0]
    if word == "与":  # 与…的有机衔接: a noun phrase's second half; 与…相比 / 与…不同 open sentences
        last = rjieba.tag(text.split("，", 1)[0])[-1]
        return last[1][:1] == "n" or last[1] == "vn"
    return tag.startswith("u") or tag == "f" or word in "们和及或"


# a clause opened by the first word needs the second later in the sentence (不仅…也,
# 无论…都): a line holding the first and none of its partners stops in mid-sentence
_CORRELATIVES = (
    (("不仅", "不但", "不只", "不光"), ("而且", "也", "还", "更", "并", "同时", "而")),
    (("无论", "不论", "不管"), ("都", "也", "还是", "均", "总")),
    (("虽然", "尽管", "虽"), ("但", "却", "也", "仍")),
    (("只有", "唯有"), ("才",)),
    (("只要",), ("就", "便")),
    (("之所以",), ("是因为", "在于", "是")),
    (("既要", "既有", "既是"), ("又", "也", "更")),
)


def _open_correlative(text: str) -> bool:
    for firsts, partners in _CORRELATIVES:
        for first in firsts:
            at = text.find(first)
            if at >= 0 and not any(p in text[at + len(first):] for p in partners):
                return True
    return False


_PLAIN_MODALS = {"要", "就要", "应", "应当", "应该", "必须", "须", "务必", "才能", "能够", "可以"}
# words that put the object or the agent before the verb (把/将 X 建设成…, 由 X 主持)
_FRONTING = {"把": ("p",), "将": ("p", "d"), "由": ("p",)}


@lru_cache(maxsize=4096)
def _fronted_without_verb(text: str) -> bool:
    """The last clause fronts its object or agent with 把, 将 or 由 and no verb follows
    (…应把社区工作的重心, 将基层党建与社区, 每季度由街道负责同志轮流): the verb comes
    after the break. (A subheading's 把 clause has its verb: 把服务群众作为…)"""
    import rjieba

    tags = rjieba.tag(_last_clause(text).replace("、", ""))
    at = next((k for k, (word, tag) in enumerate(tags) if tag in _FRONTING.get(word, ())), None)
    return at is not None and not any(tag == "v" for _, tag in tags[at + 1:])


@lru_cache(maxsize=4096)
def _ends_before_verb(text: str) -> bool:
    """The last clause has a modal and no verb after it (…必须进一步, …就要广大干部): the
    verb comes after the break. (Only modals that are nothing else: not 需要, a noun as
    often, nor 能 or 会, which the tagger splits off unknown words such as 赋能, 恳谈会.)"""
    import rjieba

    tags = rjieba.tag(_last_clause(text).replace("、", ""))
    at = max((k for k, (word, _) in enumerate(tags) if word in _PLAIN_MODALS), default=None)
    return at is not None and not any(tag[:1] in "va" for _, tag in tags[at + 1:])


def _last_clause(text: str) -> str:
    """What follows the line's last comma (the whole line when it has none)."""
    return text.rsplit("，", 1)[-1]


@lru_cache(maxsize=4096)
def _ends_on_single_character(text: str) -> bool:
    """The line's last word is a single character (…展现了党): a subheading ends on a word
    of two or more (…治理基础, …更精准)."""
    import rjieba

    words = rjieba.cut(text[-8:])
    return bool(words) and len(words[-1]) == 1 and bool(CJK_RE.match(words[-1]))


@lru_cache(maxsize=4096)
def _opens_with_lone_noun(text: str) -> bool:
    """The piece opens with a clause of one noun of at most two characters (属性，…, 环节，…):
    the tail of a noun phrase begun before the break. A paragraph opens with a connective,
    a time word or a whole phrase (同时，当前，理念革新，…)."""
    import rjieba

    head, comma, _ = text.partition("，")
    if not comma or len(head) > 2:
        return False
    tags = rjieba.tag(head)
    return len(tags) == 1 and tags[0][1] in ("n", "vn", "nz", "ng")


def _series_completed(text: str, following: str) -> bool:
    """The line ends inside a series (…、) and the next line's first words finish its last
    item the way the item before it ends (…产学研融合、科教 | 融合、产教融合… / …党员情况、
    党建工作 | 站点情况，…): the items of a series share their head word, so the series
    runs on across the break."""
    items = _last_clause(text).split("、")
    head = re.split("[、，。；：]", following, maxsplit=1)[0]
    if len(items) < 2 or not items[-1] or not 0 < len(head) <= SERIES_HEAD or len(head) == len(following):
        return False
    shared = os.path.commonprefix([items[-2][::-1], (items[-1] + head)[::-1]])
    return len(shared) >= 2 and not items[-1].endswith(shared[::-1])


@lru_cache(maxsize=4096)
def _enumeration_left_open(text: str) -> bool:
    """The line's last list item is one word that only begins an item like the one before
    it (…坚持依法治理、坚持 / …政治判断力、政治 / …服务群众、化解): a parallel series
    cut after its head. (A subheading's series is whole: 技术领先、运行高效.)"""
    import rjieba

    items = _last_clause(text).split("、")
    if len(items) < 2 or not items[-1]:
        return False
    last, before = items[-1], items[-2]
    last_tags, before_tags = rjieba.tag(last), rjieba.tag(before)
    if len(last_tags) != 1 or len(before_tags) < 2:
        return False
    at = before.find(last)
    if 0 <= at < len(before) - len(last):
        return True
    # a lone verb after an item that ends verb + object (…服务群众、化解)
    return last_tags[0][1] == "v" and before_tags[-2][1] in ("v", "vn") and before_tags[-1][1] == "n"


def _short_last_clause(text: str) -> bool:
    """After its last comma the line holds at most three characters (…，基层 / …，激励): the
    subject or verb of a clause that goes on after the break; a subheading's clauses are
    whole phrases."""
    return "，" in text and shapes.cjk_len(_last_clause(text)) <= 3


@lru_cache(maxsize=4096)
def _preposition_without_verb(clause: str, shortest: int = 1) -> bool:
    """The clause is a preposition (of at least `shortest` characters) and its object, with
    no verb after it: the opening of a sentence whose predicate comes after the break. After
    a preposition that only names a target or a means (针对, 通过 …), a verb before the
    clause's last 的 belongs to a modifier of its object (针对职工反映突出的问题); after 把,
    将 … the verb is the predicate (把服务群众作为…的出发点). (Earlier version: any verb
    after the preposition counted.)"""
    import rjieba

    tags = rjieba.tag(clause)
    if not tags or tags[0][1] != "p" or len(tags[0][0]) < shortest:
        return False
    last_de = 0
    if tags[0][0] not in _PREDICATE_AFTER_OBJECT:
        last_de = max((k for k, (word, _) in enumerate(tags) if word == "的"), default=0)
    return not any(tag.startswith("v") for _, tag in tags[max(1, last_de + 1):])


# prepositions whose object the predicate follows (把 X 作为 …, 以 X 为 …): a verb after them is the predicate
_PREDICATE_AFTER_OBJECT = {"把", "将", "被", "让", "使", "叫", "给", "以", "为", "由"}


def _bare_preposition(text: str) -> bool:
    """The line is a prepositional phrase and nothing else (针对…, 围绕…)."""
    return _preposition_without_verb(text, shortest=2)


def _open_last_clause(text: str) -> bool:
    """After a comma, the line's last clause is a prepositional phrase (…，对楼宇内)."""
    return "，" in text and _preposition_without_verb(_last_clause(text))


@lru_cache(maxsize=4096)
def _ends_on_count(text: str) -> bool:
    """The line stops on a number or a measure word (…离不开一支): its noun follows."""
    import rjieba

    tags = rjieba.tag(text[-8:])
    return bool(tags) and tags[-1][1] in ("m", "q", "mq")


def _copula_clause(text: str) -> bool:
    """A clause opens with 是 after a comma (…格局，是…): the first clause is its subject,
    a sentence of the body."""
    return "，是" in text


# the grammar of a line that stops before its sentence is done (each is enough alone)
_SENTENCE_GOES_ON = (_ends_on_function_word, _bare_preposition, _short_last_clause, _enumeration_left_open,
                     _open_correlative, _fronted_without_verb, _ends_before_verb, _ends_on_count, _copula_clause)


def _left_open(text: str) -> bool:
    """A quote or bracket opened and not closed."""
    return text.count("“") > text.count("”") or text.count("（") > text.count("）") \
        or text.count("《") > text.count("》")


def heading_candidate(unit: Unit) -> bool:
    text = unit.text
    if unit.read_as_cut:  # de-interleaving read it as a cut sentence
        return False
    if (shapes.starts_new_paragraph(text) or shapes.starts_sentence(text)) and not shapes.is_numbered_heading(text):
        return False
    return (shapes.title_shaped(text, limit=shapes.HEADING_MAX) and shapes.dangling(text)) \
        or shapes.is_numbered_heading(text)


def may_continue(prev: str, nxt: str) -> bool:
    """Can `nxt` be the rest of the cut paragraph `prev`?"""
    if not shapes.dangling(prev):
        return False
    if shapes.ends_open(prev):
        return True
    return not shapes.starts_new_paragraph(nxt)


def reflow(units: list[Unit], stats: PageStats) -> tuple[list[Piece], list[tuple[str, Unit]]]:
    """Body units -> pieces (paragraphs and headings); also the duplicates dropped at joins."""
    pieces: list[Piece] = []
    dropped: list[tuple[str, Unit]] = []
    queue = list(units)
    i = 0
    while i < len(queue):
        unit = queue[i]
        nxt = queue[i + 1] if i + 1 < len(queue) else None
        nxt2 = queue[i + 2] if i + 2 < len(queue) else None
        if heading_candidate(unit) and nxt is not None and heading_candidate(nxt) and nxt2 is not None \
                and not heading_candidate(nxt2) and not shapes.ends_open(unit.text) \
                and is_cut_heading(nxt, nxt2, stats) and not is_cut_heading(unit, nxt, stats):
            # a subheading, then a paragraph whose short first half a break cut off
            pieces.append(Piece(unit, heading=True))
            i += 1
            continue
        if heading_candidate(unit) and nxt is not None and not heading_candidate(nxt):
            if not is_cut_heading(unit, nxt, stats):
                pieces.append(Piece(unit, heading=True))
                i += 1
                continue
            unit, dup = join_units(unit, nxt)
            if dup:
                dropped.append((dup, nxt))
            i += 1
        prev = pieces[-1] if pieces and not pieces[-1].heading else None
        if prev is not None and may_continue(prev.unit.text, unit.text) and not _is_new_heading(unit, queue, i):
            prev.unit, dup = join_units(prev.unit, unit)
            if dup:
                dropped.append((dup, unit))
        else:
            pieces.append(Piece(unit))
        i += 1
    return pieces, dropped


def _is_new_heading(unit: Unit, queue: list[Unit], i: int) -> bool:
    """A short unterminated unit followed by its own paragraph is not the tail of the one before."""
    return heading_candidate(unit) and i + 1 < len(queue)


def split_orphans(pieces: list[Piece]) -> tuple[list[Piece], list[Unit]]:
    """Tiny complete pieces that continue nothing (the tail of a lost paragraph) are orphans."""
    kept: list[Piece] = []
    orphans: list[Unit] = []
    for k, piece in enumerate(pieces):
        text = piece.unit.text
        before = kept[-1].unit.text if kept and not kept[-1].heading else ""
        if not piece.heading and len(text) <= ORPHAN_MAX and shapes.terminated(text) \
                and not (before and shapes.dangling(before)) and len(pieces) > 1:
            orphans.append(piece.unit)
            continue
        kept.append(piece)
    return kept, orphans
