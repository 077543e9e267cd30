#!/usr/bin/env bash
# Every check the project has, in one place: lint, format, types, tests.
# CI runs this after installing the project into a fresh virtual environment;
# run it from an activated environment (or give the environment's bin/ as $1).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-}"
[ -n "$bin" ] && bin="${bin%/}/"
"${bin}ruff" check src tests scripts examples bench
"${bin}ruff" format --check src tests scripts examples bench
"${bin}mypy"
"${bin}python" -m pytest
