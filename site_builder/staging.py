"""Staging folders, where a build writes the site before it is swapped into place, and
retired sites, deleted in the background.

A build's first write is its staging folder, made beside the output folder, so an output
folder that cannot be written (a file in the way, a read-only file system, no permission)
fails at once, before the long ingest, with one line saying why. The folder is named
`.<output>.staging-<pid>-<start time>-<random>`: a pid is reused, a pid with its start time
(from /proc) is not, so a later build can tell the staging folders of builds that died, and
delete them, from those of builds still running, which it leaves alone.
"""
from __future__ import annotations

import atexit
import errno
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from site_builder.errors import SiteBuildError


def claim_staging(output_dir: Path) -> Path:
    """Make this build's staging folder beside output_dir (and any missing parent folders),
    after removing those of builds that died. It is the build's first write, so an output
    folder that cannot be written fails here, before the long ingest, saying why."""
    if output_dir.is_mount():
        raise SiteBuildError("output folder is a mount point: the build replaces the folder whole, "
                             "so publish into a folder inside it", output_dir)
    try:
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        _remove_dead_stagings(output_dir)
        prefix = f"{_staging_prefix(output_dir)}{os.getpid()}-{_start_time(os.getpid()) or 0}-"
        return Path(tempfile.mkdtemp(prefix=prefix, dir=output_dir.parent))
    except OSError as exc:
        raise SiteBuildError(f"output folder cannot be written: {_why_unwritable(output_dir, exc)}",
                             output_dir) from None


def _staging_prefix(output_dir: Path) -> str:
    return f".{output_dir.name}.staging-"  # then <pid>-<start time>-<random>


def _why_unwritable(output_dir: Path, error: OSError) -> str:
    blocker = next(p for p in output_dir.parents if p.exists())  # the folder that was to be written
    if not blocker.is_dir():
        return f"{blocker} is a file, not a folder"
    if error.errno == errno.EROFS:
        return f"{blocker} is on a read-only file system"
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"no permission to write in {blocker}"
    return f"{error.strerror or error} ({blocker})"


def _remove_dead_stagings(output_dir: Path) -> None:
    """Staging folders whose builder is gone (killed mid-build). A running build's is left alone,
    so is one a process still names on its command line (a killed build's Pagefind run goes on
    writing into it until it ends), and so is a folder whose name does not say who made it."""
    prefix = _staging_prefix(output_dir)
    dead = []
    for folder in output_dir.parent.iterdir():
        owner = _STAGING_OWNER.match(folder.name[len(prefix):]) if folder.name.startswith(prefix) else None
        if owner and folder.is_dir() and not _is_running(int(owner["pid"]), owner["start"]):
            dead.append(folder)
    in_use = _command_lines() if dead else ""
    for folder in dead:
        if str(folder) not in in_use:
            shutil.rmtree(folder, ignore_errors=True)


def _command_lines() -> str:
    """The command lines of all running processes, one per line ("" without /proc)."""
    lines = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            lines.append(cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace"))
        except OSError:  # it ended meanwhile
            continue
    return "\n".join(lines)


_STAGING_OWNER = re.compile(r"(?P<pid>\d+)-(?P<start>\d+)-")


def _is_running(pid: int, start: str) -> bool:
    """Whether process pid is the one that started at `start` and is still alive: a pid is
    reused, a pid with its start time is not. Without /proc (start "0"), the pid alone."""
    if start == "0":
        try:
            os.kill(pid, 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            return False
        except PermissionError:  # it exists, and belongs to another user
            pass
        return True
    stat = _proc_stat(pid)
    return stat is not None and stat[1] == start and stat[0] not in "ZX"  # zombie or dead: it has exited


def _start_time(pid: int) -> str | None:
    stat = _proc_stat(pid)
    return stat[1] if stat else None


def _proc_stat(pid: int) -> tuple[str, str] | None:
    """(state, start time in clock ticks after boot) of a process, from /proc/<pid>/stat;
    None when there is no such process or no /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()  # after "pid (command name)", which may hold spaces
    return fields[0], fields[19]  # fields 3 and 22 of proc(5)


_removals: list[tuple[threading.Thread, Path]] = []
REMOVING = "removing-"  # a retired site handed over to a process of its own: .public.old-removing-<pid>
# that process: it names the folder as its own, then deletes it
_REMOVER = """import os, shutil, sys
folder = sys.argv[1]
mine = folder.rsplit(".old-", 1)[0] + ".old-removing-" + str(os.getpid())
try:
    os.rename(folder, mine)
except OSError:
    sys.exit()
shutil.rmtree(mine, ignore_errors=True)
"""


def retire(folder: Path) -> None:
    """Delete a folder of a site no longer wanted, in the background, under a name that says so
    (`<name>.old-<pid>-<time>`), so that nothing takes it for what it was."""
    retired = folder.with_name(f"{folder.name}.old-{os.getpid()}-{time.monotonic_ns()}")
    folder.rename(retired)
    remove_in_background(retired)


def remove_in_background(folder: Path) -> None:
    """Delete a retired site while the caller goes on (thousands of files take seconds); a
    process that ends first hands what is left to a process of its own (`hand_over_removals`)."""
    thread = threading.Thread(target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True},
                              name=f"remove {folder.name}", daemon=True)
    thread.start()
    _removals.append((thread, folder))


def finish_removals() -> None:
    """Wait until this process's removals are done."""
    while _removals:
        _removals.pop()[0].join()


def hand_over_removals() -> None:
    """At exit: a retired site still being deleted is left to a process of its own, so that a
    build's process ends when the site is published, not when the old one is gone."""
    while _removals:
        thread, folder = _removals.pop()
        if thread.is_alive():
            subprocess.Popen([sys.executable, "-c", _REMOVER, str(folder)], start_new_session=True,
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


atexit.register(hand_over_removals)


def remove_leftovers(output_dir: Path) -> None:
    """Retired sites a killed build left behind (never a staging folder: one may be in use, nor
    a site this process or a live remover is deleting)."""
    for leftover in output_dir.parent.glob(f".{output_dir.name}.old-*"):
        if leftover.is_dir() and not _being_removed(leftover):
            shutil.rmtree(leftover, ignore_errors=True)


def _being_removed(leftover: Path) -> bool:
    if any(folder.name == leftover.name for _, folder in _removals):
        return True
    tail = leftover.name.rpartition(".old-")[2]
    remover = tail.removeprefix(REMOVING)
    if remover == tail or not remover.isdigit():
        return False
    try:
        os.kill(int(remover), 0)
    except ProcessLookupError:
        return False
    except OSError:  # alive, but another user's
        return True
    return True
