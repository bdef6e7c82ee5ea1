"""Page fingerprints kept from one build to the next, with the entries each page reached.

A page's fingerprint (render/inputs.py) is made from its plan's context; walking 21,000
contexts costs a third of a second at 10,000 articles. When the archive is the last
build's but for some entries (analyze/carry.py: the same entries in the same order, each
with the same facts, the same taxonomies), a page whose context reached none of the
entries that changed has the fingerprint it had: the rest of its context is made from what
did not change. So each build keeps, with every page's fingerprint, the entries (by their
place in the archive) whose cards, subjects, printings or briefs it counted (`Fingerprints.reach`),
or none for a page that counts the whole archive or something not told by an entry.

The next build takes a page's fingerprint again when its archive is carried from the same
full analysis (`generation`), the site summary and the page's template's render key are
unchanged, and none of the entries it reached changed: an entry changed when a document it
is printed from has another key or entry time, or its related list is another. The cards
and subjects of the entries that did not change are taken again too (the home page and
the feeds count every entry's). The entries each page reached are kept as one array (a
page's are `flat[ends[n - 1]:ends[n]]`), so finding the pages a changed entry reaches is
one search, not a pass over 21,000 tuples. So are each term's digest and the entries it
reached (the same terms of the same entries, by their place: a carried archive has the
same taxonomies): the home page's archive key, made anew by every edit, counts all 3,000
terms' cards, and takes those of the terms that reached no changed entry.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from site_builder.analyze.carry import State
from site_builder.cache import BuildCache, sha1_of
from site_builder.model import Term
from site_builder.render.inputs import Fingerprints

KIND = "page-reach"


@dataclass
class Reach:
    generation: str  # the full analysis the archive was carried from (analyze/carry.py)
    site_summary: str
    render_keys: dict[str, str]  # by template
    documents: list[tuple[str, object]]  # each document's key and entry time, in the archive's order
    related: list[tuple[int, ...]]  # each entry's related entries, by place
    cards: list[str]
    subjects: list[str]
    paths: list[str]  # the pages'
    fingerprints: list[str]
    templates: list[str]
    tracked: np.ndarray  # whether the page's reach is known
    flat: np.ndarray  # the entries each page reached, one page after another
    ends: np.ndarray  # where each page's end in `flat`
    # each term's digest (None: not made, or not of archive entries alone), in the archive's
    # order of taxonomies and terms, with the entries it reached as `flat` and `ends` are
    terms: list[str | None] | None = None
    term_flat: np.ndarray | None = None
    term_ends: np.ndarray | None = None


def take_again(cache: BuildCache, output_dir: Path, fingerprints: Fingerprints, state: State | None) -> None:
    """Give `fingerprints` what the last build's still holds (nothing when it cannot tell)."""
    last = cache.load(KIND, sha1_of(str(output_dir))) if state is not None else None
    entries = fingerprints.archive.entries
    if state is None or not isinstance(last, Reach) or last.generation != state.generation \
            or last.site_summary != fingerprints.site_summary or len(last.cards) != len(entries) \
            or len(last.documents) != len(state.document_keys):
        return
    documents = _documents(fingerprints, state)
    moved = {fingerprints.archive.documents[n].path for n, (now, then) in enumerate(zip(documents, last.documents, strict=True))
             if now != then}
    changed = {n for n, (now, then) in enumerate(zip(state.related, last.related, strict=True)) if now != then}
    if moved:
        changed |= {n for n, e in enumerate(entries) if any(p.origin in moved for p in e.printings)}
    subjects_moved = changed | {n + step for n in changed for step in (-1, 1)}
    if changed:
        subjects_moved |= {n for n, (now, then) in enumerate(zip(state.related, last.related, strict=True))
                           if changed.intersection(now + then)}
    fingerprints.remembered({n: card for n, card in enumerate(last.cards) if n not in changed},
                            {n: subject for n, subject in enumerate(last.subjects) if n not in subjects_moved})
    hit = _hit(last.flat, last.ends, changed)
    _remember_terms(fingerprints, last, changed)
    templates = {t for t, key in last.render_keys.items() if fingerprints.render_key(t) == key}
    starts = np.concatenate([[0], last.ends[:-1]]).tolist()
    fingerprints.reused = {path: (fingerprint, (last, start, end)) for path, fingerprint, template, start, end, tracked, missed
                           in zip(last.paths, last.fingerprints, last.templates, starts, last.ends.tolist(),
                                  last.tracked.tolist(), (~hit).tolist(), strict=True)
                           if tracked and missed and template in templates}


def keep(cache: BuildCache, output_dir: Path, fingerprints: Fingerprints, state: State | None) -> None:
    """Keep this build's fingerprints and what they reached (after `Fingerprints.of` of every page)."""
    name = sha1_of(str(output_dir))
    if state is None:
        cache.store(KIND, name, None)
        return
    cards, subjects = fingerprints.cards_and_subjects()
    paths, made, templates, tracked, ends = [], [], [], [], []
    flat = array("i")
    for path, (fingerprint, template) in fingerprints.given.items():
        paths.append(path)
        made.append(fingerprint)
        templates.append(template)
        reached = fingerprints.reach.get(path)
        tracked.append(reached is not None)
        _extend(flat, reached)
        ends.append(len(flat))
    cache.store(KIND, name, Reach(state.generation, fingerprints.site_summary,
                                  {t: fingerprints.render_key(t) for t in set(templates)},
                                  _documents(fingerprints, state), state.related,
                                  cards, subjects, paths, made, templates, np.array(tracked, dtype=bool),
                                  np.frombuffer(flat, dtype=np.int32), np.array(ends, dtype=np.int64),
                                  *_terms(fingerprints)))


def _hit(flat: np.ndarray, ends: np.ndarray, changed: set[int]) -> np.ndarray:
    """Whether each of the slices of `flat` (ending at `ends`) holds a changed entry."""
    hit = np.zeros(len(ends), dtype=bool)
    if changed:
        positions = np.nonzero(np.isin(flat, np.fromiter(changed, dtype=np.int32)))[0]
        hit[np.searchsorted(ends, positions, side="right")] = True
    return hit


def _all_terms(fingerprints: Fingerprints) -> list[Term]:
    return [term for taxonomy in fingerprints.archive.taxonomies.values() for term in taxonomy.terms]


def _terms(fingerprints: Fingerprints) -> tuple[list[str | None], np.ndarray, np.ndarray]:
    """Each term's digest this build made or took again, and the entries it reached."""
    digests: list[str | None] = []
    flat, ends = array("i"), array("q")
    for term in _all_terms(fingerprints):
        digest, reached = fingerprints.terms.get(id(term), (None, {-1}))
        digests.append(digest if -1 not in reached else None)
        if -1 not in reached:
            flat.extend(sorted(reached))
        ends.append(len(flat))
    return digests, np.frombuffer(flat, dtype=np.int32), np.frombuffer(ends, dtype=np.int64)


def _remember_terms(fingerprints: Fingerprints, last: Reach, changed: set[int]) -> None:
    """Give `fingerprints` the digests of the terms that reached no changed entry."""
    terms = _all_terms(fingerprints)
    digests, flat, ends = getattr(last, "terms", None), last.term_flat, last.term_ends  # (None: a build kept none)
    if digests is None or flat is None or ends is None or len(digests) != len(terms):
        return
    hit = _hit(flat, ends, changed).tolist()
    starts = [0, *ends[:-1].tolist()]
    for term, digest, touched, start, end in zip(terms, digests, hit, starts, ends.tolist(), strict=True):
        if digest is not None and not touched:
            fingerprints.terms[id(term)] = (digest, set(flat[start:end].tolist()))


def _extend(flat: array, reached: object) -> None:
    """Add a page's reach: its tuple, or its slice of the last build's array (taken again)."""
    if reached is None:
        return
    if isinstance(reached, tuple) and len(reached) == 3 and isinstance(reached[0], Reach):
        last, start, end = reached
        flat.frombytes(memoryview(last.flat).cast("B")[start * flat.itemsize:end * flat.itemsize])
    else:
        flat.extend(reached)  # type: ignore[arg-type]


def _documents(fingerprints: Fingerprints, state: State) -> list[tuple[str, object]]:
    """Each document's key and entry time (the archive's documents are the carried state's, in order)."""
    return list(zip(state.document_keys, [d.added for d in fingerprints.archive.documents], strict=True))
