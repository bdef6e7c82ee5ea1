"""A build with nothing to do: it imports no stage, and it trusts the published site only as
long as nobody changed it by hand (a file deleted, edited, added or replaced in the site is
put back as a clean build writes it)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build_site
from test_incremental_property import files_of, start_site

BUILD_TWICE = """
import sys
from pathlib import Path
from site_builder.build import BuildOptions, build_site
result = build_site(BuildOptions(Path(sys.argv[1]), Path(sys.argv[2])))
print(result.unchanged, *(stage in sys.modules for stage in ["site_builder.ingest", "site_builder.analyze",
                                                            "site_builder.render", "site_builder.search"]),
      result.searchable)
"""


def test_a_build_with_nothing_to_do_imports_no_stage(tmp_path: Path):
    content = start_site(tmp_path)
    command = [sys.executable, "-c", BUILD_TWICE, str(content), str(tmp_path / "public")]
    first = subprocess.run(command, capture_output=True, text=True, check=True)
    again = subprocess.run(command, capture_output=True, text=True, check=True)
    *first_stages, first_searchable = first.stdout.split()
    assert first_stages == ["False", "True", "True", "True", "True"]
    # the search stage's stats are recorded apart from the result (unpickling them imports the stage)
    assert again.stdout.split() == ["True", "False", "False", "False", "False", first_searchable]
    assert int(first_searchable) > 0


def _deleted(site: Path) -> None:
    next(site.glob("articles/*/index.html")).unlink()


def _emptied_folder(site: Path) -> None:
    page = next(site.glob("articles/*/index.html"))
    page.unlink()
    page.parent.rmdir()


def _edited(site: Path) -> None:
    page = next(site.glob("articles/*/index.html"))
    stat = page.stat()
    with page.open("r+b") as file:  # in place: same file, same size
        file.write(b"X")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def _added(site: Path) -> None:
    (site / "articles" / "stray.html").write_text("not the site's", encoding="utf-8")


def _added_deeper(site: Path) -> None:
    folder = next(site.glob("articles/*/"))
    (folder / "stray.html").write_text("not the site's", encoding="utf-8")


def _replaced(site: Path) -> None:
    page = next(site.glob("articles/*/index.html"))
    replacement = page.with_name("new.tmp")
    replacement.write_bytes(page.read_bytes().replace(b"<html", b"<html data-x", 1))
    replacement.replace(page)


@pytest.mark.parametrize("change", [_deleted, _emptied_folder, _edited, _added, _added_deeper, _replaced])
def test_a_site_changed_by_hand_is_built_again(tmp_path: Path, change):
    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published, with_search=False))
    clean = files_of(published)
    change(published)
    assert files_of(published) != clean

    again = build_site(BuildOptions(content, published, with_search=False))

    assert not again.unchanged
    assert files_of(published) == clean


EDIT_BUILD = """
import sys
from pathlib import Path
from site_builder.build import BuildOptions, build_site
result = build_site(BuildOptions(Path(sys.argv[1]), Path(sys.argv[2]), with_search=False))
print(result.carried, result.pages_rendered, "site_builder.ingest.typography" in sys.modules)
"""


def test_an_edit_build_imports_no_table_of_the_ingest(tmp_path: Path):
    """An article edited (the analysis carried) reads its text's keywords, not the ingest's
    typography tables (analyze/completeness imports them where it runs: the full analysis)."""
    from test_incremental_property import apply

    content = start_site(tmp_path)
    build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    apply(content, ("append md", "a", "干部要多到一线去。"))
    edited = subprocess.run([sys.executable, "-c", EDIT_BUILD, str(content), str(tmp_path / "public")],
                            capture_output=True, text=True, check=True)
    carried, rendered, imported = edited.stdout.split()
    assert carried == "True" and int(rendered) > 0 and imported == "False"
