"""What each page is made from, as one fingerprint: an unchanged fingerprint, an unchanged page.

A page's fingerprint covers
- what renders every page of its template alike: the code version, site.toml, the template
  files it is made from (`render_key`, render/template_keys.py);
- what every page shows of the whole site: each taxonomy's label and URL, and whether any
  paper is named (the header and footer of base.html) (`site_summary`); no counts, so that
  an article added or deleted re-renders the pages that list it, not every page;
- its own inputs, read from its PagePlan: the kind, URL, path, template, and the context,
  walked generically, so a new PageKind needs nothing here. An Entry given as the page's
  subject counts with everything its page shows of it: its article, printings, topics, the
  raw lines of the pages it came from, and its neighbours and related entries as cards. An
  Entry met deeper (in a paginator, a term, a taxonomy) counts as a card: its own fields,
  the article by the keys of the documents it is read from (`_article`).
  A printing (the newspaper view's pages hold every one) counts by the key of the article
  it is made from, when it has one (reprints.printing_of makes it from that article alone).
  The most specific content object of a context (entry, list of entries, term, taxonomy)
  counts in full; broader ones (the taxonomy named on a term's page) by their names, URLs
  and counts (`_level`). An object reached up the tree (a printed page's issue, an issue's
  paper: fields marked UPWARD in render/papers.py) counts by its outline: its own fields,
  what is above it, and a brief of each thing it holds, not their articles (`_outline`).
- A plan whose context names no entry, term or taxonomy (home, feed, search, 404) reads the
  archive through the template globals, so it counts every entry (`archive_key`), unless its
  templates read nothing else (the sitemap, robots.txt: template_keys.ARCHIVE_FREE).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast

from site_builder.analyze.article_keys import ArticleKeys
from site_builder.cache import sha1_of
from site_builder.model import Archive, Entry, Printing, Taxonomy, Term
from site_builder.render.plan import PagePlan


class Fingerprints:
    """Fingerprints of the plans of one archive (card digests computed once per entry)."""

    def __init__(self, archive: Archive, render_key: Callable[[str], str] | str, file_hashes: dict[Path, str],
                 article_keys: ArticleKeys | None = None):
        self.render_key = render_key if callable(render_key) else lambda _: render_key  # (a str: every template's)
        self.archive_free: Callable[[str, dict], bool] = getattr(render_key, "archive_free", lambda _, __: False)
        self.file_hashes = file_hashes
        self.article_keys = article_keys or ArticleKeys()
        self._cards: dict[int, str] = {}
        self._summaries: dict[int, str] = {}
        self._subjects: dict[int, str] = {}
        self._outlines: dict[int, str] = {}
        self.terms: dict[int, tuple[str, set[int]]] = {}  # a term's digest, the entries it reached (reach.py keeps them)
        self._plain: dict[int, str] = {}  # dataclasses that read the same from every page (_dataclass)
        self._with_content: dict[tuple[int, int], str] = {}  # and those that name content, by subject level
        self._back_references = 0  # met so far (_dataclass)
        # when each source entered the archive: the feed date of an undated entry
        self._added = {d.path: str(d.added) for d in archive.documents}
        papers = sorted({p.page.paper for e in archive.entries for p in e.printings if p.page.paper})
        # what every page's frame shows of the archive: the navigation's taxonomies, and the
        # newspaper view when any paper is known (no counts: the home page, which shows them,
        # names no content, so its fingerprint is the whole archive's)
        self.site_summary = sha1_of(*(f"{t.key}|{t.label}|{t.url}" for t in archive.taxonomies.values()),
                                    "papers:" + "|".join(papers))
        self._archive_key: str | None = None
        self._names_content = False  # whether the context walked last names archive content
        self._subject_level = _NOTHING  # how specific the page's subject is (_level)
        self._archive = archive
        self._walking: set[int] = set()  # the dataclasses being walked, to stop at a cycle
        # what each page's fingerprint reached (render/reach.py): the entries (by their place
        # in the archive) whose cards, subjects or printings it counts; None: the whole archive
        self._number = {id(e): n for n, e in enumerate(archive.entries)}
        self._printed_in = {id(p): n for n, e in enumerate(archive.entries) for p in e.printings}
        self._reached: set[int] = set()
        self._reached_of: dict[object, set[int]] = {}  # by the key of a walk made once (_dataclass, _outline)
        self.reach: dict[str, object] = {}  # by page path: a tuple, or where render/reach.py keeps it
        self.given: dict[str, tuple[str, str]] = {}  # by page path: the fingerprint and template
        self.reused: dict[str, tuple[str, object]] = {}  # by page path: fingerprint, reach (render/reach.py)

    def of(self, plan: PagePlan) -> str:
        reused = self.reused.get(plan.path)
        if reused is not None:
            self.reach[plan.path] = reused[1]
            self.given[plan.path] = (reused[0], plan.template)
            return reused[0]
        self._names_content = self.archive_free(plan.template, plan.context)  # (then it shows its context alone)
        self._reached = set()
        parts = list(self._context_parts(plan.context))
        scope = self.site_summary if self._names_content else self.archive_key()
        self.reach[plan.path] = tuple(sorted(self._reached)) if self._names_content and -1 not in self._reached \
            else None
        made = sha1_of(self.render_key(plan.template), scope, plan.kind.value, plan.url, plan.path, plan.template, *parts)
        self.given[plan.path] = (made, plan.template)
        return made

    @property
    def archive(self) -> Archive:
        return self._archive

    def _reaches(self, entry: Entry | None) -> None:
        if entry is not None:
            self._reached.add(self._number.get(id(entry), -1))  # (-1: not the archive's: no reach known)

    def cards_and_subjects(self) -> tuple[list[str], list[str]]:
        """Every entry's card and subject, in archive order."""
        entries = self._archive.entries
        cards = [self._cards.get(id(e)) or self.card(e) for e in entries]
        return cards, [self._subjects.get(id(e)) or self.subject(e) for e in entries]

    def remembered(self, cards: dict[int, str], subjects: dict[int, str]) -> None:
        """Cards and subjects of entries (by their place) known to be as they were."""
        entries = self._archive.entries
        self._cards.update((id(entries[n]), card) for n, card in cards.items())
        self._subjects.update((id(entries[n]), subject) for n, subject in subjects.items())

    def archive_key(self) -> str:
        if self._archive_key is None:
            archive, subjects = self._archive, self._subjects  # (most taken again: render/reach.py)
            self._archive_key = sha1_of(self.site_summary, *(subjects.get(id(e)) or self.subject(e) for e in archive.entries),
                                        *(self._taxonomy(t) for t in archive.taxonomies.values()))
        return self._archive_key

    def card(self, entry: Entry) -> str:
        """An entry's own fields: what a list, a neighbour link or a related list shows."""
        self._reaches(entry)
        known = self._cards.get(id(entry))
        if known is None:
            printings = [self.article_keys.of(p) for p in entry.printings]
            known = sha1_of(entry.key, entry.slug, entry.url, repr(entry.topics),
                            *self._article(entry, printings),
                            *(self._added.get(p.origin, "-") for p in entry.printings))
            self._cards[id(entry)] = known
        return known

    def _article(self, entry: Entry, printings: list[str | None]) -> list[str]:
        """The shown article and the printings, by the keys of the articles they are made
        from (analyze/article_keys.py): a printing is made from its article, and the shown
        article is one of them, or made from all of them (reprints.shown_article). Without
        those keys (a content file not read through sources.py), by their whole reprs."""
        if None in printings:
            return [repr(entry.article), repr(entry.printings)]
        shown = self.article_keys.of(entry.article)
        return [shown if shown is not None else "made of the printings", *cast(list[str], printings)]

    def subject(self, entry: Entry) -> str:
        """Everything an entry's own page shows of it (made once: the archive key needs it too)."""
        for reached in (entry, entry.prev, entry.next, *entry.related):
            self._reaches(reached)
        known = self._subjects.get(id(entry))
        if known is None:
            neighbours = [entry.prev, entry.next, *entry.related]
            raw = [self.file_hashes.get(p.origin, "?") for p in entry.printings]
            known = self._subjects[id(entry)] = sha1_of(
                self.card(entry), *(self.card(n) if n is not None else "-" for n in neighbours), *raw)
        return known

    def _taxonomy(self, taxonomy: Taxonomy) -> str:
        return sha1_of(taxonomy.key, taxonomy.label, taxonomy.url, *(self._term(t) for t in taxonomy.terms))

    def _term(self, term: Term) -> str:
        """A term in full (made once: the archive key and the taxonomy's page count every term)."""
        known = self.terms.get(id(term))
        if known is not None:
            self._reached |= known[1]
            return known[0]
        outer, self._reached = self._reached, set()
        made = sha1_of(term.taxonomy, term.name, term.slug, term.url, *(self.card(e) for e in term.entries))
        self.terms[id(term)] = (made, self._reached)
        self._reached = _merged(outer, self._reached)
        return made

    def _taxonomy_summary(self, taxonomy: Taxonomy) -> str:
        """What a breadcrumb shows of a taxonomy (every term page names its own: made once)."""
        known = self._summaries.get(id(taxonomy))
        if known is None:
            known = self._summaries[id(taxonomy)] = sha1_of(
                taxonomy.key, taxonomy.label, taxonomy.url,
                *(f"{t.name}|{t.slug}|{t.url}|{len(t.entries)}" for t in taxonomy.terms))
        return known

    def _dataclass(self, value: object) -> str:
        """A dataclass, field by field. One that reaches no dataclass being walked reads the
        same from every page: walked once when it holds no archive content (a printing, a
        page's info), else once for each subject level (`_level`: a term or taxonomy in it
        counts in full or in brief by the page's subject), so that a printed page's issue,
        met on the issue's, the paper's and the papers' pages, is walked once."""
        known = self._plain.get(id(value))
        if known is not None:
            self._reached |= self._reached_of.get(id(value), set())
            return known
        with_content = self._with_content.get((id(value), self._subject_level))
        if with_content is not None:
            self._names_content = True
            self._reached |= self._reached_of.get((id(value), self._subject_level), set())
            return with_content
        outer, self._reached = self._reached, set()
        try:
            return self._walk_dataclass(value)
        finally:
            outer |= self._reached
            self._reached = outer

    def _walk_dataclass(self, value: object) -> str:
        if id(value) in self._walking:  # a back-reference (a month's year): counted where it began
            self._back_references += 1
            return f"<{type(value).__name__}>"
        names_content, back_references = self._names_content, self._back_references
        self._names_content = False
        self._walking.add(id(value))
        parts = [type(value).__name__ + "("]
        for name, upward in _fields(type(value)):
            parts.append(f"{name}=")
            child = getattr(value, name)
            if upward:
                parts.append(self._outline(child))
            else:
                self._walk(child, parts)
        parts.append(")")
        self._walking.discard(id(value))
        text = "".join(parts)
        if self._back_references == back_references:
            if self._names_content:
                self._with_content[id(value), self._subject_level] = text
                self._reached_of[id(value), self._subject_level] = self._reached
            else:
                self._plain[id(value)] = text
                self._reached_of[id(value)] = self._reached
        self._names_content |= names_content
        return text

    def _outline(self, value: object) -> str:
        """What a page may show of an object it reaches up the tree (a printed page's issue,
        an issue's paper: render/papers.py's UPWARD fields): its own fields and properties,
        what is above it, and a brief of everything it holds (`_brief`): the breadcrumbs and
        the navigation around the page, not the articles of its neighbours. Made once."""
        known = self._outlines.get(id(value))
        if known is not None:
            self._reached |= self._reached_of.get(("outline", id(value)), set())
            return known
        outer, self._reached = self._reached, set()
        parts = [self._brief(value)]
        for name, upward in _fields(type(value)):
            child = getattr(value, name)
            if upward:
                parts.append(self._outline(child))
            elif isinstance(child, (list, tuple)):
                parts += [self._brief(c) for c in child]
        known = self._outlines[id(value)] = sha1_of(*parts)
        self._reached_of["outline", id(value)] = self._reached
        outer |= self._reached
        self._reached = outer
        return known

    def _brief(self, value: object) -> str:
        """A line of navigation: an object's scalar fields and properties, each list's length (an
        entry by its URL and title); the entries and printings it shows are noted as reached."""
        if isinstance(value, Entry):
            self._reaches(value)
            return f"entry {value.url} {value.title}"
        if isinstance(value, tuple):
            return "(" + ",".join(map(self._brief, value)) + ")"
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return repr(value) if _is_scalar(value) else f"<{type(value).__name__} of {len(value)}>" \
                if isinstance(value, list) else f"<{type(value).__name__}>"
        if isinstance(value, Printing):
            self._reached.add(self._printed_in.get(id(value), -1))
        shown = []
        for name in _brief_names(type(value)):
            item = getattr(value, name)  # (a property computed once: the walk meets thousands)
            if isinstance(item, (list, tuple)):
                shown.append(f"{name}={self._brief(item)}")
            elif _is_scalar(item):
                shown.append(f"{name}={item!r}")
        return type(value).__name__ + "(" + ",".join(shown) + ")"

    def _context_parts(self, context: dict[str, object]) -> Iterator[str]:
        self._subject_level = min((_level(v) for v in context.values()), default=_NOTHING)
        for name in sorted(context):
            value = context[name]
            if isinstance(value, Entry):
                self._names_content = True
                yield f"entry:{name}={self.subject(value)}"
            else:
                parts = [f"{name}="]
                self._walk(value, parts)
                yield "".join(parts)

    def _walk(self, value: object, parts: list[str]) -> None:
        """Append what the page may show of `value` to `parts`. The kinds a page context holds
        most (entries, lists, strings) are told by their exact type first: a context walk
        meets millions of values."""
        kind = type(value)
        if kind is Entry:
            self._names_content = True
            parts.append(self.card(value))  # type: ignore[arg-type]
        elif kind is list or kind is tuple:
            self._walk_items(value, parts)  # type: ignore[arg-type]
        elif kind is Printing and (key := self.article_keys.of(value)) is not None:
            parts.append(f"printing {key}")  # made from its article alone (reprints.printing_of)
            self._reached.add(self._printed_in.get(id(value), -1))
        elif kind is Printing:
            self._reached.add(-1)  # walked field by field: no reach known
            parts.append(self._dataclass(value))
        elif kind in _SCALAR_TYPES or value is None:
            parts.append(repr(value))
        elif isinstance(value, (Term, Taxonomy)):
            self._names_content = True
            broader = _level(value) > self._subject_level  # a breadcrumb, not what the page is about
            if isinstance(value, Term):
                parts.append(_term_summary(value) if broader else self._term(value))
            else:
                parts.append(self._taxonomy_summary(value) if broader else self._taxonomy(value))
        elif isinstance(value, Entry):
            self._names_content = True
            parts.append(self.card(value))
        elif isinstance(value, (list, tuple)):
            self._walk_items(value, parts)
        elif isinstance(value, dict):
            for key in sorted(value, key=repr):
                parts.append(f"{key!r}:")
                self._walk(value[key], parts)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            parts.append(self._dataclass(value))
        elif isinstance(value, (str, int, float, bool, dt.date, Path, enum.Enum)):
            parts.append(repr(value))
        else:
            raise TypeError(f"a page context holds a {type(value).__name__}: say in render/inputs.py "
                            "what of it the page shows")

    def _walk_items(self, items: list | tuple, parts: list[str]) -> None:
        parts.append("[")
        for item in items:
            if type(item) is Entry:
                self._names_content = True
                parts.append(self.card(item))
            else:
                self._walk(item, parts)
            parts.append(",")
        parts.append("]")


def _merged(outer: set[int], inner: set[int]) -> set[int]:
    outer |= inner  # in place: a page's set may hold every entry
    return outer


def _term_summary(term: Term) -> str:
    return sha1_of(term.taxonomy, term.name, term.slug, term.url, str(len(term.entries)))


_SCALAR_TYPES = frozenset({str, int, float, bool, dt.date, dt.datetime})
_FIELDS: dict[type, tuple[tuple[str, bool], ...]] = {}
_BRIEF_NAMES: dict[type, tuple[str, ...]] = {}


def _fields(kind: type) -> tuple[tuple[str, bool], ...]:
    """A dataclass's fields: (name, whether it is an UPWARD field, render/papers.py)."""
    known = _FIELDS.get(kind)
    if known is None:
        known = _FIELDS[kind] = tuple((item.name, bool(item.metadata.get("upward")))
                                      for item in dataclasses.fields(kind))
    return known


def _brief_names(kind: type) -> tuple[str, ...]:
    """What a brief of a dataclass shows: its fields but the UPWARD ones, then its properties by name."""
    known = _BRIEF_NAMES.get(kind)
    if known is None:
        properties = sorted(name for name, member in vars(kind).items() if isinstance(member, property))
        known = _BRIEF_NAMES[kind] = (*(name for name, upward in _fields(kind) if not upward), *properties)
    return known


def _is_scalar(value: object) -> bool:
    return value is None or isinstance(value, (str, int, float, bool, dt.date, Path, enum.Enum))


# How specific a context value is: an entry, a list of entries (a paginator), a term, a
# taxonomy. The most specific one is the page's subject and counts in full; a broader one
# (the taxonomy on a term's page) counts only by what a breadcrumb or heading shows of it:
# its names, URLs and counts.
_NOTHING = 9


def _level(value: object) -> int:
    if isinstance(value, Entry):
        return 0
    if isinstance(value, Term):
        return 2
    if isinstance(value, Taxonomy):
        return 3
    items = value if isinstance(value, (list, tuple)) else \
        [getattr(value, name) for name, _ in _fields(type(value))] \
        if dataclasses.is_dataclass(value) and not isinstance(value, type) else []
    if any(isinstance(item, Entry) or (isinstance(item, list) and item and isinstance(item[0], Entry))
           for item in items):
        return 1
    return _NOTHING
