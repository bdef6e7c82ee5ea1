"""Reading the genre's metadata lines: bylines, reprint lines, author units, summary labels,
kickers and series banners. Every pattern here is a form of the genre, never a sample's words.
"""
from __future__ import annotations

import re

from site_builder.ingest import lexicon, shapes
from site_builder.ingest.names import GROUP_SIGNATURE, person_by_lexicon, plausible_name
from site_builder.ingest.typography import CJK
from site_builder.ingest.writer_roles import parts_as_marker

MARKERS = "■●▲◆□○◇★☆▼►•◎▶"
OPENING, CLOSING = re.escape("（(〔[【"), re.escape("）)〕]】")

# A name: 2-5 Chinese characters (a minority name may carry a middle dot).
NAME_PATTERN = rf"[{CJK}](?:[{CJK}·]{{0,3}}[{CJK}])"
# a minority or foreign name's parts joined by middle dots run longer (阿依古丽·买买提,
# 迪丽热巴·迪力木拉提): read where a marker says the line is a byline
_DOTTED_NAME = rf"[{CJK}]{{1,6}}(?:[·・‧][{CJK}]{{1,7}}){{1,2}}"
# the words a byline may print before its names (they mark it as a byline marker does):
# 文／王某, 文｜王某, 撰文：王某, 作者：王某, 作者　王某, 作者丨王某, 文·图／王某, 图文：王某,
# 文／图　王某 (the slash between the parts, a space before the name), and the dash of a
# signature under the text (——王某)
_BYLINE_LEAD = r"(?:文[·・、/／]图\s+|(?:撰?文(?:[·・、/／]?图)?|图文|作者)\s*[/／｜|丨:：]\s*|作者\s+|——\s*)"
# a name printed with justification spaces between its characters (苏 雁), anywhere in the line
_SPACED_NAME = rf"[{CJK}](?:\s+[{CJK}]){{1,3}}"
_BYLINE_MARKED = re.compile(rf"^[{MARKERS}]\s*({_BYLINE_LEAD}?(?:{_DOTTED_NAME}|{NAME_PATTERN}|{_SPACED_NAME})"
                            rf"(?:[\s、，,]+(?:{_DOTTED_NAME}|{NAME_PATTERN}|{_SPACED_NAME}))*)\s*$")
_BYLINE_PLAIN = re.compile(rf"^{_BYLINE_LEAD}?((?:{NAME_PATTERN}|{_SPACED_NAME})(?:[\s、，,]+(?:{NAME_PATTERN}|{_SPACED_NAME})){{0,3}})$")
# A staff byline names its writers after their role: 本报记者 苏 雁, 新华社记者 王某 李某,
# 本报通讯员 姬尊雨, several roles on one line. The role: the paper or agency (本报, X社,
# X日报 …), a qualifier (特约, 见习, 驻京 …) and the post. A role with no name after it is
# itself the byline (本报评论员). (Public: the role words are labels the byline's names drop,
# as 作者单位 is the affiliation's.)
_AGENCY = rf"(?:本报|本刊|本台|本网|[{CJK}]{{2,8}}?(?:日报|晚报|时报|杂志|社|台|网))"
# (a paper's commentary or editorial department signs as one: 本报评论部, 求是杂志编辑部)
STAFF_ROLE = re.compile(rf"{_AGENCY}?(?:特约|见习|实习|驻[{CJK}]{{1,4}})?(?:记者|通讯员|评论员|实习生|评论部|编辑部)")
_NAMES_PART = re.compile(rf"^[\s{CJK}·、，,]*$")
# A byline in brackets with the name last: （某某大学教授 王某）, (某某市委党校副教授 李某某).
# What stands before the name is the writer's post or unit, so it ends on a word that names one.
POSTS = ("教授", "研究员", "讲师", "博士", "博士生", "博士后", "研究生", "硕士生", "学者", "专家", "教师",
          "院长", "所长", "校长", "主任", "书记", "部长", "局长", "处长", "会长", "理事", "委员", "馆员",
          "编辑", "干部", "学员", "成员", "顾问", "助理", "导师", "秘书长", "理事长", "社长", "主编")
UNITS = ("大学", "学院", "学校", "党校", "研究院", "研究所", "研究会", "中心", "基地", "委员会", "实验室",
          "部", "局", "厅", "委", "办", "院", "所", "处", "馆", "会", "联", "社", "集团", "公司")
_BRACKETED = re.compile(r"^[（(]\s*([^（()）]{2,60}?)\s*[）)]$")
# … or the name first and the post after it in brackets: 王某（某某市委党校教授）
_NAME_THEN_POST = re.compile(rf"^[{MARKERS}]?\s*((?:{NAME_PATTERN}|[{CJK}](?:\s+[{CJK}]){{1,3}})(?:[\s、，,]+{NAME_PATTERN}){{0,2}})"
                             r"\s*[（(]\s*([^（()）]{2,40}?)\s*[）)]$")


_SUMMARY_LABEL = re.compile(r"^[【\[〔]?\s*(内容提要|核心提示|核心阅读|阅读提示|内容摘要|摘要|提要|导读|导语)\s*[】\]〕]?\s*[:：]?\s*(.*)$")

# a column banner in square brackets of any of the page's shapes (【学思践悟】, 〖思想纵横〗,
# 〔理论前沿〕, ［学习笔谈］), or between two of one mark (◆理论视野◆, ★学习笔谈★)
_BANNER = re.compile(rf"^(?:【[^】]{{1,24}}】|〖[^〗]{{1,24}}〗|〔[^〕]{{1,24}}〕|［[^］]{{1,24}}］"
                     rf"|([◆◇★☆■□●○▲△▼▽◎※])\s*[{CJK}“”《》·]{{2,14}}\s*\1)$")
_CAMPAIGN = re.compile(rf"^(?:深入)?(?:学习|宣传|贯彻|领会|落实|研究阐释)[{CJK}、]{{0,6}}[{CJK}“”《》、·0-9]{{2,30}}"
                       r"(?:精神|思想|论述|讲话|指示|批示|决定|要求)$")
# (a commentary's label alone is one too: 短评, 时评, 快评)
_COLUMN = re.compile(rf"^[{CJK}“”\"《》·「」『』]{{0,14}}(?:时评|快评|微评|笔谈|短评|新论|专论|论坛|观察|随笔|漫谈|评论|札记|一线|视点|谈)$")
# a subtitle line: led by a dash (——以…为例), or whole in brackets and led by the words a
# subtitle opens with (（以…为例）, （基于…的分析）, （兼论…）)
_SUBTITLE = re.compile(r"^[—–-]{1,2}\s*\S.{2,40}$|^[（(]\s*(?:以|基于|兼论|兼谈|关于)[^（()）。！？；]{3,30}[）)]$")


# a marker and one to four names of a byline at the end of a line, after the title's text
_TRAILING_BYLINE = re.compile(rf"^(?P<title>\S.*?)[ \u3000]*"
                              rf"(?P<byline>[{MARKERS}][ \u3000]*[^ \u3000{MARKERS}][^{MARKERS}]{{1,24}})$")


def split_trailing_byline(text: str) -> tuple[str, str] | None:
    """A title-shaped line that ends on its marked byline (为加快…贡献高校力量　■李奕): the
    title and the byline, or None."""
    m = _TRAILING_BYLINE.match(text.strip())
    if not m or not shapes.title_shaped(m.group("title")) or shapes.terminated(m.group("title")) \
            or not parse_byline(m.group("byline"), marked_only=True):
        return None
    return m.group("title"), m.group("byline")


def parse_byline(text: str, *, marked_only: bool = False) -> list[str] | None:
    """Names of a byline line (■李奕 / 陆 静 / 张三 李四 / 本报记者 苏 雁 / （某某大学教授 王某）),
    or None when it is not one. A line in brackets or led by a role counts as marked."""
    parts = parse_byline_parts(text, marked_only=marked_only)
    return parts["names"] if parts else None


# a unit's other name in brackets after it (中共中央党校（国家行政学院）): its brackets are
# masked while a line's own brackets are read, so that neither is taken for the other
_ALIAS = re.compile(rf"[（(]([{CJK}]{{2,16}})[）)]")
_MASK = str.maketrans("（）()", "\ue000\ue001\ue002\ue003")
_UNMASK = str.maketrans("\ue000\ue001\ue002\ue003", "（）()")


def mask_unit_aliases(text: str) -> str:
    """The text with the brackets of each unit's other name masked (see `unmask_info`)."""
    def mask(m: re.Match) -> str:
        aliased = text[:m.start()].endswith(UNITS) and m.group(1).endswith(UNITS)
        return m.group(0).translate(_MASK) if aliased else m.group(0)
    return _ALIAS.sub(mask, text) if "（" in text or "(" in text else text


def unmask_info(info: dict | None) -> dict | None:
    """A parsed line's fields with the masked brackets given back."""
    if info is None:
        return None
    return {key: value.translate(_UNMASK) if isinstance(value, str)
            else [v.translate(_UNMASK) for v in value] if isinstance(value, list) else value
            for key, value in info.items()}


_SENTENCE_MARK = re.compile(r"[。！？]")


def parse_byline_parts(text: str, *, marked_only: bool = False) -> dict | None:
    """A byline's names, and the writer's post or unit where the line prints it before the
    name ({"names": [...], "affiliation": "…"}); None when the line is no byline (a line that
    ends a sentence is none: the cheap test first)."""
    if _SENTENCE_MARK.search(text):
        return None
    return unmask_info(_byline_parts(mask_unit_aliases(text.strip()), marked_only))


def _byline_parts(text: str, marked_only: bool) -> dict | None:
    text = _lead_as_marker(parts_as_marker(read_ocr_marker(text), MARKERS))
    staff = _staff_names(text.lstrip(MARKERS).strip())
    if staff:
        return {"names": staff}
    bracketed = _bracketed_byline(text) or _name_then_post(text) or _names_each_with_post(text) \
        or _name_then_unit(text) or _unit_then_name(text, unmarked=not marked_only) or _role_led(text) \
        or _research_group(text)
    if bracketed:
        return bracketed
    m = _BYLINE_MARKED.match(text)
    led = re.match(_BYLINE_LEAD, text) is not None
    if not m and (led or not marked_only) and not text.startswith(tuple(MARKERS)):
        m = _BYLINE_PLAIN.match(text)
    if not m:
        return None
    names = split_names(re.sub(rf"^{_BYLINE_LEAD}", "", m.group(1)))
    # a byline's marker before a short subheading (■ 筑牢根基) or a box's label (■背景) makes no name of it
    return {"names": names} if all(map(plausible_name, names)) and not shapes.is_box_label(m.group(1)) else None


# what OCR reads a byline's square marker as: the character 口 (a surname nobody bears
# today) or katakana ロ; unless 口 opens a common word with the next character (口号, 口碑:
# lexicon frequencies in the hundreds and thousands; a rare entry such as 口孔 has 9)
OCR_MARKERS = "口ロ"
COMMON_WORD = 100


def read_ocr_marker(text: str) -> str:
    """口李奕 as OCR reads ■李奕: the marker back, where a marked byline follows it (names,
    names and the writer's unit, a department), unless 口 opens a common word with the next
    character (口号, 口碑 …)."""
    if text[:1] not in OCR_MARKERS or len(text) < 3 or lexicon.word_frequency(text[:2]) >= COMMON_WORD:
        return text
    marked = MARKERS[0] + text[1:]
    return marked if parse_byline_parts(marked, marked_only=True) else text


def _lead_as_marker(text: str) -> str:
    """作者：王某（某某大学教授） as ■王某（某某大学教授）: the words a byline prints before
    its names mark it as a marker does, whatever form the rest takes."""
    lead = re.match(_BYLINE_LEAD, text)
    return MARKERS[0] + text[lead.end():] if lead and text[lead.end():].strip() else text


def _staff_names(text: str) -> list[str] | None:
    """The names of a staff byline, each role's writers in turn (roles left out); a role
    printed without a name stands for its writer. None when the line is not one."""
    if not STAFF_ROLE.match(text):
        return None
    roles = list(STAFF_ROLE.finditer(text))
    names: list[str] = []
    for role, following in zip(roles, roles[1:] + [None], strict=False):
        part = text[role.end():following.start() if following else len(text)]
        if not _NAMES_PART.match(part) or (part[:1].strip() and not _AGENCY_LED.match(role.group(0))):
            return None  # (a bare 记者 must be followed by a space: 记者观察 is a column)
        found = split_names(part) if part.strip() else [role.group(0)]
        if not all(_WHOLE_NAME.match(name) for name in found):
            return None
        names += found
    return names


_AGENCY_LED = re.compile(rf"^{_AGENCY}")
_WHOLE_NAME = re.compile(rf"^(?:{NAME_PATTERN}|{STAFF_ROLE.pattern})$")


def _bracketed_byline(text: str) -> dict | None:
    """（某某大学教授 王某）: the writer's post or unit, then the name, in brackets (a staff
    byline, or names alone, （王某）, a signature under the text, give their names)."""
    m = _BRACKETED.match(text)
    if not m:
        return None
    inner = m.group(1).strip()
    words = inner.split()
    names = _staff_names(inner) or (words if len(words) <= 3 and all(map(person_by_lexicon, words)) else None)
    if names:
        return {"names": names}
    # the name: the last word, or its last two characters printed with a justification space
    cut = -2 if len(words) > 2 and len(words[-1]) == len(words[-2]) == 1 else -1
    head, name = " ".join(words[:cut]), "".join(words[cut:])
    if not head:  # no space: the name follows the post's last word (某某大学教授王某)
        post = max((inner.rfind(word) + len(word) for word in POSTS if word in inner[:-2]), default=-1)
        head, name = (inner[:post], inner[post:]) if post > 0 else ("", inner)
    head = head.strip()
    if not names_unit(head) or not re.fullmatch(NAME_PATTERN, name) or len(name) > 4:
        return None
    return {"names": [name], "affiliation": re.sub(r"\s+", "", head)}


def _name_then_post(text: str) -> dict | None:
    """王某（某某市委党校教授）: the name, then the writer's post or unit in brackets."""
    m = _NAME_THEN_POST.match(text)
    if not m or not names_unit(m.group(2)):
        return None
    return {"names": split_names(m.group(1)), "affiliation": re.sub(r"\s+", "", m.group(2))}


# 王某（某某大学） 李某（某某研究院）: several writers on one line, each with a post in brackets
_WITH_POST = re.compile(rf"((?:{NAME_PATTERN}|{_SPACED_NAME}))\s*[（(]\s*([^（()）]{{2,40}}?)\s*[）)]")


def _names_each_with_post(text: str) -> dict | None:
    """王某（某某大学） 李某（某某研究院）: two or more writers, each followed by their post or
    unit in brackets, one after another (the posts joined as 作者分别为… joins them)."""
    rest = text.lstrip(MARKERS).strip()
    pairs: list[tuple[str, str]] = []
    while rest:
        m = _WITH_POST.match(rest)
        if not m or not names_unit(m.group(2)):
            return None
        pairs.append((re.sub(r"\s+", "", m.group(1)), re.sub(r"\s+", "", m.group(2))))
        rest = rest[m.end():].lstrip(" \u3000、，,")
    if len(pairs) < 2 or not _all_names([name for name, _ in pairs]):
        return None
    return {"names": [name for name, _ in pairs], "affiliation": "、".join(post for _, post in pairs)}


# (a unit's name is a noun phrase: no clause's marks, and none of the words a clause turns
# on, 是, 了, 把: 能源是经济社会, a paragraph's first piece cut by a column, ends on 会 too)
_CLAUSE_MARKS = re.compile(r"[，。；：、！？,;:!?是了把]")
_OTHER_NAME = re.compile(rf"(?:[（(][{CJK}]{{2,16}}[）)]|\ue000[{CJK}]{{2,16}}\ue001|\ue002[{CJK}]{{2,16}}\ue003)$")


def names_unit(text: str) -> bool:
    """The text ends on a word that names a unit or a post, or on a unit's other name in
    brackets (中共中央党校（国家行政学院）)."""
    return _OTHER_NAME.sub("", text).endswith(POSTS + UNITS)


def unit_shaped(text: str) -> bool:
    """A writer's unit or post as a byline prints it: 4 to 40 characters, Chinese but for a
    few, no clause marks, ending on a word that names a unit or a post."""
    return 4 <= len(text) <= 40 and names_unit(text) and not _CLAUSE_MARKS.search(text) \
        and len(re.findall(f"[{CJK}]", text)) >= len(text) - 2


def _name_then_unit(text: str) -> dict | None:
    """■王某　某某大学马克思主义学院: the names, then, after a space, the writer's unit or post."""
    words = text.lstrip(MARKERS).split()
    if len(words) < 2:
        return None
    *names, unit = words
    if not unit_shaped(unit):
        return None  # (●家庭 是社会的基本细胞，是人生的第一所学校 is a summary's point)
    return {"names": names, "affiliation": unit} if _all_names(names) else None


def _unit_then_name(text: str, unmarked: bool = False) -> dict | None:
    """■某某大学马克思主义学院教授　王某: after the marker, the writer's unit or post, then,
    after a space, the name (a justified name may be spaced: 王　某). ``unmarked``: the line
    may have no marker, when its unit is one word (where it stands decides if it is a byline)."""
    marked = text.startswith(tuple(MARKERS))
    if not marked and not unmarked:
        return None
    words = text.lstrip(MARKERS).split()
    cut = -2 if len(words) > 2 and len(words[-1]) == len(words[-2]) == 1 else -1
    unit, name = "".join(words[:cut]), "".join(words[cut:])
    if not words[:cut] or not unit_shaped(unit) or (not marked and len(words[:cut]) > 1):
        return None
    return {"names": [name], "affiliation": unit} if _all_names([name]) else None


def _all_names(names: list[str]) -> bool:
    """Each one a person's name as the genre prints it."""
    return all(re.fullmatch(NAME_PATTERN, n) and plausible_name(n) for n in names)


# a byline led by the writer's part: 主持人：本报记者 王静 (a round table's host), marked as
# any byline may be (■主持人：王静)
_ROLE_LED = re.compile(rf"^[{MARKERS}]?\s*[（(]?\s*主持人\s*[:：]\s*([^（()）]{{2,40}}?)\s*[）)]?$")
# a research group signs as one: 某某研究院课题组
_GROUP = re.compile(rf"^[{MARKERS}]?\s*({GROUP_SIGNATURE.pattern})$")


def role_led(text: str) -> bool:
    """A byline led by the writer's part (主持人：王静, ■主持人：本报记者 王静)."""
    return _role_led(text) is not None


def _role_led(text: str) -> dict | None:
    m = _ROLE_LED.match(text)
    if not m:
        return None
    rest = m.group(1)
    names = _staff_names(rest) or split_names(rest)
    return {"names": names} if _all_names(names) else None


def _research_group(text: str) -> dict | None:
    m = _GROUP.match(text)
    return {"names": [m.group(1)]} if m else None


def split_names(names: str) -> list[str]:
    """Names of a byline's name part. A two- or three-character name may be printed with
    justification spaces between its characters (苏 雁): a run of single characters is one
    name (a run of four, two names of two)."""
    parts = [p for p in re.split(r"[\s、，,]+", names) if p]
    out: list[str] = []
    run: list[str] = []
    for part in parts + [""]:
        if len(part) == 1:
            run.append(part)
            continue
        if run:
            out += _names_of_run(run)
            run = []
        if part:
            out.append(part)
    return out


def _names_of_run(chars: list[str]) -> list[str]:
    if len(chars) in (2, 3):
        return ["".join(chars)]
    if len(chars) % 2 == 0:
        return ["".join(chars[k:k + 2]) for k in range(0, len(chars), 2)]
    return ["".join(chars)]


def parse_summary_label(text: str) -> str | None:
    """The text after a 内容提要/核心提示 label ("" when the label stands alone), None otherwise."""
    m = _SUMMARY_LABEL.match(text.strip())
    if not m:
        return None
    rest = m.group(2).strip()
    if not rest and len(text.strip()) > 8:
        return None
    return rest


_INLINE_BANNER = re.compile(r"^(【[^】]{2,16}】|〖[^〗]{2,16}〗|〔[^〕]{2,16}〕)\s*(\S.{3,})$")


def split_inline_banner(title: str) -> tuple[str | None, str]:
    """A column banner printed on the title's own line (【学思践悟】提升…): (banner, title);
    (None, title) when the line opens with none."""
    m = _INLINE_BANNER.match(title)
    return (m.group(1), m.group(2)) if m else (None, title)


def is_subtitle(text: str) -> bool:
    """A title's second line: ——以…为例, or （以…为例） whole in brackets."""
    return _SUBTITLE.match(text.strip()) is not None


def is_banner(text: str) -> bool:
    """A column banner alone on its line, in brackets or between two of one mark."""
    return _BANNER.match(text.strip()) is not None


KICKER_MAX = 40  # characters: a banner or a series line is a phrase, never a sentence's length


def is_kicker(text: str) -> bool:
    """A column banner or series line: 【学思践悟】, 学习贯彻…精神, “…”时评, ——副题."""
    text = text.strip()
    if len(text) > KICKER_MAX or text.endswith(("。", "！", "？", "；")):
        return False
    return bool(_BANNER.match(text) or _CAMPAIGN.match(text) or _COLUMN.match(text) or _SUBTITLE.match(text))


def is_bullet(text: str) -> bool:
    return text[:1] in MARKERS and len(text) > 12


def strip_bullet(text: str) -> str:
    """The text without its leading marker (■ 筑牢根基), and the same mark closing it where a
    line stands between two (◆筑牢根基◆)."""
    stripped = text.lstrip(MARKERS).strip()
    mark = text.strip()[:1]
    if mark in MARKERS and stripped.endswith(mark):
        stripped = stripped[:-1].rstrip()
    return stripped
