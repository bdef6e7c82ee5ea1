"""Ingest: input files -> SourceDocument (articles, leftovers, warnings).

Two kinds of input, both first-class:
- raw newspaper pages `content/raw/*.txt` (damaged OCR / PDF text) -> `raw_page.extract_raw_page`
- hand-written or corrected articles `content/articles/*.md` -> `markdown_article.read_markdown_article`

`site-builder extract` and `site-builder build` both call `read_source`.
"""
from __future__ import annotations

from pathlib import Path

from site_builder.errors import ContentError
from site_builder.model import SourceDocument, Warning_

RAW_DIR = "raw"
ARTICLES_DIR = "articles"


def read_source(path: Path) -> SourceDocument:
    """Read one input file; raises ContentError naming the file (and line) on bad input."""
    # (the readers are imported here: a build that reads no file again, or only Markdown, an
    # editor's correction, loads none of the raw-page reader's modules)
    if path.suffix == ".md":
        from site_builder.ingest.markdown_article import read_markdown_article

        return read_markdown_article(path)
    if path.suffix == ".txt":
        from site_builder.ingest.page_meta import fill_page_info
        from site_builder.ingest.raw_page import extract_raw_page

        doc = extract_raw_page(path)
        _warn_untitled(doc)
        fill_page_info(doc)  # paper, date, 版次, 版名; each article's date and source_date
        return doc
    raise ContentError("unknown kind of content file (expected .txt or .md)", path)


def _warn_untitled(doc: SourceDocument) -> None:
    """An article with no title, printed or inferred, is published as （无题）: an editor should know."""
    for article in doc.articles:
        if not (article.title or "").strip():
            line = article.lines[0].first if article.lines else None
            article.warnings.append(Warning_(doc.path, "an article with no title (published as （无题）); "
                                             "add a Markdown correction with its title", line, "untitled"))


def content_files(content_dir: Path) -> list[Path]:
    """Every input file, in a fixed order (raw pages, then Markdown articles, by name)."""
    raw = sorted((content_dir / RAW_DIR).glob("*.txt")) if (content_dir / RAW_DIR).is_dir() else []
    md_dir = content_dir / ARTICLES_DIR
    articles = sorted(md_dir.glob("*.md")) if md_dir.is_dir() else []
    # hidden names are editor and OS litter (.#draft.md, ._page.txt); a dangling link is
    # kept, so that reading it reports the file instead of skipping it silently
    return [p for p in raw + articles
            if not p.name.startswith(".") and (p.is_file() or p.is_symlink())]
