"""Forms of the genre's subheadings that look unfinished word by word:
  * a place frame closed by its localizer (…用在研究上, 把论文写在祖国大地上): the segmenter
    leaves the localizer a word of its own and tags the verb before 在 a preposition, so the
    line seems to stop on a single character, or to front its object (把…) with no verb;
  * two clauses or more, each opening on a verb (发挥各地比较优势，构建…的区域经济布局):
    the imperative form of the genre's long subheadings, as long as a sentence's first half.
    A sentence's clauses open with a subject, a modal (要…) or a connective."""
from __future__ import annotations

import re
from functools import lru_cache

from site_builder.ingest import lexicon

# prepositions that open a place or scope frame a one-character localizer closes
_FRAME_OPENERS = {"在", "于", "到"}
# one-character localizers, alone or ending a place word (大地上)
_LOCALIZERS = "上中里下内外间"
# verbs that open a sentence's predicate, not an imperative clause (要健全…, 是…, 有…)
_NOT_IMPERATIVE = {"要", "就要", "应", "应当", "应该", "须", "必须", "需要", "能", "能够", "可以", "会", "将", "是", "有"}
_CLAUSE_BREAK = re.compile("[，；：,;:]")


@lru_cache(maxsize=4096)
def closes_frame(text: str) -> bool:
    """The line's last clause ends on a one-character localizer (上, 中, 里 …, or a place word
    ending on one: 大地上) that closes a frame opened by 在, 于 or 到 in the same clause."""
    tags = lexicon.tag(text.rsplit("，", 1)[-1])
    if len(tags) < 3 or tags[-1][1] not in ("f", "s") or tags[-1][0][-1:] not in _LOCALIZERS:
        return False
    opener = max((k for k, (word, tag) in enumerate(tags) if word in _FRAME_OPENERS and tag == "p"), default=None)
    return opener is not None and opener < len(tags) - 2


@lru_cache(maxsize=4096)
def imperative_clauses(text: str) -> bool:
    """Two clauses or more, each opening on a verb that is not a modal or a copula."""
    clauses = [clause for clause in _CLAUSE_BREAK.split(text) if clause]
    return len(clauses) >= 2 and all(_opens_on_verb(clause) for clause in clauses)


def _opens_on_verb(clause: str) -> bool:
    tags = lexicon.tag(clause[:6])
    return bool(tags) and tags[0][1] == "v" and tags[0][0] not in _NOT_IMPERATIVE


# an indefinite or anaphoric subject (一位老兵…, 某地…, 有的地方…, 这说明…): a sentence of a
# narrative or an argument, which a subheading never opens with
_SENTENCE_SUBJECT = re.compile(r"^(?:[一两几][位家个名种批些次座条项所]|某|有的|有些|这|那)")


def opens_as_sentence(text: str) -> bool:
    """The line opens with an indefinite or anaphoric subject, or with an adverbial clause
    of its own (在一些街区，… / 近十年以来，… / 对于…，…): the first half of a sentence, never a
    subheading."""
    if _SENTENCE_SUBJECT.match(text):
        return True
    first, comma, _ = text.partition("，")
    return bool(comma) and (_bare_frame(first) or first.endswith(_SINCE) or first.startswith(_TOPIC))


# prepositions of place and time whose phrase, standing as a clause, sets a sentence's scene
# (not 以: 以人民为中心，… opens subheadings)
_SCENE_SETTERS = {"在", "从", "当", "随着"}
# a clause that ends on this sets the time from which a sentence speaks (改革启动以来，…)
_SINCE = "以来"
# a clause that opens on this names the topic a sentence then comments on (对于…的问题，…)
_TOPIC = "对于"


@lru_cache(maxsize=4096)
def _bare_frame(clause: str) -> bool:
    """A preposition of place or time and its object, no verb (在一些街区)."""
    tags = lexicon.tag(clause)
    return len(tags) >= 2 and tags[0][0] in _SCENE_SETTERS and not any(tag.startswith("v") for _, tag in tags[1:])
