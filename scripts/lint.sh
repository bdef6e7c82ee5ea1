#!/usr/bin/env bash
# Static checks, each run in full so that one pass lists every finding:
#   ruff     pyflakes, bugbear and complexity (pyproject.toml) on the package, tests, benchmarks, scripts
#   mypy     the package, as configured in pyproject.toml
#   cycles   no import cycle between the package's modules (scripts/import_cycles.py)
#   size     no module over 400 lines, no class over 300 (scripts/code_size.py)
# Exits non-zero when any of them finds something. Tools come from .venv/ (or $VENV).
set -uo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}

for tool in python ruff mypy; do
  if [ ! -x "$VENV/bin/$tool" ]; then
    echo "lint.sh: $VENV/bin/$tool is missing (install: $VENV/bin/pip install ruff mypy types-PyYAML)" >&2
    exit 2
  fi
done

failed=()
run() {  # run NAME COMMAND... : run a check, remember it when it fails
  local name=$1
  shift
  echo "== $name: $*"
  "$@" || failed+=("$name")
}

run ruff "$VENV/bin/ruff" check site_builder tests benchmarks scripts
run mypy "$VENV/bin/mypy"
run cycles "$VENV/bin/python" scripts/import_cycles.py site_builder
run size "$VENV/bin/python" scripts/code_size.py site_builder

if [ ${#failed[@]} -ne 0 ]; then
  echo "lint.sh: findings from: ${failed[*]}" >&2
  exit 1
fi
echo "lint.sh: clean"
