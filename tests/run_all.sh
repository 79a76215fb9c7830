#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# @file tests/run_all.sh
# THE command that runs the whole sipref test suite on a fresh Debian machine: installs the
# apt packages the tests need, then configures, builds (-j2) and runs ctest for
#   ci-gcc       g++     : C++17+C++20 suites, alloc, consumers, fuzz replay, header checks
#   ci-clang     clang++ : the same
#   ci-gcc-asan  g++ with SIPREF_SANITIZE=ON (ASan+UBSan on every test target)
# all with SIPREF_WERROR=ON, in build/ci-<name>. Then the fuzz smoke stage: fuzz/build.sh
# builds every fuzz target with clang++ + libFuzzer + ASan/UBSan into build/ci-fuzz, and each
# runs for SIPREF_FUZZ_SECONDS on a scratch copy of its corpus; any crash, leak, timeout,
# OOM or sanitizer report fails the run (the input is kept in build/ci-fuzz/artifacts).
# Exits non-zero if any step fails; every configuration runs even after an earlier one
# failed, so one run reports everything.
#
# Environment: SIPREF_JOBS (default 2), SIPREF_CI_CONFIGS (default "gcc clang gcc-asan"),
# SIPREF_ALLOW_SKIPS=1 (do not fail on ctest tests that report themselves skipped),
# SIPREF_FUZZ_SECONDS (per fuzz target, default 20; 0 skips the fuzz smoke stage).
set -euo pipefail

# apt packages the tests need. Append yours here (space separated, one list).
SIPREF_APT_PACKAGES="cmake make g++ doctest-dev libxml2-utils libxml2-dev pkgconf clang libclang-rt-14-dev zip tshark sip-tester libosip2-dev libsofia-sip-ua-dev"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
JOBS=${SIPREF_JOBS:-2}
CONFIGS=${SIPREF_CI_CONFIGS:-"gcc clang gcc-asan"}
START=$SECONDS

log() { printf '\n==== %s\n' "$*"; }

# ---- 1. packages ------------------------------------------------------------------------------
installed() { dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'; }
missing=()
for p in $SIPREF_APT_PACKAGES; do
  installed "$p" || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing apt packages: ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
else
  log "apt packages present: $SIPREF_APT_PACKAGES"
fi

log "tools"
for tool in cmake g++ clang++; do
  if command -v "$tool" >/dev/null; then printf '  %s\n' "$("$tool" --version | head -n 1)"; fi
done

# ---- 2. configure, build, test ----------------------------------------------------------------
# config_args <name>: prints the cmake arguments of one configuration, one per line.
config_args() {
  case "$1" in
    gcc) printf '%s\n' -DCMAKE_CXX_COMPILER=g++ ;;
    clang) printf '%s\n' -DCMAKE_CXX_COMPILER=clang++ ;;
    gcc-asan) printf '%s\n' -DCMAKE_CXX_COMPILER=g++ -DSIPREF_SANITIZE=ON ;;
    clang-asan) printf '%s\n' -DCMAKE_CXX_COMPILER=clang++ -DSIPREF_SANITIZE=ON ;;
    *) return 1 ;;
  esac
}

# show_failure <log>: the interesting part of a failed step's log.
show_failure() {
  if grep -q -E 'error|Error|FAILED|Failed' "$1"; then
    grep -n -B2 -A12 -E '(^|[^-])error[: ]|Error|FAILED|\*\*\*Failed' "$1" | head -n 300 || true  # SIGPIPE from head must not trip set -e + pipefail
  fi
  echo "---- last lines of $1:"
  tail -n 40 "$1"
}

# Keep going after a compile error, so one run shows every broken file (Makefiles: -k).
BUILD_TOOL_ARGS=()
if [ "${CMAKE_GENERATOR:-Unix Makefiles}" = "Unix Makefiles" ]; then BUILD_TOOL_ARGS=(-- -k); fi

declare -a SUMMARY=()
FAILED=0
for name in $CONFIGS; do
  build="build/ci-$name"
  mkdir -p "$build"
  config_args "$name" >/dev/null || { echo "run_all: unknown configuration '$name'"; exit 2; }
  mapfile -t args < <(config_args "$name")
  step_start=$SECONDS
  status=ok

  log "[$name] configure: cmake -S . -B $build ${args[*]} -DSIPREF_WERROR=ON"
  if ! cmake -S . -B "$build" "${args[@]}" -DSIPREF_WERROR=ON >"$build/configure.log" 2>&1; then
    show_failure "$build/configure.log"
    status="configure FAILED"
  fi

  if [ "$status" = ok ]; then
    log "[$name] build (-j$JOBS)"
    if ! cmake --build "$build" -j "$JOBS" "${BUILD_TOOL_ARGS[@]}" >"$build/build.log" 2>&1; then
      show_failure "$build/build.log"
      status="build FAILED"
    fi
  fi

  if [ "$status" = ok ]; then
    log "[$name] ctest (-j$JOBS)"
    # --timeout: a hung test must not eat CI's time budget.
    if ! ctest --test-dir "$build" -j "$JOBS" --output-on-failure --no-tests=error --timeout 600 \
        >"$build/ctest.log" 2>&1; then
      status="tests FAILED"
      # The failed tests once more, alone, so their output is not interleaved with others'.
      ctest --test-dir "$build" --rerun-failed --output-on-failure 2>&1 | head -n 400 || true
    fi
    # ctest's summary: "N% tests passed, ...", the label times and the list of failures.
    sed -n '/% tests passed/,$p' "$build/ctest.log"
    # A skipped test (SKIP_RETURN_CODE) here means a dependency this script should have
    # installed is missing: that must not pass as green. SIPREF_ALLOW_SKIPS=1 tolerates it.
    if grep -q -E '\*\*\*Skipped' "$build/ctest.log" && [ "${SIPREF_ALLOW_SKIPS:-0}" != 1 ]; then
      grep -E '\*\*\*Skipped' "$build/ctest.log"
      [ "$status" = ok ] && status="tests SKIPPED"
    fi
  fi

  elapsed=$((SECONDS - step_start))
  log "[$name] $status (${elapsed}s)"
  SUMMARY+=("$(printf '%-12s %-18s %5ss' "$name" "$status" "$elapsed")")
  [ "$status" = ok ] || FAILED=1
done

# ---- 3. fuzz smoke: libFuzzer + ASan/UBSan, bounded ----------------------------------------
FUZZ_SECONDS=${SIPREF_FUZZ_SECONDS:-20}
if [ "$FUZZ_SECONDS" != 0 ]; then
  step_start=$SECONDS
  status=ok
  fuzz_dir="$ROOT/build/ci-fuzz"
  rm -rf "$fuzz_dir/out" "$fuzz_dir/work" "$fuzz_dir/artifacts"
  mkdir -p "$fuzz_dir/out" "$fuzz_dir/work" "$fuzz_dir/artifacts"
  FUZZ_CXX=clang++
  if command -v clang++-14 >/dev/null; then FUZZ_CXX=clang++-14; fi
  log "[fuzz] build: fuzz/build.sh with $FUZZ_CXX, libFuzzer, ASan+UBSan (-j$JOBS)"
  if ! CXX=$FUZZ_CXX \
      CXXFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all -fsanitize=fuzzer-no-link" \
      LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT="$fuzz_dir/out" SIPREF_FUZZ_JOBS=$JOBS \
      "$ROOT/fuzz/build.sh" >"$fuzz_dir/build.log" 2>&1; then
    show_failure "$fuzz_dir/build.log"
    status="build FAILED"
  fi
  # Every fuzz/fuzz_*.cpp must have become a binary (build.sh skips the libxml2 target quietly
  # when libxml2 is missing, and a skipped target would pass unseen).
  if [ "$status" = ok ]; then
    missing=()
    for src in "$ROOT"/fuzz/fuzz_*.cpp; do
      target=$(basename "$src" .cpp)
      [ -x "$fuzz_dir/out/$target" ] || missing+=("$target")
    done
    if ((${#missing[@]})); then
      status="build FAILED: not built: ${missing[*]}"
      grep -E 'skipping' "$fuzz_dir/build.log" || true
    fi
  fi
  if [ "$status" = ok ]; then
    log "[fuzz] run each target ${FUZZ_SECONDS}s (-timeout=10 -rss_limit_mb=2048, dictionary, seeds)"
    failed_targets=()
    for bin in "$fuzz_dir"/out/fuzz_*; do
      [ -x "$bin" ] && [ -f "$bin" ] || continue
      target=$(basename "$bin")
      name=${target#fuzz_}
      dict=$(sed -n 's/^dict = //p' "$ROOT/fuzz/$target.options" 2>/dev/null || true)
      max_len=$(sed -n 's/^max_len = //p' "$ROOT/fuzz/$target.options" 2>/dev/null || true)
      work="$fuzz_dir/work/$name"
      mkdir -p "$work"
      # New inputs go to the scratch dir (first corpus argument); the repo corpus is read only.
      if "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
          ${dict:+-dict="$ROOT/fuzz/$dict"} ${max_len:+-max_len="$max_len"} \
          -artifact_prefix="$fuzz_dir/artifacts/$name-" "$work" "$ROOT/fuzz/corpus/$name" \
          >"$fuzz_dir/$name.log" 2>&1; then
        printf '  %-18s ok   %s\n' "$name" "$(grep -E '^#[0-9]+[[:space:]]+DONE' "$fuzz_dir/$name.log" | tail -n 1 | sed -E 's/^#([0-9]+)[[:space:]]+DONE[[:space:]]+/\1 runs, /;s/ lim:.*//')"
      else
        printf '  %-18s FAILED (log: %s)\n' "$name" "$fuzz_dir/$name.log"
        grep -E -A25 'ERROR: |SIPREF_FUZZ_CHECK|runtime error|Test unit written' "$fuzz_dir/$name.log" | head -n 60 || true
        failed_targets+=("$name")
      fi
    done
    if ((${#failed_targets[@]})); then status="FAILED: ${failed_targets[*]}"; fi
  fi
  elapsed=$((SECONDS - step_start))
  log "[fuzz] $status (${elapsed}s)"
  SUMMARY+=("$(printf '%-12s %-18s %5ss' "fuzz-smoke" "$status" "$elapsed")")
  [ "$status" = ok ] || FAILED=1
fi

log "summary ($((SECONDS - START))s in all, $ROOT)"
printf '  %s\n' "${SUMMARY[@]}"
if ((FAILED)); then
  echo "run_all: FAILED"
  exit 1
fi
echo "run_all: all configurations passed"
