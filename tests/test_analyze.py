"""Analyze: permalinks, reprints, topics, related articles, taxonomy order."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from site_builder.analyze import analyze
from site_builder.analyze.identity import article_slug, normalise_key, pinyin_slug, pinyin_sort_key
from site_builder.config import SiteConfig
from site_builder.model import Article, Block, SourceDocument

CONFIG = SiteConfig(topics={"法治": ["法治", "立法"], "教育": ["教育", "高校"], "党建": ["党组织"]},
                    topics_per_article=2)


def _article(title, body, *, authors=("张三",), origin="a.txt", kind="raw", **extra):
    return Article(title=title, blocks=[Block("paragraph", p) for p in body], authors=list(authors),
                   origin=Path(origin), origin_kind=kind, **extra)


def _docs(*articles):
    return [SourceDocument(path=a.origin, kind=a.origin_kind, articles=[a]) for a in articles]


def test_identity_key_ignores_what_the_cleaner_may_still_fix():
    clean = "加强和改进思想政治工作 筑牢企业发展“生命线”"
    damaged = '加強和改進思想政治工作  筑牢企业发展"生命線"'
    assert normalise_key(clean) == normalise_key(damaged)
    assert article_slug(normalise_key(clean), clean) == article_slug(normalise_key(damaged), damaged)


def test_slugs_are_readable_pinyin():
    assert pinyin_slug("城市治理") == "cheng-shi-zhi-li"
    assert pinyin_slug("“四减”举措 2024") == "si-jian-ju-cuo-2024"
    slug = article_slug(normalise_key("数字经济推动制造业高质量发展"), "数字经济推动制造业高质量发展")
    assert slug.startswith("shu-zi-jing-ji-tui-dong-") and len(slug) < 60


def test_pinyin_order_not_code_point_order():
    names = ["张三", "李奕", "王岩松", "伍爱群", "田蜜", "阿布"]
    assert sorted(names, key=pinyin_sort_key) == ["阿布", "李奕", "田蜜", "王岩松", "伍爱群", "张三"]


def test_reprint_is_one_entry_with_both_printings():
    body = ["城市是我国经济、政治、文化、社会等方面活动的中心，在党和国家工作全局中具有举足轻重的地位。"]
    first = _article("抓好城市治理", body, origin="p1.txt", source_paper="人民日报")
    second = _article("抓好城市治理", body, origin="p2.txt", affiliation="某大学", source_paper="人民日报")
    other = _article("另一篇", ["完全不同的正文内容，讲的是另外一件事情，与上面无关。"], origin="p3.txt")
    archive = analyze(_docs(first, second, other), CONFIG)
    assert len(archive.entries) == 2
    merged = next(e for e in archive.entries if e.title == "抓好城市治理")
    assert [p.origin.name for p in merged.printings] == ["p1.txt", "p2.txt"]
    assert merged.article.affiliation == "某大学"  # the more complete printing is shown


SENTENCES = ["深入推进高等教育综合改革，畅通教育、科技、人才的良性循环。", "高校是基础研究的生力军、重大科技突破的策源地。",
             "推动新质生产力加快发展，高校要强化有组织科研。", "加快构建新发展格局，是把握未来发展主动权的战略部署。"]


def test_reprint_with_differently_damaged_title_is_merged_by_shared_sentences():
    a = _article("为加快发展贡献高校力量", ["".join(SENTENCES)], origin="p1.txt")
    b = _article("【观点】为加快发展贡献高校力", [SENTENCES[0], "".join(SENTENCES[1:])], origin="p2.txt")
    assert len(analyze(_docs(a, b), CONFIG).entries) == 1


def test_articles_opening_with_the_same_quotation_stay_apart():
    quote = "习近平总书记强调：“推进国家治理体系和治理能力现代化，必须抓好城市治理。”"
    a = _article("甲题", [quote + SENTENCES[0] + SENTENCES[1]], origin="p1.txt")
    b = _article("乙题", [quote + SENTENCES[2] + SENTENCES[3]], origin="p2.txt")
    assert len(analyze(_docs(a, b), CONFIG).entries) == 2


def test_topics_from_keywords_bounded_and_manual_topics_win():
    text = ["推进科学立法、严格执法、公正司法，法治是治国理政的基本方式。法治建设要抓住立法质量。",
            "高校要加强法治教育。"]
    auto = _article("全面推进法治建设", text)
    manual = _article("手工标注", ["一些正文。"], kind="markdown", origin="m.md", topics=["教育"])
    archive = analyze(_docs(auto, manual), CONFIG)
    by_title = {e.title: e for e in archive.entries}
    assert by_title["全面推进法治建设"].topics[0] == "法治"
    assert len(by_title["全面推进法治建设"].topics) <= CONFIG.topics_per_article
    assert by_title["手工标注"].topics == ["教育"]


def test_archive_order_prev_next_and_related():
    old = _article("旧文", ["高校教育改革，高校人才培养。"], date=dt.date(2023, 1, 1), origin="o.md", kind="markdown")
    new = _article("新文", ["高校教育评价，高校人才。"], date=dt.date(2024, 5, 1), origin="n.md", kind="markdown")
    undated = _article("无日期", ["党组织建设。"], origin="u.txt")
    archive = analyze(_docs(old, new, undated), CONFIG)
    assert [e.title for e in archive.entries] == ["新文", "旧文", "无日期"]
    first, second, third = archive.entries
    assert first.prev is None and first.next is second and second.prev is first and third.next is None
    assert first.related and first.related[0] is second


def test_taxonomies_share_one_mechanism():
    a = _article("甲文", ["高校教育。"], authors=["王五", "李四"], source_paper="人民日报")
    b = _article("乙文", ["高校教育改革。"], authors=["李四"], origin="b.txt")
    archive = analyze(_docs(a, b), CONFIG)
    authors = archive.taxonomies["authors"]
    assert [t.name for t in authors.terms] == ["李四", "王五"]
    assert authors.terms[0].url == "/authors/li-si/" and len(authors.terms[0].entries) == 2
    assert archive.taxonomies["sources"].terms[0].url == "/sources/ren-min-ri-bao/"
    assert {t.name for t in archive.taxonomies["topics"].terms} == {"教育"}


def test_homophone_authors_get_distinct_urls():
    a = _article("甲文", ["一。"], authors=["李毅"])
    b = _article("乙文", ["二。"], authors=["李逸"], origin="b.txt")
    urls = [t.url for t in analyze(_docs(a, b), CONFIG).taxonomies["authors"].terms]
    assert len(set(urls)) == 2 and all(u.startswith("/authors/li-yi-") for u in urls)


def test_vocabulary_cuts_whole_in_keywords_and_never_reaches_the_module_cutter():
    """Ingest reads pages with rjieba's module-level cutter: what one build's vocabulary
    teaches analyze must not change how a later build (the preview's rebuild) reads a page."""
    import rjieba

    from site_builder.analyze.keywords import KeywordReader

    text = "发展新质生产力是推动高质量发展的内在要求和重要着力点。"
    assert "新质生产力" not in KeywordReader([]).keywords(text)
    assert "新质生产力" in KeywordReader(["新质生产力"]).keywords(text)
    analyze(_docs(_article("培育新质生产力", [text])), SiteConfig(topics={"新质生产力": ["新质生产力"]}))
    assert rjieba.cut(text)[1:3] == ["新质", "生产力"]


def test_stop_words_are_jiebas_own():
    import importlib

    from site_builder.analyze.keywords import STOP_WORDS

    tfidf = importlib.import_module("jieba.analyse.tfidf")
    assert STOP_WORDS == tfidf.KeywordExtractor.STOP_WORDS


def test_the_memo_gives_the_analysis_a_build_without_it_gives_and_keeps_only_what_was_used(monkeypatch):
    """A second analysis from the memo's answers (nothing computed again) equals one made
    from nothing, and an edited text is read again, its old answers dropped."""
    from site_builder.analyze import keywords, memo

    config = SiteConfig(topics={"城市治理": ["治理"], "教育": ["学校"]})
    docs = _docs(_article("城市治理的新路径", ["推进城市治理体系和治理能力现代化。" * 3]),
                 _article("办好人民满意的教育", ["学校是立德树人的主阵地，教育要面向未来。" * 3]))

    def summary(archive):
        return [(e.url, e.topics, [r.url for r in e.related]) for e in archive.entries]

    memo.begin(None, reuse=False)
    fresh = summary(analyze(docs, config))
    stored = memo.finish()
    memo.begin(None, reuse=False)
    memo.begin(stored)
    computed = []
    real = keywords.KeywordReader._read
    monkeypatch.setattr(keywords.KeywordReader, "_read",
                        lambda self, text, limit: computed.append(text) or real(self, text, limit))
    assert summary(analyze(docs, config)) == fresh and computed == []
    docs[0].articles[0].blocks[0].text += "新的一句话。"
    memo.begin(None)  # the next build, in the same process
    analyze(docs, config)
    assert len(computed) == 1 and "新的一句话" in computed[0]
    assert len(memo.finish()["keywords"]) == 2


def test_an_article_is_known_by_its_key_only_as_the_very_object_named():
    from site_builder.analyze.article_keys import ArticleKeys

    named = _article("城市治理", ["正文。"], origin="a.md", kind="markdown")
    documents = [SourceDocument(Path("a.md"), "markdown", [named]), SourceDocument(Path("b.md"), "markdown", [])]
    keys = ArticleKeys(documents, {Path("a.md"): "k"})
    assert keys.of(named) == "k#0"
    # an equal article is another article: its text may be edited apart from this one's
    assert keys.of(_article("城市治理", ["正文。"], origin="a.md", kind="markdown")) is None


def test_the_analysis_is_the_same_with_the_articles_keys_and_without():
    from site_builder.analyze import memo
    from site_builder.analyze.article_keys import ArticleKeys

    documents = [SourceDocument(Path(f"{n}.md"), "markdown", [_article(
        title, body, origin=f"{n}.md", kind="markdown", date=dt.date(2024, 6, n + 1))])
        for n, (title, body) in enumerate([("依法治国", ["立法工作要加强。法治是治国理政的基本方式。"]),
                                           ("高校党建", ["党组织要加强高校教育工作。"]),
                                           ("法治教育", ["高校要开展法治教育，立法知识进课堂。"])])]
    keys = ArticleKeys(documents, {d.path: f"key-{d.path}" for d in documents})
    memo.begin(None, reuse=False)
    by_text = analyze(documents, CONFIG)
    memo.begin(None, reuse=False)
    by_key = analyze(documents, CONFIG, keys)
    memo.finish()
    assert [(e.url, e.topics, [r.url for r in e.related]) for e in by_key.entries] == \
        [(e.url, e.topics, [r.url for r in e.related]) for e in by_text.entries]
    assert all(keys.of(p) == f"key-{p.origin}#0" for e in by_key.entries for p in e.printings)
