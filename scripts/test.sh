#!/usr/bin/env bash
# The whole test suite: installs what the tests need (Python packages, chromium, shellcheck),
# then lint, then every test. Extra arguments go to pytest (e.g. -k csv).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export NO_MKDOCS_2_WARNING=1
# The suite starts Python some thousand times (eks-sg, mkdocs, the aws fork server's clients):
# with PYTHONDONTWRITEBYTECODE set (these machines set it) each start compiles gen's sources
# again and pytest rewrites every test module in each worker. The caches are git-ignored.
unset PYTHONDONTWRITEBYTECODE
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# Both cores: the moto, terraform and Chromium tests are independent (each module starts its
# own moto server from empty state; every file they write is under pytest's tmp_path).
# worksteal: a worker left idle takes queued tests from the other, so a long test near the
# end does not leave one core waiting.
.venv/bin/python -m pytest -n 2 --dist worksteal "$@"
