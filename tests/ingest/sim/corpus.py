"""The clean text the simulator composes pages from: articles written for it in the genre's
forms (tests/ingest/corpus/*.md), plus a few lists of page matter (editor's notes, captions)
and the gold annotation's titles and sentences (corpus/gold-derived.jsonl).

An article file is front matter between two `---` lines (`key: value`, one a line: title,
subtitle, kicker, summary_label, summary, box_title, box, form) and a body: `## ` opens a
subheading, any other non-blank line is one paragraph.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CJK = re.compile(r"[\u4e00-\u9fff]")
SENTENCE = re.compile(r"[^。！？]+[。！？]")


@dataclass(frozen=True)
class Written:
    """One article of the corpus as written: its own title, subject and vocabulary."""

    name: str
    title: str
    blocks: tuple[tuple[str, str], ...]  # (paragraph | heading, text)
    subtitle: str | None = None  # printed as its own line, starting with ——
    kicker: str | None = None
    summary: str | None = None
    summary_label: str = "内容提要"
    box_title: str | None = None  # a 链接 / 延伸阅读 box printed after the body
    box: str | None = None
    form: str = "article"  # article | interview | commentary | short

    @property
    def headings(self) -> list[str]:
        return [text for kind, text in self.blocks if kind == "heading"]


class CorpusError(ValueError):
    pass


def parse(path: Path) -> Written:
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.removeprefix("---\n").partition("\n---\n")
    if not text.startswith("---\n") or not sep:
        raise CorpusError(f"{path}: no front matter between two '---' lines")
    meta: dict[str, str] = {}
    for n, line in enumerate(head.splitlines(), start=2):
        key, colon, value = line.partition(": ")
        if not colon:
            raise CorpusError(f"{path}:{n}: not 'key: value': {line!r}")
        meta[key] = value.strip()
    blocks = tuple(("heading", line[3:].strip()) if line.startswith("## ") else ("paragraph", line.strip())
                   for line in body.splitlines() if line.strip())
    if "title" not in meta or not blocks:
        raise CorpusError(f"{path}: an article needs a title and a body")
    return Written(name=path.stem, title=meta.pop("title"), blocks=blocks, **meta)


@lru_cache(maxsize=1)
def articles() -> tuple[Written, ...]:
    return tuple(parse(path) for path in sorted(CORPUS.glob("[0-9]*.md")))


def by_form(form: str) -> list[Written]:
    return [a for a in articles() if a.form == form]


def _lines(name: str) -> list[str]:
    return [line for line in (CORPUS / name).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def editor_notes() -> list[str]:
    return _lines("editor-notes.txt")


@lru_cache(maxsize=1)
def captions() -> list[str]:
    return _lines("captions.txt")


@lru_cache(maxsize=1)
def gold_derived() -> list[dict]:
    return [json.loads(line) for line in _lines("gold-derived.jsonl")]


@lru_cache(maxsize=1)
def sentence_pool() -> list[str]:
    """Every sentence of the corpus's article paragraphs (15-90 characters, quotes balanced)."""
    pool = {s for a in articles() for kind, text in a.blocks if kind == "paragraph"
            for s in SENTENCE.findall(text)}
    pool |= {s for g in gold_derived() for key in ("first", "last") if g.get(key) for s in SENTENCE.findall(g[key])}
    return sorted(s for s in pool if 15 <= len(s) <= 90 and s.count("“") == s.count("”")
                  and s.count("（") == s.count("）") and CJK.match(s[0]))


NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


@lru_cache(maxsize=1)
def heading_pool() -> list[str]:
    """The corpus's subheadings without their numbers, as long as the sample pages' (≤ 30)."""
    return sorted({NUMBERED.sub("", h) for a in articles() for h in a.headings if len(NUMBERED.sub("", h)) <= 30})
