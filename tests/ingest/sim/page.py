"""A page as lines: the clean articles laid out in the genre's order, damaged by the kinds
asked for, then written out as raw text."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tests.ingest.sim.compose import Article


@dataclass
class Line:
    text: str
    role: str  # kicker | title | subtitle | byline | label | summary | paragraph | heading | footer | furniture
    article: int
    glued: tuple[int, int, int] | None = None  # a glued line: (article of its head, where it splits, of its tail)


@dataclass
class Page:
    """A generated page and what its extraction must give back."""

    text: str
    articles: list[Article]
    kinds: list[str]
    date: str | None = None  # ISO date every article must carry (a page head says it)
    leftovers: list[tuple[str | None, str]] = field(default_factory=list)  # (kind or any, text) expected
    absent: list[str] = field(default_factory=list)  # page matter never in a title or body
    forbidden: list[str] = field(default_factory=list)  # patterns no output text may match


def byline_lines(a: Article) -> list[str]:
    if a.byline is not None:
        return a.byline
    return [a.byline_mark + " ".join(a.authors)]


def article_lines(a: Article, i: int) -> list[Line]:
    lines = [Line(text, "furniture", -1) for text in a.before]
    if a.kicker:
        lines.append(Line(a.kicker, "kicker", i))
    if not a.title_inferred:
        lines.append(Line(a.title, "title", i))
    if a.subtitle:
        lines.append(Line(a.subtitle, "subtitle", i))
    lines += [Line(text, "byline", i) for text in byline_lines(a)]
    if a.summary:
        lines.append(Line(a.summary_label, "label", i))
        lines += [Line(("●" if a.summary_bullets else "") + s, "summary", i) for s in a.summary]
    lines += [Line(text, kind, i) for kind, text in a.blocks]
    lines += [Line(f, "footer", i) for f in a.footer]
    return lines


def clean_lines(articles: list[Article]) -> list[Line]:
    return [line for i, a in enumerate(articles) for line in article_lines(a, i)]


def render(lines: Sequence[Line | str], blank_lines: bool = True) -> str:
    """Lines separated by blank lines; a str item is written as is (hard-wrapped text).
    Without ``blank_lines``, a line a paragraph with nothing between (a text layer or a web
    page's copy that keeps no empty line)."""
    out = ["", ""]
    for line in lines:
        out.append(line if isinstance(line, str) else line.text)
        if blank_lines:
            out.append("")
    return "\n".join(out)


def paragraphs(lines: list[Line], longer_than: int = 0) -> list[int]:
    return [k for k, x in enumerate(lines) if x.role == "paragraph" and len(x.text) > longer_than]


def last_of(lines: list[Line], article: int, roles: tuple[str, ...] | None = None) -> int:
    return max(k for k, x in enumerate(lines) if x.article == article and (roles is None or x.role in roles))


def first_of(lines: list[Line], article: int, roles: tuple[str, ...] | None = None) -> int:
    return min(k for k, x in enumerate(lines) if x.article == article and (roles is None or x.role in roles))
