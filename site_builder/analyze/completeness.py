"""How complete one printing's text of an article is, to publish the most complete of its
printings.

A page may print an article cut: its last column lost (the text stops in mid-sentence), a
paragraph cut where a column or page break lost its rest (a paragraph ending in mid-
sentence, followed by the next paragraph or subheading), or a passage missing. In this
genre every paragraph ends on a sentence's end (or on a colon that opens a list), so a
paragraph that does not is a cut; a printing shorter by a paragraph or more lost one.
"""
from __future__ import annotations

from dataclasses import dataclass

from site_builder.model import Article

# body characters by which one printing must be longer to count as more complete when neither
# is cut: a short paragraph of the genre (OCR damage, a passage printed twice, changes a
# printing's length by less)
LENGTH_MARGIN = 50
CONTEXT = 12  # characters before a cut quoted in a warning


@dataclass(frozen=True)
class Completeness:
    ends_whole: bool  # the last paragraph ends a sentence
    cut_paragraphs: int  # paragraphs before the last that stop in mid-sentence
    length: int  # body characters (paragraphs only)

    def beats(self, other: "Completeness") -> bool:
        """Strictly more complete: not cut at its end where the other is, else fewer cut
        paragraphs, else longer by a paragraph's worth."""
        if self.ends_whole != other.ends_whole:
            return self.ends_whole
        if self.cut_paragraphs != other.cut_paragraphs:
            return self.cut_paragraphs < other.cut_paragraphs
        return self.length >= other.length + LENGTH_MARGIN

    def order(self) -> tuple[bool, int, int]:
        """A sort key that agrees with `beats` where it decides."""
        return self.ends_whole, -self.cut_paragraphs, self.length


def _paragraphs(article: Article) -> list[str]:
    return [b.text for b in article.blocks if b.type == "paragraph" and b.text.strip()]


def completeness(article: Article) -> Completeness:
    from site_builder.ingest import shapes  # (its tables: an edit's build, which needs none, does not import them)

    paragraphs = _paragraphs(article)
    return Completeness(ends_whole=bool(paragraphs) and shapes.terminated(paragraphs[-1]),
                        cut_paragraphs=sum(shapes.dangling(p) for p in paragraphs[:-1]),
                        length=sum(len(p) for p in paragraphs))


def first_cut(article: Article) -> str | None:
    """The words before the first place the printing's text stops in mid-sentence (for a
    warning), None when it stops nowhere."""
    from site_builder.ingest import shapes

    for text in _paragraphs(article):
        if shapes.dangling(text):
            return text[-CONTEXT:]
    return None
