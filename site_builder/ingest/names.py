"""What a Chinese personal name looks like, for telling a byline from a short line of text.

Most names have two or three characters: a one-character surname and a given name. A name of
four or more characters without a middle dot (which joins the parts of a minority or foreign
name: 阿依古丽·买买提) opens with a compound surname (欧阳, 司马 …); a short subheading
printed with a byline's marker (■ 筑牢根基, ■ 新质生产力) does not. An unmarked line of
“names” may be words (强基　固本, 红色 资源); a name and a colon open a speaker's turn."""
from __future__ import annotations

import re

from site_builder.ingest import lexicon, shapes

# the compound surnames of the 百家姓 and those common today
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 西门 南宫 独孤 呼延 "
    "闻人 轩辕 澹台 公羊 钟离 万俟 太史 申屠 司空 仲孙 濮阳 淳于 单于 公冶 宗政 赫连 第五 百里".split())
SHORT_NAME_MAX = 3  # characters of a name with a one-character surname, most often
MIDDLE_DOTS = "·・‧"  # (as a text layer may give the dot)
# a research group signs as one writer: 某某研究院课题组
GROUP_SIGNATURE = re.compile(r"[\u4e00-\u9fff“”（）()·]{2,40}课题组")


# particles no name holds: a “name” with one is the end of a sentence cut at a line (学 | 子们)
NEVER_IN_NAMES = frozenset("们的了着吗呢吧")


def plausible_name(name: str) -> bool:
    """Whether `name` (Chinese characters, maybe a middle dot) can be a person's name."""
    if NEVER_IN_NAMES.intersection(name):
        return False
    return len(name) <= SHORT_NAME_MAX or any(dot in name for dot in MIDDLE_DOTS) or name[:2] in COMPOUND_SURNAMES


def person_by_lexicon(name: str) -> bool:
    """A person's name by the lexicon: tagged one, or two or three characters that open with
    a surname and make no word of it (袁彬杰, 雷雨洋: names the dictionary does not list)."""
    tags = lexicon.tag(name)
    return (len(tags) == 1 and tags[0][1].startswith("nr")) \
        or (len(name) in (2, 3) and lexicon.opens_names(name[0]) and not lexicon.word_frequency(name))


# a title's line that ends on its writers' names after a wide gap, no marker (题目　　王某):
# the gap is an ideographic space or two spaces, the names one to three of two or three
# characters, single spaces between them
_TRAILING_NAMES = re.compile(r"^(?P<title>\S.*?\S)(?:\u3000[ \u3000]*| {2,})"
                             r"(?P<names>[\u4e00-\u9fff]{2,3}(?: [\u4e00-\u9fff]{2,3}){0,2})$")
TITLE_BEFORE_NAMES_MIN = 6  # characters: a title's, not one word of a two-part head (强基　固本)


def split_trailing_names(text: str) -> tuple[str, str] | None:
    """A title-shaped line that ends on its writers' names set apart by a wide gap: the title
    and the names, or None. Every name must read as a person's by the lexicon, so that a head
    of two parts (用好红色资源　赓续红色血脉, 党建引领　新时代) stays whole."""
    m = _TRAILING_NAMES.match(text.strip())
    if not m or len(m.group("title")) < TITLE_BEFORE_NAMES_MIN or not shapes.title_shaped(m.group("title")) \
            or shapes.terminated(m.group("title")):
        return None
    return (m.group("title"), m.group("names")) if all(map(person_by_lexicon, m.group("names").split())) else None


NAME_MAX = 3  # characters of most Chinese names (a compound surname or a foreign name runs longer)


def words_not_names(names: list[str]) -> bool:
    """The “names” of an unmarked line are words of a text or a title, not a byline's."""
    return _word_series(names) or _spaced_words(names) or _no_surname(names)


def _word_series(names: list[str]) -> bool:
    """Unmarked “names”, two or more longer than a Chinese name and not foreign ones
    (革命老区、民族地区、边疆地区 / 在基本医保、大病保险、医疗): a series of words cut from
    a paragraph, not a byline."""
    return sum(len(name) > NAME_MAX and "·" not in name for name in names) >= 2


def _spaced_words(names: list[str]) -> bool:
    """Unmarked “names”, two or more, each a word of the lexicon that is no person's name
    (红色 资源, 中华 民族): a short piece of text with a space the text layer put in (a
    column's cut left it alone under a title), not a byline."""
    return len(names) >= 2 and all(_common_word(name) for name in names)


def _no_surname(names: list[str]) -> bool:
    """Unmarked “names” of two characters, two or more, one of which opens with a character
    that opens no person's name of the lexicon (强基 固本, 守正 创新): a short title of two
    parts set with a space, not a byline."""
    return len(names) >= 2 and all(len(name) == 2 for name in names) \
        and not all(lexicon.opens_names(name[0]) for name in names)


def _common_word(word: str) -> bool:
    tags = lexicon.tag(word)
    return len(tags) == 1 and not tags[0][1].startswith("nr") and lexicon.word_frequency(word) > 0


# a speaker's label at a turn's head in a round table or an interview (史文：…, 主持人：…)
_TURN_LABEL = re.compile(r"^([\u4e00-\u9fff]{2,3})[：:]")
_TURN_ROLES = ("主持人", "记者")


def opens_a_turn(text: str) -> bool:
    """The line opens with a speaker's label: a person's name (a surname, and no word of the
    lexicon nor a reported-speech clause) or the host's or reporter's role, then a colon. A
    turn opens a paragraph."""
    m = _TURN_LABEL.match(text.lstrip())
    if not m:
        return False
    label = m.group(1)
    if label in _TURN_ROLES:
        return True
    return lexicon.opens_names(label[0]) and not lexicon.word_frequency(label) \
        and not _reports_speech(label[1:])


def _reports_speech(rest: str) -> bool:
    """After a surname, a verb of two characters or more (…写道：, …表示：) makes the label a
    clause reporting speech, cut from a sentence above, not a speaker's name."""
    tags = lexicon.tag(rest)
    return len(rest) >= 2 and len(tags) == 1 and tags[0][1] == "v"
