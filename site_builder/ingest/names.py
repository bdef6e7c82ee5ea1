"""What a Chinese personal name looks like, for telling a byline from a short line of text.

Most names have two or three characters: a one-character surname and a given name. A name of
four or more characters without a middle dot (which joins the parts of a minority or foreign
name: 阿依古丽·买买提) opens with a compound surname (欧阳, 司马 …); a short subheading
printed with a byline's marker (■ 筑牢根基, ■ 新质生产力) does not."""
from __future__ import annotations

# the compound surnames of the 百家姓 and those common today
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 西门 南宫 独孤 呼延 "
    "闻人 轩辕 澹台 公羊 钟离 万俟 太史 申屠 司空 仲孙 濮阳 淳于 单于 公冶 宗政 赫连 第五 百里".split())
SHORT_NAME_MAX = 3  # characters of a name with a one-character surname, most often
MIDDLE_DOTS = "·・‧"  # (as a text layer may give the dot)


def plausible_name(name: str) -> bool:
    """Whether `name` (Chinese characters, maybe a middle dot) can be a person's name."""
    return len(name) <= SHORT_NAME_MAX or any(dot in name for dot in MIDDLE_DOTS) or name[:2] in COMPOUND_SURNAMES
