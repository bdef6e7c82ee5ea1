"""A build's process ends when the new site is published: a retired site it has not finished
deleting is left to a process of its own, which the next builds leave alone while it lives."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from site_builder.staging import remove_leftovers
from test_incremental_property import start_site

# a build whose own deleting never ends (its rmtree blocks): only the process it hands the
# retired site over to can delete it
BUILD_WITH_A_STUCK_REMOVAL = """
import shutil, sys, threading
from pathlib import Path
from site_builder.build import BuildOptions, build_site
shutil.rmtree = lambda *args, **kwargs: threading.Event().wait()
build_site(BuildOptions(Path(sys.argv[1]), Path(sys.argv[2]), with_search=False))
"""


def test_the_process_ends_and_a_process_of_its_own_deletes_the_retired_site(tmp_path: Path):
    content = start_site(tmp_path)
    published = tmp_path / "public"
    command = [sys.executable, "-c", BUILD_WITH_A_STUCK_REMOVAL, str(content), str(published)]
    subprocess.run(command, check=True, timeout=300)
    # a site changed by hand is not kept as the next build's spare (site_builder/spare.py): deleted
    (published / "stray.html").write_text("stray", encoding="utf-8")
    (content / "articles" / "a.md").write_text((content / "articles" / "a.md").read_text("utf-8") + "补充。\n",
                                               encoding="utf-8")
    subprocess.run(command, check=True, timeout=300)  # retires the first site, and ends
    deadline = time.monotonic() + 120
    while list(tmp_path.glob(".public.old-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "public"]


def test_a_live_removers_folder_is_left_alone_and_a_dead_ones_is_removed(tmp_path: Path):
    published = tmp_path / "public"
    published.mkdir()
    alive = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    try:
        for name in (f".public.old-removing-{alive.pid}", f".public.old-removing-{dead.pid}", ".public.old-1-2"):
            (tmp_path / name / "articles").mkdir(parents=True)
        remove_leftovers(published)
        assert sorted(p.name for p in tmp_path.iterdir()) == [f".public.old-removing-{alive.pid}", "public"]
    finally:
        alive.communicate(b"")
