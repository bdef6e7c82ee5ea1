"""site_builder: a static site generator for an archive of Chinese newspaper theory articles."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("site-builder")  # pyproject.toml's version, as installed
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
