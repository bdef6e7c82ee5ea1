"""Control characters in input files are removed when read, each line that held one warned,
and a site built from such files has a well-formed feed."""
from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import CONTENT, write_markdown
from site_builder.build import BuildOptions, build_site
from site_builder.ingest import read_source
from site_builder.ingest.decode import CONTROL, read_page
from site_builder.ingest.layer_repairs import MAX_LINE_WARNINGS

PAGE = ("推动高质量发展\x07\n\n■ 王明\n\n"
        "高质量发展是全面建设社会主义现代化国家的首要任务。\x1b[0m要完整、准确、全面贯彻新发展理念。\n\n"
        "坚持以人民为中心的发展思想\x00，\x7f推动经济实现质的有效提升和量的合理增长\x85。\x0b\x0c\n"
        + "\n高质量发展是全面建设社会主义现代化国家的首要任务，要坚持稳中求进工作总基调。\n" * 12)
MD_FRONT = "title: 控制字符\x08的标题\nauthors: [李华]\ndate: 2024-06-20"
MD_BODY = "正文第一段\x01。\n\n正文第二段\x1f。\n"


def test_control_characters_are_removed_and_each_line_warned(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    decoded = read_page(path)
    assert not CONTROL.search(decoded.text)
    assert "推动经济实现质的有效提升和量的合理增长。" in decoded.text  # nothing else removed
    assert [(w.line, w.code) for w in decoded.warnings] == [(1, "control-character"), (5, "control-character"),
                                                           (7, "control-character")]
    assert "U+001B" in decoded.warnings[1].message and "U+0085" in decoded.warnings[2].message
    assert all(w.file == path for w in decoded.warnings)


def test_many_lines_with_control_characters_give_one_summary(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("标题\n\n" + "".join(f"第{n}段文字\x07。\n" for n in range(30)), encoding="utf-8")
    warnings = read_page(path).warnings
    assert len(warnings) == MAX_LINE_WARNINGS + 1
    assert warnings[-1].message.startswith("… and on 10 more lines") and warnings[-1].line == 3 + MAX_LINE_WARNINGS


def test_a_markdown_article_loses_its_control_characters(tmp_path):
    path = write_markdown(tmp_path / "articles", "a.md", MD_FRONT, MD_BODY)
    doc = read_source(path)
    article = doc.articles[0]
    assert article.title == "控制字符的标题"
    assert [b.text for b in article.blocks] == ["正文第一段。", "正文第二段。"]
    assert [(w.line, w.code) for w in doc.warnings] == [(2, "control-character"), (6, "control-character"),
                                                       (8, "control-character")]


def test_a_site_built_from_them_has_a_well_formed_feed(tmp_path):
    content = tmp_path / "content"
    (content / "raw").mkdir(parents=True)
    shutil.copy(CONTENT / "site.toml", content / "site.toml")
    (content / "raw" / "page.txt").write_text(PAGE, encoding="utf-8")
    write_markdown(content / "articles", "a.md", MD_FRONT, MD_BODY)
    result = build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    feed = ET.fromstring((result.output_dir / "feed.xml").read_bytes())  # raises on ill-formed XML
    titles = [el.text for el in feed.iter() if el.tag.endswith("title")]
    assert "控制字符的标题" in titles and "推动高质量发展" in titles
    for page in result.output_dir.rglob("*.html"):
        assert not CONTROL.search(page.read_text(encoding="utf-8")), page
    warned = {(Path(w.file).name, w.line) for w in result.warnings if w.code == "control-character"}
    assert {("page.txt", 1), ("page.txt", 5), ("page.txt", 7), ("a.md", 2)} <= warned


def test_unmapped_glyphs_are_removed_and_a_lost_character_warned(tmp_path):
    """pdfminer's (cid:N) and private use characters stand for glyphs the text step could
    not map: removed, each line warned; U+FFFD is kept (it shows where) and warned too."""
    path = tmp_path / "page.txt"
    path.write_text("推动高质量发展\n\n■ 王明\n\n高质量发展是首要任务(cid:3)。要贯彻\ue012新发展理念。\n\n"
                    "坚持以人民为中心的发展思想，推动经济实现质的有效提升和量的合理增\ufffd。\n", encoding="utf-8")
    doc = read_source(path)
    texts = [b.text for b in doc.articles[0].blocks]
    assert texts[0] == "高质量发展是首要任务。要贯彻新发展理念。" and texts[1].endswith("合理增\ufffd。")
    warned = [(w.line, w.code) for w in doc.warnings if w.code == "lost-glyph"]
    assert warned == [(5, "lost-glyph"), (7, "lost-glyph")]
    assert "(cid:3), U+E012" in doc.warnings[0].message
