"""What of the template folders a page is made from: its template and those it names.

A page's fingerprint holds the key of its own template and of every template that one
extends, includes or imports, followed through (`jinja2.meta.find_referenced_templates`),
each by the folder it is found in and its SHA-1, so an edit of `article.html` re-renders the
article pages only. The files under `static/` count for every page (a template may show
what they hold), and a template that names another by a variable, or does not parse, counts
every template file: the page is then rendered again whenever any of them changes.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import jinja2
import jinja2.meta

from site_builder.cache import BuildCache, sha1_of
from site_builder.incremental import folders_key


# globals of the templates' environment that show nothing of the archive (site.toml is in
# every page's render key), and what rendering adds to the context (render.render_page)
ARCHIVE_FREE = frozenset({"config", "url", "absolute_url", "search_fold_keys", "page_url"})


class TemplateKeys:
    """The key of each template name's closure, made once per name."""

    def __init__(self, cache: BuildCache, template_dirs: list[Path], common: str):
        self._cache = cache
        self._dirs = template_dirs
        self._common = sha1_of(common, folders_key(cache, [d / "static" for d in template_dirs]))
        self._every_file = ""  # made when first needed
        self._parser = jinja2.Environment()
        self._keys: dict[str, str] = {}
        self._reads: dict[str, frozenset[str] | None] = {}

    def __call__(self, name: str) -> str:
        return self.of(name)

    def of(self, name: str) -> str:
        if name not in self._keys:
            closure = self._closure(name)
            self._keys[name] = sha1_of(self._common, *closure) if closure is not None else self._everything()
        return self._keys[name]

    def reads(self, name: str) -> frozenset[str] | None:
        """The names the template and those it names read from outside themselves (the
        page's context and the environment's globals), or None when not known."""
        self.of(name)
        return self._reads.get(name)

    def archive_free(self, name: str, context: Iterable[str]) -> bool:
        """Whether the template reads nothing but `context` and `ARCHIVE_FREE`: what a page
        of it shows is then its context's (render/inputs.py)."""
        read = self.reads(name)
        return read is not None and read <= ARCHIVE_FREE.union(context)

    def _closure(self, name: str) -> list[str] | None:
        """`where:name=SHA-1` of the template and those it names, or None when one of them
        names another by a variable or does not parse; what they read (`reads`) noted."""
        found, waiting, parts, reads = set(), [name], [], set()
        while waiting:
            current = waiting.pop()
            if current in found:
                continue
            found.add(current)
            where = self._find(current)
            if where is None:  # rendering it says it is missing
                parts.append(f"-:{current}")
                reads.add(f"-:{current}")  # (what it would read is not known)
                continue
            number, path = where
            try:
                sha1 = self._cache.file_hash(path)
                named, read = self._named_in(path, sha1)
            except OSError:
                return None
            if named is None:
                return None
            parts.append(f"{number}:{current}={sha1}")
            waiting += named
            reads |= read
        self._reads[name] = frozenset(reads)
        return sorted(parts)

    def _named_in(self, path: Path, sha1: str) -> tuple[list[str] | None, frozenset[str]]:
        """The templates a template file names (None when it names one by a variable or does
        not parse) and the names it reads from outside itself; kept in the build cache under
        the file's SHA-1 (parsing the templates took a tenth of a second a build)."""
        kept = self._cache.load("template-names", sha1)
        if isinstance(kept, tuple) and len(kept) == 2:
            return kept
        try:
            parsed = self._parser.parse(path.read_text(encoding="utf-8"))
            found = list(jinja2.meta.find_referenced_templates(parsed))
            read = frozenset(jinja2.meta.find_undeclared_variables(parsed))
        except (jinja2.TemplateSyntaxError, UnicodeDecodeError):
            found, read = [None], frozenset()
        named = None if None in found else [name for name in found if name is not None]
        self._cache.store("template-names", sha1, (named, read))
        return named, read

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
