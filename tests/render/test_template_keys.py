"""A page's template key changes with the templates it is made from, and only with those."""
from __future__ import annotations

import jinja2

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


def test_a_template_is_parsed_once_while_its_bytes_stay_the_same(tmp_path, monkeypatch):
    default = tmp_path / "default"
    _write(default / "base.html", "<main>{% block body %}{% endblock %}</main>")
    _write(default / "article.html", '{% extends "base.html" %}{% block body %}{% include which %}{% endblock %}')
    _write(default / "list.html", '{% extends "base.html" %}')
    parsed = []
    real_parse = jinja2.Environment.parse
    monkeypatch.setattr(jinja2.Environment, "parse", lambda env, source, *rest: parsed.append(source) or
                        real_parse(env, source, *rest))
    root = tmp_path / "cache"
    cold = {name: TemplateKeys(BuildCache(root), [default], "code").of(name) for name in ("article.html", "list.html")}
    assert len(parsed) == 3  # each file once (article.html names one by a variable: not followed)
    parsed.clear()
    warm = {name: TemplateKeys(BuildCache(root), [default], "code").of(name) for name in cold}
    assert warm == cold and parsed == []
    _write(default / "base.html", "<main>{% block body %}{% endblock %}{% include 'foot.html' %}</main>")
    changed = TemplateKeys(BuildCache(root), [default], "code").of("list.html")
    assert changed != cold["list.html"] and len(parsed) == 1
