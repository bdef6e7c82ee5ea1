#!/usr/bin/env bash
# One entry point for people and CI, on a fresh Debian machine with Python 3.11:
#   scripts/dev.sh serve   set up, build content/ into public/, preview at http://127.0.0.1:8000
#   scripts/dev.sh test    set up (system packages too), run the static checks and the whole test suite
#   scripts/dev.sh setup   set up only
# It installs what is missing and nothing else: Python packages into .venv/, and for the
# tests Debian's chromium, CJK fonts and a Java runtime (apt-get; needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=.venv

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "dev.sh: need root (or sudo) to run: $*" >&2; exit 1; fi
}

apt_install() {  # apt_install PACKAGE... : install the Debian packages that are missing
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "dev.sh: installing Debian packages: ${missing[*]}" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup_python() {  # setup_python [EXTRAS] : the venv with this package (and its extras)
  local target="."
  [ -n "${1:-}" ] && target=".[$1]"
  if ! "$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
    echo "dev.sh: Python 3.11 or newer is needed as '$PYTHON'" >&2; exit 1
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    # Debian's python3 has no ensurepip unless python3-venv is installed
    "$PYTHON" -c 'import ensurepip' 2>/dev/null || apt_install python3-venv
    "$PYTHON" -m venv "$VENV"
  fi
  local stamp="$VENV/.installed" wanted
  wanted=$( (echo "$target"; cat pyproject.toml requirements*.txt 2>/dev/null) | sha1sum | cut -c1-40)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$target"
    echo "$wanted" > "$stamp"
  fi
}

setup_test_tools() {  # a browser with Chinese fonts, and Java for the Nu Html Checker
  apt_install chromium fonts-noto-cjk default-jre-headless
}

case "${1:-}" in
  setup) setup_python ;;
  serve) setup_python; shift; exec "$VENV/bin/site-builder" serve "$@" ;;
  build) setup_python; shift; exec "$VENV/bin/site-builder" build "$@" ;;
  test)
    setup_python test; setup_test_tools; shift
    scripts/lint.sh  # ruff, mypy, import cycles, module and class sizes
    # two workers (pytest-xdist) for the two cores; tests/conftest.py keeps the modules with
    # costly shared fixtures on one worker each (--dist loadgroup), the rest is spread
    exec "$VENV/bin/python" -m pytest -n 2 --dist loadgroup "$@" ;;
  *) echo "usage: scripts/dev.sh serve | test | build | setup" >&2; exit 2 ;;
esac
