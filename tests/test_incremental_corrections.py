"""Hand corrections: `site-builder correct` writes an extraction as Markdown; it wins on every
later build; a raw page changed after its correction was written is warned about."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build_site
from site_builder.cli import main
from site_builder.corrections import write_correction
from site_builder.ingest import read_source

ROOT = Path(__file__).resolve().parents[1]
PAGE = sorted((ROOT / "content" / "raw").glob("*.txt"))[0]


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    (folder / "raw").mkdir(parents=True)
    shutil.copyfile(PAGE, folder / "raw" / PAGE.name)
    shutil.copyfile(ROOT / "content" / "site.toml", folder / "site.toml")
    return folder


def test_a_correction_reads_back_as_the_extracted_article(content):
    raw = content / "raw" / PAGE.name
    written = write_correction(raw, 2)
    assert written == content / "articles" / f"{PAGE.stem}-2.md"
    extracted = read_source(raw).articles[1]
    corrected = read_source(written).articles[0]
    assert (corrected.title, corrected.authors, corrected.source) == (extracted.title, extracted.authors,
                                                                      extracted.source)
    assert [(b.type, b.text) for b in corrected.blocks] == [(b.type, b.text) for b in extracted.blocks]


def test_the_edited_correction_wins_and_a_changed_raw_page_is_warned_about(content, tmp_path):
    raw = content / "raw" / PAGE.name
    written = write_correction(raw, 1)
    head, body = written.read_text(encoding="utf-8").split("---\n", 2)[1:]
    paragraphs = body.split("\n\n")
    written.write_text(f"---\n{head}---\n" + "\n\n".join(["编辑改正过的第一段。", *paragraphs[1:]]), encoding="utf-8")
    out = tmp_path / "public"
    result = build_site(BuildOptions(content, out, with_search=False))
    pages = [p.read_text(encoding="utf-8") for p in (out / "articles").glob("*/index.html")]
    assert sum("编辑改正过的第一段。" in page for page in pages) == 1
    assert len(pages) == len(read_source(raw).articles)  # the correction replaced an article, added none
    assert not [w for w in result.warnings if w.code == "stale-correction"]

    raw.write_text(raw.read_text(encoding="utf-8") + "\n补排的一行。\n", encoding="utf-8")
    stale = [w for w in build_site(BuildOptions(content, out, with_search=False)).warnings
             if w.code == "stale-correction"]
    assert len(stale) == 1 and stale[0].file == written and PAGE.name in stale[0].message


def test_the_command_asks_which_article_and_never_overwrites(content, capsys):
    raw = content / "raw" / PAGE.name
    assert main(["correct", str(raw)]) == 1
    assert "--article N" in capsys.readouterr().err
    assert main(["correct", str(raw), "--article", "1"]) == 0
    assert main(["correct", str(raw), "--article", "1"]) == 1
    assert "exists already" in capsys.readouterr().err


def test_a_corrected_title_keeps_the_permalink_and_replaces_the_extraction(content, tmp_path):
    """Editors mostly correct titles: the correction carries the article's published slug, so
    it still takes the extraction's place, at the same address, under the new title."""
    raw = content / "raw" / PAGE.name
    out = tmp_path / "public"
    build_site(BuildOptions(content, out, with_search=False))
    before = sorted(p.parent.name for p in (out / "articles").glob("*/index.html"))
    written = write_correction(raw, 1)
    text = written.read_text(encoding="utf-8")
    title = read_source(raw).articles[0].title
    assert title and f"title: {title}\n" in text and "\nslug: " in text
    written.write_text(text.replace(f"title: {title}\n", "title: 编辑改正的标题\n"), encoding="utf-8")
    build_site(BuildOptions(content, out, with_search=False))
    pages = {p.parent.name: p.read_text(encoding="utf-8") for p in (out / "articles").glob("*/index.html")}
    assert sorted(pages) == before
    headings = [re.sub(r"<[^>]+>|\s", "", h) for page in pages.values()
                for h in re.findall(r"<h1[^>]*>(.*?)</h1>", page, re.S)]
    assert headings.count("编辑改正的标题") == 1 and title not in headings


def test_a_correction_keeps_the_printed_page_and_note(content):
    raw = content / "raw" / PAGE.name
    raw.with_suffix(".toml").write_text('paper = "人民日报"\ndate = 2024-06-20\npage = 9\npage_name = "理论"\n',
                                        encoding="utf-8")
    extracted = read_source(raw).articles[0]
    extracted_note = "本文为国家社科基金项目（24BZZ001）阶段性成果"
    from site_builder.corrections import as_markdown
    extracted.note = extracted_note
    corrected_path = content / "articles" / "x.md"
    corrected_path.parent.mkdir()
    corrected_path.write_text(as_markdown(extracted, raw.name, "0" * 40), encoding="utf-8")
    corrected = read_source(corrected_path).articles[0]
    assert (corrected.page.paper, corrected.page.page, corrected.page.page_name, corrected.date) == \
        ("人民日报", 9, "理论", extracted.date)
    assert corrected.note == extracted_note
