"""sha1_of: the SHA-1 of its parts (text as UTF-8), each followed by a NUL byte, whether the
parts are text, bytes or both."""
from __future__ import annotations

import hashlib

import pytest

from site_builder.cache import sha1_of


@pytest.mark.parametrize("parts", [(), ("",), ("a", "b"), ("中文", "", "x"), (b"\xff", "y"), ("a", b"b")])
def test_sha1_of_is_the_digest_of_the_parts_each_ended_by_nul(parts):
    joined = b"".join((part.encode() if isinstance(part, str) else part) + b"\0" for part in parts)
    assert sha1_of(*parts) == hashlib.sha1(joined).hexdigest()
