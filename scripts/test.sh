#!/usr/bin/env bash
# Install everything the tests need (a headless browser included) and run every test.
# Works on a fresh Debian machine that has only Python; extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${VIRTUAL_ENV:-}" ]; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi
python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

# Debian's Chromium where apt is available (Playwright cannot download browsers everywhere);
# Playwright's own Chromium elsewhere. poppler-utils (pdftoppm) checks that report PDFs render.
apt_packages=""
[ -x /usr/bin/chromium ] || apt_packages="chromium"
command -v pdftoppm >/dev/null 2>&1 || apt_packages="$apt_packages poppler-utils"
if [ -n "$apt_packages" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    # shellcheck disable=SC2086
    $sudo_cmd apt-get install -y -qq $apt_packages
  elif [ ! -x /usr/bin/chromium ]; then
    python -m playwright install chromium
  fi
fi

ruff check .
ruff format --check .
python -m pytest -n 2 "$@"
