"""A list of contents over the page: a label (本版导读 …) or none, then each article's title
on a line of its own, some with the writer's name after it. Page matter: never a title."""
from __future__ import annotations

from tests.ingest.sim.page import Line

LABELS = ["本版导读", "【本版导读】", "导读", "本期提要", "", ""]


def contents(rng, lines, page):
    listed = [a for a in page.articles if a.title and not a.title_inferred] if len(page.articles) > 1 else []
    if len(listed) < 2:
        return lines
    label = rng.choice(LABELS)
    entries = [a.title + (rng.choice(["\u3000", "  "]) + a.authors[0] if a.authors and rng.random() < 0.3 else "")
               for a in listed]
    added = ([label] if label else []) + entries
    lines[0:0] = [Line(text, "furniture", -1) for text in added]
    page.leftovers += [(None, text) for text in added]
    return lines
