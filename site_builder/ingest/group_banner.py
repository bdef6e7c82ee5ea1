"""A group's banner: 专家谈, 学者笔谈, 理论圆桌 over several short pieces by different writers.

A page sets such a group as a banner, then two or more short pieces, each with its own
title, byline and author-unit line, none with a subheading. The banner names the group,
not the first piece: it is page matter (a leftover), not that piece's kicker. A column
name of the same words over one article (理论视点 over a full article) stays its kicker:
only a run of short pieces makes a group.
"""
from __future__ import annotations

import re

from site_builder.ingest import shapes
from site_builder.ingest.draft import Draft
from site_builder.ingest.lines import Unit

# the genre's names for a discussion among several writers: …谈 (专家谈, 学者笔谈), …圆桌,
# …视点, …论坛, …笔会
_GROUP_NAME = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:谈|圆桌|视点|论坛|笔会)$")
PIECES_MIN = 2  # a group holds two pieces or more
# a short piece is a few paragraphs (a full article of the genre runs to many, in sections)
PIECE_PARAGRAPHS_MAX = 6


def release_group_banners(drafts: list[Draft], leftovers: list[tuple[str, Unit]]) -> None:
    """Move a group's banner from its first piece's kickers to the page's leftovers."""
    for k, draft in enumerate(drafts):
        if not _group_named(draft):
            continue
        group = [draft]
        for later in drafts[k + 1:]:
            if _group_named(later) or not _short_piece(later):
                break
            group.append(later)
        if len(group) >= PIECES_MIN and _short_piece(draft):
            leftovers.append(("banner", draft.kickers.pop(0)))


def _group_named(draft: Draft) -> bool:
    """The draft's first kicker stands above its title and names a group (a piece's own
    kicker, printed after its title or under the banner, may follow it)."""
    first = draft.kickers[0] if draft.kickers else None
    return first is not None and draft.title is not None and first.first_line < draft.title.first_line \
        and bool(_GROUP_NAME.match(first.text.strip("【】")))


def _short_piece(draft: Draft) -> bool:
    """Titled, signed or closed by its own author line (a piece may print its writer's post
    in its byline, or its closing line below the next piece's; a report signs in its
    dateline), and a few paragraphs without a subheading (every body unit ends its
    sentence, but the first paragraph's head that a column's foot cut: segment marks it
    read_as_cut)."""
    return draft.title is not None and bool(draft.bylines or draft.footer) \
        and 0 < len(draft.body) <= PIECE_PARAGRAPHS_MAX \
        and all(shapes.terminated(u.text) or u.read_as_cut for u in draft.body)
