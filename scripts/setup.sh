#!/usr/bin/env bash
# Installs what the project needs on a fresh machine, and nothing that is already there.
#   scripts/setup.sh docs   Python packages to validate, generate and build the site (.venv)
#   scripts/setup.sh test   also the test tools: Debian's chromium, shellcheck, dash, busybox, npm,
#                           pytest, ..., axe-core (npm registry) in .venv/npm for the a11y check,
#                           and checkov (PyPI) in its own .venv/checkov, linked as .venv/bin/checkov
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

# terraform for the Terraform tests: the one on PATH, else the pinned official release (its
# SHA-256 checked) into .venv/bin, else stop saying what is missing.
TERRAFORM_VERSION=1.11.4
declare -A TERRAFORM_SHA256=(
  [linux_amd64]=1ce994251c00281d6845f0f268637ba50c0005657eb3cf096b92f753b42ef4dc
)
if [[ $extra == test ]] && ! command -v terraform >/dev/null && [[ ! -x .venv/bin/terraform ]]; then
  platform=$(uname -s | tr '[:upper:]' '[:lower:]')_$(uname -m | sed 's/x86_64/amd64/')
  sum=${TERRAFORM_SHA256[$platform]:-}
  url=https://releases.hashicorp.com/terraform/$TERRAFORM_VERSION/terraform_${TERRAFORM_VERSION}_$platform.zip
  if [[ -z $sum ]] || ! .venv/bin/python - "$url" "$sum" <<'PY'
import hashlib, io, os, sys, urllib.request, zipfile
url, want = sys.argv[1], sys.argv[2]
try:
    data = urllib.request.urlopen(url, timeout=60).read()
except OSError as err:
    sys.exit(f"cannot download {url}: {err}")
if hashlib.sha256(data).hexdigest() != want:
    sys.exit(f"{url}: SHA-256 mismatch, not installed")
zipfile.ZipFile(io.BytesIO(data)).extract("terraform", ".venv/bin")
os.chmod(".venv/bin/terraform", 0o755)
PY
  then
    echo "error: terraform $TERRAFORM_VERSION is needed by the tests and could not be installed" >&2
    echo "  (no terraform on PATH; no pinned checksum for $platform, or the download failed)." >&2
    echo "  Install terraform $TERRAFORM_VERSION on PATH, then run this again." >&2
    exit 2
  fi
fi
# checkov for the plan-gate pairing test (docs/plan-gate.md), in a virtualenv of its own: it
# pins its own packaging, and its bc-python-hcl2 would shadow python-hcl2's `hcl2` module.
if [[ $extra == test ]] && [[ ! -x .venv/checkov/bin/checkov ]]; then
  "$python" -m venv .venv/checkov
  .venv/checkov/bin/python -m pip install -q --disable-pip-version-check "checkov>=3.2,<4"
fi
if [[ $extra == test ]] && [[ ! -e .venv/bin/checkov ]]; then
  ln -s ../checkov/bin/checkov .venv/bin/checkov
fi
if [[ $extra == test ]]; then
  axe=4.14.1  # tests/site_figures.py injects axe.min.js into each page in Chromium
  if [[ $(cat .venv/npm/node_modules/axe-core/package.json 2>/dev/null) != *"\"version\": \"$axe\""* ]]; then
    npm install --prefix .venv/npm --no-audit --no-fund --silent "axe-core@$axe"
  fi
fi
