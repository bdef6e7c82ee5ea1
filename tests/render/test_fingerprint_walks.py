"""What a page's fingerprint walks is walked once a build (render/inputs.py): a term counted
by the archive key is not counted again by its taxonomy's page, and a brief reads each
property of the object once."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.build import load_archive
from site_builder.model import Archive
from site_builder.render import inputs
from site_builder.render.inputs import Fingerprints
from site_builder.render.papers import UPWARD
from site_builder.render.plan import PageKind, PagePlan, plan_site

ROOT = Path(__file__).resolve().parents[2]


def test_a_taxonomy_page_takes_the_terms_the_archive_key_counted(tmp_path, monkeypatch):
    content = tmp_path / "content"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_archive.py"), "--articles", "30",
                    "--out", str(content)], check=True, capture_output=True)
    config, archive = load_archive(content)
    plans = plan_site(archive, config)
    home = next(p for p in plans if p.kind is PageKind.HOME)
    authors = next(p for p in plans if p.kind is PageKind.TAXONOMY and p.url == "/authors/")
    fingerprints = Fingerprints(archive, "render key", {})
    fingerprints.of(home)  # the archive key: every term
    cards = []
    real = Fingerprints.card
    monkeypatch.setattr(Fingerprints, "card", lambda self, entry: cards.append(entry.url) or real(self, entry))
    fingerprints.of(authors)
    assert cards == []
    members = {n for term in archive.taxonomies["authors"].terms for n, e in enumerate(archive.entries)
               if e in term.entries}
    assert fingerprints.reach[authors.path] is not None and members <= set(fingerprints.reach[authors.path])
    fresh = Fingerprints(archive, "render key", {})
    assert fresh.of(authors) == fingerprints.of(authors)


reads: list[str] = []


@dataclass
class _Shelf:
    name: str
    books: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        reads.append(self.name)
        return len(self.books)


@dataclass
class _Book:
    shelf: _Shelf = field(metadata=UPWARD)
    title: str


def test_a_brief_reads_each_property_once():
    shelf = _Shelf("理论", ["一", "二"])
    plan = PagePlan(PageKind.PRINTED_PAGE, "/b/", "b/index.html", "printed_page.html", {"book": _Book(shelf, "一")})
    made = Fingerprints(Archive([], {}, [], []), "render key", {}).of(plan)
    assert reads == ["理论"]
    assert "count=2" in inputs.Fingerprints(Archive([], {}, [], []), "k", {})._brief(shelf)
    shelf.books.append("三")
    assert Fingerprints(Archive([], {}, [], []), "render key", {}).of(plan) != made
