"""The build summary printed by `site-builder build` and after each rebuild of `serve`."""
from __future__ import annotations

import sys
from collections import Counter

from site_builder.build import BuildResult
from site_builder.model import Warning_
from site_builder.progress import summary


def print_report(result: BuildResult) -> None:
    """What was made (stdout); what the extractor was unsure of and what was skipped (stderr)."""
    for error in result.errors:
        print(f"error: {error} (skipped)", file=sys.stderr)
    if result.warnings:
        counts = Counter(w.code for w in result.warnings)
        summary = ", ".join(f"{n} {code}" for code, n in counts.most_common())
        print(f"{len(result.warnings)} warning(s): {summary}", file=sys.stderr)
        for warning in sorted(result.warnings, key=_place):
            print(f"  warning: {warning}", file=sys.stderr)
    searchable = f", {result.searchable} pages searchable" if result.searchable is not None else ""
    if result.unchanged:
        print(f"nothing changed: {result.output_dir} is current ({result.articles} articles, "
              f"{result.pages_written} pages{searchable}; checked in {result.seconds:.1f} s)")
        return
    rendered = f" ({result.pages_rendered} rendered)"
    print(f"built {result.articles} articles, {result.pages_written} pages{rendered}{searchable} "
          f"into {result.output_dir} in {result.seconds:.1f} s{_stages(result)}")


def _place(warning: Warning_) -> tuple[str, int]:
    """Warnings in reading order: by file, then line."""
    return (str(warning.file or ""), warning.line or 0)


def _stages(result: BuildResult) -> str:
    return f" ({summary(result.stages)})" if result.stages else ""
