"""Pages from seeds: which articles a page holds, and the kinds applied to it."""
from __future__ import annotations

import random

from tests.ingest.sim import corpus, damage_text
from tests.ingest.sim.compose import make_article, short_two_part
from tests.ingest.sim.corpus import Written
from tests.ingest.sim.kinds import DAMAGE, EXCLUSIVE, FIRST, FORMS, KINDS, LAST, MIN_ARTICLES, NEEDS, SHAPES
from tests.ingest.sim.page import Page, clean_lines, render
from tests.ingest.sim.text_layer import wrapped_lines


def _kinds(rng: random.Random, kind: str, kinds: list[str] | None) -> list[str]:
    if kinds is not None:
        chosen = list(kinds)
    elif kind == "combined":
        chosen = rng.sample([k for k in KINDS if k != "combined"], 3)
    elif kind == "combined-new":
        chosen = rng.sample([k for k in KINDS + FORMS if not k.startswith("combined")], 3)
    else:
        chosen = [] if kind == "clean" else [kind]
    for first, second in EXCLUSIVE:
        if first in chosen and second in chosen:
            chosen.remove(second)
    return chosen


def _choose(rng: random.Random, kinds: list[str]) -> list[Written]:
    """2-4 articles of the corpus; one at least fits each kind that needs a shape."""
    plain = [w for w in corpus.by_form("article") if not short_two_part(w.title)]
    chosen = rng.sample(plain, max([rng.randint(2, 4), *(MIN_ARTICLES.get(k, 0) for k in kinds)]))
    pinned: set[int] = set()  # places holding an article another kind needs
    for k in kinds:
        if k not in NEEDS:
            continue
        fitting = [n for n, w in enumerate(chosen) if NEEDS[k][0](w)]
        if fitting:
            pinned.add(fitting[0])
            continue
        fits = [w for w in corpus.articles() if NEEDS[k][0](w) and w not in chosen]
        free = [n for n in range(len(chosen)) if n not in pinned]
        if free:
            at = rng.choice(free)
            chosen[at] = rng.choice(fits)
        else:  # every place is needed: one more article
            at = len(chosen)
            chosen.append(rng.choice(fits))
        pinned.add(at)
    return chosen


def _allow(written: Written, kinds: list[str]) -> frozenset[str]:
    allow: frozenset[str] = frozenset()
    for k in kinds:
        if k in NEEDS and NEEDS[k][0](written):
            allow |= NEEDS[k][1]
    return allow


def _order(kind: str) -> tuple[int, int]:
    return (0, FIRST.index(kind)) if kind in FIRST else (2, LAST.index(kind)) if kind in LAST else (1, 0)


def make_page(seed: int, kind: str, kinds: list[str] | None = None) -> Page:
    """A page with one kind of damage, none ("clean"), three at random ("combined": of the
    kinds read today; "combined-new": of all), or the given `kinds` together."""
    rng = random.Random(seed)
    chosen = _kinds(rng, kind, kinds)
    articles = [make_article(rng, w, _allow(w, chosen)) for w in _choose(rng, chosen)]
    page = Page("", articles, chosen)
    for k in (k for k in SHAPES if k in chosen):
        SHAPES[k](rng, page)
    lines = clean_lines(page.articles)
    for k in sorted((k for k in chosen if k in DAMAGE), key=_order):
        lines = DAMAGE[k](rng, lines, page)
    if "wrapped-lines" in chosen or "indented-lines" in chosen:
        page.text = render(wrapped_lines(rng, lines, page, indented="indented-lines" in chosen), blank_lines=False)
    else:
        page.text = render(damage_text.hard_wrap(rng, lines) if "hard-wrap" in chosen else lines,
                           blank_lines="no-blank-lines" not in chosen)
    return page
