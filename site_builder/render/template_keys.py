"""What of the template folders a page is made from: its template and those it names.

A page's fingerprint holds the key of its own template and of every template that one
extends, includes or imports, followed through (`jinja2.meta.find_referenced_templates`),
each by the folder it is found in and its SHA-1, so an edit of `article.html` re-renders the
article pages only. The files under `static/` count for every page (a template may show
what they hold), and a template that names another by a variable, or does not parse, counts
every template file: the page is then rendered again whenever any of them changes.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
import jinja2.meta

from site_builder.cache import BuildCache, sha1_of
from site_builder.incremental import folders_key


class TemplateKeys:
    """The key of each template name's closure, made once per name."""

    def __init__(self, cache: BuildCache, template_dirs: list[Path], common: str):
        self._cache = cache
        self._dirs = template_dirs
        self._common = sha1_of(common, folders_key(cache, [d / "static" for d in template_dirs]))
        self._every_file = ""  # made when first needed
        self._parser = jinja2.Environment()
        self._keys: dict[str, str] = {}

    def of(self, name: str) -> str:
        if name not in self._keys:
            closure = self._closure(name)
            self._keys[name] = sha1_of(self._common, *closure) if closure is not None else self._everything()
        return self._keys[name]

    def _closure(self, name: str) -> list[str] | None:
        """`where:name=SHA-1` of the template and those it names, or None when one of them
        names another by a variable or does not parse."""
        found, waiting, parts = set(), [name], []
        while waiting:
            current = waiting.pop()
            if current in found:
                continue
            found.add(current)
            where = self._find(current)
            if where is None:  # rendering it says it is missing
                parts.append(f"-:{current}")
                continue
            number, path = where
            try:
                parts.append(f"{number}:{current}={self._cache.file_hash(path)}")
                named = list(jinja2.meta.find_referenced_templates(
                    self._parser.parse(path.read_text(encoding="utf-8"))))
            except (jinja2.TemplateSyntaxError, OSError, UnicodeDecodeError):
                return None
            if any(other is None for other in named):
                return None
            waiting += [other for other in named if other is not None]
        return sorted(parts)

    def _find(self, name: str) -> tuple[int, Path] | None:
        for number, folder in enumerate(self._dirs):
            path = folder / name
            if path.is_file():
                return number, path
        return None

    def _everything(self) -> str:
        if not self._every_file:
            self._every_file = sha1_of(self._common, folders_key(self._cache, self._dirs))
        return self._every_file
