#!/usr/bin/env bash
# Builds a sanitizer preset and runs its tests: scripts/run-sanitizers.sh [asan|tsan|all|ci]
# [CTEST ARGS] (default all). Extra arguments go to ctest, e.g. --repeat until-fail:3.
#   asan  ASan + UBSan (build-asan/): every test, the Python-driven ones included (they start
#         the instrumented outlierd and outlierctl as programs, so nothing needs LD_PRELOAD).
#   tsan  ThreadSanitizer (build-tsan/): the tests with threads of their own making -- rpc.*,
#         desktop.*, chart.* and four core tests (the CSV reader's, the split passes) -- with
#         tests/sanitizers/tsan.supp for Debian's uninstrumented gRPC, abseil and Qt.
#   ci    what .ci/run runs, sized for its budget: ASan + UBSan on core, rpc, chart, desktop and
#         cli, then TSan on rpc, chart, those four core tests and the desktop tests that run our
#         own threads (what is
#         left out and why: below, at ci_tsan_tests and the skip lists).
# Tests are chosen by ctest name, never by file, so they follow the tests wherever they live,
# and only the programs those tests run are built (read from ctest's own test files), not the
# whole tree. Neither preset builds benchmarks (OD_BUILD_BENCH=OFF in CMakePresets.json) or
# fuzz targets; asan compiles with clang (a third less time than GCC for the same test under
# ASan + UBSan), tsan with GCC (clang 14's TSan runtime aborts, CHECK failed in tsan_rtl.cpp,
# in the tests that start outlierd while threads run); both at -O1 with assertions on (CMAKE_CXX_FLAGS_DEBUG), several times
# faster than -O0 under the sanitizers, with line tables only (-g1: every frame of a report, the
# inlined ones too, still has its file and line) and as unity builds (CMAKE_UNITY_BUILD: eight
# sources of a library per compiled file). Measured on the same sources, cold: -g1 takes a fifth
# less CPU per file than -g, and eight desktop sources in one file less than half of eight apart;
# that room is what lets the CI stage run the desktop tests under ASan.
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
# suppress_equal_addresses=0: with it on, TSan checks each race against every racy address it
# has seen, one by one. A multi-megabyte message that our code copies after gRPC handed it over
# (an ordering TSan cannot see inside the uninstrumented library) is a "race" on each of its
# words, each then suppressed: the check grew quadratic, and a 5 MB echo took over five minutes
# of CPU in TSan's FindRacyAddress instead of 5 s. Equal stacks are still reported once.
# history_size=7: each thread remembers its last 4M memory accesses (the default, 2, keeps 128K).
# A race report names the earlier access's stack only while it is in that history; without it
# ("failed to restore the stack") the suppressions below cannot see the gRPC frames it had, and
# an ordering made inside gRPC or Qt is reported as ours (seen in desktop.uploadpane, when a
# functor crossed to the GUI thread inside QtCore's queue; desktop/threads/guipost.h now hands
# work over under a lock TSan sees).
tsan_env=(
  "TSAN_OPTIONS=suppressions=$PWD/tests/sanitizers/tsan.supp:halt_on_error=1:second_deadlock_stack=1:print_suppressions=0:die_after_fork=0:suppress_equal_addresses=0:history_size=7"
)
asan_tests='^(core\.|rpc\.|desktop\.|chart\.|cli$|interop$)'
# The core tests that run threads of ours: the CSV reader's worker and the hand-offs between its
# two threads (csvreader, csvrecovery and csvworker read with blocks cut between them), the
# detectors' passes split over both cores (vectorkernels, on 3 million values), and owners of one
# time column writing on two threads (sharedcolumn).
tsan_core='core\.tst_(csvreader|csvrecovery|csvworker|vectorkernels|sharedcolumn)$'
tsan_tests="^(rpc\.|desktop\.|chart\.|$tsan_core)"
ci_asan_tests='^(core\.|rpc\.|chart\.|desktop\.|cli$|cli\.pinned$|cli\.call$)'
# The desktop tests in CI's TSan stage: each one drives threads of ours the others do not, or
# not as hard: follow and followalarm (the follower's and the detection's LatestJob),
# connectionstate (the connection test's), consolediscovery (reflection, cancelled and closed
# while in flight), consolestream (a stream's FloodInbox) and the streaming panes, one program
# each (stockpane: the stock pane's FloodInbox and several streams; chatpane: the chat's reactor
# and its bounded write queue; uploadpane: the upload's stream and its local figures) and
# threads.guipost (GuiPost, the hand-over from gRPC's threads they all use). The other
# 18 (desktop.streamingpanes among them: docking only) reach no thread of ours
# but through these same paths (the main window's loads and detections, the charts, models,
# settings), and adding them would cost CI, cold, about 190 s more CPU for their programs and
# 45 s more of tests; `tsan` runs all 26. The eight cost about 215 s CPU with the TSan build of
# oddesktop they need, and 45 s of tests with -j2.
ci_tsan_tests="^(rpc\.|chart\.|$tsan_core|desktop\.(follow|followalarm|connectionstate|consolediscovery|consolestream|stockpane|chatpane|uploadpane|threads\.guipost)$)"
# Tests left out of a preset (ctest -E), each with its reason; '^$' leaves none out.
# tsan: rpc.serverhardening runs, but its two 5 MB message functions skip themselves there
#       (QSKIP, reason in the test): gRPC parses the message on one thread and runs our
#       OnReadDone on another, a hand-off inside the uninstrumented libgrpc, so every word of the
#       message is a suppressed report (655,480 for one echo), slow enough after the tests before
#       it to miss the 20 s deadline. They run under ASan.
# asan: none.
asan_skip='^$'
tsan_skip='^$'

# The programs the tests named by regex (and not by skip) run, as ctest's own files in build
# dir list them: the test executables and the programs a Python test is given (outlierd, ...).
targets_for() {
  local dir=$1 regex=$2 skip=$3 line name
  find "$dir" -name CTestTestfile.cmake -exec grep -h '^add_test' {} + | while read -r line; do
    name=$(sed -E 's/^add_test\(\[=\[([^]]*)\]=\].*/\1/' <<<"$line")
    [[ $name =~ $regex && ! $name =~ $skip ]] || continue
    grep -oE "\"$PWD/$dir/bin/[^\"]+\"" <<<"$line" | tr -d '"' | xargs -r -n1 basename
  done | sort -u
}

run_preset() {
  local preset=$1 tests=$2 skip=$3
  shift 3
  local -a env=("$@")
  local start=$SECONDS
  # Paths relative to the checkout in ccache's keys, as scripts/build.sh does.
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"
  cmake --preset "$preset" >/dev/null
  local -a targets
  mapfile -t targets < <(targets_for "build-$preset" "$tests" "$skip")
  if ((${#targets[@]} == 0)); then
    echo "run-sanitizers: no test of $preset matches $tests" >&2
    exit 1
  fi
  cmake --build --preset "$preset" -j"$(nproc)" --target "${targets[@]}"
  echo "run-sanitizers: $preset built (${#targets[@]} programs) in $((SECONDS - start)) s"
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
  ci)
    run_preset asan "$ci_asan_tests" "$asan_skip" "${asan_env[@]}"
    run_preset tsan "$ci_tsan_tests" "$tsan_skip" "${tsan_env[@]}"
    ;;
  *)
    echo "run-sanitizers: unknown preset '$which' (asan, tsan, all or ci)" >&2
    exit 2
    ;;
esac
