"""No character of an extraction is altered except by the listed repairs (accounting.altered),
on the sample pages and on generated pages, and the check sees a rewritten character."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.ingest import read_source
from site_builder.ingest.decode import read_text
from site_builder.ingest.raw_page import extract_text
from tests.ingest.accounting import altered, unaccounted
from tests.ingest.sim import KINDS, make_page

ALL_KINDS = ["clean", *KINDS]
PAGE = ("活字印刷与毕昇\n\n■ 王明\n\n"
        "北宋毕昇发明活字印刷术,这一發明推动了文化传播...工匠们反复试验，泥活字打坏了就重做。\n\n"
        "他说：“省略号……不多不少。”又说'中国之治'，时在20 19年。\n")


SEED_PAGES = sorted((Path(__file__).resolve().parents[2] / "content" / "raw").glob("*.txt"))


@pytest.mark.parametrize("path", SEED_PAGES, ids=lambda p: p.name)
def test_the_sample_pages_are_altered_only_by_the_repairs(path):
    doc = read_source(path)
    raw = read_text(path)
    assert altered(raw, doc) == []
    assert unaccounted(raw, doc) == ({}, {})


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_generated_pages_are_altered_only_by_the_repairs(kind):
    for n in range(4):
        page = make_page(1000 * ALL_KINDS.index(kind) + n, kind)
        doc = extract_text(Path(f"sim-{kind}-{n}.txt"), page.text)
        assert altered(page.text, doc) == [], (kind, n)


def test_every_listed_repair_passes_the_check():
    doc = extract_text(Path("repairs.txt"), PAGE)
    body = [b.text for a in doc.articles for b in a.blocks]
    assert body == ["北宋毕昇发明活字印刷术，这一发明推动了文化传播……工匠们反复试验，泥活字打坏了就重做。",
                    "他说：“省略号……不多不少。”又说‘中国之治’，时在2019年。"]
    assert altered(PAGE, doc) == []


@pytest.mark.parametrize(("right", "wrong", "shown"), [
    ("打坏", "打坯", "活字打[坯]了就重做"),  # a simplified character rewritten by a phrase table
    ("活字印刷", "活字印制", "发明活字印[制]术"),  # any other character
    ("省略号……", "省略号………", "省略号[…×3]不多不少"),  # a correct ellipsis made three
])
def test_a_character_altered_otherwise_is_reported(right, wrong, shown):
    doc = extract_text(Path("repairs.txt"), PAGE)
    for article in doc.articles:
        for block in article.blocks:
            block.text = block.text.replace(right, wrong, 1)
    problems = altered(PAGE, doc)
    assert problems and any(shown in p for p in problems), problems


def test_a_stray_and_in_full_width_letters_is_accounted_for():
    """A text layer's full-width letters (ａｎｄ) in a stray "and": the extractor folds the
    width, then reads 和; the check does the same (before: 'and' missing, 和 made up)."""
    page = PAGE.replace("工匠们反复试验", "工匠们反复 ａｎｄ 试验")
    doc = extract_text(Path("repairs.txt"), page)
    assert "工匠们反复和试验" in doc.articles[0].blocks[0].text
    assert unaccounted(page, doc) == ({}, {}) and altered(page, doc) == []
