"""Modules and classes over the size a reader can hold in mind (exit 1 if any).

    .venv/bin/python scripts/code_size.py [site_builder] [--module-lines 400] [--class-lines 300]
"""
from __future__ import annotations

import argparse
import ast
from pathlib import Path


def oversized(root: Path, module_lines: int, class_lines: int) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        if lines > module_lines:
            found.append(f"{path}: module of {lines} lines (over {module_lines})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
                size = node.end_lineno - node.lineno + 1
                if size > class_lines:
                    found.append(f"{path}:{node.lineno}: class {node.name} of {size} lines (over {class_lines})")
    return found


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("root", nargs="?", default="site_builder", type=Path)
    ap.add_argument("--module-lines", type=int, default=400)
    ap.add_argument("--class-lines", type=int, default=300)
    args = ap.parse_args()
    found = oversized(args.root, args.module_lines, args.class_lines)
    for line in found:
        print(line)
    modules = sum(1 for _ in args.root.rglob("*.py"))
    print(f"{modules} modules, {len(found)} over the limits")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
