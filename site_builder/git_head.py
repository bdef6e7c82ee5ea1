"""The commit checked out where a folder is: what the build key and the entry times of the
content files depend on. Kept apart from ingest so that a build with nothing to do can ask
without importing any stage."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def checkout_head(folder: Path) -> str | None:
    """The commit checked out where `folder` is; None when the folder is not in a git
    checkout with a commit, or git is not installed."""
    git = shutil.which("git")
    if git is None:
        return None
    done = subprocess.run([git, "-C", str(folder), "rev-parse", "--verify", "-q", "HEAD"],
                          capture_output=True, text=True, check=False)
    return done.stdout.strip() or None if done.returncode == 0 else None
