"""Which characters are Chinese: the one definition ingest's modules share (it imports nothing,
so the modules low in ingest can use it without importing each other)."""
from __future__ import annotations

import re

# CJK Unified Ideographs, Extension A and the compatibility ideographs
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK}]")
