#!/usr/bin/env bash
# The main job: install, validate the data, generate docs/ and build the site into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh docs
# The README's next step, `.venv/bin/python -m build`, needs PyPA's build (the test extra has
# it too); installed only when missing.
.venv/bin/python -c 'import build' 2>/dev/null ||
  .venv/bin/python -m pip install -q --disable-pip-version-check 'build>=1.2'
export NO_MKDOCS_2_WARNING=1
.venv/bin/eks-sg validate
.venv/bin/eks-sg build
.venv/bin/mkdocs build --strict
echo
echo "The site is in site/. To read it: .venv/bin/python -m http.server -d site 8000"
echo "then open http://127.0.0.1:8000/ (it needs no network). Live editing: .venv/bin/mkdocs serve"
echo "The wheel and sdist: .venv/bin/python -m build (into dist/)"
