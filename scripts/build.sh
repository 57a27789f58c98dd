#!/usr/bin/env bash
# The main job: install, validate the data, generate docs/ and build the site into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh docs
export NO_MKDOCS_2_WARNING=1
.venv/bin/eks-sg validate
.venv/bin/eks-sg build
.venv/bin/mkdocs build --strict
echo
echo "The site is in site/. To read it: .venv/bin/python -m http.server -d site 8000"
echo "then open http://127.0.0.1:8000/ (it needs no network). Live editing: .venv/bin/mkdocs serve"
