"""The analysis carried from one build to the next: an edit analyses one article, not 10,000.

After a full analysis the build keeps what it made (`Carried`, in the build cache): the
entries in archive order by the articles they are made from (each article by its serial:
its place among all documents' articles, which are read in file order), their keys, slugs,
URLs, topics and related entries, the taxonomies, the warnings the analysis made itself,
and what tells whether an article can change without another page's analysis changing:

- `alone`: the article is the only printing of its entry and no other article has its
  title's identity key (so reprint grouping, namesakes and slugs cannot move with it);
- `facts`: a digest of what the analysis reads from it for other pages (title, whether it
  was inferred, slug, date, authors, source paper, origin, its own topics), and the printed
  page it is on (the newspaper view's pages are laid out from those);
- `top_words`: a digest of its top keywords (the related lists read those);
- the digests of every article's body sentences, each with the serial of its article
  (analyze/sentences.py): whether an article's new text pairs it with another as a reprint,
  or changes another pair, is told from them.

The next build (`carried_archive`) takes the entries again when the documents are the same
files in the same order under the same settings, and every document read anew keeps its
articles' number, each article alone, with its facts, its top keywords and its topics as
they were, and sentences that change no reprint pair: the articles read anew take their old
articles' places and nothing else is analysed. Anything else (an article added, renamed or
retitled, a reprint, site.toml, a sentence shared) returns None: the full analysis then
runs, and keeps its own result.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import accumulate
from pathlib import Path
from typing import Any

from site_builder import forked
from site_builder.analyze import memo
from site_builder.analyze.article_keys import ArticleKeys
from site_builder.analyze.sentences import Sentences
from site_builder.cache import BuildCache, sha1_of
from site_builder.config import SiteConfig
from site_builder.model import Archive, Article, Entry, SourceDocument, Taxonomy, Term, Warning_

KIND, KEY, RELATED, IDF = "carried", "archive", "related", "idf"
MOST_CHANGED = 8  # documents read anew that the carried analysis takes (each: its keywords)

# What an entry is made of: its key, slug, URL, the serial of its shown article (or, for an
# article made from several printings, the serials of the one whose fields it shows and of
# the one whose text it shows), its printings' serials, its topics, its related entries
_EntryPlan = tuple[str, str, str, "int | tuple[int, int]", tuple[int, ...], tuple[str, ...], tuple[int, ...]]
_TermPlan = tuple[str, str, str, tuple[int, ...]]


@dataclass
class Carried:
    settings: str  # the site's configuration, as the analysis reads it
    paths: tuple[str, ...]  # the documents', in order
    document_keys: tuple[str, ...]
    counts: tuple[int, ...]  # articles of each document
    entries: list[_EntryPlan]
    taxonomies: list[tuple[str, str, str, list[_TermPlan]]]
    own_warnings: list[Warning_]  # those the analysis made (namesakes, reprints' texts), in order
    corrections: dict[str, list[Any]]  # by document key: the corrections it is
    alone: bytes
    facts: list[bytes]
    top_words: list[bytes]
    sentences: Sentences
    slugs: dict[tuple, Any]  # the memo's pinyin slugs (rendering looks names up too)
    idf_key: tuple | None = None  # the memo's key of jieba's IDF table, kept apart (`idf`)
    generation: str = ""  # names the full analysis this was made by (render/reach.py)


def settings_of(config: SiteConfig) -> str:
    return sha1_of(repr(dataclasses.replace(config, path=None)))


def facts_of(article: Article) -> bytes:
    """What the analysis reads from an article for other pages than its own."""
    told = (article.title, article.title_inferred, article.slug, article.date, tuple(article.authors),
            article.source_paper, str(article.origin), article.origin_kind, tuple(article.topics),
            article.page)  # (the newspaper view's pages are made from the printed pages: render/papers.py)
    return hashlib.blake2b(repr(told).encode("utf-8"), digest_size=16).digest()


def top_words_of(tags: dict[str, float]) -> bytes:
    from site_builder.analyze.related import TOP_KEYWORDS

    words = sorted(list(tags)[:TOP_KEYWORDS])
    return hashlib.blake2b("\n".join(words).encode("utf-8"), digest_size=16).digest()


# --- taking it again --------------------------------------------------------------------------

@dataclass
class Taken:
    """An archive made from the carried analysis, with its articles' keys and corrections."""

    archive: Archive
    keys: ArticleKeys
    corrections: list[Any]
    state: State


@dataclass(frozen=True)
class State:
    """What render/reach.py compares a build's pages by: the full analysis the archive is
    carried from, its documents' keys and its entries' related entries (by place)."""

    generation: str
    document_keys: tuple[str, ...]
    related: list[tuple[int, ...]]

    @staticmethod
    def of(carried: Carried) -> State:
        return State(carried.generation, carried.document_keys, [plan[6] for plan in carried.entries])


def carried_archive(cache: BuildCache, documents: list[SourceDocument], document_keys: dict[Path, str],
                    config: SiteConfig, ahead: Callable[[], None] | None = None) -> Taken | None:
    """The archive of these documents from the carried analysis, or None when it cannot be
    taken as it is (the full analysis must run). `ahead`: called before the changed
    articles' keywords are looked up (keywords_ahead.py: answers read by another process)."""
    forked.settle()  # (an earlier build of this process may be writing it)
    carried = cache.load(KIND, KEY)
    if not isinstance(carried, Carried) or carried.settings != settings_of(config):
        return None
    keys_now = [document_keys.get(d.path) for d in documents]
    if tuple(str(d.path) for d in documents) != carried.paths or None in keys_now:
        return None
    changed = [n for n, key in enumerate(keys_now) if key != carried.document_keys[n]]
    if len(changed) > MOST_CHANGED or any(len(documents[n].articles) != carried.counts[n] for n in changed):
        return None
    articles = [a for d in documents for a in d.articles]
    if len(articles) != len(carried.alone):
        return None
    from site_builder.analyze.keywords import forget_idf

    keys = ArticleKeys(documents, document_keys)
    starts = [0, *accumulate(carried.counts)]  # each document's first serial
    borrow_memo(cache, carried, need_idf=bool(changed))
    if changed and ahead is not None:
        ahead()
    moved_words: dict[int, frozenset[str]] = {}  # by serial: top keywords that changed
    try:
        for number in changed:
            for serial in range(starts[number], starts[number] + carried.counts[number]):
                verdict = _unchanged_for_others(carried, serial, articles[serial], keys, config)
                if verdict is None:
                    return None
                if verdict:
                    moved_words[serial] = verdict
    finally:
        forget_idf()  # (an IdfFile is this build's alone)
    archive = _archive(carried, documents, articles, keys, config)
    if moved_words and not _relinked(cache, carried, archive.entries, moved_words):
        return None
    corrections = _corrections(carried, documents, [str(k) for k in keys_now], changed)
    if changed:
        carried.document_keys = tuple(str(k) for k in keys_now)
        store(cache, carried)
    return Taken(archive, keys, corrections, State.of(carried))


def borrow_memo(cache: BuildCache, carried: Carried, need_idf: bool) -> None:
    """The memo answers this build looks up: the slugs, and jieba's IDF table when a text's
    keywords are read (the memo itself is not loaded: a process that holds it keeps it)."""
    from site_builder.analyze.identity import pinyin_slug
    from site_builder.analyze.keywords import IdfFile, forget_idf

    tables: memo.Tables = {memo.kind_of(pinyin_slug): dict(carried.slugs)}
    key = carried.idf_key
    path = _idf_path(cache, key) if key is not None else None
    if need_idf and not memo.tables() and key is not None and path is not None and path.is_file():
        try:
            table = IdfFile(str(path))
            tables["idf"] = {key: (table, table.median())}
        except Exception:  # noqa: BLE001 - a table that cannot be read is read from jieba's file
            pass
    forget_idf()  # (the table this process looked up last may be another build's file)
    memo.borrow(tables)


def _unchanged_for_others(carried: Carried, serial: int, article: Article, keys: ArticleKeys,
                          config: SiteConfig) -> frozenset[str] | None:
    """Whether an article read anew leaves every other page's analysis as it was (and its
    own entry's topics), but for the related lists when its top keywords changed: None
    when not, else its top keywords when they changed (an empty set when not). Its
    sentences then take the old article's place."""
    from site_builder.analyze import entry_tags, keyword_reader
    from site_builder.analyze.reprints import sentences_of
    from site_builder.analyze.related import top_words
    from site_builder.analyze.topics import assign_topics

    if not carried.alone[serial] or facts_of(article) != carried.facts[serial]:
        return None
    digests = sentences_of(article, keys.of(article))
    if not carried.sentences.unchanged_grouping(serial, digests):
        return None
    tags = entry_tags(article, keys, keyword_reader(config))
    topics = tuple(article.topics) or tuple(assign_topics(article.title or "（无题）", tags, config))
    if topics != _entry_of(carried, serial)[5]:
        return None
    carried.sentences = carried.sentences.replaced(serial, digests)
    if top_words_of(tags) == carried.top_words[serial]:
        return frozenset()
    carried.top_words[serial] = top_words_of(tags)
    return top_words(tags)


def _relinked(cache: BuildCache, carried: Carried, entries: list[Entry], moved: dict[int, frozenset[str]]) -> bool:
    """The related lists made again where articles' top keywords moved (related.Lists.updated:
    only the lists those could be in), from the lists the last build made; False without them."""
    from site_builder.analyze.related import Lists, relink

    last = cache.load(KIND, RELATED)
    if not isinstance(last, Lists) or last.urls != tuple(e.url for e in entries):
        return False
    number_of = {plan[3]: n for n, plan in enumerate(carried.entries) if plan[3] in moved}
    keyword_sets = list(last.keyword_sets)
    for serial, words in moved.items():
        keyword_sets[number_of[serial]] = words
    found = Lists.updated(last, entries, tuple(keyword_sets), last.count)
    relink(entries, found)
    index = {id(e): n for n, e in enumerate(entries)}
    for n, (plan, entry) in enumerate(zip(carried.entries, entries, strict=True)):
        related = tuple(index[id(r)] for r in entry.related)
        if related != plan[6]:
            carried.entries[n] = (*plan[:6], related)
    cache.store(KIND, RELATED, found)
    return True


def _entry_of(carried: Carried, serial: int) -> _EntryPlan:
    return next(plan for plan in carried.entries if plan[3] == serial)


def _archive(carried: Carried, documents: list[SourceDocument], articles: list[Article], keys: ArticleKeys,
             config: SiteConfig) -> Archive:
    from site_builder.analyze import vocabulary_warnings
    from site_builder.analyze.reprints import printing_of

    entries = []
    for key, slug, url, shown, printed, topics, _ in carried.entries:
        if isinstance(shown, tuple):  # made as reprints.shown_article makes it
            fields_from, text_from = articles[shown[0]], articles[shown[1]]
            article = replace(fields_from, blocks=list(text_from.blocks), warnings=list(fields_from.warnings))
        else:
            article = articles[shown]
        printings = []
        for serial in printed:
            printings.append(printing_of(articles[serial]))
            keys.name(printings[-1], keys.of(articles[serial]) or "")
        entry = Entry(key=key, slug=slug, url=url, article=article, printings=printings)
        entry.topics = article.topics or list(topics)
        entries.append(entry)
    for before, after in zip(entries, entries[1:], strict=False):
        before.next, after.prev = after, before
    for entry, plan in zip(entries, carried.entries, strict=True):
        entry.related = [entries[number] for number in plan[6]]
    taxonomies = {key: Taxonomy(key, label, url, [Term(key, name, slug, term_url, [entries[n] for n in members])
                                                  for name, slug, term_url, members in terms])
                  for key, label, url, terms in carried.taxonomies}
    warnings = [w for doc in documents for w in doc.warnings]
    warnings += [w for e in entries for w in e.article.warnings]
    warnings += carried.own_warnings + vocabulary_warnings(entries, config)
    return Archive(entries=entries, taxonomies=taxonomies, documents=documents, warnings=warnings)


def _corrections(carried: Carried, documents: list[SourceDocument], keys: list[str], changed: list[int]) -> list[Any]:
    from site_builder.corrections import corrections_in

    for number in changed:
        carried.corrections.pop(carried.document_keys[number], None)
        found = corrections_in([documents[number]])
        if found:
            carried.corrections[keys[number]] = found
    return [c for key in keys for c in carried.corrections.get(key, [])]


# --- keeping it -------------------------------------------------------------------------------

def carry(cache: BuildCache, archive: Archive, document_keys: dict[Path, str], keys: ArticleKeys,
          config: SiteConfig, corrections: list[Any]) -> State | None:
    """Keep what a full analysis made (`Carried`), named by a new generation (returned); nothing
    when an article has no key. Run while the memo holds this build's answers (each article's
    sentences, keywords, title key): it is made and written by a forked process, which holds them
    as they are now, while this one renders."""
    if not cache.enabled:
        return None
    articles = [a for d in archive.documents for a in d.articles]
    document_keys_in_order = [document_keys.get(d.path) for d in archive.documents]
    article_keys = [keys.of(a) for a in articles]
    if None in document_keys_in_order or None in article_keys:
        cache.store(KIND, KEY, None)
        return None
    serial_of = {str(key): serial for serial, key in enumerate(article_keys)}
    entries = [_plan(entry, keys, serial_of, articles) for entry in archive.entries]
    if any(plan is None for plan in entries):
        cache.store(KIND, KEY, None)
        return None
    plans: list[_EntryPlan] = [p for p in entries if p is not None]
    number_of = {id(e): n for n, e in enumerate(archive.entries)}
    for n, entry in enumerate(archive.entries):
        plans[n] = (*plans[n][:6], tuple(number_of[id(r)] for r in entry.related))
    state = State(os.urandom(8).hex(), tuple(map(str, document_keys_in_order)), [plan[6] for plan in plans])
    made = functools.partial(_carried, archive, document_keys, keys, config, corrections, plans, number_of, state)
    forked.in_background(lambda: _keep(cache, *made()))
    return state


def _carried(archive: Archive, document_keys: dict[Path, str], keys: ArticleKeys, config: SiteConfig,
             corrections: list[Any], plans: list[_EntryPlan], number_of: dict[int, int], state: State) -> tuple:
    """`Carried` of the archive (`carry`), the related lists and jieba's IDF table to keep with it."""
    from site_builder.analyze import keyword_reader, own_warnings_of, tags_of
    from site_builder.analyze.taxonomy import plans_of
    from site_builder.analyze.identity import pinyin_slug
    from site_builder.analyze.keywords import idf, idf_memo_key
    from site_builder.analyze.related import related_lists
    from site_builder.analyze.reprints import identity_key, sentences_of

    documents = archive.documents
    articles = [a for d in documents for a in d.articles]
    reader = keyword_reader(config)
    tags = {e.key: tags_of(e, keys, reader) for e in archive.entries}
    title_counts = Counter(identity_key(article) for article in articles)
    sentences = Sentences.of([sentences_of(a, keys.of(a)) for a in articles])
    alone = bytearray(len(articles))
    top_words = [b""] * len(articles)
    for plan, entry in zip(plans, archive.entries, strict=True):
        serial = plan[3]
        if isinstance(serial, int) and len(plan[4]) == 1 and entry.article.title and not entry.article.title_inferred \
                and title_counts[identity_key(entry.article)] == 1:
            alone[serial] = 1
            top_words[serial] = top_words_of(tags[entry.key])
    own_warnings = own_warnings_of(archive, config)
    by_document: dict[str, list[Any]] = {}
    for correction in corrections:
        document_key = document_keys.get(correction.markdown)
        if document_key is not None:
            by_document.setdefault(document_key, []).append(correction)
    idf_key = idf_memo_key()
    related = related_lists(archive.entries, tags, config.related_count) if config.related_count else None
    carried = Carried(settings_of(config), tuple(str(d.path) for d in documents), state.document_keys,
                      tuple(len(d.articles) for d in documents), plans, plans_of(archive, number_of),
                      own_warnings, by_document, bytes(alone), [facts_of(a) for a in articles], top_words, sentences,
                      dict(memo.tables().get(memo.kind_of(pinyin_slug), {})), idf_key, state.generation)
    return carried, related, idf_key, idf


def _keep(cache: BuildCache, carried: Carried, related: Any, idf_key: tuple, idf: Callable[[], tuple]) -> None:
    """Write what `carry` keeps; jieba's IDF table apart, once a table (for a build that loads no memo)."""
    from site_builder.analyze.keywords import write_idf_file

    idf_file = _idf_path(cache, idf_key)
    if idf_file is not None and not idf_file.is_file():
        with contextlib.suppress(OSError):  # a cache that cannot be written only makes builds slower
            write_idf_file(idf_file, *idf())
    if related is not None:
        cache.store(KIND, RELATED, related)
    store(cache, carried)


def store(cache: BuildCache, carried: Carried) -> None:
    cache.store(KIND, KEY, carried)


def _idf_path(cache: BuildCache, key: tuple) -> Path | None:
    return cache.folder / KIND / f"{sha1_of(IDF, repr(key))}.sqlite" if cache.folder is not None else None


def _plan(entry: Entry, keys: ArticleKeys, serial_of: dict[str, int], articles: list[Article]) -> _EntryPlan | None:
    from site_builder.analyze.reprints import winner

    printed = [keys.of(p) for p in entry.printings]
    if None in printed:
        return None
    serials = tuple(serial_of[str(k)] for k in printed)
    shown_key = keys.of(entry.article)
    shown: int | tuple[int, int]
    if shown_key is not None:
        shown = serial_of[shown_key]
    else:  # made from its printings: the winner's fields, a printing's text (reprints.shown_article)
        fields_from = winner([articles[s] for s in serials])
        text_from = next((s for s in serials if articles[s].blocks == entry.article.blocks), None)
        if text_from is None:
            return None
        shown = (serials[[articles[s] for s in serials].index(fields_from)], text_from)
    return (entry.key, entry.slug, entry.url, shown, serials, tuple(entry.topics), ())
