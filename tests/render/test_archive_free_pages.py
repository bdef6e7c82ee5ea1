"""A page whose templates read nothing of the archive but its own context (the sitemap,
robots.txt) counts its context alone: an article edited leaves it as it was, while a
site's own template that reads the archive makes it count every entry again."""
from __future__ import annotations

import os
from pathlib import Path

from site_builder.build import BuildOptions, build_site
from site_builder.cache import BuildCache
from site_builder.render.template_keys import ARCHIVE_FREE, TemplateKeys
from test_incremental_property import apply, files_of, start_site

DEFAULT_TEMPLATES = Path(__file__).resolve().parents[2] / "site_builder" / "templates"


def test_the_default_sitemap_and_robots_read_nothing_of_the_archive(tmp_path: Path):
    keys = TemplateKeys(BuildCache(tmp_path / "cache"), [DEFAULT_TEMPLATES], "common")
    assert keys.reads("sitemap.xml") == {"urls", "absolute_url"}
    assert keys.reads("robots.txt") is not None and keys.reads("robots.txt") <= ARCHIVE_FREE
    assert not keys.reads("home.html") <= ARCHIVE_FREE  # (home reads the archive: it counts every entry)
    assert not keys.reads("missing.html") <= ARCHIVE_FREE


def _edited(tmp_path: Path, content: Path) -> tuple[Path, int]:
    """The site built, an article's text edited and built again: the sitemap's inode before."""
    published = tmp_path / "public"
    build_site(BuildOptions(content, published, with_search=False))
    sitemap = os.stat(published / "sitemap.xml").st_ino
    apply(content, ("append md", "a", "干部要多到一线去。"))
    build_site(BuildOptions(content, published, with_search=False))
    clean = tmp_path / "clean"
    build_site(BuildOptions(content, clean, with_search=False, cache=False))
    assert files_of(published) == files_of(clean)
    return published, sitemap


def test_an_article_edited_leaves_the_sitemap_unrendered(tmp_path: Path):
    published, sitemap = _edited(tmp_path, start_site(tmp_path))
    assert os.stat(published / "sitemap.xml").st_ino == sitemap  # taken from the published site


def test_a_sitemap_template_that_reads_the_archive_counts_every_entry(tmp_path: Path):
    content = start_site(tmp_path)
    own = content / "templates" / "sitemap.xml"
    own.parent.mkdir()
    own.write_text("{% for e in archive.entries %}{{ e.article.blocks|length }} {% endfor %}\n", encoding="utf-8")
    published, sitemap = _edited(tmp_path, content)
    assert os.stat(published / "sitemap.xml").st_ino != sitemap
