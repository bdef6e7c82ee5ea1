"""The small typed data model passed between the stages.

ingest   : raw page / Markdown file  -> SourceDocument (articles + leftovers + warnings)
analyze  : list[SourceDocument]      -> Archive (entries with slugs, topics, related, printings)
render   : Archive + SiteConfig      -> files in a staging folder
search   : staging folder            -> Pagefind index inside it
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

UNTITLED = "（无题）"  # what a page shows for an article with no title

BlockType = Literal["paragraph", "heading"]
LeftoverKind = Literal["slogan", "notice", "banner", "fragment", "byline", "duplicate", "caption", "editor_note",
                      "other"]


@dataclass(frozen=True)
class LineSpan:
    """Provenance: 1-based, inclusive raw line numbers of the file a piece came from."""

    first: int
    last: int

    def __post_init__(self) -> None:
        if self.first < 1 or self.last < self.first:
            raise ValueError(f"bad line span {self.first}-{self.last}")


@dataclass(frozen=True)
class PageInfo:
    """What is known of the printed page a raw file holds (issue date, paper, 版次, 版名).

    Filled by ingest from, in order of precedence, the editor's sidecar TOML beside the page,
    the page head printed on it, and the file name; None where nothing says."""

    paper: str | None = None  # 人民日报
    date: dt.date | None = None  # the date
    page: int | None = None  # 版次: 9 for 第9版
    page_name: str | None = None  # 版名: 理论

    @property
    def known(self) -> bool:
        return any(v is not None for v in (self.paper, self.date, self.page, self.page_name))


@dataclass
class Block:
    type: BlockType
    text: str
    lines: list[LineSpan] = field(default_factory=list)


@dataclass
class Leftover:
    kind: LeftoverKind
    text: str
    lines: list[LineSpan] = field(default_factory=list)


@dataclass
class Warning_:
    """Something the extractor guessed or a content problem an editor should look at."""

    file: Path | None
    message: str
    line: int | None = None
    code: str = "guess"  # short machine name: title-inferred, interleave, duplicate, …

    def __str__(self) -> str:
        from site_builder.errors import display_path

        shown = display_path(self.file) if self.file else "?"
        where = f"{shown}:{self.line}" if self.line else shown
        return f"{where}: {self.message}"


@dataclass
class Article:
    """One article as read from a raw page or a Markdown file (before analysis)."""

    title: str | None
    blocks: list[Block]
    title_inferred: bool = False
    kicker: str | None = None
    authors: list[str] = field(default_factory=list)
    affiliation: str | None = None
    source: str | None = None  # reprint statement as printed: 原载6月21日《人民日报》
    source_paper: str | None = None  # just the paper: 人民日报
    summary: str | None = None
    note: str | None = None  # a funding/project note printed with the author line: 本文为…成果
    # The date of the printing this article was read from: Markdown front matter, or the raw
    # page's PageInfo.date; None = unknown.
    date: dt.date | None = None
    # The original printing's date read from its 原载… line (month and day, year known).
    source_date: dt.date | None = None
    topics: list[str] = field(default_factory=list)
    slug: str | None = None  # a pinned permalink slug
    # Where it came from
    origin: Path | None = None
    origin_kind: Literal["raw", "markdown"] = "raw"
    page: PageInfo = field(default_factory=PageInfo)  # the printed page it is on: its document's
    lines: list[LineSpan] = field(default_factory=list)  # raw lines of the whole article
    warnings: list[Warning_] = field(default_factory=list)

    def body_text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    @property
    def shown_title(self) -> str:
        """The title its page shows: printed or inferred, else （无题）."""
        return self.title or UNTITLED


@dataclass
class SourceDocument:
    """What ingest makes of one input file."""

    path: Path
    kind: Literal["raw", "markdown"]
    articles: list[Article]
    leftovers: list[Leftover] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    raw_lines: list[str] = field(default_factory=list)  # decoded lines, for the 原文 view
    page: PageInfo = field(default_factory=PageInfo)  # raw pages: paper, date, 版次, 版名
    # When the file entered the archive (its first git commit, else its mtime; SOURCE_DATE_EPOCH
    # wins): the feed date of an article whose publication date is unknown.
    added: dt.datetime | None = None


@dataclass
class Printing:
    """One printing of an article: a raw page (or Markdown file) it appears on."""

    origin: Path
    origin_kind: str
    source: str | None
    source_paper: str | None
    date: dt.date | None
    lines: list[LineSpan]
    page: PageInfo = field(default_factory=PageInfo)  # the printed page, for raw pages


@dataclass
class Entry:
    """An article as published: one page, after merging reprints and analysis."""

    key: str  # stable identity: normalised title (see analyze.identity)
    slug: str
    url: str  # site-relative, e.g. /articles/zhua-hao-cheng-shi-zhi-li/
    article: Article  # the printing that wins (a hand correction beats extraction)
    printings: list[Printing]
    topics: list[str] = field(default_factory=list)
    related: list["Entry"] = field(default_factory=list)
    prev: "Entry | None" = None
    next: "Entry | None" = None

    @property
    def title(self) -> str:
        return self.article.shown_title

    @property
    def date(self) -> dt.date | None:
        return self.article.date

    @property
    def sources(self) -> list[str]:
        """Distinct papers this article was printed or reprinted from."""
        seen: list[str] = []
        for p in self.printings:
            if p.source_paper and p.source_paper not in seen:
                seen.append(p.source_paper)
        return seen


@dataclass
class Term:
    """One value of a taxonomy (a topic, an author, a source) and its entries."""

    taxonomy: str  # "topics" | "authors" | "sources"
    name: str
    slug: str
    url: str
    entries: list[Entry]


@dataclass
class Taxonomy:
    key: str  # "topics"
    label: str  # "主题"
    url: str  # /topics/
    terms: list[Term]  # in display order (pinyin for authors)


@dataclass
class Archive:
    entries: list[Entry]  # newest first, undated last, then by title pinyin
    taxonomies: dict[str, Taxonomy]
    documents: list[SourceDocument]
    warnings: list[Warning_]
