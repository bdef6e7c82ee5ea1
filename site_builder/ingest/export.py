"""The JSON that `site-builder extract` prints (contract: shared/eval/README.md)."""
from __future__ import annotations

import datetime as dt

from site_builder.model import Article, SourceDocument


def document_to_json(doc: SourceDocument) -> dict:
    return {
        "file": doc.path.name,
        # the printed page (null where nothing says): page_meta.py
        "paper": doc.page.paper,
        "date": _iso(doc.page.date),
        "page": doc.page.page,
        "page_name": doc.page.page_name,
        "articles": [article_to_json(a) for a in doc.articles],
        "leftovers": [{"kind": left.kind, "text": left.text,
                       "lines": [[s.first, s.last] for s in left.lines]} for left in doc.leftovers],
        "warnings": [{"code": w.code, "line": w.line, "message": w.message} for w in doc.warnings],
    }


def article_to_json(article: Article) -> dict:
    return {
        "title": article.title,
        "title_inferred": article.title_inferred,
        "kicker": article.kicker,
        "authors": article.authors,
        "affiliation": article.affiliation,
        "source": article.source,
        "source_paper": article.source_paper,
        "summary": article.summary,
        "note": article.note,
        "date": _iso(article.date),
        "source_date": _iso(article.source_date),  # the original printing's, from 原载…
        "lines": [[s.first, s.last] for s in article.lines],
        "blocks": [{"type": b.type, "text": b.text, "lines": [[s.first, s.last] for s in b.lines]}
                   for b in article.blocks],
        "warnings": [{"code": w.code, "line": w.line, "message": w.message} for w in article.warnings],
    }


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None
