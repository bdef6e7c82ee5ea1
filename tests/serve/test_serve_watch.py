"""Watch filter, watched folders, error descriptions, warnings report."""
from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
import watchfiles

from site_builder.build import BuildResult, template_dirs
from site_builder.errors import ContentError
from site_builder.model import Warning_
from site_builder.serve.ahead import PagesAhead
from site_builder.serve.builds import Builds
from site_builder.serve.quick import QuickPages
from site_builder.serve.server import LiveState
from site_builder.serve.watch import SiteFilter, describe_changes, describe_failure, watched_dirs


@pytest.mark.parametrize("name, kept", [
    ("articles/a.md", True), ("raw/000_x.txt", True), ("site.toml", True), ("templates/base.html", True),
    ("templates/static/site.css", True),
    ("articles/.a.md.swp", False), ("articles/.a.md.swx", False), ("articles/a.md~", False),
    ("articles/.#a.md", False), ("articles/#a.md#", False), ("articles/4913", False),
    ("templates/sedAb12Cd", False), ("templates/.base.html.Xy12Ab", False), ("articles/a.md.tmp", False),
    (".git/index", False), ("articles/.DS_Store", False), ("articles/__pycache__/x.pyc", False),
])
def test_filter(tmp_path, name, kept):
    f = SiteFilter(tmp_path / "public")
    assert f(watchfiles.Change.modified, str(tmp_path / "content" / name)) is kept


def test_filter_ignores_the_output_and_its_staging_folders(tmp_path):
    output = tmp_path / "content" / "public"
    f = SiteFilter(output)
    assert not f(watchfiles.Change.added, str(output / "index.html"))
    assert not f(watchfiles.Change.added, str(output.parent / ".public.staging-abc" / "index.html"))
    assert not f(watchfiles.Change.deleted, str(output.parent / ".public.old-1-2" / "a" / "index.html"))
    assert f(watchfiles.Change.added, str(output.parent / "articles" / "a.md"))


def test_watched_dirs_are_content_and_templates(tmp_path):
    content = tmp_path / "content"
    (content / "templates").mkdir(parents=True)
    dirs = watched_dirs(content, template_dirs(content))
    # the site's own templates are inside content/; the project's templates are added
    assert dirs[0] == content.resolve()
    assert len(dirs) == 2 and dirs[1].name == "templates" and not dirs[1].is_relative_to(content)


def test_describe_changes(tmp_path):
    root = tmp_path / "content"
    batch = {(watchfiles.Change.modified, str(root / "articles" / f"{n}.md")) for n in range(5)}
    assert describe_changes(batch, [root]) == \
        "content/articles/0.md, content/articles/1.md, content/articles/2.md and 2 more"


def _jinja_error(tmp_path: Path, source: str, **values) -> BaseException:
    (tmp_path / "page.html").write_text(source, encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), undefined=jinja2.StrictUndefined)
    with pytest.raises(jinja2.TemplateError) as info:
        env.get_template("page.html").render(**values)
    return info.value


def test_describe_template_syntax_error(tmp_path):
    exc = _jinja_error(tmp_path, "<p>\n{% if x %}\n<p>{{ x }</p>\n")
    message, internal = describe_failure(exc, [tmp_path.resolve()])
    assert not internal
    assert message.startswith(f"{tmp_path / 'page.html'}:3: ")


def test_describe_template_runtime_error(tmp_path):
    exc = _jinja_error(tmp_path, "<p>\n<p>\n{{ article.title }}\n")
    message, internal = describe_failure(exc, [tmp_path.resolve()])
    assert not internal
    assert message == f"{(tmp_path / 'page.html').resolve()}:3: UndefinedError: 'article' is undefined"


def test_describe_site_build_error_and_bugs(tmp_path):
    assert describe_failure(ContentError("bad", tmp_path / "a.md", 4), []) == (f"{tmp_path / 'a.md'}:4: bad", False)
    try:
        {}["x"]
    except KeyError as exc:
        message, internal = describe_failure(exc, [tmp_path])
    assert internal and message == "unexpected KeyError during the build: 'x'"


def test_unchanged_warnings_are_listed_once(tmp_path, capsys):
    warning = Warning_(file=tmp_path / "raw" / "a.txt", message="passages put back", line=3, code="interleave")
    result = BuildResult(output_dir=tmp_path, articles=1, pages_written=2, warnings=[warning])
    changed = BuildResult(output_dir=tmp_path, warnings=[warning, warning])
    results = iter([result, result, changed])
    builds = Builds(lambda options: next(results), None, LiveState(), PagesAhead(), QuickPages(tmp_path, []), [])
    for _ in range(2):
        assert builds.first()
    err = capsys.readouterr().err
    assert err.count(str(warning)) == 1
    assert "1 warning(s), unchanged" in err
    assert builds.first()
    assert capsys.readouterr().err.count(str(warning)) == 2
