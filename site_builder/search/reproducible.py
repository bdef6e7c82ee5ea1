"""Make Pagefind's search bundle the same bytes on every build of the same site.

Pagefind 1.5.2 writes the values of each filter, and the list of filters in its pf_meta file,
in hash-map order, which changes from run to run (its source says so: "Change filter indexes
to BTree to give them a stable hash"). Its files are named by a hash of their content, so the
names change too, and with them pagefind-entry.json and Netlify's ``_headers``.

``make_reproducible`` sorts both lists, writes the files again (gzip without a time stamp),
names them as Pagefind does (language, ``_``, the first hex digits of the SHA-1 of the CBOR
content) and updates every reference to a renamed file. Index and fragment files are
already stable and are left as they are. A bundle it cannot read as expected (another
Pagefind version) is left untouched: search still works, only byte-identity is lost.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

ENTRY_FILE = "pagefind-entry.json"
SIGNATURE = b"pagefind_dcd"  # what Pagefind writes before the CBOR content of every gzipped file
FILTER_HASH_DIGITS = 7
META_HASH_DIGITS = 13
META_PAGES = 1  # position of the [fragment name, word count] list in a pf_meta file
META_FILTERS = 3  # position of the [filter name, file hash] list in a pf_meta file


def make_reproducible(site: Path) -> None:
    """Normalise every Pagefind bundle under ``site`` (each folder with a pagefind-entry.json)."""
    for entry in sorted(site.rglob(ENTRY_FILE)):
        try:
            plan = _plan_bundle(entry.parent)
        except (ValueError, IndexError, TypeError, KeyError, OSError):
            continue  # not the layout this was written for: leave it as Pagefind wrote it
        for old, (new, content) in plan.items():
            old.unlink()
            new.write_bytes(gzip.compress(SIGNATURE + content, compresslevel=9, mtime=0))  # no time stamp
        _rename_references(entry, {old: new for old, (new, _) in plan.items() if old.suffix == ".pf_meta"})


def rename_pages(bundle: Path, names: dict[str, str]) -> None:
    """Give the bundle's pages (their fragment files) new names: the pf_meta lists each page
    by its fragment's name; it is written again, named by its new content."""
    entry = bundle / ENTRY_FILE
    languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
    renamed: dict[Path, Path] = {}
    for language, about in sorted(languages.items()):
        meta_path = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = _read(meta_path, language, META_HASH_DIGITS)
        for page in meta[META_PAGES]:  # [fragment name, word count]
            page[0] = names.get(page[0], page[0])
        content = encode(meta)
        new_path = meta_path.with_name(f"pagefind.{short_name(language, content, META_HASH_DIGITS, set())}.pf_meta")
        meta_path.unlink()
        new_path.write_bytes(gzip.compress(SIGNATURE + content, compresslevel=9, mtime=0))
        renamed[meta_path] = new_path
    _rename_references(entry, renamed)


def _plan_bundle(bundle: Path) -> dict[Path, tuple[Path, bytes]]:
    """{file: (its new path, its sorted CBOR content)} for each language's filter files and
    pf_meta; reads everything and writes nothing, so a surprise leaves the bundle whole."""
    languages = json.loads((bundle / ENTRY_FILE).read_text(encoding="utf-8"))["languages"]
    plan: dict[Path, tuple[Path, bytes]] = {}
    for language, about in sorted(languages.items()):
        meta_path = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = _read(meta_path, language, META_HASH_DIGITS)
        filters: list[tuple[str, str]] = []
        for name, file_hash in meta[META_FILTERS]:
            path = bundle / "filter" / f"{file_hash}.pf_filter"
            index = _read(path, language, FILTER_HASH_DIGITS)
            index[1].sort(key=lambda value: value[0])  # [filter name, [[value, [page numbers]], ...]]
            content = encode(index)
            new_hash = short_name(language, content, FILTER_HASH_DIGITS, taken={h for _, h in filters})
            filters.append((name, new_hash))
            plan[path] = (path.with_name(f"{new_hash}.pf_filter"), content)
        meta[META_FILTERS] = [list(f) for f in sorted(filters)]
        content = encode(meta)
        new_hash = short_name(language, content, META_HASH_DIGITS, taken=set())
        plan[meta_path] = (meta_path.with_name(f"pagefind.{new_hash}.pf_meta"), content)
    return plan


def _read(path: Path, language: str, digits: int) -> list:
    """A Pagefind file's content, checked to be what this module would write and name."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind file")
    content = data[len(SIGNATURE):]
    value = decode(content)
    if encode(value) != content or short_name(language, content, digits, set()) not in path.name:
        raise ValueError(f"{path}: encoded or named unlike Pagefind 1.5")
    return value


def short_name(language: str, content: bytes, digits: int, taken: set[str]) -> str:
    """Pagefind's name for content: its SHA-1 with each byte in unpadded hex, cut short but
    long enough not to collide with a name already taken."""
    full = "".join(f"{byte:x}" for byte in hashlib.sha1(content).digest())
    name = f"{language}_{full[:digits]}"
    while name in taken and digits < len(full):
        digits += 1
        name = f"{language}_{full[:digits]}"
    return name


def _rename_references(entry: Path, metas: dict[Path, Path]) -> None:
    """pagefind-entry.json names each pf_meta by its hash (the `_headers` file, which names
    it by its URL, is written after this runs)."""
    text = entry.read_text(encoding="utf-8")
    for old, new in metas.items():
        text = text.replace(f'"{_meta_hash(old)}"', f'"{_meta_hash(new)}"')
    entry.write_text(text, encoding="utf-8")


def _meta_hash(path: Path) -> str:
    return path.name.removeprefix("pagefind.").removesuffix(".pf_meta")


# The CBOR that Pagefind writes (RFC 8949, definite lengths, shortest forms): integers, byte
# and text strings, arrays. Anything else is not expected and raises ValueError.
_UINT, _NEGATIVE, _BYTES, _TEXT, _ARRAY = 0, 1, 2, 3, 4


def decode(data: bytes) -> list:
    value, end = _decode_at(data, 0)
    if end != len(data) or not isinstance(value, list):
        raise ValueError("not a single CBOR array")
    return value


def _decode_at(data: bytes, at: int) -> tuple[object, int]:
    kind, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if info < 24:
        number = info
    elif info <= 27:
        width = 1 << (info - 24)
        number, at = int.from_bytes(data[at:at + width], "big"), at + width
    else:
        raise ValueError(f"CBOR item {data[at - 1]:#x} (indefinite length or float) not expected")
    if kind == _UINT:
        return number, at
    if kind == _NEGATIVE:
        return -1 - number, at
    if kind == _BYTES:
        return data[at:at + number], at + number
    if kind == _TEXT:
        return data[at:at + number].decode("utf-8"), at + number
    if kind == _ARRAY:
        items = []
        for _ in range(number):
            item, at = _decode_at(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"CBOR major type {kind} not expected")


def encode(value: object) -> bytes:
    """``value`` (ints, strings, bytes and lists of them) as CBOR, each head in its
    shortest form."""
    out: list[bytes] = []
    _encode_into(value, out.append)
    return b"".join(out)


def _encode_into(value: object, put: Callable[[bytes], None]) -> None:
    # the most frequent kinds first: the pf_meta's ~100,000 items
    if isinstance(value, str):
        raw = value.encode("utf-8")
        put(_head(_TEXT, len(raw)))
        put(raw)
    elif isinstance(value, list):
        put(_head(_ARRAY, len(value)))
        for item in value:
            _encode_into(item, put)
    elif isinstance(value, int) and not isinstance(value, bool):
        put(_head(_UINT, value) if value >= 0 else head(_NEGATIVE, -1 - value))
    elif isinstance(value, bytes):
        put(head(_BYTES, len(value)))
        put(value)
    else:
        raise ValueError(f"cannot encode {type(value).__name__} as Pagefind's CBOR")


_SMALL_HEADS = {kind: [bytes([kind << 5 | n]) for n in range(24)] for kind in (_UINT, _TEXT, _ARRAY)}


def _head(kind: int, number: int) -> bytes:
    return _SMALL_HEADS[kind][number] if 0 <= number < 24 else head(kind, number)


def head(kind: int, number: int) -> bytes:
    """A CBOR item head: major type ``kind`` and its argument ``number``, shortest form."""
    if number < 0:
        raise ValueError("negative integers are not expected")
    if number < 24:
        return bytes([kind << 5 | number])
    for info, width in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if number < 1 << (8 * width):
            return bytes([kind << 5 | info]) + number.to_bytes(width, "big")
    raise ValueError("integer too large for CBOR")
