"""Each raw page's extraction done once per distinct file content, for the whole test run.

The sample pages are read by most builds of the suite, in many copies of the content folder,
and one of them takes seconds to extract. The extraction depends on the text alone: the
path is only recorded in it (tests/ingest/test_seeds.py checks that a copy served from here
equals a fresh extraction of it). So an extraction is kept pickled with every reference to
its page's path left as a slot, and each call gets a fresh copy with its own path in that
slot, which the caller may change freely.

Under pytest-xdist the workers share the pickles through a folder of the test run, each one
made by one worker while the others wait for it.
"""
from __future__ import annotations

import fcntl
import hashlib
import io
import os
import pickle
from pathlib import Path, PurePath

from site_builder.ingest.raw_page import extract_raw_page
from site_builder.model import SourceDocument

# the file's bytes -> its extraction, pickled with the page's own path left out
EXTRACTIONS: dict[bytes, bytes] = {}
_shared: list[Path] = []  # the folder the workers of this run share, once set


def share_with_other_workers(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _shared[:] = [folder]


def extract_raw_page_once(path: Path) -> SourceDocument:
    """`extract_raw_page` through the cache. A file that does not read, or fails to
    extract, always takes the real path, so its errors are the real ones."""
    try:
        data = path.read_bytes()
    except OSError:
        return extract_raw_page(path)
    if data not in EXTRACTIONS:
        EXTRACTIONS[data] = _from_other_workers(data, path) if _shared else _pickled_extraction(path)
    return _PageUnpickler(io.BytesIO(EXTRACTIONS[data]), path).load()


def _from_other_workers(data: bytes, path: Path) -> bytes:
    name = hashlib.sha256(data).hexdigest()
    stored = _shared[0] / f"{name}.pickle"
    with open(_shared[0] / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when closed
        if not stored.exists():
            partial = stored.with_suffix(f".{os.getpid()}")
            partial.write_bytes(_pickled_extraction(path))
            partial.rename(stored)
        return stored.read_bytes()


def _pickled_extraction(path: Path) -> bytes:
    buffer = io.BytesIO()
    _PagePickler(buffer, path).dump(extract_raw_page(path))
    return buffer.getvalue()


class _PagePickler(pickle.Pickler):
    def __init__(self, file, page: Path):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.page = page

    def persistent_id(self, obj):
        return "page" if isinstance(obj, PurePath) and obj == self.page else None


class _PageUnpickler(pickle.Unpickler):
    def __init__(self, file, page: Path):
        super().__init__(file)
        self.page = page

    def persistent_load(self, pid):
        assert pid == "page", pid
        return self.page
