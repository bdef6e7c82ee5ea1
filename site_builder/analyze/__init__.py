"""Analyze: documents -> Archive (entries with permalinks, topics, related, taxonomies)."""
from __future__ import annotations

from collections.abc import Callable

from site_builder.analyze import memo
from site_builder.analyze.article_keys import ArticleKeys
from site_builder.analyze.identity import article_slug, pinyin_sort_key
from site_builder.analyze.keywords import KeywordReader, keyword_text, keyword_text_key
from site_builder.analyze.related import link_related
from site_builder.analyze.reprints import Group, group_articles, printing_of, shown_article
from site_builder.analyze.taxonomy import build_taxonomies
from site_builder.analyze.topics import assign_topics, vocabulary_words
from site_builder.analyze.warm import warm_memo
from site_builder.config import SiteConfig
from site_builder.errors import ContentError
from site_builder.model import Archive, Article, Entry, SourceDocument, Warning_


def analyze(documents: list[SourceDocument], config: SiteConfig, keys: ArticleKeys | None = None) -> Archive:
    """The archive of the documents; `keys`: their articles' keys, when known (the memo then
    keeps an article's answers under its key, not its text's digest; each printing made
    here is named by its article's key)."""
    keys = keys or ArticleKeys()
    reader = KeywordReader(vocabulary_words(config))
    articles = [a for doc in documents for a in doc.articles]
    warm_memo(articles, keys, reader)
    groups, namesake_warnings = group_articles(articles, keys)
    entries, reprint_warnings = [], []
    for group in groups:
        entry, passed_over = _entry(group, keys)
        entries.append(entry)
        reprint_warnings += passed_over
    _check_unique_urls(entries)
    texts = {e.key: _text_key(e, keys) for e in entries}
    tags = {e.key: reader.keywords_of(texts[e.key], _text_of(e)) for e in entries}
    settings = memo.argument_key(repr((config.topics, config.topics_per_article)))
    for entry in entries:
        entry.topics = entry.article.topics or list(_topics_of(entry, tags[entry.key], texts[entry.key],
                                                                settings, config))
    entries.sort(key=_archive_order)
    for before, after in zip(entries, entries[1:], strict=False):
        before.next, after.prev = after, before
    link_related(entries, tags, config.related_count)
    warnings = [w for doc in documents for w in doc.warnings]
    warnings += [w for e in entries for a in [e.article] for w in a.warnings]
    warnings += namesake_warnings + reprint_warnings + vocabulary_warnings(entries, config)
    return Archive(entries=entries, taxonomies=build_taxonomies(entries), documents=documents,
                   warnings=warnings)


def _entry(group: Group, keys: ArticleKeys) -> tuple[Entry, list[Warning_]]:
    """The group's entry, and a warning for each printing whose text was passed over."""
    (shown, passed_over), key = shown_article(group.printings), group.key
    slug = shown.slug or article_slug(key, shown.title or "")
    ordered = sorted(group.printings, key=lambda a: (a.origin_kind != "markdown", str(a.origin)))
    printings = []
    for article in ordered:
        printings.append(printing_of(article))
        article_key = keys.of(article)
        if article_key is not None:
            keys.name(printings[-1], article_key)
    return Entry(key=key, slug=slug, url=f"/articles/{slug}/", article=shown, printings=printings), passed_over


def _topics_of(entry: Entry, tags: dict[str, float], text_key: object, settings: object,
               config: SiteConfig) -> tuple[str, ...]:
    """Assigned topics: a function of the title, the keywords (of the text and the vocabulary)
    and the topic settings (`settings`: their repr's memo key; `text_key`: the text, or what fixes it:
    `_text_key`)."""
    return memo.lookup("topics", (settings, entry.title, text_key),
                       lambda: tuple(assign_topics(entry.title, tags, config)))


def _archive_order(entry: Entry) -> tuple:
    """Newest first; undated after dated; then by title in pinyin order."""
    date = entry.date.toordinal() if entry.date else 0
    return (-date, pinyin_sort_key(entry.title), entry.url)


def keyword_reader(config: SiteConfig) -> KeywordReader:
    return KeywordReader(vocabulary_words(config))


def entry_tags(article: Article, keys: ArticleKeys, reader: KeywordReader) -> dict[str, float]:
    """The keywords `analyze` reads for the entry showing `article` (analyze/carry.py)."""
    return reader.keywords_of(keyword_text_key(article, keys.of(article)), lambda: keyword_text(article))


def tags_of(entry: Entry, keys: ArticleKeys, reader: KeywordReader) -> dict[str, float]:
    """The keywords `analyze` reads for an entry."""
    return entry_tags(entry.article, keys, reader)


def _text_key(entry: Entry, keys: ArticleKeys) -> object:
    return keyword_text_key(entry.article, keys.of(entry.article))


def _text_of(entry: Entry) -> Callable[[], str]:
    return lambda: keyword_text(entry.article)


def _check_unique_urls(entries: list[Entry]) -> None:
    """Two different articles must never be written to the same page."""
    seen: dict[str, Entry] = {}
    for entry in entries:
        other = seen.setdefault(entry.url, entry)
        if other is not entry:
            raise ContentError(f"two articles want the same URL {entry.url} (also from "
                               f"{other.article.origin}); give one a different `slug`",
                               entry.article.origin)


def vocabulary_warnings(entries: list[Entry], config: SiteConfig) -> list[Warning_]:
    if not config.topics:
        return []
    warnings = []
    for entry in entries:
        for topic in entry.article.topics:
            if topic not in config.topics:
                warnings.append(Warning_(entry.article.origin, f"topic '{topic}' is not in the "
                                         "topic vocabulary of site.toml", code="unknown-topic"))
    return warnings


def own_warnings_of(archive: Archive, config: SiteConfig) -> list[Warning_]:
    """The warnings the analysis made itself (`analyze`: the documents', the shown articles',
    its own, the vocabulary's, in that order)."""
    before = sum(len(d.warnings) for d in archive.documents) + sum(len(e.article.warnings) for e in archive.entries)
    after = len(vocabulary_warnings(archive.entries, config))
    return archive.warnings[before:len(archive.warnings) - after]
