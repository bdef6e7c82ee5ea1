"""The package as others install it: a wheel (templates and data included) that builds a site
from any folder, `site-builder --version`, and netlify.toml's build command run in a clean copy
of the repository. These install real packages into fresh virtual environments (pip's cache
makes that quick after the first time)."""
from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT
from site_builder.cli import main

# what a clone of the repository does not hold (.gitignore), and the repository itself
NOT_IN_A_CLONE = shutil.ignore_patterns(".git", ".venv", "public", "build", "*.egg-info", "__pycache__",
                                        ".pytest_cache", ".cache", ".netlify", "node_modules", "out")
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def clean_copy(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=NOT_IN_A_CLONE)
    return target


def make_venv(folder: Path, *requirements: str, cwd: Path | None = None) -> Path:
    """A fresh virtual environment with requirements installed; returns its bin folder."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    subprocess.run([str(folder / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    *requirements], check=True, cwd=cwd, timeout=900)
    return folder / "bin"


def run(command: list[str] | str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=env, shell=isinstance(command, str), capture_output=True,
                          text=True, timeout=900)


def assert_site(site: Path) -> None:
    for name in ("index.html", "404.html", "search/index.html", "feed.xml", "static/style.css",
                 "static/search.js", "pagefind/pagefind.js", "pagefind/pagefind-entry.json"):
        assert (site / name).is_file(), name
    assert len(list(site.glob("articles/*/index.html"))) >= 8
    assert list(site.glob("pagefind/*.pf_meta")) and list(site.glob("pagefind/index/*.pf_index"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """bin/ of a fresh virtual environment with the wheel built from a clean copy installed."""
    base = tmp_path_factory.mktemp("wheel")
    source = clean_copy(base / "source")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "--disable-pip-version-check",
                    "-w", str(base / "dist"), str(source)], check=True, timeout=900)
    (wheel,) = (base / "dist").glob("site_builder-*.whl")
    return make_venv(base / "env", str(wheel))


def test_wheel_builds_a_site_from_any_folder(installed, tmp_path):
    content = shutil.copytree(CONTENT, tmp_path / "my-site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    built = run([str(installed / "site-builder"), "build", "--content", str(content), "--output", "out"], elsewhere)
    assert built.returncode == 0, built.stderr
    assert_site(elsewhere / "out")
    where = run([str(installed / "python"), "-c", "import site_builder; print(site_builder.__file__)"], elsewhere)
    assert "site-packages" in where.stdout and not Path(where.stdout.strip()).is_relative_to(ROOT)


def test_installed_version(installed, tmp_path):
    shown = run([str(installed / "site-builder"), "--version"], tmp_path)
    assert (shown.returncode, shown.stdout) == (0, f"site-builder {VERSION}\n")


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"site-builder {importlib.metadata.version('site-builder')}\n"
    assert importlib.metadata.version("site-builder") == VERSION


def test_netlify_build_command_in_a_clean_copy(tmp_path):
    """The exact [build] command, in a clean copy, with a fresh environment made from
    requirements.txt first on PATH (as Netlify's image has after installing it)."""
    repo = clean_copy(tmp_path / "repo")
    netlify = tomllib.loads((repo / "netlify.toml").read_text(encoding="utf-8"))
    env_bin = make_venv(tmp_path / "env", "-r", "requirements.txt", cwd=repo)
    env = {**os.environ, "PATH": f"{env_bin}{os.pathsep}{os.environ['PATH']}"}
    env.pop("VIRTUAL_ENV", None)
    built = run(netlify["build"]["command"], repo, env)
    assert built.returncode == 0, built.stderr
    assert_site(repo / netlify["build"]["publish"])


def test_netlify_state_is_not_committed():
    assert ".netlify/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
