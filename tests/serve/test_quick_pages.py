"""serve/quick.py alone: the pages it renders for a save are the build's pages, and what it
cannot show faithfully it leaves to the build."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import watchfiles

from site_builder.build import BuildOptions, build_site, template_dirs
from site_builder.serve.quick import QuickPages

from .realsite import make_content, write_article

REPO_CONTENT = Path(__file__).resolve().parents[2] / "content"
MODIFIED = watchfiles.Change.modified


def built(content: Path, output: Path) -> QuickPages:
    """A QuickPages holding the archive of a build of `content` into `output`."""
    quick = QuickPages(content, template_dirs(content))
    build_site(BuildOptions(content, output, with_search=False, on_archive=quick.hand_over))
    quick.build_done(0, succeeded=True)
    return quick


def test_the_pages_of_a_raw_page_edit_are_the_builds_pages(tmp_path):
    content, output = tmp_path / "content", tmp_path / "public"
    shutil.copytree(REPO_CONTENT, content)
    quick = built(content, output)
    raw = sorted((content / "raw").glob("*.txt"))[3].resolve()
    lines = raw.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines) if len(line) > 30 and "的" in line and n > 10)
    lines[number] = lines[number].replace("的", "之", 1)  # one character of an article's body
    raw.write_text("\n".join(lines), encoding="utf-8")
    pages = quick.pages_for({(MODIFIED, str(raw))}, ["/"], 1)
    assert pages is not None and "index.html" in pages and len(pages) > 1  # its articles and the open page
    build_site(BuildOptions(content, output, with_search=False))
    assert {path: (output / path).read_bytes() for path in pages} == pages


@pytest.mark.parametrize("change", ["title", "deleted", "added", "site.toml", "static"])
def test_what_moves_pages_is_left_to_the_build(tmp_path, change):
    content = make_content(tmp_path)
    quick = built(content, tmp_path / "public")
    article = (content / "articles" / "a.md").resolve()
    changed = {"title": article, "deleted": article, "added": article.with_name("c.md"),
               "site.toml": content.resolve() / "site.toml",
               "static": content.resolve() / "templates" / "static" / "extra.css"}[change]
    if change == "title":
        write_article(content, "a", "城市治理的另一条路径", "第一版的正文。" * 20, 1)
    elif change == "deleted":
        article.unlink()
    elif change == "added":
        write_article(content, "c", "新来的文章", "新来的正文。" * 20, 3)
    elif change == "site.toml":
        changed.write_text('title = "另一个档案"\n', encoding="utf-8")
    else:
        changed.parent.mkdir(parents=True)
        changed.write_text("body { color: red }", encoding="utf-8")
    kind = watchfiles.Change.deleted if change == "deleted" else MODIFIED
    assert quick.pages_for({(kind, str(changed))}, ["/"], 1) is None
