"""Large records kept in the build cache as a base and the changes made since it was written.

A build ends by keeping two records of its output folder: the published site's
(incremental.SiteRecord: a stamp of each of its files, 72,000 at 10,000 articles, each
page's fingerprint, each folder's mtime) and the spare site's (spare.SpareSite: the same of
the site published before, which is the last build's record). An edit changes a few
hundred of those entries; pickling them all again took ~0.1 s a build. So such a record is
kept as a `Patched`: its dict fields as the changes of a base's (written once, under
BASE_KIND), its other fields whole. The base is written again when the changes hold more
than REBASE_SHARE of its entries. The records of one output folder share their bases,
which a build loads once; a base neither record names is removed.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from collections.abc import Iterable
from typing import Any

from site_builder.cache import BuildCache

BASE_KIND = "record-base"
REBASE_SHARE = 0.1
GROUP_KINDS = ("site", "spare-record")  # the records of one output folder, by the same key

Changes = tuple[dict, frozenset]  # a dict's entries changed or added, and the keys it lost


@dataclass(frozen=True)
class Patched:
    base: str  # the key of its base (BASE_KIND): a dict of dicts, by field name
    whole: dict[str, Any]  # its other fields
    changes: dict[str, Changes]  # its dict fields, as changes of the base's
    entries: int  # how many entries the changes hold


def load_patched(cache: BuildCache, kind: str, key: str, cls: type) -> Any:
    """The record of class `cls` kept under (kind, key) by `store_patched`, or None."""
    stored = cache.load(kind, key)
    if not isinstance(stored, Patched):
        return None
    base = _base(cache, stored.base)
    if base is None:
        return None
    _heads(cache)[(kind, key)] = stored.base
    fields = dict(stored.whole)
    for name, change in stored.changes.items():
        fields[name] = applied(base.get(name, {}), change)
        _made(cache)[id(fields[name])] = (fields[name], stored.base, change)
    try:
        return cls(**fields)
    except TypeError:  # a record of another shape
        return None


def store_patched(cache: BuildCache, kind: str, key: str, record: Any, dicts: tuple[str, ...],
                  like: str | None = None) -> None:
    """Keep `record` (a dataclass, or None) under (kind, key), its fields `dicts` as changes
    of a base: the one they were loaded or stored with (`load_patched`; a dict loaded is
    never changed in place), else the base of the record of kind `like` this build loaded
    under `key` (the one it is most like), else of the record it loaded under (kind, key);
    a new one when the changes would hold more than REBASE_SHARE of its entries."""
    if record is None:
        cache.store(kind, key, None)
        return
    values = {field.name: getattr(record, field.name) for field in dataclasses.fields(record)}
    known = {name: made for name in dicts if (made := _made(cache).get(id(values[name]))) and made[0] is values[name]}
    heads = _heads(cache)
    name = next(iter({made[1] for made in known.values()}), None) if known \
        else heads.get((like or kind, key), heads.get((kind, key)))
    base = _base(cache, name) if name is not None else None
    changes: dict[str, Changes] = {}
    if base is not None:
        for field in dicts:
            made = known.get(field)
            changes[field] = made[2] if made is not None and made[1] == name else changes_of(values[field], base.get(field, {}))
    entries = sum(len(changed) + len(lost) for changed, lost in changes.values())
    if name is None or base is None or entries > REBASE_SHARE * sum(map(len, base.values())):
        name, entries = _new_base(cache, key, {field: values[field] for field in dicts}), 0
        changes = {field: ({}, frozenset()) for field in dicts}
    for field in dicts:
        _made(cache)[id(values[field])] = (values[field], name, changes[field])
    _keep(cache, kind, key, Patched(name, {k: v for k, v in values.items() if k not in dicts}, changes, entries))


def _keep(cache: BuildCache, kind: str, key: str, patched: Patched) -> None:
    """Store it, then remove the bases of its group that no record of the group names and
    this build has not used (a record it has yet to store may name one)."""
    cache.store(kind, key, patched)
    if cache.folder is None or kind not in GROUP_KINDS:
        return
    named = {patched.base} | _loaded(cache).keys()
    for other in GROUP_KINDS:  # (each base a record loaded this build names is in `_loaded`)
        if other != kind and (other, key) not in _heads(cache) and isinstance(head := cache.load(other, key), Patched):
            named.add(head.base)
    for base in _bases_of(cache, key):
        if base not in named:
            os.unlink(f"{cache.folder}/{BASE_KIND}/{key[:2]}/{base}")


def _bases_of(cache: BuildCache, key: str) -> list[str]:
    try:
        return [name for name in os.listdir(f"{cache.folder}/{BASE_KIND}/{key[:2]}") if name.startswith(key + "-")]
    except OSError:
        return []


def _new_base(cache: BuildCache, key: str, dicts: dict[str, dict]) -> str:
    number = max((int(name.rpartition("-")[2]) for name in _bases_of(cache, key)), default=0) + 1
    name = f"{key}-{number}"
    cache.store(BASE_KIND, name, dicts)
    _loaded(cache)[name] = dicts
    return name


def _base(cache: BuildCache, name: str) -> dict[str, dict] | None:
    loaded = _loaded(cache)
    if name not in loaded:
        base = cache.load(BASE_KIND, name)
        if not isinstance(base, dict):
            return None
        loaded[name] = base
    return loaded[name]


def _loaded(cache: BuildCache) -> dict[str, dict[str, dict]]:
    """The bases this build has loaded or written, by name."""
    return cache.memo.setdefault("record bases", {})


def _heads(cache: BuildCache) -> dict[tuple[str, str], str]:
    """The base of each record this build has loaded, by its kind and key."""
    return cache.memo.setdefault("record heads", {})


def _made(cache: BuildCache) -> dict[int, tuple[dict, str, Changes]]:
    """The dicts this build made from a base, by id: each with its base and changes (a
    record stored with a dict loaded with it is stored with those changes, not compared)."""
    return cache.memo.setdefault("record dicts", {})


_NONE = object()


def changes_of(found: dict, base: dict) -> Changes:
    """The entries of `found` that `base` lacks or holds otherwise, and the keys it lost."""
    return ({key: value for key, value in found.items() if base.get(key, _NONE) != value},
            frozenset(base.keys() - found.keys()))


def moved_on(changes: Changes, base: dict, added: dict, dropped: Iterable) -> Changes:
    """`changes_of(found, base)` for `found` = `applied(base, changes)` without the keys
    `dropped` and with the entries `added` (none of them dropped): without comparing the
    entries nothing touched."""
    changed, lost = dict(changes[0]), set(changes[1])
    for key in dropped:
        changed.pop(key, None)
        if key in base:
            lost.add(key)
    for key, value in added.items():
        lost.discard(key)
        if base.get(key, _NONE) != value:
            changed[key] = value
        else:
            changed.pop(key, None)
    return changed, frozenset(lost)


def applied(base: dict, changes: Changes) -> dict:
    """`base` brought up to date by `changes`."""
    changed, lost = changes
    found = dict(base)
    found.update(changed)
    for key in lost:
        del found[key]
    return found
