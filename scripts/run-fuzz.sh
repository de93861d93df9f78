#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and runs each in turn for
# a bounded time: scripts/run-fuzz.sh [SECONDS] [TARGET...]. SECONDS is per target (default 30);
# the CSV reader, whose input space is the largest, gets twice that. With no TARGET, every one:
#
#   fuzz_csv_reader         core CSV reader                  corpus tests/fuzz/corpus/csv
#   fuzz_outliers_wire      pb.Outliers/Detect wire reader    corpus tests/fuzz/corpus/outliers_wire
#   fuzz_detector_request   outlierdesk.v1 Detect requests    corpus tests/fuzz/corpus/detector_request
#   fuzz_follow             the desktop's follow reader       corpus tests/fuzz/corpus/follow
#
# Exits non-zero when a fuzzer finds a crash (after running the others); the input that caused
# it is kept in build-fuzz/fuzz-artifacts/ and belongs, once fixed, as a regular test row in the
# matching tests/ program (tst_csvreader, tst_outlierswire, tst_detectorservice, tst_follow).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
all=(fuzz_csv_reader fuzz_outliers_wire fuzz_detector_request fuzz_follow)
targets=("${@:-${all[@]}}")
build=build-fuzz

case "$seconds" in
  '' | *[!0-9]*) echo "run-fuzz: SECONDS must be a whole number, not '$seconds'" >&2; exit 2 ;;
esac
for t in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $t "* ]] || { echo "run-fuzz: unknown target '$t' (one of: ${all[*]})" >&2; exit 2; }
done

command -v clang++ >/dev/null || { echo "run-fuzz: clang++ is missing (scripts/install-deps.sh)" >&2; exit 1; }
# Paths relative to the checkout in ccache's keys, as scripts/build.sh does.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"
CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DOD_BUILD_FUZZ=ON -DOD_BUILD_DESKTOP=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"

# New inputs go to the first corpus directory: a scratch one, so the committed seeds stay as they are.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$build/fuzz-artifacts"
failed=()
for t in "${targets[@]}"; do
  corpus=${t#fuzz_}
  max_len=4096
  time=$seconds
  if [[ $t == fuzz_csv_reader ]]; then
    corpus=csv max_len=16384 time=$((seconds * 2))
  fi
  mkdir -p "$scratch/$corpus"
  echo "run-fuzz: $t for ${time} s"
  if ! "$build/bin/$t" -max_total_time="$time" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
    -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$t-" "$scratch/$corpus" "tests/fuzz/corpus/$corpus"; then
    failed+=("$t")
  fi
done
if ((${#failed[@]})); then
  echo "run-fuzz: crashes found by ${failed[*]}; inputs in $build/fuzz-artifacts/" >&2
  exit 1
fi
echo "run-fuzz: no crash in ${targets[*]}"
