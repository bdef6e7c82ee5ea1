"""What extraction must give back for a generated page, and how far it is from it."""
from __future__ import annotations

import re
from pathlib import Path

from tests.ingest.accounting import unaccounted
from tests.ingest.sim.compose import Article
from tests.ingest.sim.damage_text import FULL_TO_HALF
from tests.ingest.sim.page import Page


def _key(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def expected(article: Article) -> dict:
    """The fields extraction must give; the date only where the page prints it."""
    fields = {
        "title": _key(article.full_title), "authors": article.authors, "kicker": _key(article.kicker) or None,
        "affiliation": article.affiliation, "source_paper": article.source_paper,
        "summary": "\n".join(article.summary) if article.summary else None,
        "blocks": [(t, _key(x)) for t, x in article.blocks],
    }
    if article.date:
        fields["date"] = article.date
    return fields


def got(article) -> dict:
    return {
        "title": _key(article.title), "authors": article.authors, "kicker": _key(article.kicker) or None,
        "affiliation": article.affiliation, "source_paper": article.source_paper, "summary": article.summary,
        "blocks": [(b.type, _key(b.text)) for b in article.blocks],
        "date": article.date.isoformat() if article.date else None,
    }


def _find(art: Article, doc):
    """The extracted article for `art`: by title, or (no printed title) by its first block."""
    if not art.title_inferred:
        return next((a for a in doc.articles if _key(a.title) == _key(art.full_title)), None)
    first = _key(art.blocks[0][1])
    return next((a for a in doc.articles if a.blocks and _key(a.blocks[0].text) == first), None)


def _compare(art: Article, have, page: Page) -> list[str]:
    problems: list[str] = []
    want, mine = expected(art), got(have)
    if art.title_inferred:
        del want["title"]
        if not have.title_inferred:
            problems.append(f"{art.blocks[0][1][:10]}: title {have.title!r} not marked inferred")
    for key, value in want.items():
        if key == "blocks" and mine[key] != value:
            k = next((k for k, (x, y) in enumerate(zip(mine[key], value, strict=False)) if x != y),
                     min(len(mine[key]), len(value)))
            problems.append(f"{art.title[:10]} block {k}: got {mine[key][k:k + 2]!r}"[:300]
                            + f" want {value[k:k + 2]!r}"[:300])
        elif mine[key] != value:
            problems.append(f"{art.title[:10]} {key}: got {str(mine[key])[:120]!r} want {str(value)[:120]!r}")
    if want["blocks"] == mine["blocks"]:
        problems += _spaces_added(art, have)
    return problems


def _spaces_added(art: Article, have) -> list[str]:
    """A space the extraction left in a block where the clean text has none (77 .5%, a line
    break rejoined with a space between a number's digits)."""
    for (_, clean), block in zip(art.blocks, have.blocks, strict=True):
        if _spaced(block.text) != _spaced(clean):
            at = next(k for k, (x, y) in enumerate(zip(_spaced(block.text), _spaced(clean) + "\0", strict=False)) if x != y)
            return [f"{art.title[:10]}: a space added: {_spaced(block.text)[max(0, at - 10):at + 10]!r}"]
    return []


# page matter is recorded as the page prints it, half-width marks included; extraction gives
# it with the width repaired, as it does body text
_WIDTH_FOLD = str.maketrans(FULL_TO_HALF)


def _matter_key(text: str) -> str:
    return _key(text).translate(_WIDTH_FOLD)


def _spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _outputs(doc) -> list[str]:
    texts = [left.text for left in doc.leftovers]
    for a in doc.articles:
        texts += [x for x in (a.title, a.kicker, a.affiliation, a.source, a.summary) if x]
        texts += a.authors + [b.text for b in a.blocks]
    return texts


def _page_matter(page: Page, doc) -> list[str]:
    problems: list[str] = []
    for kind, text in page.leftovers:
        if not any(_matter_key(text) in _matter_key(left.text) and kind in (None, left.kind) for left in doc.leftovers):
            problems.append(f"no leftover{' ' + kind if kind else ''} {text[:20]!r}: "
                            f"{[(left.kind, left.text[:15]) for left in doc.leftovers]}"[:300])
    for pattern in page.forbidden:
        for text in _outputs(doc):
            if re.search(pattern, text):
                problems.append(f"{pattern!r} matches {text[:40]!r}")
                break
    for text in page.absent:
        for a in doc.articles:
            where = [a.title or "", a.kicker or "", *(b.text for b in a.blocks)]
            if any(_key(text) in _key(w) for w in where):
                problems.append(f"page matter {text[:20]!r} in article {(a.title or '')[:10]!r}")
    return problems


def differences(page: Page, doc) -> list[str]:
    """What the extraction got wrong, empty when it gave the clean articles back."""
    problems: list[str] = []
    if len(doc.articles) != len(page.articles):
        problems.append(f"{len(doc.articles)} articles, want {len(page.articles)}: "
                        f"{[(a.title or '')[:12] for a in doc.articles]}"[:300])
    for art in page.articles:
        have = _find(art, doc)
        if have is None:
            problems.append(f"missing article {art.full_title if not art.title_inferred else art.blocks[0][1][:20]!r}")
            continue
        problems += _compare(art, have, page)
    return problems + _page_matter(page, doc)


def extract_page(page: Page, name: str):
    """What ingest makes of a generated page read from a file of that name: the extractor,
    then the page's metadata (the page head it prints gives every article its date)."""
    from site_builder.ingest.page_meta import fill_page_info
    from site_builder.ingest.raw_page import extract_text

    doc = extract_text(Path(name), page.text)
    fill_page_info(doc)
    return doc


def page_problems(page: Page, doc) -> list[str]:
    """`differences`, then any character of the page the extraction lost or made up."""
    problems = differences(page, doc)
    missing, invented = unaccounted(page.text, doc)
    if missing or invented:
        problems.append(f"characters unaccounted: {''.join(missing.elements())[:30]!r} "
                        f"invented: {''.join(invented.elements())[:30]!r}")
    return problems
