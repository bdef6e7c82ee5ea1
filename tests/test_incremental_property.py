"""Incremental builds: after any series of edits, the site equals a clean build, byte for byte.

Random series of changes to a small site (Markdown articles edited, added, renamed and
deleted; raw pages replaced, added, renamed and deleted; a template overridden and the
override removed; site.toml changed) are each followed by an incremental build (cache on,
the last site published) and compared with a clean build of the same content (no cache,
empty output folder): the same files with the same bytes, and nothing stale left.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.build import DEFAULT_TEMPLATES, BuildOptions, build_site

ROOT = Path(__file__).resolve().parents[1]
SEED_RAW = sorted((ROOT / "content" / "raw").glob("*.txt"))[:2]  # the two smallest pages
TITLES = ["推进基层治理现代化", "以科技创新引领新质生产力", "建设人民城市", "办好人民满意的教育", "厚植法治土壤"]
AUTHORS = ["王伟", "李芳", "张磊"]
SENTENCES = ["基层治理要把群众的事办好。", "科技创新是发展新质生产力的核心要素。", "城市更新要坚持人民城市理念。",
             "教育是国之大计、党之大计。", "法治是最好的营商环境。"]


def markdown(title: int, author: int, day: int, body: list[int]) -> str:
    text = "\n\n".join(SENTENCES[i] * 3 for i in body)
    return (f"---\ntitle: '{TITLES[title]}（{day}）'\nauthors: [{AUTHORS[author]}]\ndate: 2024-03-{day:02d}\n"
            f"source: 原载3月{day}日《人民日报》\n---\n{text}\n")


def site_toml(page_size: int, title: str) -> str:
    return f'title = "{title}"\npage_size = {page_size}\nrelated_count = 2\n[topics]\n"法治" = ["法治"]\n'


article = st.builds(markdown, st.integers(0, 4), st.integers(0, 2), st.integers(1, 28),
                    st.lists(st.integers(0, 4), min_size=1, max_size=3))
name = st.sampled_from(["a", "b", "c", "d"])
# edits that leave every count of the site as it was (authors, topics, sources), so that
# only the pages that show the article should change
PLAIN_TITLES = ["谈谈调查研究", "把工作做实", "久久为功"]
PLAIN_SENTENCES = ["调查研究是谋事之基、成事之道。", "干部要多到一线去。"]
change = st.one_of(
    st.tuples(st.just("write md"), name, article),  # an edit, or an addition when new
    st.tuples(st.just("retitle md"), name, st.sampled_from(PLAIN_TITLES)),
    st.tuples(st.just("append md"), name, st.sampled_from(PLAIN_SENTENCES)),
    # a sentence of its own: what an edit that the last analysis can be carried through looks like
    st.tuples(st.just("append own md"), name, st.integers(0, 3)),
    st.tuples(st.just("rename md"), name, name),
    st.tuples(st.just("delete md"), name),
    st.tuples(st.just("write raw"), st.sampled_from(["p", "q"]), st.integers(0, len(SEED_RAW) - 1)),
    st.tuples(st.just("rename raw"), st.sampled_from(["p", "q"]), st.sampled_from(["p", "q", "r"])),
    st.tuples(st.just("delete raw"), st.sampled_from(["p", "q"])),
    st.tuples(st.just("template"), st.sampled_from(["article.html", "partials/entry_card.html"]), st.booleans()),
    st.tuples(st.just("config"), st.sampled_from([1, 2, 20]), st.sampled_from(["档案", "理论档案"])),
)


def apply(content: Path, step: tuple) -> None:
    kind, *args = step
    md, raw, templates = content / "articles", content / "raw", content / "templates"
    if kind == "write md":
        (md / f"{args[0]}.md").write_text(args[1], encoding="utf-8")
    elif kind == "append own md":
        path = md / f"{args[0]}.md"
        if path.exists():
            path.write_text(path.read_text(encoding="utf-8") + f"\n{args[0]}文后来补充的第{args[1]}句话，只有这一篇文章才有。\n",
                            encoding="utf-8")
    elif kind in ("retitle md", "append md"):
        path = md / f"{args[0]}.md"
        if path.exists():
            text = path.read_text(encoding="utf-8")
            if kind == "retitle md":
                text = re.sub(r"title: '[^（]*", f"title: '{args[1]}", text, count=1)
            path.write_text(text if kind == "retitle md" else text + args[1] + "\n", encoding="utf-8")
    elif kind in ("rename md", "rename raw"):
        folder, suffix = (md, ".md") if kind == "rename md" else (raw, ".txt")
        source = folder / f"{args[0]}{suffix}"
        if source.exists():
            source.rename(folder / f"{args[1]}{suffix}")
    elif kind in ("delete md", "delete raw"):
        folder, suffix = (md, ".md") if kind == "delete md" else (raw, ".txt")
        (folder / f"{args[0]}{suffix}").unlink(missing_ok=True)
    elif kind == "write raw":
        shutil.copyfile(SEED_RAW[args[1]], raw / f"{args[0]}.txt")
    elif kind == "template":
        target = templates / args[0]
        if args[1]:
            target.parent.mkdir(parents=True, exist_ok=True)
            default = (DEFAULT_TEMPLATES / args[0]).read_text(encoding="utf-8")
            target.write_text(default + "<!-- 本站的模板 -->\n", encoding="utf-8")
        else:
            target.unlink(missing_ok=True)
    else:
        (content / "site.toml").write_text(site_toml(*args), encoding="utf-8")


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def folders_of(site: Path) -> list[str]:
    """Every folder of a site (an empty one left behind is a difference too)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir())


def start_site(root: Path) -> Path:
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    (content / "raw").mkdir()
    (content / "site.toml").write_text(site_toml(2, "档案"), encoding="utf-8")
    for number, key in enumerate("abcdefg"):
        (content / "articles" / f"{key}.md").write_text(
            markdown(number % 5, number % 3, number + 1, [number % 5]), "utf-8")
    shutil.copyfile(SEED_RAW[0], content / "raw" / "p.txt")
    return content


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(change, min_size=1, max_size=5))
def test_incremental_build_equals_a_clean_build(changes):
    # (no SOURCE_DATE_EPOCH: an undated article's feed date is its file's mtime, which
    # rewriting unchanged bytes moves, and the cached build must follow it)
    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory(prefix="incremental-") as tmp:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        root = Path(tmp)
        content = start_site(root)
        published = root / "public"
        build_site(BuildOptions(content, published, with_search=False))
        for number, step in enumerate(changes):
            apply(content, step)
            try:
                incremental = build_site(BuildOptions(content, published, with_search=False))
            except Exception as exc:  # the content may be bad now (two titles alike): so must a clean build be
                clean_failure = _clean_build_error(content, root / f"clean-{number}")
                assert type(clean_failure) is type(exc) and str(clean_failure) == str(exc)
                continue
            clean = root / f"clean-{number}"
            build_site(BuildOptions(content, clean, with_search=False, cache=False))
            assert files_of(published) == files_of(clean), f"after {changes[:number + 1]}"
            assert folders_of(published) == folders_of(clean), f"after {changes[:number + 1]}"
            assert incremental.pages_rendered <= incremental.pages_written


def _clean_build_error(content: Path, output: Path) -> Exception | None:
    try:
        build_site(BuildOptions(content, output, with_search=False, cache=False))
    except Exception as exc:  # noqa: BLE001 - compared with the incremental build's
        return exc
    return None


def test_with_search_nothing_changed_writes_nothing_and_an_edit_matches_a_clean_build(tmp_path):
    content = start_site(tmp_path)
    published = tmp_path / "public"
    build_site(BuildOptions(content, published))
    before = {p: p.stat().st_ino for p in published.rglob("*") if p.is_file()}
    again = build_site(BuildOptions(content, published))
    assert again.unchanged and again.pages_rendered == 0
    assert {p: p.stat().st_ino for p in published.rglob("*") if p.is_file()} == before
    apply(content, ("retitle md", "a", PLAIN_TITLES[0]))
    edited = build_site(BuildOptions(content, published))
    assert 0 < edited.pages_rendered < edited.pages_written
    clean = tmp_path / "clean"
    build_site(BuildOptions(content, clean, cache=False))
    assert files_of(published) == files_of(clean)


def test_a_build_without_the_cache_writes_none(tmp_path):
    """--no-cache: nothing read from the build cache and nothing left in it, search included."""
    content = start_site(tmp_path)
    build_site(BuildOptions(content, tmp_path / "public", cache=False))
    assert not (content / ".site-builder-cache").exists()
