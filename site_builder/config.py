"""Site settings: one TOML file (`site.toml` in the content folder), declared with types.

Every key is declared below with its type and default. An unknown key, a value of the
wrong type or an out-of-range value is a ConfigError naming the file, the line and the key.
"""
from __future__ import annotations

import re
import tomllib
import typing
from dataclasses import dataclass, field, fields
from pathlib import Path

from site_builder.errors import ConfigError

CONFIG_NAME = "site.toml"


@dataclass(frozen=True)
class SiteConfig:
    title: str = "理论文章档案"
    description: str = "报纸理论评论文章的主题档案"
    base_url: str = "http://127.0.0.1:8000/"
    language: str = "zh-CN"
    author: str = "编辑部"
    # how many entries on one paginated index page
    page_size: int = 20
    # how many latest articles on the home page
    home_latest: int = 10
    # bound on automatically assigned topics per article
    topics_per_article: int = 3
    related_count: int = 5
    # how many bars per chart on the home page
    chart_bars: int = 8
    # topic vocabulary: topic name -> keywords that signal it (the name itself counts too)
    topics: dict[str, list[str]] = field(default_factory=dict)
    # where the config came from (not a key)
    path: Path | None = field(default=None, compare=False)

    def absolute_url(self, site_path: str) -> str:
        return self.base_url.rstrip("/") + "/" + site_path.lstrip("/")


_RANGES = {"page_size": (1, 1000), "home_latest": (1, 200), "topics_per_article": (0, 20),
           "related_count": (0, 50), "chart_bars": (1, 50)}


def load_config(content_dir: Path) -> SiteConfig:
    """Read `site.toml` from the content folder; defaults when there is none."""
    path = content_dir / CONFIG_NAME
    if not path.exists():
        return SiteConfig(path=None)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _line_of_decode_error(str(exc))
        raise ConfigError(f"invalid TOML: {exc}", path, line) from exc
    return config_from_dict(data, path, text)


def config_from_dict(data: dict, path: Path, text: str = "") -> SiteConfig:
    declared = {f.name: f for f in fields(SiteConfig) if f.name != "path"}
    hints = typing.get_type_hints(SiteConfig)
    values: dict[str, typing.Any] = {}  # each checked against its declared type below
    for key, value in data.items():
        line = _line_of_key(text, key)
        if key not in declared:
            known = ", ".join(sorted(declared))
            raise ConfigError(f"unknown key '{key}' (known keys: {known})", path, line)
        problem = _type_problem(value, hints[key])
        if problem:
            raise ConfigError(f"key '{key}': {problem}", path, line)
        if key in _RANGES:
            low, high = _RANGES[key]
            if not low <= value <= high:
                raise ConfigError(f"key '{key}': {value} is out of range {low}..{high}", path, line)
        values[key] = value
    base_url = values.get("base_url")
    if isinstance(base_url, str):
        if not re.match(r"^https?://[^/\s]+(/\S*)?$", base_url):
            raise ConfigError(f"key 'base_url': '{base_url}' is not an http(s) URL", path,
                              _line_of_key(text, "base_url"))
        values["base_url"] = base_url if base_url.endswith("/") else base_url + "/"
    return SiteConfig(**values, path=path)


def _type_problem(value: object, hint: object) -> str | None:
    """Why `value` does not fit the declared type, or None when it does."""
    origin = typing.get_origin(hint)
    if hint is bool:
        return None if isinstance(value, bool) else f"expected true or false, got {_describe(value)}"
    if hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"expected an integer, got {_describe(value)}"
    if hint is str:
        return None if isinstance(value, str) else f"expected a string, got {_describe(value)}"
    if origin is list:
        if not isinstance(value, list):
            return f"expected a list, got {_describe(value)}"
        (item,) = typing.get_args(hint)
        for i, element in enumerate(value):
            problem = _type_problem(element, item)
            if problem:
                return f"item {i + 1}: {problem}"
        return None
    if origin is dict:
        if not isinstance(value, dict):
            return f"expected a table, got {_describe(value)}"
        _, item = typing.get_args(hint)
        for name, element in value.items():
            problem = _type_problem(element, item)
            if problem:
                return f"'{name}': {problem}"
        return None
    raise TypeError(f"config type {hint!r} has no validator")  # a bug here, not user input


def _describe(value: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
             list: "a list", dict: "a table"}
    return f"{names.get(type(value), type(value).__name__)} ({value!r})"[:80]


def _line_of_key(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^[ \t]*(\[[ \t]*)?[\"']?{re.escape(key)}[\"']?\s*(=|\])", re.M)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _line_of_decode_error(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None
