"""Dash lines of the genre that are not subtitles: a quotation set as a paragraph of its own
with its source under it after a dash (“…。” | ——某某, ——《礼记》), an epigraph over the
text or a saying inside it; and a signature under the text after a dash (——王某), the
article's byline. Each takes (rng, lines, page) and changes both."""
from __future__ import annotations

from tests.ingest.sim.page import Line, first_of, last_of

SAYINGS = ["“民为邦本，本固邦宁。”", "“治国有常，而利民为本。”", "“天下之事，不难于立法，而难于法之必行。”",
           "“善为国者，遇民如父母之爱子。”", "“政之所兴在顺民心，政之所废在逆民心。”",
           "“知之愈明，则行之愈笃；行之愈笃，则知之益明。”"]
SOURCES = ["《尚书》", "《管子》", "张居正", "《六韬》", "《管子·牧民》", "朱熹", "王阳明", "《礼记·礼运》"]


def quote_source(rng, lines, page):
    """A saying and its source after a dash, as two lines: over an article's text (an
    epigraph) or closing it. One paragraph of the body, as printed."""
    bodied = sorted({x.article for x in lines if x.role == "paragraph" and x.article >= 0})
    if not bodied:
        return lines
    i = rng.choice(bodied)
    art = page.articles[i]
    saying, source = rng.choice(SAYINGS), rng.choice(SOURCES)
    dash = rng.choice(["——", "—— ", "——　"])
    added = [Line(saying, "paragraph", i), Line(dash + source, "paragraph", i)]
    if rng.random() < 0.5:  # (an epigraph: over the text, under the head)
        at, block = first_of(lines, i, ("paragraph", "heading")), 0
    else:  # (closing the text, where a signature would stand)
        at, block = last_of(lines, i, ("paragraph", "heading")) + 1, len(art.blocks)
    lines[at:at] = added
    art.blocks.insert(block, ("paragraph", saying + "——" + source))
    return lines


def dash_signature(rng, lines, page):
    """An article signed under its text after a dash (——王某), or in brackets (（王某）),
    instead of over it."""
    signed = sorted({x.article for x in lines if x.role == "byline" and x.article >= 0
                     and len(page.articles[x.article].authors) == 1})
    if not signed:
        return lines
    i = rng.choice(signed)
    by = next(x for x in lines if x.article == i and x.role == "byline")
    if len(by.text.lstrip("■●▲◆ ")) != len(page.articles[i].authors[0]):
        return lines  # (a byline with more than the name: a unit, a role)
    lines.remove(by)
    at = last_of(lines, i, ("paragraph", "heading")) + 1
    name, dash = page.articles[i].authors[0], rng.choice(["——", "—— ", "——　"])
    # (a third sign in brackets instead, （王某）: chosen by the name, so that the page's other
    # draws stay as they were)
    lines.insert(at, Line(f"（{name}）" if sum(map(ord, name)) % 3 == 0 else dash + name, "byline", i))
    return lines
