"""Netlify's ``_headers`` file for the search files whose names only the build knows.

The filter files, the text parts and the pf_meta are named by their content hash: they never
change, so they may be cached for a year. netlify.toml marks the filter folder; what it
cannot name is written here: each pagefind.<hash>.pf_meta (a rule's ``*`` may only end a
path, and fixed-name files sit beside it), the hashed folders of index shards, whose number
only the build knows, and the text parts' folder. Index chunks and fragments are named by
their place (``names``: few bytes in the pf_meta), so a name may hold new content in a later
build: they keep Netlify's default, revalidated on each use.
"""
from __future__ import annotations

from pathlib import Path

from site_builder.search.pagefind import replace_file

HEADERS_FILE = "_headers"
IMMUTABLE = "public, max-age=31536000, immutable"
HASHED_FOLDERS = ("filter",)  # every file in them named by its content's hash
TEXT_FOLDER = "text"  # the text parts (``writer``), named by their content's hash


def write_cache_headers(site: Path, bundle: Path) -> None:
    """Write ``site/_headers`` with an immutable Cache-Control rule for each hashed file or
    folder of the search bundle (a folder in ``site``) that netlify.toml cannot name; no
    file when there is none."""
    metas = [*bundle.glob("*.pf_meta"), *bundle.glob("shards/*/*.pf_meta")]  # not a walk of every file
    rules = [f"/{p.relative_to(site).as_posix()}" for p in sorted(metas)]
    rules += [f"/{folder.relative_to(site).as_posix()}/*" for folder in [bundle / TEXT_FOLDER] if folder.is_dir()]
    for shard in sorted(p for p in bundle.glob("shards/*") if p.is_dir()):
        rules += [f"/{(shard / kind).relative_to(site).as_posix()}/*"
                  for kind in HASHED_FOLDERS if (shard / kind).is_dir()]
    if rules:
        text = "".join(f"{rule}\n  Cache-Control: {IMMUTABLE}\n" for rule in rules)
        replace_file(site / HEADERS_FILE, text.encode("utf-8"))
