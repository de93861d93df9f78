#!/usr/bin/env bash
# Builds a sanitizer preset and runs its tests: scripts/run-sanitizers.sh [asan|tsan|all] [CTEST ARGS]
# (default all). Extra arguments go to ctest, e.g. --repeat until-fail:3.
#   asan  ASan + UBSan (build-asan/): every test, the Python-driven ones included (they start
#         the instrumented outlierd and outlierctl as programs, so nothing needs LD_PRELOAD).
#   tsan  ThreadSanitizer (build-tsan/): the tests with threads of their own making -- rpc.*,
#         desktop.*, chart.* -- with tests/sanitizers/tsan.supp for Debian's uninstrumented
#         gRPC, abseil and Qt.
# Tests are chosen by ctest name, never by file, so they follow the tests wherever they live.
# Neither preset builds benchmarks (OD_BUILD_BENCH=OFF in CMakePresets.json) or fuzz targets.
# Not yet a CI stage: see tests/sanitizers/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
shift || true

# ASan + UBSan: every finding stops the program with a non-zero exit. Leaks are checked, with
# the library-owned ones named in lsan.supp. Stack use after return is left off: gRPC's and Qt's
# uninstrumented frames make its fake stacks costly without adding coverage of our code.
asan_env=(
  "ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:strict_init_order=1:check_initialization_order=1:detect_invalid_pointer_pairs=0"
  "LSAN_OPTIONS=suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
  "UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1"
)
# halt_on_error: the first race fails the test, so a report is never lost in a passing run.
# die_after_fork=0: tests start outlierd with QProcess from a process that already runs gRPC's
# threads; the child only calls exec, which is what TSan's default refusal guards against.
tsan_env=(
  "TSAN_OPTIONS=suppressions=$PWD/tests/sanitizers/tsan.supp:halt_on_error=1:second_deadlock_stack=1:print_suppressions=0:die_after_fork=0"
)
asan_tests='^(core\.|rpc\.|desktop\.|chart\.|cli$|interop$)'
tsan_tests='^(rpc\.|desktop\.|chart\.)'
# Not yet reliable under the sanitizer, so left out until they are (README, "Development"):
# asan: the CSV readers' tests read files of many MB row by row, too slowly
#       in this unoptimised build (they run past their 120 s timeout);
# tsan: the calls that carry multi-megabyte messages miss their deadlines under TSan.
asan_skip='^(core\.tst_csvreader|core\.tst_csvrecovery)$'
tsan_skip='^(rpc\.detectorservice|rpc\.serverhardening)$'

run_preset() {
  local preset=$1 tests=$2 skip=$3
  shift 3
  local -a env=("$@")
  local start=$SECONDS
  # Paths relative to the checkout in ccache's keys, as scripts/build.sh does.
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j"$(nproc)"
  echo "run-sanitizers: $preset built in $((SECONDS - start)) s"
  start=$SECONDS
  env QT_QPA_PLATFORM=offscreen "${env[@]}" \
    ctest --preset "$preset" -j"$(nproc)" -R "$tests" -E "$skip" --no-tests=error "${ctest_args[@]}"
  echo "run-sanitizers: $preset tests took $((SECONDS - start)) s"
}

ctest_args=("$@")
case "$which" in
  asan) run_preset asan "$asan_tests" "$asan_skip" "${asan_env[@]}" ;;
  tsan) run_preset tsan "$tsan_tests" "$tsan_skip" "${tsan_env[@]}" ;;
  all)
    run_preset asan "$asan_tests" "$asan_skip" "${asan_env[@]}"
    run_preset tsan "$tsan_tests" "$tsan_skip" "${tsan_env[@]}"
    ;;
  *)
    echo "run-sanitizers: unknown preset '$which' (asan, tsan or all)" >&2
    exit 2
    ;;
esac
