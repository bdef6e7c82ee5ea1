"""Search tests use the seed site built by the real build (``seed_site`` in tests/conftest.py).

SEARCH_SEED_SITE=<folder> points them at an already built site instead (for quick local
iterations on the search code only).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder.search.browser import chromium


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module."""
    with chromium() as b:
        yield b


if os.environ.get("SEARCH_SEED_SITE"):
    @pytest.fixture(scope="session")
    def seed_site() -> Path:
        return Path(os.environ["SEARCH_SEED_SITE"])
