"""What segmentation makes of a page: article drafts (an article's parts as units, in the
places the page prints them), the leftovers, and the orphan fragments."""
from __future__ import annotations

from dataclasses import dataclass, field

from site_builder.ingest.lines import Unit


@dataclass
class Draft:
    title: Unit | None = None
    subtitle: Unit | None = None  # a dash subtitle printed under the title (——以…为例)
    kickers: list[Unit] = field(default_factory=list)
    bylines: list[Unit] = field(default_factory=list)
    # an author-unit line printed in the head, under the title (an article with no byline name)
    head_lines: list[Unit] = field(default_factory=list)
    label: Unit | None = None
    summary: list[Unit] = field(default_factory=list)
    body: list[Unit] = field(default_factory=list)
    footer: list[Unit] = field(default_factory=list)
    title_after_body: bool = False
    byline_after_body: bool = False
    # set by de-interleaving: what it decided about this article's columns (a warning's text)
    interleaved: str | None = None

    def has_footer(self) -> bool:
        return bool(self.footer)

    def units(self) -> list[Unit]:
        """Every unit the draft holds (a label with its line's rest is in the summary too)."""
        parts = self.head() + [self.label] + self.summary + self.body + self.footer
        return list({id(u): u for u in parts if u is not None}.values())

    def first_line(self) -> int:
        parts = [u for u in (self.head() + self.summary + self.body + self.footer) if u]
        return min(u.first_line for u in parts)

    def head(self) -> list[Unit | None]:
        """The head's units as printed: kickers, title, subtitle, bylines, unit lines."""
        return [*self.kickers, self.title, self.subtitle, *self.bylines, *self.head_lines]


@dataclass
class Segmented:
    drafts: list[Draft]
    leftovers: list[tuple[str, Unit]]  # (leftover kind, unit)
    fragments: list[Unit]  # orphan pieces that a cut paragraph elsewhere may claim
