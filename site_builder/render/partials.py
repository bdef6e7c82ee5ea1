"""A partial that shows one entry the same wherever it appears, rendered once per entry.

The list pages (every article's, each topic's, author's and source's, each day's, home)
show each entry's card about seven times at 10,000 articles: ~70,000 renderings of
`partials/entry_card.html`, a sixth of the rendering. What the card shows is a function of
the values of the names it reads (the entry, the heading level, the `url` global: found
by parsing it), so within one build's environment a card is rendered once for each set of
those values and its text given again after. The values are kept with the text: the
objects they are found by (their ids) stay alive, so an id never names another value.

Only the default theme's card is so treated: a site's own may call what reads more of the
page than its names say (a function given the context).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta

MEMOISED = ("partials/entry_card.html",)
DEFAULT_THEME = Path(__file__).resolve().parent.parent / "templates"


def memoise_partials(env: jinja2.Environment) -> None:
    """Make each of `MEMOISED` found in the default theme render once per set of values of
    the names it reads (for an environment whose templates and archive do not change)."""
    assert env.loader is not None
    for name in MEMOISED:
        try:
            source, filename, _ = env.loader.get_source(env, name)
        except jinja2.TemplateNotFound:
            continue
        if filename is None or Path(filename).resolve().parent.parent != DEFAULT_THEME:
            continue
        parsed = env.parse(source)
        if list(jinja2.meta.find_referenced_templates(parsed)):
            continue  # (what another template reads is not counted here)
        template = env.get_template(name)
        template.root_render_func = _memoised(template.root_render_func,
                                              tuple(sorted(jinja2.meta.find_undeclared_variables(parsed))))


def _memoised(render: Callable[[Any], Iterator[str]], reads: tuple[str, ...]) -> Callable[[Any], Iterator[str]]:
    made: dict[tuple[int, ...], tuple[tuple[Any, ...], str]] = {}

    def rendered(context: jinja2.runtime.Context) -> Iterator[str]:
        values = tuple(context.resolve_or_missing(name) for name in reads)
        key = tuple(map(id, values))
        found = made.get(key)
        if found is None:
            found = made[key] = (values, "".join(render(context)))
        yield found[1]

    return rendered
