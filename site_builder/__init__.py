"""site_builder: a static site generator for an archive of Chinese newspaper theory articles."""
from __future__ import annotations


def __getattr__(name: str) -> str:
    """`__version__`, looked up when asked for: importing importlib.metadata and finding the
    installed package take longer than a build with nothing to do takes otherwise."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("site-builder")  # pyproject.toml's version, as installed
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"
