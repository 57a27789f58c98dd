#!/usr/bin/env bash
# Installs what the project needs on a fresh machine, and nothing that is already there.
#   scripts/setup.sh docs   Python packages to validate, generate and build the site (.venv)
#   scripts/setup.sh test   also the test tools: Debian's chromium, shellcheck, dash, busybox, npm,
#                           pytest, ..., and axe-core (npm registry) in .venv/npm for the a11y check
set -euo pipefail
cd "$(dirname "$0")/.."
extra=${1:-docs}

if [[ $extra == test ]]; then
  missing=()
  for pkg in chromium shellcheck dash busybox; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  command -v npm >/dev/null || missing+=(npm)  # any npm (Node's own, or Debian's)
  if ((${#missing[@]})); then
    echo "Installing Debian packages: ${missing[*]}"
    sudo=""
    [[ $(id -u) == 0 ]] || sudo=sudo
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "error: Python 3.11 or newer is needed ($python is $("$python" --version 2>&1))" >&2
  exit 2
fi
[[ -x .venv/bin/python ]] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[$extra]"

if [[ $extra == test ]]; then
  axe=4.14.1  # tests/site_figures.py injects axe.min.js into each page in Chromium
  if [[ $(cat .venv/npm/node_modules/axe-core/package.json 2>/dev/null) != *"\"version\": \"$axe\""* ]]; then
    npm install --prefix .venv/npm --no-audit --no-fund --silent "axe-core@$axe"
  fi
fi
