"""site.toml: declared keys with types; every mistake names the file, the line and the key."""
from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.config import SiteConfig, load_config
from site_builder.errors import ConfigError


def _config(tmp_path: Path, text: str) -> Path:
    (tmp_path / "site.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_project_config_loads():
    config = load_config(Path(__file__).resolve().parents[1] / "content")
    assert config.title and config.language == "zh-CN"
    assert "党建" in config.topics and all(isinstance(w, list) for w in config.topics.values())


def test_missing_file_gives_defaults(tmp_path):
    assert load_config(tmp_path) == SiteConfig()


def test_unknown_key_names_file_line_and_key(tmp_path):
    _config(tmp_path, 'title = "档案"\n\npage_sise = 10\n')
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert err.value.file == tmp_path / "site.toml" and err.value.line == 3
    assert "unknown key 'page_sise'" in str(err.value) and "page_size" in str(err.value)


@pytest.mark.parametrize("line, expected", [
    ('page_size = "20"', "key 'page_size': expected an integer, got a string"),
    ("page_size = true", "key 'page_size': expected an integer, got a boolean"),
    ("title = 3", "key 'title': expected a string, got an integer"),
    ("page_size = 0", "key 'page_size': 0 is out of range"),
    ('base_url = "theory.example"', "key 'base_url': 'theory.example' is not an http(s) URL"),
    ('topics = ["党建"]', "key 'topics': expected a table"),
])
def test_ill_typed_values(tmp_path, line, expected):
    _config(tmp_path, f'description = "档案"\n{line}\n')
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert expected in str(err.value)
    assert str(err.value).startswith(f"{tmp_path / 'site.toml'}:2: ")


def test_ill_typed_topic_keywords_name_the_topic(tmp_path):
    _config(tmp_path, '[topics]\n"党建" = ["党组织", 3]\n')
    with pytest.raises(ConfigError, match=r"key 'topics': '党建': item 2: expected a string"):
        load_config(tmp_path)


def test_toml_syntax_error_has_line(tmp_path):
    _config(tmp_path, 'title = "档案"\npage_size = = 3\n')
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert err.value.line == 2 and "invalid TOML" in str(err.value)


def test_base_url_gets_trailing_slash(tmp_path):
    _config(tmp_path, 'base_url = "https://example.org/archive"\n')
    config = load_config(tmp_path)
    assert config.base_url == "https://example.org/archive/"
    assert config.absolute_url("/feed.xml") == "https://example.org/archive/feed.xml"


def test_cli_reports_config_error_and_exits_1(tmp_path, capsys):
    (tmp_path / "c").mkdir()
    content = _config(tmp_path / "c", "pagesize = 3\n")
    code = main(["build", "--content", str(content), "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{content / 'site.toml'}:1: unknown key 'pagesize'" in err
    assert not (tmp_path / "out").exists()
