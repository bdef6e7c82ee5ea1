"""Reprints: one article printed on two pages, one printing cut mid-sentence (the page ran
out), the other whole. Each page's extraction is the article as printed there; choosing
the printing to publish is the site's job, not the page reader's."""
from __future__ import annotations

import copy
import random
import re

from tests.ingest.sim import corpus
from tests.ingest.sim.compose import Article, make_article, short_two_part
from tests.ingest.sim.page import Page, clean_lines, render


def _cut(rng: random.Random, art: Article) -> Article:
    """The printing that stops inside a sentence of a later paragraph, without closing lines."""
    cut = copy.deepcopy(art)
    paragraphs = [k for k, (kind, _) in enumerate(art.blocks) if kind == "paragraph"]
    last = rng.choice(paragraphs[1:])
    text = art.blocks[last][1]
    spots = [p for p in range(8, len(text) - 4) if re.match(r"[\u4e00-\u9fff]{2}", text[p - 1:p + 1])]
    cut.blocks = art.blocks[:last] + [("paragraph", text[:rng.choice(spots)])]
    cut.footer, cut.affiliation, cut.source_paper = [], None, None
    return cut


def _page(articles: list[Article]) -> Page:
    return Page(render(clean_lines(articles)), articles, ["reprint"])


def reprint_pages(seed: int) -> tuple[Page, Page]:
    """(the page with the whole printing, the page with the cut one); another article
    shares each page."""
    rng = random.Random(seed)
    plain = [w for w in corpus.by_form("article") if not short_two_part(w.title)]
    shared, first, second = rng.sample(plain, 3)
    whole = make_article(rng, shared)
    cut = _cut(rng, whole)
    return _page([make_article(rng, first), whole]), _page([make_article(rng, second), cut])
