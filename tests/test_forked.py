"""Work shared between forked processes: the answers serial work gives, made elsewhere, and
the analysis's per-article answers made on two processes give the archive one makes alone."""
from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from site_builder import forked
from site_builder.analyze import analyze, memo, reprints, warm
from site_builder.analyze.article_keys import ArticleKeys
from site_builder.analyze.keywords import KeywordReader
from site_builder.analyze.topics import vocabulary_words
from site_builder.config import SiteConfig
from site_builder.model import Article, Block, SourceDocument


def test_items_are_answered_in_order_by_two_other_processes():
    items = list(range(23))
    answers = forked.map_items(lambda n: (n * n, os.getpid()), items, parallel_from=10)
    assert [square for square, _ in answers] == [n * n for n in items]
    made_in = {pid for _, pid in answers}
    assert os.getpid() not in made_in and len(made_in) == 2


def test_a_worker_that_fails_fails_the_work():
    def fail_on_seven(n: int) -> int:
        if n == 7:
            raise ValueError("seven")
        return n

    with pytest.raises(RuntimeError, match="ValueError: seven"):
        forked.map_items(fail_on_seven, list(range(12)), parallel_from=10)


def test_few_items_are_answered_here():
    answers = forked.map_items(lambda n: (n + 1, os.getpid()), [1, 2, 3], parallel_from=10)
    assert answers == [(2, os.getpid()), (3, os.getpid()), (4, os.getpid())]


WORDS = ["基层治理", "新质生产力", "党建引领", "城市更新", "数字经济", "乡村振兴", "科技创新",
         "高质量发展", "社区服务", "人才培养", "法治建设", "生态保护"]
CONFIG = SiteConfig(topics={"治理": ["基层治理", "城市更新"], "经济": ["数字经济", "新质生产力"]},
                    topics_per_article=2)


def _documents(count: int) -> tuple[list[SourceDocument], dict[Path, str]]:
    rng = random.Random(5)
    documents, keys = [], {}
    for n in range(count):
        paragraphs = ["，".join(rng.sample(WORDS, 5)) + f"是第{n}篇文章的要点。" for _ in range(4)]
        article = Article(title=f"{rng.choice(WORDS)}的{n}号观察", blocks=[Block("paragraph", p) for p in paragraphs],
                          authors=[rng.choice("甲乙丙丁")], origin=Path(f"{n}.md"), origin_kind="markdown")
        documents.append(SourceDocument(path=article.origin, kind="markdown", articles=[article]))
        keys[article.origin] = f"doc{n}"
    return documents, keys


def _analysed(documents, keys, monkeypatch, warm_from: int):
    monkeypatch.setattr(warm, "WARM_FROM", warm_from)
    memo.begin(None, reuse=False)
    archive = analyze(documents, CONFIG, ArticleKeys(documents, keys))
    return archive, memo.finish()


def test_answers_made_on_two_processes_give_the_archive_made_alone(monkeypatch):
    documents, keys = _documents(240)
    warmed_by = []
    real_warm = warm.warm_memo
    monkeypatch.setattr("site_builder.analyze.warm_memo", lambda *a: warmed_by.append(real_warm(*a)) or warmed_by[-1])
    made_here: list[str] = []  # answers computed in this process (the workers' are not seen)
    for name, module in (("_read", KeywordReader), ("_sentence_digests", reprints)):
        real = getattr(module, name)
        real = getattr(real, "__wrapped__", real)
        monkeypatch.setattr(module, name, lambda *a, real=real, name=name: made_here.append(name) or real(*a))
    parallel, parallel_memo = _analysed(documents, keys, monkeypatch, warm_from=200)
    assert warmed_by == [240] and made_here == []  # every answer was the workers'
    alone, alone_memo = _analysed(documents, keys, monkeypatch, warm_from=10**9)
    assert warmed_by == [240, 0] and made_here.count("_read") == 240
    assert [(e.url, e.topics, [r.url for r in e.related]) for e in parallel.entries] == \
        [(e.url, e.topics, [r.url for r in e.related]) for e in alone.entries]
    # (jieba's IDF table is loaded once a process: only the first analysis here looks it up)
    assert {k: t for k, t in parallel_memo.items() if k != "idf"} == {k: t for k, t in alone_memo.items() if k != "idf"}


def test_an_analysis_with_its_answers_remembered_starts_no_workers(monkeypatch):
    documents, keys = _documents(240)
    monkeypatch.setattr(warm, "WARM_FROM", 200)
    memo.begin(None, reuse=False)
    analyze(documents, CONFIG, ArticleKeys(documents, keys))
    memo.begin(memo.finish())
    articles = [a for d in documents for a in d.articles]
    assert warm.warm_memo(articles, ArticleKeys(documents, keys), KeywordReader(vocabulary_words(CONFIG))) == 0
