"""Page fingerprints kept with the entries each page reached (render/reach.py): a carried
build makes again only the fingerprints of pages that reach a changed entry, and its site
equals a clean build's."""
from __future__ import annotations

import os

import pytest

from site_builder.build import DEFAULT_TEMPLATES, BuildOptions, build_site
from site_builder.render import reach
from test_carried_analysis import article, body, make_site, rebuilt, write


@pytest.fixture
def site(tmp_path, monkeypatch):
    content = make_site(tmp_path, articles=12)
    (content / "articles" / "undated.md").write_text(
        "---\ntitle: '没有日期的一篇文章'\nauthors: [王伟]\n---\n" + body(40) + "\n", "utf-8")
    build_site(BuildOptions(content, tmp_path / "public", with_search=False))
    made = []
    real = reach.take_again

    def take_again(cache, output_dir, fingerprints, state):
        real(cache, output_dir, fingerprints, state)
        if cache.enabled:  # (not the clean build's)
            made.append(fingerprints)

    monkeypatch.setattr(reach, "take_again", take_again)
    return tmp_path, content, made


def test_an_edit_takes_the_other_pages_fingerprints_again(site):
    root, content, made = site
    write(content, 4, article(4, text=body(4, "这是第四篇后来补充的一句话，别的文章里都没有。")))
    assert rebuilt(root, content)
    fingerprints = made[-1]
    assert fingerprints.reused and len(fingerprints.reused) < len(fingerprints.given)
    article_pages = {path for path in fingerprints.reused if path.startswith("articles/")}
    assert not any(path.startswith(f"articles/{slug}/") for path in article_pages
                   for slug in [e.slug for e in fingerprints.archive.entries if "a4.md" in str(e.article.origin)])
    write(content, 4, article(4, text=body(4, "又改了一次补充的话，仍然只有第四篇才有。")))
    assert rebuilt(root, content)  # from the fingerprints the last carried build kept


def test_a_file_touched_moves_its_entry_time(site):
    """No SOURCE_DATE_EPOCH: an undated article's feed date is its file's mtime; the
    document's key is the same, its entry time is not."""
    root, content, made = site
    path = content / "articles" / "undated.md"
    os.utime(path, (1_600_000_000, 1_600_000_000))
    rebuilt(root, content)


def test_a_template_edit_takes_the_other_templates_pages_again(site):
    root, content, made = site
    (content / "templates").mkdir()
    override = content / "templates" / "list.html"
    override.write_text((DEFAULT_TEMPLATES / "list.html").read_text("utf-8") + "<!-- 改 -->\n", "utf-8")
    assert rebuilt(root, content)  # (a template folder of the site's own changes every template's key)
    override.write_text(override.read_text("utf-8") + "<!-- 又改 -->\n", "utf-8")
    assert rebuilt(root, content)
    fingerprints = made[-1]
    assert fingerprints.reused and not any(template == "list.html" for path, (_, template)
                                           in fingerprints.given.items() if path in fingerprints.reused)


def test_an_edit_takes_the_digests_of_the_terms_it_did_not_reach_again(site, monkeypatch):
    """The home page's archive key counts every term: a term none of whose entries changed
    has the digest the last build made, the others are made anew, and each is the digest a
    fresh walk makes."""
    from site_builder.render.inputs import Fingerprints

    root, content, made = site
    taken: list[int] = []
    real = reach._remember_terms

    def remember(fingerprints, last, changed):
        real(fingerprints, last, changed)
        taken.append(len(fingerprints.terms))

    monkeypatch.setattr(reach, "_remember_terms", remember)
    for number, author in [(0, "李明"), (1, "张华")]:  # (terms that hold no entry of a4.md)
        write(content, number, article(number, author=author))
    rebuilt(root, content)
    for text in ["这是第四篇后来补充的一句话，别的文章里都没有。", "又改了一次补充的话，仍然只有第四篇才有。"]:
        write(content, 4, article(4, text=body(4, text)))
        assert rebuilt(root, content)
        fingerprints = made[-1]
        terms = [t for taxonomy in fingerprints.archive.taxonomies.values() for t in taxonomy.terms]
        edited = {id(e) for e in fingerprints.archive.entries if "a4.md" in str(e.article.origin)}
        assert 0 < taken[-1] == sum(1 for t in terms if not edited.intersection(map(id, t.entries)))
        fresh = Fingerprints(fingerprints.archive, fingerprints.render_key, fingerprints.file_hashes,
                             fingerprints.article_keys)
        for term in terms:
            assert fingerprints.terms[id(term)] == (fresh._term(term), fresh.terms[id(term)][1]), term.name
