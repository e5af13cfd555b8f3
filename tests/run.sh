#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need (the package with its
# dev extra, Debian's chromium and a CJK font for the browser tests), then lint, types, pytest.
# Usage: bash tests/run.sh [PYTEST ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."

# Chinese text in the charts and screenshots needs a CJK font
if ! command -v chromium >/dev/null 2>&1 || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    echo "installing Debian's chromium and fonts-noto-cjk for the browser and image tests" >&2
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi

python3 -m pip install -q --disable-pip-version-check -e '.[dev]'

echo "== ruff" >&2
python3 -m ruff check .
python3 -m ruff format --check .
echo "== mypy" >&2
python3 -m mypy timeline
echo "== no clock in library code" >&2
if grep -rnE "date\.today\(\)|datetime\.now\(\)" timeline --include=*.py | grep -v "^timeline/cli.py"; then
    echo "library code must take the reference date as an argument, not read the clock" >&2
    exit 1
fi
echo "== pytest" >&2
TIMELINE_REQUIRE_BROWSER=1 python3 -m pytest "$@"
