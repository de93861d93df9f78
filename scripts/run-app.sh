#!/usr/bin/env bash
# The first README command: install what is missing, build, and open the desktop app on the
# bundled sample with local detection.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/bin/outlierdesk resources/samples/service-metrics.csv "$@"
