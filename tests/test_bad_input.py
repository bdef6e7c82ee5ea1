"""Bad input: a clear message naming the file (and line), exit 1, and the last good site kept."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import write_markdown
from site_builder.cli import main


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def published(small_content, tmp_path):
    """A good build in `public/`, and its fingerprint."""
    out = tmp_path / "public"
    assert main(["build", "--content", str(small_content), "--output", str(out)]) == 0
    return small_content, out, _digest(out)


def _build_fails(content: Path, out: Path, before: dict, capsys, *expected: str) -> str:
    capsys.readouterr()
    code = main(["build", "--content", str(content), "--output", str(out)])
    err = capsys.readouterr().err
    assert code == 1, err
    for text in expected:
        assert text in err, err
    assert _digest(out) == before, "the published site changed after a failed build"
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".public")) == []
    return err


def test_empty_raw_page(published, capsys):
    content, out, before = published
    bad = content / "raw" / "zz_empty.txt"
    bad.write_text("  \n\n", encoding="utf-8")
    _build_fails(content, out, before, capsys, f"{bad}: file is empty")


def test_unreadable_raw_page(published, capsys):
    content, out, before = published
    bad = content / "raw" / "zz_gone.txt"
    bad.symlink_to(content / "raw" / "does-not-exist.txt")
    _build_fails(content, out, before, capsys, f"{bad}: cannot read file")


def test_binary_raw_page(published, capsys):
    content, out, before = published
    bad = content / "raw" / "zz_binary.txt"
    bad.write_bytes(bytes(range(256)) * 40)
    _build_fails(content, out, before, capsys, str(bad), "binary")


def test_broken_front_matter_names_file_and_line(published, capsys):
    content, out, before = published
    bad = write_markdown(content / "articles", "broken.md", "title: 一篇文章\nauthors: [张三\ndate: 2024-01-02")
    err = _build_fails(content, out, before, capsys, str(bad))
    assert f"{bad}:3: broken front matter" in err or f"{bad}:4: broken front matter" in err


def test_unknown_front_matter_key(published, capsys):
    content, out, before = published
    bad = write_markdown(content / "articles", "typo.md", "title: 一篇文章\nauthor: 张三")
    _build_fails(content, out, before, capsys, f"{bad}:3: unknown front matter key 'author'")


def test_template_syntax_error_names_template_and_line(published, capsys):
    content, out, before = published
    template = content / "templates" / "article.html"
    template.parent.mkdir()
    template.write_text('{% extends "base.html" %}\n{% block content %}\n{% if %}\n{% endblock %}\n',
                        encoding="utf-8")
    _build_fails(content, out, before, capsys, f"{template}:3: template syntax error")


def test_template_runtime_error_names_template_and_line(published, capsys):
    content, out, before = published
    template = content / "templates" / "taxonomy.html"
    template.parent.mkdir()
    template.write_text('{% extends "base.html" %}\n{% block content %}\n\n{{ taxonomy.no_such_field }}\n'
                        '{% endblock %}\n', encoding="utf-8")
    _build_fails(content, out, before, capsys, f"{template}:4: error while rendering", "no_such_field")


def test_keep_going_publishes_the_rest_and_still_fails(published, capsys):
    content, out, before = published
    bad = content / "raw" / "zz_empty.txt"
    bad.write_text("", encoding="utf-8")
    code = main(["build", "--content", str(content), "--output", str(out), "--keep-going"])
    err = capsys.readouterr().err
    assert code == 1 and f"{bad}: file is empty" in err
    assert (out / "index.html").is_file()


def test_output_may_not_be_the_content(small_content, capsys):
    assert main(["build", "--content", str(small_content), "--output", str(small_content)]) == 1
    assert "refusing" in capsys.readouterr().err
    assert (small_content / "site.toml").is_file()


def test_raw_pages_are_never_modified(published):
    content, out, _ = published
    raw_before = _digest(content / "raw")
    assert main(["build", "--content", str(content), "--output", str(out)]) == 0
    assert _digest(content / "raw") == raw_before
