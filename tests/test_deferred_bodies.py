"""A cached document's lines and article bodies are unpickled when first read
(deferred.Deferred): the same document as read, and an edit's build reads the bodies of the
articles it renders only."""
from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

from site_builder import sources
from site_builder.build import BuildOptions, build_site
from site_builder.ingest import read_source
from site_builder.deferred import Deferred, pickled
from test_incremental_property import SEED_RAW, files_of, start_site


def test_a_document_pickled_apart_is_the_document_read(tmp_path: Path):
    content = start_site(tmp_path)
    for path in [SEED_RAW[0], content / "articles" / "a.md"]:
        document = read_source(path)
        again = pickle.loads(pickled(document))
        blocks, lines = again.articles[0].blocks, again.raw_lines
        assert type(blocks) is Deferred and type(lines) is Deferred
        assert list.__len__(blocks) == list.__len__(lines) == 0  # not unpickled yet
        assert pickle.loads(pickled(again)) == document and list.__len__(blocks) == 0  # pickled as it is
        assert again == document and list.__len__(blocks) > 0 and list.__len__(lines) > 0
        assert pickle.loads(pickled(again)) == document  # and once read
        plain = pickle.loads(pickle.dumps(pickle.loads(pickled(document))))
        assert type(plain.articles[0].blocks) is list and plain == document
        assert dataclasses.asdict(pickle.loads(pickled(document))) == dataclasses.asdict(document)


def _article(number: int) -> str:
    return (f"---\ntitle: 第{number}篇札记\nauthors: [作者{number}]\ndate: 2023-{1 + number % 12:02d}-{1 + number % 28:02d}\n"
            f"---\n" + f"这是第{number}篇札记的正文，讲的是第{number}件事情。" * 3 + "\n")


def test_an_edit_reads_the_bodies_of_the_articles_it_renders_only(tmp_path: Path):
    content = start_site(tmp_path)
    for number in range(90):  # more than a feed shows (feeds.FEED_SIZE)
        (content / "articles" / f"n{number:02d}.md").write_text(_article(number), encoding="utf-8")
    options = BuildOptions(content, tmp_path / "public", with_search=False, long_running=True)
    build_site(options)
    sources._in_memory.clear()  # the next build unpickles every document from the cache
    edited = content / "articles" / "n20.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n补充一句话。\n", encoding="utf-8")
    result = build_site(options)
    markdown = [document for document in sources._in_memory.values() if document.kind == "markdown"]
    unread = sorted(d.path.name for d in markdown if list.__len__(d.articles[0].blocks) == 0)
    assert 0 < result.pages_rendered < result.pages_written
    assert len(unread) > 20 and "n20.md" not in unread
    assert set(unread) <= {d.path.name for d in markdown if list.__len__(d.raw_lines) == 0}
    build_site(BuildOptions(content, tmp_path / "clean", with_search=False, cache=False))
    assert files_of(tmp_path / "public") == files_of(tmp_path / "clean")
