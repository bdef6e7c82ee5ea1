"""The newspaper view's pages are rendered again when what they show changes, and only then:
an edit of one article's text renders its own printed page, issue and paper pages again, not
the other printed pages and issues of its paper (which name its issue and paper only in their
breadcrumbs and navigation), and the site is still the one a clean build writes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from site_builder.build import BuildOptions, build_site
from test_incremental_property import files_of

ROOT = Path(__file__).resolve().parents[2]


def _inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*.html")}


def _front_matter(path: Path, name: str) -> str:
    line = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(f"{name}: "))
    return line.split(": ", 1)[1]


def test_an_edit_renders_its_printed_page_not_the_rest_of_its_paper(tmp_path: Path):
    content = tmp_path / "content"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_archive.py"), "--articles", "80",
                    "--out", str(content)], check=True, capture_output=True)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published, with_search=False))
    before = _inodes(published)
    edited = next(p for p in sorted((content / "articles").glob("*.md")) if "\npaper: " in p.read_text("utf-8"))
    paper, date = _front_matter(edited, "paper"), _front_matter(edited, "date")
    edited.write_text(edited.read_text(encoding="utf-8") + "\n编辑补充的一段话。\n", encoding="utf-8")

    build_site(BuildOptions(content, published, with_search=False))

    after = _inodes(published)
    rendered = {path for path, inode in after.items() if before.get(path) != inode}
    papers = {path for path in after if path.startswith("papers/")}
    paper_folder = next(p.parent.relative_to(published).as_posix() for p in published.glob("papers/*/index.html")
                        if f"<title>{paper} " in p.read_text(encoding="utf-8"))
    issue_folder = f"{paper_folder}/{date}"
    assert f"{issue_folder}/index.html" in rendered and f"{paper_folder}/index.html" in rendered
    same_paper = {path for path in papers if path.startswith(paper_folder + "/")}
    assert len(same_paper - {p for p in same_paper if p.startswith(issue_folder + "/")}) >= 3
    assert rendered & papers <= {"papers/index.html", f"{paper_folder}/index.html"} | \
        {p for p in papers if p.startswith(issue_folder + "/")}
    clean = tmp_path / "clean"
    build_site(BuildOptions(content, clean, with_search=False, cache=False))
    assert files_of(published) == files_of(clean)
