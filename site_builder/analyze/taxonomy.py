"""Topics, authors and sources are one mechanism: a taxonomy maps entries to terms."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from site_builder.analyze.identity import pinyin_slug, pinyin_sort_key, short_hash
from site_builder.model import Archive, Entry, Taxonomy, Term


@dataclass(frozen=True)
class TaxonomySpec:
    key: str
    label: str
    terms_of: Callable[[Entry], list[str]]
    by_size: bool  # order terms by number of articles (else by pinyin only)


TAXONOMIES = (
    TaxonomySpec("topics", "主题", lambda e: e.topics, by_size=True),
    TaxonomySpec("authors", "作者", lambda e: e.article.authors, by_size=False),
    TaxonomySpec("sources", "来源", lambda e: e.sources, by_size=True),
)


def build_taxonomies(entries: list[Entry]) -> dict[str, Taxonomy]:
    return {spec.key: _build(spec, entries) for spec in TAXONOMIES}


def _build(spec: TaxonomySpec, entries: list[Entry]) -> Taxonomy:
    members: dict[str, list[Entry]] = {}
    for entry in entries:  # entries are already in archive order
        for name in dict.fromkeys(spec.terms_of(entry)):
            members.setdefault(name, []).append(entry)
    slugs = _term_slugs(list(members))
    terms = [Term(spec.key, name, slugs[name], f"/{spec.key}/{slugs[name]}/", found)
             for name, found in members.items()]
    if spec.by_size:
        terms.sort(key=lambda t: (-len(t.entries), pinyin_sort_key(t.name)))
    else:
        terms.sort(key=lambda t: pinyin_sort_key(t.name))
    return Taxonomy(spec.key, spec.label, f"/{spec.key}/", terms)


def _term_slugs(names: list[str]) -> dict[str, str]:
    """Pinyin slugs; names that share one (同音) all get a hash suffix, so none depends on order."""
    plain = {name: pinyin_slug(name, 12) or "term" for name in names}
    counts: dict[str, int] = {}
    for slug in plain.values():
        counts[slug] = counts.get(slug, 0) + 1
    return {name: slug if counts[slug] == 1 else f"{slug}-{short_hash(name, 4)}"
            for name, slug in plain.items()}


def plans_of(archive: Archive, number_of: dict[int, int]) -> list[tuple[str, str, str, list[tuple]]]:
    """The taxonomies as the carried analysis keeps them (analyze/carry.py): each term's
    entries by their place in the archive (`number_of`: by id)."""
    return [(t.key, t.label, t.url, [(term.name, term.slug, term.url, tuple(number_of[id(e)] for e in term.entries))
                                     for term in t.terms]) for t in archive.taxonomies.values()]
