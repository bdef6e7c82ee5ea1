"""What a line's grammar says about where its sentence stops: the predicates the junction
evidence (see evidence.py) weighs.

A subheading is a whole phrase: it ends on a word's end, closes what it opens and names
what it is about. The first half of a paragraph cut by a break stops wherever its line ran
out: on a preposition, a modal before its verb, a verb before its object, inside a series.
The tags are jieba's (ingest's own segmenter, lexicon.tag).
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

from site_builder.ingest import heading_forms, lexicon, shapes
from site_builder.ingest.typography import CJK_RE

SERIES_HEAD = 6  # characters at most that finish a series' last item after a break

_MODALS = {"可以", "能够", "能", "就", "就要", "才", "才能", "要", "应", "应当", "应该", "须", "必须", "需要", "将", "会", "可",
           "得以", "便", "即", "旨在", "有助于", "以", "来", "去"}


@lru_cache(maxsize=4096)
def ends_on_bare_verb(text: str) -> bool:
    """The line stops on a verb after a modal or 是, adverbs allowed between (…可以推动,
    …就体现, …就要始终强化, …是营造): a predicate waiting for its object, where a
    subheading does not stop."""
    tags = lexicon.tag(text[-12:])
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
# verbs of perceiving or realising whose object is the clause after the comma (也要看到，…;
# 应当认识到，…): the argument's own voice weighing a fact, which opens a sentence of the body
_COGNITION_VERBS = ("看到", "注意到", "认识到", "意识到", "看出")


def reports_speech(text: str) -> bool:
    """The line quotes someone (总书记强调，…) or states what is to be seen (也要看到，…): a
    verb whose object is a clause, then a comma or colon, opens a sentence of the body, never
    a subheading (a subheading names its point, it does not introduce it)."""
    return any(f"{verb}{mark}" in text for verb in _SPEECH_VERBS + _COGNITION_VERBS for mark in "，：")


# the pairs a sentence's or a title's line may leave open
TEXT_PAIRS = (("“", "”"), ("（", "）"), ("《", "》"))


def left_open(text: str, pairs: tuple[tuple[str, str], ...] = TEXT_PAIRS) -> bool:
    """A quote or bracket of `pairs` opened and not closed."""
    return any(text.count(opening) > text.count(closing) for opening, closing in pairs)


_COPULAS = {"是", "为", "要", "应", "应当", "能", "能够", "将", "会", "可", "可以", "必须", "在于", "就是", "即"}
# verbs that never end a phrase, their object always following (…离不开, …意味着, …包括):
# with the verbs in 于 (…取决于, …有赖于, …致力于), which take theirs after the 于
_OBJECT_BOUND = {"离不开", "离不了", "少不了", "意味着", "包括", "成为", "使得", "关乎", "事关", "关系到", "涉及"}
# (not 需要: …发展需要 ends a phrase on the noun "needs")
_FUNCTION_TAGS = ("p", "c", "u")  # jieba's tags for prepositions, conjunctions, particles (uj, ul, …)


@lru_cache(maxsize=4096)
def _ends_on_function_word(text: str) -> bool:
    """The line stops on a preposition, conjunction, particle, copula or modal, a verb bound to
    its object, or a one-character adverb or pronoun (…和, …的, …是, …离不开, …更, …这): a
    phrase waiting for its head, where no subheading stops.
    (Longer adverbs are left out: jieba's tags call some nouns adverbs.)"""
    tags = lexicon.tag(text[-8:])
    if not tags or _literary_head([word for word, _ in tags]):
        return False
    word, tag = tags[-1]
    return tag.startswith(_FUNCTION_TAGS) or (tag in ("d", "r") and len(word) == 1) or word in _COPULAS \
        or word in _OBJECT_BOUND or (len(word) >= 2 and word.endswith("于"))


def _literary_head(words: list[str]) -> bool:
    """The words end on the literary 之 and a one-character noun (…发展之路, …治理之策,
    …富裕之本): a noun phrase a subheading closes with, whatever the segmenter makes of its
    last character (a single word, a pronoun, or one word with 之: 之要)."""
    if words and len(words[-1]) == 2 and words[-1][0] == "之":
        return True
    return len(words) >= 2 and words[-2] == "之" and len(words[-1]) == 1


def opens_on_copula(text: str) -> bool:
    """The piece opens on the copula 是 (是区域协调发展的制度创新。): its subject stands before
    it, so it is the rest of a sentence; a paragraph (and a subheading's) never opens so."""
    if not text.startswith("是"):
        return False
    tags = lexicon.tag(text[:8])  # (是否, 是非 … are words of their own)
    return bool(tags) and tags[0][0] == "是"


_RUN_ON_MARKS = "，。、；：？！”’）》」』…,.;:?!)"  # no paragraph opens on these


def runs_into(line: str, below: str) -> bool:
    """The text under `line` goes on with its sentence: it opens on a mark, on the copula
    是 or on a bound character (的, 们 …), or a word of the lexicon runs across."""
    below = below.lstrip()
    return below[:1] in _RUN_ON_MARKS or lexicon.spans(line, below) or opens_on_copula(below) \
        or starts_bound(below)


@lru_cache(maxsize=4096)
def starts_bound(text: str) -> bool:
    """The piece opens with a character bound to what precedes it: 的, 了, 们, a one-character
    localizer (中, 上 …) or a conjunction that joins nouns (和, 及, 或, and 与 when its
    clause ends on a noun). That is the rest of a sentence, never a paragraph's start."""
    tags = lexicon.tag(text[:8])
    if not tags or len(tags[0][0]) != 1:
        return False
    word, tag = tags[0]
    if word == "与":  # 与…的有机衔接: a noun phrase's second half; 与…相比 / 与…不同 open sentences
        last = lexicon.tag(text.split("，", 1)[0])[-1]
        return last[1][:1] == "n" or last[1] == "vn"
    return tag.startswith("u") or tag == "f" or word in "们和及或"


# a clause opened by the first word needs the second later in the sentence (不仅…也,
# 无论…都, 不是…而是): a line holding the first and none of its partners stops in mid-sentence
_CORRELATIVES = (
    (("不仅", "不但", "不只", "不光"), ("而且", "也", "还", "更", "并", "同时", "而")),
    (("无论", "不论", "不管"), ("都", "也", "还是", "均", "总")),
    (("虽然", "尽管", "虽"), ("但", "却", "也", "仍")),
    (("只有", "唯有"), ("才",)),
    (("只要",), ("就", "便")),
    (("不是",), ("而是", "就是", "而")),
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
    after the break. (A subheading's 把 clause has its verb: 把服务群众作为…, or puts its
    object in a place, the verb tagged a preposition by the segmenter: 把…精力用在研究上.)"""
    if heading_forms.closes_frame(text):
        return False
    tags = lexicon.tag(last_clause(text).replace("、", ""))
    at = next((k for k, (word, tag) in enumerate(tags) if tag in _FRONTING.get(word, ())
               and not _grips(tags, k)), None)
    return at is not None and not any(tag == "v" for _, tag in tags[at + 1:])


# 把 with a complement of result is the verb "to hold" (把好…关, 把牢…方向, 把稳…之舵, 把准…脉搏):
# the clause has its verb, nothing fronted
_GRIP_COMPLEMENTS = ("好", "牢", "稳", "准")


def _grips(tags: list[tuple[str, str]], k: int) -> bool:
    """把 at k is the verb 把好/把牢/… (not 把好的做法…: a fronted object whose modifier is 好)."""
    words = [word for word, _ in tags[k:k + 3]] + ["", ""]
    return words[0] == "把" and words[1] in _GRIP_COMPLEMENTS and words[2] != "的"


@lru_cache(maxsize=4096)
def _ends_before_verb(text: str) -> bool:
    """The last clause has a modal and no verb after it (…必须进一步, …就要广大干部): the
    verb comes after the break. (Only modals that are nothing else: not 需要, a noun as
    often, nor 能 or 会, which the tagger splits off unknown words such as 赋能, 恳谈会.)"""
    tags = lexicon.tag(last_clause(text).replace("、", ""))
    at = max((k for k, (word, _) in enumerate(tags) if word in _PLAIN_MODALS), default=None)
    return at is not None and not any(tag[:1] in "va" for _, tag in tags[at + 1:])


def last_clause(text: str) -> str:
    """What follows the line's last comma (the whole line when it has none)."""
    return text.rsplit("，", 1)[-1]


@lru_cache(maxsize=4096)
def ends_on_single_character(text: str) -> bool:
    """The line's last word is a single character (…展现了党): a subheading ends on a word
    of two or more (…治理基础, …更精准). The literary 之 and a one-character noun (…发展之路,
    …治理之策, …富裕之本) is one word of a subheading, however the segmenter cuts it."""
    words = lexicon.cut(text[-8:], guess_unknown=True)
    if _literary_head(words) or heading_forms.closes_frame(text):
        return False
    return bool(words) and len(words[-1]) == 1 and bool(CJK_RE.match(words[-1]))


@lru_cache(maxsize=4096)
def opens_with_lone_noun(text: str) -> bool:
    """The piece opens with a clause of one noun of at most two characters (属性，…, 环节，…):
    the tail of a noun phrase begun before the break. A paragraph opens with a connective,
    a time word or a whole phrase (同时，当前，理念革新，…)."""
    head, comma, _ = text.partition("，")
    if not comma or len(head) > 2:
        return False
    tags = lexicon.tag(head)
    return len(tags) == 1 and tags[0][1] in ("n", "vn", "nz", "ng")


def series_completed(text: str, following: str) -> bool:
    """The line ends inside a series (…、) and the next line's first words finish its last
    item: the way the item before it ends (…产学研融合、科教 | 融合、产教融合… / …党员情况、
    党建工作 | 站点情况，…: the items of a series share their head word), or, where the line
    ends on an item no longer than the one before it, with the series' own mark after them
    (…产业结构、就业 | 方式、人居环境…): the series runs on across the break. (A line whose
    series closed before its end, 建立土地、资金、用能等要素协同保障的机制, does not run on
    into a paragraph that opens with a series of its own.)"""
    items = last_clause(text).split("、")
    head, mark = _first_segment(following)
    if len(items) < 2 or not items[-1] or not 0 < len(head) <= SERIES_HEAD or not mark:
        return False
    if mark == "、":
        return len(items[-1]) <= len(items[-2])
    shared = os.path.commonprefix([items[-2][::-1], (items[-1] + head)[::-1]])
    return len(shared) >= 2 and not items[-1].endswith(shared[::-1])


def _first_segment(text: str) -> tuple[str, str]:
    """The text up to its first mark of a series, clause or sentence, and that mark ("" when
    it has none)."""
    match = _SEGMENT_END.search(text)
    return (text[:match.start()], match.group()) if match else (text, "")


_SEGMENT_END = re.compile("[、，。；：]")


def opens_with_lone_character(text: str) -> bool:
    """The piece opens with a clause or series item of one character (说，… / 看，… / 子、…):
    a verb or a word's last character left over from a sentence begun before the break. A
    paragraph's first clause is a phrase (同时，… / 近年来，…)."""
    return len(text) > 2 and bool(CJK_RE.match(text[0])) and text[1] in "，、；,;"


@lru_cache(maxsize=4096)
def _enumeration_left_open(text: str) -> bool:
    """The line's last list item is one word that only begins an item like the one before
    it (…坚持依法治理、坚持 / …政治判断力、政治 / …服务群众、化解): a parallel series
    cut after its head. (A subheading's series is whole: 技术领先、运行高效.)"""
    items = last_clause(text).split("、")
    if len(items) < 2 or not items[-1]:
        return False
    last, before = items[-1], items[-2]
    last_tags, before_tags = lexicon.tag(last), lexicon.tag(before)
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
    return "，" in text and shapes.cjk_len(last_clause(text)) <= 3


# prepositions whose object the predicate follows (把 X 作为 …, 以 X 为 …): a verb after them is the predicate
_PREDICATE_AFTER_OBJECT = {"把", "将", "被", "让", "使", "叫", "给", "以", "为", "由"}


@lru_cache(maxsize=4096)
def _preposition_without_verb(clause: str, shortest: int = 1) -> bool:
    """The clause is a preposition (of at least `shortest` characters) and its object, with
    no verb after it: the opening of a sentence whose predicate comes after the break. After
    a preposition that only names a target or a means (针对, 通过 …), a verb before the
    clause's last 的 belongs to a modifier of its object (针对职工反映突出的问题); after 把,
    将 … the verb is the predicate (把服务群众作为…的出发点)."""
    tags = lexicon.tag(clause)
    if not tags or tags[0][1] != "p" or len(tags[0][0]) < shortest:
        return False
    last_de = 0
    if tags[0][0] not in _PREDICATE_AFTER_OBJECT:
        last_de = max((k for k, (word, _) in enumerate(tags) if word == "的"), default=0)
    return not any(tag.startswith("v") for _, tag in tags[max(1, last_de + 1):])


def opens_without_predicate(text: str) -> bool:
    """The text is a preposition (以, 把, 为 …) and its object, and its verb is still to
    come (以高质量党建, 把稳就业): the first half of a phrase."""
    return _preposition_without_verb(text)


def _bare_preposition(text: str) -> bool:
    """The line is a prepositional phrase and nothing else (针对…, 围绕…)."""
    return _preposition_without_verb(text, shortest=2)


def open_last_clause(text: str) -> bool:
    """After a comma, the line's last clause is a prepositional phrase (…，对楼宇内), or a
    subject and a prepositional phrase with no predicate anywhere (…，大规模并网对电网)."""
    if "，" not in text:
        return False
    clause = last_clause(text)
    return _preposition_without_verb(clause) or _subject_and_preposition(clause)


def _subject_and_preposition(clause: str) -> bool:
    """The clause is a subject, a preposition and its object, and no verb or adjective: its
    predicate comes after the break. (A verb before the preposition makes it a complement of
    place, 奋斗在一线; an adjective after it, the predicate, 对党忠诚.)"""
    tags = lexicon.tag(clause)
    at = next((k for k, (_, tag) in enumerate(tags) if tag == "p"), 0)
    return at > 0 and tags[-1][1].startswith("n") and not any(tag[:1] in ("v", "a") for _, tag in tags)


@lru_cache(maxsize=4096)
def _ends_on_count(text: str) -> bool:
    """The line stops on a number or a measure word (…离不开一支): its noun follows."""
    tags = lexicon.tag(text[-8:])
    return bool(tags) and tags[-1][1] in ("m", "q", "mq")


# determiners that stand before their noun (…不能要求所有 | 地区…)
_DETERMINERS = ("所有", "一切", "每个", "每一个", "各个", "这些", "那些", "一些", "各项", "各类", "各种")


def _ends_on_determiner(text: str) -> bool:
    """The line stops on a determiner (所有, 这些, 各类 …): its noun follows the break."""
    return text.endswith(_DETERMINERS)


# adverbs that tie a clause to a subject named before it (…的分配，也应当…; …，却是…)
_LINKING_ADVERBS = ("也", "还", "却", "则", "又", "都", "就")
# … then a modal or copula: the clause's predicate, whose subject is the clause before
_CLAUSE_PREDICATES = tuple(sorted(_COPULAS | {"要", "应", "应当", "应该", "必须", "须", "需要", "能", "能够", "可以"},
                                  key=len, reverse=True))


def _copula_clause(text: str) -> bool:
    """A clause opens with 是 after a comma (…格局，是…), or with a linking adverb and a
    modal or copula (…的分配，也应当…): it has no subject of its own, the first clause is its
    subject, and the line is a sentence of the body. (Not after a correlative's first half
    (既要…，也要…), nor after a clause opening on a verb: the genre's two-part subheadings.)"""
    if "，是" in text:
        return True
    first, comma, rest = text.partition("，")
    if not comma or not rest.startswith(_LINKING_ADVERBS) or _opens_correlative(first):
        return False
    # (by characters: the segmenter makes one word of some pairs, 还要, 就是)
    return rest[1:].startswith(_CLAUSE_PREDICATES) and not _opens_on_verb(first)


def _opens_correlative(clause: str) -> bool:
    return any(clause.startswith(firsts) for firsts, _ in _CORRELATIVES)


def _opens_on_verb(clause: str) -> bool:
    tags = lexicon.tag(clause[:6])
    return bool(tags) and tags[0][1] == "v"


# the grammar of a line that stops before its sentence is done (each is enough alone)
_SENTENCE_GOES_ON = (_ends_on_function_word, _bare_preposition, _short_last_clause, _enumeration_left_open,
                     _open_correlative, _fronted_without_verb, _ends_before_verb, _ends_on_count, _copula_clause,
                     _ends_on_determiner)


def stops_short(text: str) -> bool:
    """The line's grammar stops before its sentence is done (any of _SENTENCE_GOES_ON)."""
    return any(stops(text) for stops in _SENTENCE_GOES_ON)


# of those, the ones that speak of a phrase as well as a sentence: a short line of a few words
# (a title's line, a column's name) is no clause to be short and may end on a measure word
# (治理之道)
_PHRASE_GOES_ON = (_ends_on_function_word, _enumeration_left_open, _open_correlative, _fronted_without_verb,
                   _ends_before_verb, _ends_on_determiner)


def phrase_stops_short(text: str) -> bool:
    """The phrase's grammar stops before it is done (…体系和, …所有, 把…without its verb)."""
    return any(stops(text) for stops in _PHRASE_GOES_ON)

