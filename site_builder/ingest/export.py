"""The JSON that `site-builder extract` prints (contract: shared/eval/README.md)."""
from __future__ import annotations

from site_builder.model import Article, SourceDocument


def document_to_json(doc: SourceDocument) -> dict:
    return {
        "file": doc.path.name,
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
        "lines": [[s.first, s.last] for s in article.lines],
        "blocks": [{"type": b.type, "text": b.text, "lines": [[s.first, s.last] for s in b.lines]}
                   for b in article.blocks],
        "warnings": [{"code": w.code, "line": w.line, "message": w.message} for w in article.warnings],
    }
