"""rjieba's `Jieba` class, loaded without the instance its package makes on import.

Importing the `rjieba` package builds a default segmenter (`rjieba/__init__.py`: jieba's
whole dictionary, a tenth of a second) for its module-level functions. Nothing here uses
those: ingest and analyze each cut with an instance of their own (ingest/lexicon.py,
analyze/keywords.py), so the package's would be a second dictionary loaded for nothing at
every build that reads a text's keywords. The extension module that defines the class is
loaded alone instead, under the name the package gives it, so that an `import rjieba`
later in the process finds it loaded (an extension module is initialised once a process).
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from typing import Any

EXTENSION = "rjieba.rjieba"  # the module the package takes `Jieba` from


def jieba_class() -> Any:
    """The class `rjieba.Jieba` (a segmenter with jieba's default dictionary, made anew)."""
    module = sys.modules.get(EXTENSION) or _load_extension()
    if module is None:  # not laid out as expected: through the package, default instance and all
        import rjieba

        return rjieba.Jieba
    return module.Jieba


def _load_extension() -> Any:
    package = importlib.util.find_spec("rjieba")  # (finds the package without running it)
    folders = list(package.submodule_search_locations or []) if package is not None else []
    found = [path for folder in folders for suffix in importlib.machinery.EXTENSION_SUFFIXES
             for path in [Path(folder) / f"rjieba{suffix}"] if path.is_file()]
    if not found:
        return None
    spec = importlib.util.spec_from_file_location(EXTENSION, found[0])
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[EXTENSION] = module
    spec.loader.exec_module(module)
    return module
