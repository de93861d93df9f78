#!/usr/bin/env bash
# Configures and builds OutlierDesk into build/ (executables in build/bin/). Extra arguments go
# to the build step, e.g. scripts/build.sh --target outlierctl.
set -euo pipefail
cd "$(dirname "$0")/.."
# Paths relative to the checkout in ccache's keys: a second clone or worktree (CI's fresh clone
# included) reuses what the first one compiled.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"
cmake --preset default >/dev/null
cmake --build --preset default -j"$(nproc)" "$@"
