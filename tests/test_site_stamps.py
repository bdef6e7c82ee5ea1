"""site_stamps lists a site's files as os.walk does: every file under nested folders by its
path from the site's folder, a link to a folder not followed, a link to a file stamped as
the file it names."""
from __future__ import annotations

import os
from pathlib import Path

from site_builder.incremental import site_stamps


def _walked(folder: Path) -> dict[str, tuple[int, int, int]]:
    stamps = {}
    for root, _, files in os.walk(folder):
        for name in files:
            stat = os.stat(os.path.join(root, name))
            relative = Path(root, name).relative_to(folder).as_posix()
            stamps[relative] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    return stamps


def test_stamps_are_os_walks_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "articles" / "a").mkdir(parents=True)
    (site / "articles" / "a" / "index.html").write_text("a", encoding="utf-8")
    (site / "articles" / "b").mkdir()
    (site / "articles" / "b" / "index.html").write_text("bb", encoding="utf-8")
    (site / "index.html").write_text("home", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_text("not the site's", encoding="utf-8")
    (site / "linked-folder").symlink_to(outside, target_is_directory=True)
    (site / "linked-file.html").symlink_to(site / "index.html")

    stamps = site_stamps(site)

    assert stamps == _walked(site)
    assert sorted(stamps) == ["articles/a/index.html", "articles/b/index.html", "index.html", "linked-file.html"]
    assert stamps["linked-file.html"] == stamps["index.html"]


def test_stamps_under_a_folder_are_its_files_by_their_paths_in_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "pagefind" / "text").mkdir(parents=True)
    (site / "pagefind" / "text" / "a.pf").write_text("a", encoding="utf-8")
    (site / "pagefind" / "entry.json").write_text("{}", encoding="utf-8")
    (site / "index.html").write_text("home", encoding="utf-8")

    stamps = site_stamps(site, under="pagefind")

    assert stamps == {name: stamp for name, stamp in _walked(site).items() if name.startswith("pagefind/")}
    assert sorted(stamps) == ["pagefind/entry.json", "pagefind/text/a.pf"]


def test_a_file_with_the_inode_of_a_linked_stamp_takes_that_stamp_without_a_stat(tmp_path: Path) -> None:
    """`linked`: the stamps of files the folder holds hard links to; one whose listed inode is
    the one its path has there is that file and is not stat'ed (build._search_stamps)."""
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / "kept.pf").write_text("kept", encoding="utf-8")
    (site / "pagefind" / "made.pf").write_text("made", encoding="utf-8")
    walked = _walked(site)
    told = (999, 1, walked["pagefind/kept.pf"][2])  # a stamp it could only have been told
    linked = {"pagefind/kept.pf": told, "pagefind/made.pf": (999, 1, walked["pagefind/made.pf"][2] + 1)}

    stamps = site_stamps(site, under="pagefind", linked=linked)

    assert stamps == {"pagefind/kept.pf": told, "pagefind/made.pf": walked["pagefind/made.pf"]}
