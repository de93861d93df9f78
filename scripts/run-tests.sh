#!/usr/bin/env bash
# The second README command: install what is missing, build, and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
# GUI tests run offscreen; nothing here needs a display.
export QT_QPA_PLATFORM=offscreen
ctest --preset default -j"$(nproc)" "$@"
