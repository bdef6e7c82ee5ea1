"""Pagefind's browser engine from PyPI (``pagefind_bin``): its scripts and WebAssembly.

The bundle's index, fragments, filters and pf_meta are written by ``writer``; the files
that run the search in the browser (pagefind.js, its worker, the wasm, the UI files) and the
entry file's constants are taken from a run of the standard binary on a one-page site, so
they always match the installed Pagefind.
"""
from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from site_builder.errors import SiteBuildError

ENTRY_FILE = "pagefind-entry.json"  # Pagefind writes it last: its absence means a failed run


def pagefind_command(module: str = "pagefind_bin") -> list[str]:
    """A Pagefind binary from PyPI; the standard one unless told otherwise."""
    return [sys.executable, "-m", module]


def replace_file(path: Path, data: bytes) -> None:
    """``path`` with ``data``, never written into the file it held (the folder may be an
    earlier build's: its files may be the published site's, hard-linked)."""
    path.unlink(missing_ok=True)
    with open(path, "xb") as out:
        out.write(data)


def engine_files(bundle: Path, language: str, made: tuple[dict[str, bytes], dict] | None = None) -> dict:
    """Copy Pagefind's fixed-name files into ``bundle`` (an earlier build's replaced); returns the entry file it wrote
    (version, the wasm of ``language``, the characters it keeps in words). ``made``: ``engine_output(language)``,
    when made ahead."""
    engine, entry = made if made is not None else engine_output(language)
    bundle.mkdir(parents=True, exist_ok=True)
    for name in sorted(engine):
        replace_file(bundle / name, engine[name])
    for held in bundle.iterdir():  # an earlier build's engine file this one has not
        if held.is_file() and held.name not in engine and not held.name.endswith(".pf_meta"):
            held.unlink()
    return entry


def engine_output(language: str) -> tuple[dict[str, bytes], dict]:
    """Pagefind's fixed-name files (by name) and its entry file, for ``language``: the binary run
    on a one-page site (a process of its own: ~0.08 s)."""
    with tempfile.TemporaryDirectory(prefix="search-engine-") as tmp:
        site, out = Path(tmp) / "site", Path(tmp) / "out"
        site.mkdir()
        (site / "index.html").write_text(
            f'<!doctype html><html lang="{html.escape(language)}"><head><meta charset="utf-8"><title>-</title>'
            "</head><body><main data-pagefind-body><p>0</p></main></body></html>\n", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "PAGEFIND_BINARY_PATH"}
        cmd = pagefind_command() + ["--site", str(site), "--output-path", str(out), "--silent"]
        run = subprocess.run(cmd, capture_output=True, env=env, check=False)
        if run.returncode != 0 or not (out / ENTRY_FILE).exists():
            detail = (run.stdout + run.stderr).decode("utf-8", "replace").strip()[-2000:]
            raise SiteBuildError(f"Pagefind failed (exit {run.returncode}): {detail}", site)
        engine = {f.name: f.read_bytes() for f in out.iterdir()
                  if f.is_file() and f.name != ENTRY_FILE and not f.name.endswith(".pf_meta")}
        return engine, json.loads((out / ENTRY_FILE).read_text(encoding="utf-8"))
