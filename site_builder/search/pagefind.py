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


def engine_files(bundle: Path, language: str) -> dict:
    """Copy Pagefind's fixed-name files into ``bundle`` (an earlier build's replaced); returns the entry file it wrote
    (version, the wasm of ``language``, the characters it keeps in words)."""
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
        bundle.mkdir(parents=True, exist_ok=True)
        engine = {f.name for f in out.iterdir() if f.is_file() and f.name != ENTRY_FILE and not f.name.endswith(".pf_meta")}
        for name in sorted(engine):
            replace_file(bundle / name, (out / name).read_bytes())
        for held in bundle.iterdir():  # an earlier build's engine file this one has not
            if held.is_file() and held.name not in engine and not held.name.endswith(".pf_meta"):
                held.unlink()
        return json.loads((out / ENTRY_FILE).read_text(encoding="utf-8"))
