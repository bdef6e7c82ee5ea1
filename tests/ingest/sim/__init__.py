"""Damage simulator: clean articles in the genre's forms -> damaged raw pages.

Clean text comes from articles written for the simulator (tests/ingest/corpus/, see
corpus.py), never from the program under test. Each kind of damage seen on pages of the
genre can be applied alone or combined, at random positions drawn from a seed;
`differences(page, doc)` says what an extraction got wrong.
"""
from tests.ingest.sim.check import differences, expected, got
from tests.ingest.sim.compose import Article
from tests.ingest.sim.kinds import FORMS, PENDING_KINDS
from tests.ingest.sim.make import KINDS, make_page
from tests.ingest.sim.page import Line, Page

__all__ = ["FORMS", "KINDS", "PENDING_KINDS", "Article", "Line", "Page", "differences", "expected", "got", "make_page"]
