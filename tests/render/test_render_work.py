"""Work a build's rendering does not repeat: a link's path quoted once, and the objects the
build holds left out of the render workers' cycle collection."""
from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import site_builder.render as render
from site_builder.build import BuildOptions, build_site
from site_builder.progress import Progress
from site_builder.render import writer

ROOT = Path(__file__).resolve().parents[2]


def test_each_path_a_page_links_is_quoted_once(tmp_path, monkeypatch):
    content = tmp_path / "content"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_archive.py"), "--articles", "30",
                    "--out", str(content)], check=True, capture_output=True)
    monkeypatch.setattr(writer, "PARALLEL_FROM", 10**9)  # (counted in this process)
    quoted: Counter[str] = Counter()
    real = render.quote

    def counted(path, safe=""):
        quoted[path] += 1
        return real(path, safe=safe)

    monkeypatch.setattr(render, "quote", counted)
    build_site(BuildOptions(content, tmp_path / "public", with_search=False, cache=False))
    assert quoted["/articles/"] > 0
    assert max(quoted.values()) <= 2  # once for `url`, once for `absolute_url`


@dataclass
class _Plan:
    path: str


def test_render_workers_collect_none_of_the_objects_the_build_holds(tmp_path):
    """The pages are rendered by forked workers whose collector runs; what the build made
    before is frozen (gc.freeze), so their collections never walk it, and it is unfrozen after."""
    plans = [_Plan(f"p{n}.txt") for n in range(writer.PARALLEL_FROM)]
    done = writer._render_all(plans, list(range(len(plans))), lambda plan: f"{os.getpid()} {gc.get_freeze_count()}",
                              tmp_path, Progress(enabled=False))
    assert len(done) == len(plans)
    seen = [(tmp_path / plan.path).read_text().split() for plan in plans]
    assert {pid for pid, _ in seen} != {str(os.getpid())}  # rendered in the workers
    assert all(int(frozen) > 0 for _, frozen in seen)
    assert gc.get_freeze_count() == 0


def test_each_entry_card_is_rendered_once_a_build(tmp_path, monkeypatch):
    """The list pages show each entry's card several times: it is rendered once for each
    heading level it is shown at, and the pages are the bytes they are when every card is
    rendered where it appears."""
    from site_builder.render import partials
    from test_carried_analysis import files_of

    content = tmp_path / "content"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_archive.py"), "--articles", "30",
                    "--out", str(content)], check=True, capture_output=True)
    monkeypatch.setattr(writer, "PARALLEL_FROM", 10**9)  # (counted in this process)
    renders: Counter[tuple[str, object]] = Counter()
    real = partials._memoised

    def counting(render_card, reads):
        def counted(context):
            renders[context.resolve_or_missing("entry").url, context.resolve_or_missing("card_level")] += 1
            return render_card(context)
        return real(counted, reads)

    monkeypatch.setattr(partials, "_memoised", counting)
    build_site(BuildOptions(content, tmp_path / "public", with_search=False, cache=False))
    assert len({url for url, _ in renders}) == 30 and max(renders.values()) == 1
    monkeypatch.setattr(partials, "MEMOISED", ())
    build_site(BuildOptions(content, tmp_path / "each", with_search=False, cache=False))
    assert files_of(tmp_path / "public") == files_of(tmp_path / "each")
