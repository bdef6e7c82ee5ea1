"""A printing in a page's context counts by the key of the article it is made from
(render/inputs.py; reprints.printing_of makes it from that article alone), not field by
field: the newspaper view's pages hold every printing of the archive. One without a key is
walked in full."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from site_builder.analyze.article_keys import ArticleKeys
from site_builder.model import Archive, LineSpan, PageInfo, Printing
from site_builder.render.inputs import Fingerprints
from site_builder.render.plan import PageKind, PagePlan


def _printing(last: int) -> Printing:
    return Printing(origin=Path("raw/p.txt"), origin_kind="raw", source=None, source_paper=None, date=None,
                    lines=[LineSpan(1, last)], page=PageInfo(paper="人民日报"))


def _fingerprint(printing: Printing, keys: ArticleKeys) -> str:
    plan = PagePlan(PageKind.PRINTED_PAGE, "/p/", "p/index.html", "printed_page.html", {"items": [printing]})
    return Fingerprints(Archive([], {}, [], []), "render key", {}, keys).of(plan)


def test_a_named_printing_counts_by_its_articles_key():
    first, second = _printing(3), _printing(4)
    keys = ArticleKeys()
    keys.name(first, "document#0")
    keys.name(second, "document#0")  # the same article: the same printing
    assert _fingerprint(first, keys) == _fingerprint(second, keys)
    keys.name(second, "document#1")
    assert _fingerprint(first, keys) != _fingerprint(second, keys)


def test_a_printing_without_a_key_counts_field_by_field():
    first = _printing(3)
    assert _fingerprint(first, ArticleKeys()) == _fingerprint(dataclasses.replace(first), ArticleKeys())
    assert _fingerprint(first, ArticleKeys()) != _fingerprint(_printing(4), ArticleKeys())
