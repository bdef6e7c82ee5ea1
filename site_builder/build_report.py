"""The build report: for each content file, its articles, the cleaner's warnings with file
and line, and the corrections that apply to it.

It is made by every build (`BuildResult.report`) and shown by `site-builder serve` at
`/__build/`, a page of the preview server only: never written into the site, so neither
the search index nor the sitemap ever sees it.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.corrections import Correction
from site_builder.errors import display_path
from site_builder.model import Archive, Warning_

REPORT_PATH = "/__build/"


@dataclass
class FileReport:
    path: Path
    kind: str  # "raw" | "markdown"
    articles: list[tuple[str, str | None]] = field(default_factory=list)  # (title, URL of its page)
    warnings: list[Warning_] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)  # Markdown files correcting it


def report_of(archive: Archive, corrections: list[Correction]) -> list[FileReport]:
    url_of = {(str(p.origin), tuple(p.lines)): entry.url for entry in archive.entries for p in entry.printings}
    by_file: dict[Path, list[Warning_]] = {}
    for warning in archive.warnings:  # the build's own about a file (a stale correction)
        if warning.file is not None:
            by_file.setdefault(warning.file, []).append(warning)
    reports = []
    for document in archive.documents:
        report = FileReport(document.path, document.kind)
        for article in document.articles:
            report.articles.append((article.shown_title, url_of.get((str(document.path), tuple(article.lines)))))
            report.warnings += article.warnings
        report.warnings += document.warnings
        shown = {id(w) for w in report.warnings}
        report.warnings += [w for w in by_file.get(document.path, []) if id(w) not in shown]
        report.corrections = [c for c in corrections if c.raw == document.path]
        reports.append(report)
    return reports


def report_page(reports: list[FileReport], warnings: list[Warning_]) -> bytes:
    """The report as one HTML page (Chinese-language site, so the page is in Chinese too)."""
    shown = {id(w) for r in reports for w in r.warnings}
    other = [w for w in warnings if id(w) not in shown]
    parts = [f"<h1>构建报告</h1><p>{len(reports)} 个内容文件，{len(warnings)} 条警告</p>"]
    if other:
        parts.append("<h2>其他警告</h2>" + _warning_list(other))
    for report in sorted(reports, key=lambda r: (r.kind != "raw", str(r.path))):
        parts.append(_file_section(report))
    body = "\n".join(parts)
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>构建报告</title>'
            f'<meta name="robots" content="noindex"></head><body>{body}</body></html>').encode()


def _file_section(report: FileReport) -> str:
    name = html.escape(display_path(report.path))
    articles = "".join(f'<li><a href="{html.escape(url)}">{html.escape(title)}</a></li>' if url else
                       f"<li>{html.escape(title)}</li>" for title, url in report.articles)
    section = [f'<section><h2 id="{name}">{name}</h2><h3>文章（{len(report.articles)}）</h3><ol>{articles}</ol>']
    if report.warnings:
        section.append(f"<h3>警告（{len(report.warnings)}）</h3>" + _warning_list(report.warnings))
    if report.corrections:
        fixes = "".join(f"<li>{html.escape(display_path(c.markdown))}</li>" for c in report.corrections)
        section.append(f"<h3>手工校正</h3><ul>{fixes}</ul>")
    return "".join(section) + "</section>"


def _warning_list(warnings: list[Warning_]) -> str:
    return "<ul>" + "".join(f"<li><code>{html.escape(str(w))}</code></li>" for w in warnings) + "</ul>"
