"""Whole phrases a subheading may close with that look unfinished word by word: a place
frame closed by its localizer (…用在研究上, 把论文写在祖国大地上). The segmenter leaves the
localizer a word of its own and tags the verb before 在 a preposition, so the line seems to
stop on a single character, or to front its object (把…) with no verb after it."""
from __future__ import annotations

from functools import lru_cache

from site_builder.ingest import lexicon

# prepositions that open a place or scope frame a one-character localizer closes
_FRAME_OPENERS = {"在", "于", "到"}
# one-character localizers, alone or ending a place word (大地上)
_LOCALIZERS = "上中里下内外间"


@lru_cache(maxsize=4096)
def closes_frame(text: str) -> bool:
    """The line's last clause ends on a one-character localizer (上, 中, 里 …, or a place word
    ending on one: 大地上) that closes a frame opened by 在, 于 or 到 in the same clause."""
    tags = lexicon.tag(text.rsplit("，", 1)[-1])
    if len(tags) < 3 or tags[-1][1] not in ("f", "s") or tags[-1][0][-1:] not in _LOCALIZERS:
        return False
    opener = max((k for k, (word, tag) in enumerate(tags) if word in _FRAME_OPENERS and tag == "p"), default=None)
    return opener is not None and opener < len(tags) - 2
