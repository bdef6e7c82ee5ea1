"""Page fingerprints kept from one build to the next, with the entries each page reached.

A page's fingerprint (render/inputs.py) is made from its plan's context; walking 21,000
contexts costs a third of a second at 10,000 articles. When the archive is the last
build's but for some entries (analyze/carry.py: the same entries in the same order, each
with the same facts, the same taxonomies), a page whose context reached none of the
entries that changed has the fingerprint it had: the rest of its context is made from what
did not change. So each build keeps, with every page's fingerprint, the entries (by their
place in the archive) whose cards, subjects, printings or briefs it counted (`Fingerprints.reach`),
or None for a page that counts the whole archive or something not told by an entry.

The next build takes a page's fingerprint again when its archive is carried from the same
full analysis (`generation`), the site summary and the page's template's render key are
unchanged, and none of the entries it reached changed: an entry changed when a document it
is printed from has another key or entry time, or its related list is another. The cards
and subjects of the entries that did not change are taken again too (the home page and
the feeds count every entry's).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.cache import BuildCache, sha1_of
from site_builder.model import Entry
from site_builder.render.inputs import Fingerprints

KIND = "page-reach"


@dataclass
class Reach:
    generation: str  # the full analysis the archive was carried from (analyze/carry.py)
    site_summary: str
    render_keys: dict[str, str]  # by template
    documents: dict[Path, tuple[str, str]]  # each document's key and entry time
    related: list[tuple[int, ...]]  # each entry's related entries, by place
    cards: list[str]
    subjects: list[str]
    pages: dict[str, tuple[str, tuple[int, ...] | None, str]]  # path: fingerprint, reach, template


def take_again(cache: BuildCache, output_dir: Path, fingerprints: Fingerprints, generation: str | None,
               document_keys: dict[Path, str]) -> None:
    """Give `fingerprints` what the last build's still holds (nothing when it cannot tell)."""
    last = cache.load(KIND, sha1_of(str(output_dir))) if generation is not None else None
    archive = fingerprints.archive
    entries = archive.entries
    if not isinstance(last, Reach) or last.generation != generation or last.site_summary != fingerprints.site_summary \
            or len(last.cards) != len(entries):
        return
    documents = _documents(fingerprints, document_keys)
    moved = {path for path, now in documents.items() if last.documents.get(path) != now}
    number = {id(e): n for n, e in enumerate(entries)}
    changed = {n for n, e in enumerate(entries) if any(p.origin in moved for p in e.printings)
               or _related(e, number) != last.related[n]}
    fingerprints.remembered({n: card for n, card in enumerate(last.cards) if n not in changed},
                            {n: subject for n, subject in enumerate(last.subjects)
                             if not changed.intersection(_reached_by_subject(entries[n], n, number))})
    templates = {t for t, key in last.render_keys.items() if fingerprints.render_key(t) == key}
    fingerprints.reused = {path: (fingerprint, reach) for path, (fingerprint, reach, template) in last.pages.items()
                           if reach is not None and template in templates and not changed.intersection(reach)}


def keep(cache: BuildCache, output_dir: Path, fingerprints: Fingerprints, generation: str | None,
         document_keys: dict[Path, str]) -> None:
    """Keep this build's fingerprints and what they reached (after `Fingerprints.of` of every page)."""
    name = sha1_of(str(output_dir))
    if generation is None:
        cache.store(KIND, name, None)
        return
    entries = fingerprints.archive.entries
    number = {id(e): n for n, e in enumerate(entries)}
    cards = [fingerprints.card(e) for e in entries]
    subjects = [fingerprints.subject(e) for e in entries]
    pages = {path: (fingerprint, fingerprints.reach.get(path), template)
             for path, (fingerprint, template) in fingerprints.given.items()}
    templates = {template for _, template in fingerprints.given.values()}
    cache.store(KIND, name, Reach(generation, fingerprints.site_summary,
                                  {t: fingerprints.render_key(t) for t in templates},
                                  _documents(fingerprints, document_keys), [_related(e, number) for e in entries],
                                  cards, subjects, pages))


def _documents(fingerprints: Fingerprints, document_keys: dict[Path, str]) -> dict[Path, tuple[str, str]]:
    return {d.path: (document_keys.get(d.path, "-"), str(d.added)) for d in fingerprints.archive.documents}


def _related(entry: Entry, number: dict[int, int]) -> tuple[int, ...]:
    return tuple(number[id(r)] for r in entry.related)


def _reached_by_subject(entry: Entry, place: int, number: dict[int, int]) -> set[int]:
    return {place, *(number[id(n)] for n in (entry.prev, entry.next, *entry.related) if n is not None)}
