"""Shapes of the genre's text: how a sentence ends, what a title or a subheading looks like,
how a paragraph opens. Shared by segmentation, reflow and de-interleaving.
"""
from __future__ import annotations

import re
from functools import lru_cache

from site_builder.ingest.typography import CJK

SENTENCE_END = "。！？；…!?;"
# a page number printed alone (9, — 9 —, -9-, or as a PDF's page foot: 第 3 页 共 9 页, 3/9,
# Page 3 of 9)
PAGE_NUMBER = re.compile(r"^[—\-–－~～·•\s]*(?:\d{1,3}|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?"
                         r"|\d{1,3}\s*/\s*\d{1,3}|(?:[Pp]age|P\.)\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?)"
                         r"[—\-–－~～·•\s]*$")
# a jump line: the article goes on (or came from) another page of the paper (（下转第4版）);
# its verbs in traditional form too (下轉), as stray-traditional damage prints them
JUMP_VERB = r"(?:下[转轉]|上接|[转轉]|接|[紧緊]接|[续續])"
JUMP = re.compile(rf"[（(]\s*{JUMP_VERB}\s*第?\s*[0-9一二三四五六七八九十百零〇]+\s*版\s*(?:[^）)]{{0,8}})?[）)]")
CLOSERS = "”’）》」』】)\"'"
# a paragraph can never end on these: the sentence goes on after a break
# the closing and opening halves of quotes and brackets, as a junction's evidence reads them
# (ASCII quotes are left out: one mark both opens and closes)
BRACKET_CLOSERS = "”’）》」』】)"
BRACKET_OPENERS = "“‘（《「『【("
OPEN_ENDINGS = "，、：“（《—·,(:"
TITLE_MAX = 45
# the genre's longest subheadings: two clauses (…，…) of up to about 25 characters each
HEADING_MAX = 50

_ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、是]|首先|其次|再次|最后|此外|另外|同时[，,]|总之|总而言之|综上"
    r"|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．]"
    r"|[一二三四五六七八九十]+要|[一二三四五六七八九十]+在于|下一步|当前[，,]|目前[，,]"
    # an interview's turn, labelled by who speaks (问：…  答：…  记者：…)
    r"|(?:问|答|记者|主持人)[：:])")
_NUMBERED_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[部章节篇]"
                               r"|\d+[、.．]\s*[^\d])")
# connectives that open a sentence (followed by a comma): never the rest of a sentence cut
# in mid-clause
_SENTENCE_OPENER = re.compile(
    r"^(?:一方面|另一方面|例如|比如|譬如|因此|为此|对此|由此|此外|另外|其中|可见|然而|但是|不过|所以|总之|同时|与此同时"
    r"|具体看|具体来看|具体而言|具体来说|实践证明|事实上|实际上|换言之|也就是说|一般来说|总的来看|从.{1,8}看)[，,]")
# the label of a box printed with an article (链接, 相关链接, 延伸阅读, 背景 …): a heading over
# the box's text, never the first words of a paragraph
_BOX_LABEL = re.compile(r"^[【\[]?(?:[\u4e00-\u9fff]{0,2}链接|延伸阅读|背景(?:资料|链接)?|名词解释|小?资料|知识卡片)[】\]]?$")
# an interview's question or answer, labelled (问：…？): a turn of the talk, however short and
# whatever stands under it, never a title or a subheading
_INTERVIEW_TURN = re.compile(r"^[问答][：:]")
_RUN_IN_ENUM = re.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,]|首先|其次|再次|最后)")


def strip_closers(text: str) -> str:
    return text.rstrip(CLOSERS + " ")


def terminated(text: str) -> bool:
    """The text ends a sentence (closing quotes and brackets after the mark are fine)."""
    t = text.rstrip()
    if not t:
        return True
    if t[-1] in SENTENCE_END:
        return True
    core = strip_closers(t)
    return (bool(core) and core[-1] in SENTENCE_END and core != t) \
        or ("—" in t[-SOURCE_TAIL:] and _QUOTATION_SOURCE.search(t[-SOURCE_TAIL:]) is not None)


# a quotation and its source after a dash (“…。”——某某): the sentence ends with the quotation
SOURCE_TAIL = 36  # characters: the quotation's last marks, the dash and a source of up to 30
_QUOTATION_SOURCE = re.compile(rf"[。！？][”」』]?[”」』]\s*——\s*[{CJK}·《》〈〉]{{2,30}}$")

# a whole quoted sentence alone with its source: an epigraph over a text, or a saying set apart
_SAYING = re.compile(rf"[“「『][^“”「」『』]+[。！？][”」』]\s*——\s*[{CJK}·《》〈〉]{{2,30}}")


def is_saying(text: str) -> bool:
    """A quoted sentence and its source after a dash (“民为邦本，本固邦宁。”——《尚书》), set as a
    paragraph of its own: as an epigraph it stands between an article's head and its text."""
    return _SAYING.fullmatch(text.strip()) is not None


def dangling(text: str) -> bool:
    """A paragraph cut in mid-sentence (by a page or column break)."""
    return not terminated(text) and not text.rstrip().endswith(("：", ":"))


def ends_open(text: str) -> bool:
    return text.rstrip()[-1:] in OPEN_ENDINGS


def starts_new_paragraph(text: str) -> bool:
    """Opens with an enumerator or connective that begins a paragraph, not a sentence's tail."""
    return bool(_ENUMERATOR.match(text.lstrip()))


def starts_sentence(text: str) -> bool:
    """Opens with a sentence's connective and its comma (例如，因此，一方面，…)."""
    return bool(_SENTENCE_OPENER.match(text.lstrip()))


def is_numbered_heading(text: str) -> bool:
    return bool(_NUMBERED_HEADING.match(text)) and len(text) <= HEADING_MAX and "。" not in text


def is_box_label(text: str) -> bool:
    return bool(_BOX_LABEL.match(text.strip()))


def starts_run_in(text: str) -> bool:
    return bool(_RUN_IN_ENUM.match(text))


def title_shaped(text: str, *, limit: int = TITLE_MAX) -> bool:
    """Short, no sentence inside, not cut at a comma: could be a title or a subheading."""
    t = text.strip()
    cjk = len(re.findall(f"[{CJK}]", t))
    if cjk < 4 or len(t) > limit:
        return False
    if "。" in t or "；" in t or ends_open(t) or _INTERVIEW_TURN.match(t):
        return False
    core = strip_closers(t)
    return not core.endswith(("。", "；", "，", "、"))


def first_sentence(text: str) -> str:
    m = re.search(r"[。！？；]", text)
    return text[:m.start()] if m else text


def cjk_len(text: str) -> int:
    return len(re.findall(f"[{CJK}]", text))


@lru_cache(maxsize=8192)
def opens_with_closer(text: str) -> bool:
    """The piece opens with the closing half of a quote or bracket (or with punctuation):
    it carries on a sentence that began before it."""
    t = text.lstrip()
    if not t:
        return False
    if t[0] in BRACKET_CLOSERS or t[0] in "，、；：。":
        return True
    for ch in t[:40]:
        if ch in BRACKET_OPENERS:
            return False
        if ch in BRACKET_CLOSERS:
            return True
    return False
