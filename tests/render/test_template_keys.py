"""A page's template key changes with the templates it is made from, and only with those."""
from __future__ import annotations

from site_builder.cache import BuildCache
from site_builder.render.template_keys import TemplateKeys


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _keys(own, default):
    return TemplateKeys(BuildCache(None), [own, default], "code+config")


def test_a_template_key_follows_what_it_extends_includes_and_overrides(tmp_path):
    own, default = tmp_path / "own", tmp_path / "default"
    own.mkdir()
    _write(default / "base.html", "<main>{% block body %}{% endblock %}</main>")
    _write(default / "partials" / "card.html", "card")
    _write(default / "article.html", '{% extends "base.html" %}{% block body %}{% include "partials/card.html" %}{% endblock %}')
    _write(default / "list.html", "list")
    _write(default / "dynamic.html", "{% include which %}")
    _write(default / "static" / "style.css", "a {}")
    before = {name: _keys(own, default).of(name) for name in ("article.html", "list.html", "dynamic.html")}

    _write(default / "partials" / "card.html", "card, changed")
    after = {name: _keys(own, default).of(name) for name in before}
    assert after["article.html"] != before["article.html"]
    assert after["list.html"] == before["list.html"]
    assert after["dynamic.html"] != before["dynamic.html"]  # names a template by a variable: every file counts

    _write(own / "partials" / "card.html", "card, changed")  # the same bytes, found in the site's own folder
    overridden = _keys(own, default).of("article.html")
    assert overridden != after["article.html"]
    assert _keys(own, default).of("list.html") == before["list.html"]

    _write(default / "static" / "style.css", "a { color: red }")
    assert _keys(own, default).of("list.html") != before["list.html"]
