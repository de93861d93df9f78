#!/usr/bin/env bash
# Configures and builds OutlierDesk into build/ (executables in build/bin/). Extra arguments go
# to the build step, e.g. scripts/build.sh --target outlierctl.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset default >/dev/null
cmake --build --preset default -j"$(nproc)" "$@"
