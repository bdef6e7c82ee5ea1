"""gzip for the bundle's files: libdeflate (PyPI ``deflate``) when it is installed, else zlib.

At 10,000 articles the index chunks are ~140 MB of CBOR, and compressing them was the
indexing's largest single cost. libdeflate at level 6 makes them 1.3 % smaller than zlib at
level 5 in under half its CPU (a sample of 1,346 chunks: 34.57 -> 34.13 MB, 2.99 -> 1.36 s).
Either way the output is fixed by the library and its version (``CODEC``): a saved index or
page cache made with another codec is not reused (``state.fingerprint``, ``pagecache``), so a
bundle is never patched with files another codec wrote.
"""
from __future__ import annotations

import gzip
import zlib

from types import ModuleType

deflate: ModuleType | None
try:
    import deflate
except ImportError:  # (optional: zlib writes as valid a bundle, a little larger and slower)
    deflate = None

CODEC = ("libdeflate", deflate.__version__) if deflate is not None else ("zlib", zlib.ZLIB_RUNTIME_VERSION)
# the index chunks' level: libdeflate's 6 is both faster and smaller than zlib's 5 (above);
# zlib's 6 would cost about twice its 5 for 1.5 % fewer bytes
CHUNK_LEVEL = 6 if deflate is not None else 5
SMALL_LEVEL = 9  # fragments, text parts, filters, pf_meta: small files, each compressed alone


def compress(data: bytes, level: int) -> bytes:
    """``data`` as a gzip file with no time stamp and no name (the same bytes on every run)."""
    if deflate is not None:
        return bytes(deflate.gzip_compress(data, level))  # (a bytearray)
    return gzip.compress(data, compresslevel=level, mtime=0)
