#!/usr/bin/env bash
# Builds the CSV reader's libFuzzer target with clang (ASan + UBSan) in build-fuzz/ and runs it
# for a bounded time: scripts/run-fuzz.sh [SECONDS] (default 60). Exits non-zero when the fuzzer
# finds a crash; the input that caused it is kept in build-fuzz/fuzz-artifacts/ and belongs in
# tests/core/tst_csvreader.cpp as a regular test row once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=build-fuzz

command -v clang++ >/dev/null || { echo "run-fuzz: clang++ is missing (scripts/install-deps.sh)" >&2; exit 1; }
CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DOD_BUILD_FUZZ=ON -DOD_BUILD_DESKTOP=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target fuzz_csv_reader

# New inputs go to the first corpus directory: a scratch one, so the committed seeds stay as they are.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$build/fuzz-artifacts"
echo "run-fuzz: fuzzing the CSV reader for ${seconds} s"
"$build/bin/fuzz_csv_reader" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
  -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/" "$scratch" tests/fuzz/corpus/csv
