"""Pagefind runs: the standard binary from PyPI indexing folders of shadow pages."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from site_builder.errors import SiteBuildError
from site_builder.search.reproducible import rename_pages

ENTRY_FILE = "pagefind-entry.json"  # Pagefind writes it last: its absence means a failed run


def pagefind_command() -> list[str]:
    """The standard Pagefind binary from PyPI (pagefind-bin), never the extended one: our
    tokens are ASCII words and must not be re-segmented."""
    return [sys.executable, "-m", "pagefind_bin"]


class PagefindRuns:
    """Pagefind processes, at most ``jobs`` at a time; any failure fails the build.

    Each run indexes a folder of shadow pages into a bundle folder, after which its
    fragments get the readable fields of their pages (``finish_fragments``) and the folder
    of shadow pages is deleted."""

    def __init__(self, jobs: int):
        self.jobs = max(1, jobs)
        self.running: list[_Run] = []

    def __enter__(self) -> PagefindRuns:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        for run in self.running:
            if run.process.poll() is None:
                run.process.kill()
                run.process.wait()

    def start(self, pages: Path, bundle: Path, prune: bool, fields: dict[str, dict[str, str]]) -> None:
        """Index ``pages`` into ``bundle``; ``prune`` keeps only what a merged shard needs;
        ``fields``: the readable fields of each page, by its URL."""
        while len(self.running) >= self.jobs:
            self._finish_oldest()
        cmd = pagefind_command() + ["--site", str(pages), "--output-path", str(bundle), "--silent"]
        env = dict(os.environ)
        env.pop("PAGEFIND_BINARY_PATH", None)
        process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
        self.running.append(_Run(process, pages, bundle, prune, fields))

    def wait_all(self) -> None:
        while self.running:
            self._finish_oldest()

    def _finish_oldest(self) -> None:
        run = self.running[0]
        output = run.process.communicate()[0]
        self.running.remove(run)
        if run.process.returncode != 0 or not (run.bundle / ENTRY_FILE).exists():
            detail = output.decode("utf-8", "replace").strip()[-2000:]
            raise SiteBuildError(f"Pagefind failed (exit {run.process.returncode}): {detail}", run.pages)
        finish_fragments(run.bundle, run.fields)
        if run.prune:
            _prune_shard(run.bundle)
        shutil.rmtree(run.pages, ignore_errors=True)


@dataclass(frozen=True)
class _Run:
    process: subprocess.Popen[bytes]
    pages: Path  # the folder of shadow pages it indexes
    bundle: Path  # the folder it writes
    prune: bool
    fields: dict[str, dict[str, str]]  # the readable fields of each page, by its URL


FRAGMENT_HASH_DIGITS = 10
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def finish_fragments(bundle: Path, fields: dict[str, dict[str, str]]) -> None:
    """Give each fragment (what the browser loads per result) its page's readable fields:
    content <- the text, meta <- title, authors, source, date, body_at.

    Each fragment is then named by its new content, prefixed with ``d`` and its page's date
    (``d20240620.zh-cn_…``) when it has one: result ids are these names, so the search page
    sorts results by date without loading anything."""
    names = {}
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        signature = b"pagefind_dcd" if data.startswith(b"pagefind_dcd") else b""
        fragment = json.loads(data[len(signature):])
        if fragment["url"] not in fields:
            raise SiteBuildError(f"Pagefind indexed a page that was not given to it: {fragment['url']}", path)
        meta = dict(fields[fragment["url"]])
        fragment["content"] = meta.pop("text")
        fragment["meta"] = meta
        payload = signature + json.dumps(fragment, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        old = path.name.removesuffix(".pf_fragment")
        names[old] = fragment_name(old.split("_")[0], payload, meta.get("date", ""))
        path.unlink()
        path.with_name(f"{names[old]}.pf_fragment").write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    rename_pages(bundle, names)


def fragment_name(language: str, payload: bytes, date: str) -> str:
    """``[d<yyyymmdd>.]<language>_<SHA-1 of the content, cut short>``."""
    name = f"{language}_{hashlib.sha1(payload).hexdigest()[:FRAGMENT_HASH_DIGITS]}"
    day = _ISO_DATE.fullmatch(date)
    return f"d{''.join(day.groups())}.{name}" if day else name


def _prune_shard(bundle: Path) -> None:
    """A merged shard needs only its entry, meta, index, fragments and filters: the browser
    runs the primary bundle's pagefind.js and wasm for every shard."""
    for f in bundle.iterdir():
        if f.is_file() and not (f.name == ENTRY_FILE or f.name.endswith(".pf_meta")):
            f.unlink()
