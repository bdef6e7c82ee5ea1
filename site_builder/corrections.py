"""Hand corrections: an extracted article written out as Markdown for an editor to correct.

`site-builder correct content/raw/X.txt --article N` writes the article as
`content/articles/X-N.md` with every field the extraction read (the printed page too) and
the article's published permalink as its `slug`. The slug makes it join the extraction's
reprint group on every later build however the editor corrects the title, and keeps the
article's URL: it wins over the extraction (`analyze.reprints` prefers a Markdown printing),
so whatever the editor fixes in it is what the site shows, at the address readers have.

The file's front matter opens with a YAML comment naming the raw page and the SHA-1 of its
bytes when the correction was made:

    # corrects: X.txt raw_sha1: 3f2a…

When the raw page changes afterwards, each build warns that the correction may be out of
date, naming both files (`stale_corrections`). (A comment, not a key: the Markdown reader
refuses keys it does not know.)
"""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from site_builder import ingest
from site_builder.errors import SiteBuildError
from site_builder.model import Article, SourceDocument, Warning_

_MARK = re.compile(r"^# corrects: (?P<raw>\S+) raw_sha1: (?P<sha1>[0-9a-f]{40})\s*$", re.MULTILINE)
_ESCAPE = re.compile(r"([\\`*_\[\]!])")  # what the Markdown reader would read as markup


@dataclass(frozen=True)
class Correction:
    markdown: Path  # content/articles/X-1.md
    raw: Path  # content/raw/X.txt
    raw_sha1: str  # of the raw page when the correction was written


def write_correction(raw_page: Path, number: int | None = None, title: str | None = None) -> Path:
    """Write article `number` (1-based) or the one titled `title` of a raw page as Markdown
    into the content folder's articles/; return the file written. Never overwrites."""
    raw_page = raw_page.resolve()
    if raw_page.parent.name != ingest.RAW_DIR or raw_page.suffix != ".txt":
        raise SiteBuildError(f"not a raw page (expected <content>/{ingest.RAW_DIR}/*.txt)", raw_page)
    document = ingest.read_source(raw_page)
    article, number = _chosen(document.articles, number, title, raw_page)
    content_dir = raw_page.parent.parent
    target = content_dir / ingest.ARTICLES_DIR / f"{raw_page.stem}-{number}.md"
    if target.exists():
        raise SiteBuildError("a correction of this article exists already: edit it, or delete it first", target)
    sha1 = hashlib.sha1(raw_page.read_bytes()).hexdigest()
    slug = published_slug(content_dir, article)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(as_markdown(article, raw_page.name, sha1, slug), encoding="utf-8")
    return target


def published_slug(content_dir: Path, article: Article) -> str | None:
    """The permalink slug the site gives this extracted article (None: the archive does not
    publish it, e.g. another file's correction already took its place)."""
    from site_builder import analyze
    from site_builder.config import load_config
    from site_builder.sources import load_content

    archive = analyze.analyze(load_content(content_dir).documents, load_config(content_dir))
    for entry in archive.entries:
        if any(p.origin == article.origin and p.lines == article.lines for p in entry.printings):
            return entry.slug
    return None


def _chosen(articles: list[Article], number: int | None, title: str | None, page: Path) -> tuple[Article, int]:
    listing = "; ".join(f"{n}: {a.shown_title}" for n, a in enumerate(articles, start=1))
    if title is not None:
        for n, article in enumerate(articles, start=1):
            if (article.title or "") == title:
                return article, n
        raise SiteBuildError(f"no article titled {title!r} on this page (its articles: {listing})", page)
    if number is None and len(articles) == 1:
        number = 1
    if number is None or not 1 <= number <= len(articles):
        raise SiteBuildError(f"say which article with --article N (its articles: {listing or 'none'})", page)
    return articles[number - 1], number


def as_markdown(article: Article, raw_name: str, raw_sha1: str, slug: str | None = None) -> str:
    fields: dict[str, object] = {"title": article.shown_title}
    for key in ("kicker", "authors", "affiliation", "date", "source", "summary", "note", "topics"):
        value = getattr(article, key)
        if value:
            fields[key] = value
    place = article.page
    for key, value in (("paper", place.paper), ("page", place.page), ("page_name", place.page_name)):
        if value:
            fields[key] = value
    if slug:
        fields["slug"] = slug
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10_000)
    body = "\n\n".join(("## " + _escaped(b.text)) if b.type == "heading" else _escaped(b.text)
                       for b in article.blocks)
    return f"---\n# corrects: {raw_name} raw_sha1: {raw_sha1}\n{front}---\n{body}\n"


def _escaped(text: str) -> str:
    text = _ESCAPE.sub(r"\\\1", text.replace("\n", " "))
    return "\\" + text if text.startswith("#") else text


def corrections_in(documents: list[SourceDocument]) -> list[Correction]:
    """The corrections among the Markdown articles (those whose front matter names a raw page)."""
    found = []
    for document in documents:
        if document.kind != "markdown":
            continue
        front = "\n".join(document.raw_lines[:60]).split("\n---", 1)[0]
        mark = _MARK.search(front)
        if mark is not None:
            raw = document.path.parent.parent / ingest.RAW_DIR / mark["raw"]
            found.append(Correction(document.path, raw, mark["sha1"]))
    return found


def remembered_corrections(document: SourceDocument, keys: dict[Path, str]) -> list[Correction]:
    """The corrections a document is (`corrections_in`), remembered under the document's key:
    finding them reads its lines, which a cached document unpickles only when read
    (deferred.Deferred)."""
    from site_builder.analyze import memo

    key = keys.get(document.path)
    find = functools.partial(corrections_in, [document])
    return find() if key is None else memo.lookup("corrections", ("document", key), find)


def stale_corrections(corrections: list[Correction], hashes: dict[Path, str]) -> list[Warning_]:
    """A warning for each correction whose raw page changed (or went) since it was written."""
    warnings = []
    for correction in corrections:
        now = hashes.get(correction.raw)
        if now == correction.raw_sha1:
            continue
        why = "no longer exists" if now is None else "has changed"
        warnings.append(Warning_(correction.markdown, f"this correction may be out of date: {correction.raw} "
                                 f"{why} since it was written (raw_sha1 {correction.raw_sha1[:12]}…)",
                                 2, "stale-correction"))
    return warnings
