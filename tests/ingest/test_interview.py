"""An interview's turns (问：… 答：…) open paragraphs: a short question is never taken for
the orphan tail of a lost paragraph."""
from __future__ import annotations

from pathlib import Path

from site_builder.ingest.raw_page import extract_text

PAGE = ("智能制造如何赋能产业升级\n\n——访某工业大学智能制造研究院院长\n\n▲王明\n\n"
        "问：当前我国智能制造发展处在什么阶段？\n\n"
        "答：总体上看，我国智能制造已经从试点示范走向全面推广，一批智能工厂建成投用。\n\n"
        "问：难在哪里？\n\n"
        "答：一是钱的问题，改造投入大、回报周期长；二是人的问题，复合型人才非常紧缺。\n\n")


def test_a_short_question_stays_in_the_body():
    doc = extract_text(Path("interview.txt"), PAGE)
    [article] = doc.articles
    assert [b.text[:5] for b in article.blocks] == ["问：当前我", "答：总体上", "问：难在哪", "答：一是钱"]
    assert doc.leftovers == []
