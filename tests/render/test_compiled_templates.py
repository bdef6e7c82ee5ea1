"""The templates' compiled code is kept in the build cache, and a template edited since is
compiled again: the site is the one a clean build writes."""
from __future__ import annotations

from pathlib import Path

from site_builder.build import DEFAULT_TEMPLATES, BuildOptions, build_site
from test_incremental_property import files_of, start_site


def test_compiled_templates_are_kept_and_an_edited_one_is_compiled_again(tmp_path: Path):
    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published, with_search=False))
    (compiled,) = (content / ".site-builder-cache").glob("*/templates")
    kept = {p.name for p in compiled.iterdir()}
    assert len(kept) >= 5  # article, list, home, base, partials …
    override = content / "templates" / "article.html"
    override.parent.mkdir()
    default = (DEFAULT_TEMPLATES / "article.html").read_text(encoding="utf-8")
    override.write_text(default.replace("{% block content %}", "{% block content %}<!-- 改过的模板 -->", 1),
                        encoding="utf-8")

    build_site(BuildOptions(content, published, with_search=False))

    pages = list(published.glob("articles/*/index.html"))
    assert pages and all("<!-- 改过的模板 -->" in p.read_text(encoding="utf-8") for p in pages)
    clean = tmp_path / "clean"
    build_site(BuildOptions(content, clean, with_search=False, cache=False))
    assert files_of(published) == files_of(clean)
