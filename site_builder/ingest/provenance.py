"""When each content file entered the archive: the feed date of an article whose page prints
no date (SourceDocument.added), never an invented one.

- `SOURCE_DATE_EPOCH` set (reproducible builds): that moment, for every file;
- else the file's first commit, when the content folder is in a git checkout (one `git log`
  for the whole folder; a renamed file counts from the commit that gave it its name);
- else the file's modification time (a file git does not know: not committed, or no git).

All times are timezone-aware, in UTC.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from site_builder.errors import SiteBuildError

_HEADER = "\x01"  # marks a commit's line in the log: \x01<committer time>


def entry_times(content_dir: Path, files: list[Path],
                committed: dict[str, dt.datetime] | None = None) -> dict[Path, dt.datetime | None]:
    """The moment each of `files` (inside content_dir) entered the archive (None: a file that
    cannot be read, which reading it will report). `committed`: the folder's first_commits,
    when the caller has them already."""
    fixed = _source_date_epoch()
    if fixed is not None:
        return {path: fixed for path in files}
    if committed is None:
        committed = first_commits(content_dir)
    times: dict[Path, dt.datetime | None] = {}
    for path in files:
        when = committed.get(_relative(path, content_dir))
        times[path] = when if when is not None else _modified(path)
    return times


def first_commits(folder: Path) -> dict[str, dt.datetime]:
    """Each file under `folder` (path relative to it, with '/') -> the commit that added it;
    empty when the folder is not in a git checkout or git is not installed."""
    git = shutil.which("git")
    if git is None:
        return {}
    command = [git, "-c", "core.quotePath=false", "-C", str(folder), "log", f"--format={_HEADER}%ct",
               "--name-only", "--diff-filter=A", "--no-renames", "--relative", "-z", "--", "."]
    done = subprocess.run(command, capture_output=True, check=False)
    if done.returncode != 0:
        return {}
    added: dict[str, dt.datetime] = {}
    when: dt.datetime | None = None
    for field in done.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if field.startswith(_HEADER):
            when = dt.datetime.fromtimestamp(int(field[1:]), dt.UTC)
        elif field and when is not None:
            # the log runs newest first: the last commit seen adding a name is its first
            added[field.removeprefix("\n")] = when
    return added


def _source_date_epoch() -> dt.datetime | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None or not value.strip():
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise SiteBuildError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, "
                             f"got {value!r}") from None


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.as_posix()


def _modified(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except OSError:  # a dangling link: reading it reports the file
        return None
