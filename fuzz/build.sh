#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# @file fuzz/build.sh
# Builds every fuzz/fuzz_*.cpp as a fuzzing-engine binary, the OSS-Fuzz way: header-only, no
# CMake. Uses OSS-Fuzz's environment unchanged:
#   CXX, CXXFLAGS        compiler and flags (sanitizers, coverage) chosen by the caller
#   LIB_FUZZING_ENGINE   link flags of the engine (-fsanitize=fuzzer, libAFL, honggfuzz ...)
#   OUT                  where binaries, seed corpora, dictionaries and .options go
#   SRC                  unused: the repository is this script's parent directory
# For each target <t> it writes $OUT/<t>, $OUT/<t>_seed_corpus.zip (fuzz/corpus/<name>/),
# $OUT/<t>.options and the dictionaries. fuzz_xml_libxml2 is built only when pkg-config
# finds libxml-2.0. Locally, e.g.:
#   CXX=clang++-14 CXXFLAGS="-O1 -g -fsanitize=address,undefined -fsanitize=fuzzer-no-link" \
#   LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT=/tmp/fuzz-out fuzz/build.sh
# Optional: SIPREF_FUZZ_TARGETS="message uri" (subset), SIPREF_FUZZ_JOBS (parallel compiles,
# default 1), SIPREF_FUZZ_NO_LIBXML2=1 (skip the libxml2 target, e.g. under MSan).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
: "${CXX:=clang++}"
: "${CXXFLAGS:=}"
: "${LIB_FUZZING_ENGINE:=-fsanitize=fuzzer}"
: "${OUT:?set OUT to the output directory}"
JOBS=${SIPREF_FUZZ_JOBS:-1}
mkdir -p "$OUT"

# FuzzedDataProvider.h ships with clang; fall back to the copy of LLVM's include directory
# when the compiler does not find it by itself (it always does under OSS-Fuzz).
FDP_FLAGS=()
if ! printf '#include <fuzzer/FuzzedDataProvider.h>\n' | $CXX $CXXFLAGS -std=c++17 -x c++ -fsyntax-only - 2>/dev/null; then
  for d in /usr/lib/llvm-*/lib/clang/*/include; do
    if [ -f "$d/fuzzer/FuzzedDataProvider.h" ]; then FDP_FLAGS=(-isystem "$d"); break; fi
  done
fi

XML_CFLAGS=() XML_LIBS=() HAVE_XML=0
if [ "${SIPREF_FUZZ_NO_LIBXML2:-0}" != 1 ] && command -v pkg-config >/dev/null && pkg-config --exists libxml-2.0; then
  read -r -a XML_CFLAGS <<<"$(pkg-config --cflags libxml-2.0)"
  read -r -a XML_LIBS <<<"$(pkg-config --libs libxml-2.0)"
  HAVE_XML=1
fi

build_one() {
  local src=$1 target name extra=() libs=()
  target=$(basename "$src" .cpp)
  name=${target#fuzz_}
  if [ "$name" = xml_libxml2 ]; then
    if [ "$HAVE_XML" != 1 ]; then
      echo "build.sh: skipping $target (libxml-2.0 not found by pkg-config)"
      return 0
    fi
    extra=("${XML_CFLAGS[@]}")
    libs=("${XML_LIBS[@]}")
  fi
  echo "build.sh: $target"
  # shellcheck disable=SC2086  # CXXFLAGS / LIB_FUZZING_ENGINE are flag lists
  $CXX $CXXFLAGS -std=c++17 -I"$ROOT/include" -I"$ROOT/fuzz" "${FDP_FLAGS[@]}" "${extra[@]}" \
    -c "$src" -o "$OUT/$target.o"
  # shellcheck disable=SC2086
  $CXX $CXXFLAGS "$OUT/$target.o" $LIB_FUZZING_ENGINE "${libs[@]}" -o "$OUT/$target"
  rm -f "$OUT/$target.o"
  if [ -d "$ROOT/fuzz/corpus/$name" ]; then
    rm -f "$OUT/${target}_seed_corpus.zip"
    (cd "$ROOT/fuzz/corpus/$name" && zip -q -r "$OUT/${target}_seed_corpus.zip" .)
  fi
  if [ -f "$ROOT/fuzz/$target.options" ]; then cp "$ROOT/fuzz/$target.options" "$OUT/"; fi
}

cp "$ROOT/fuzz/sip.dict" "$ROOT/fuzz/xml.dict" "$OUT/"
sources=()
for src in "$ROOT"/fuzz/fuzz_*.cpp; do
  name=$(basename "$src" .cpp)
  name=${name#fuzz_}
  if [ -n "${SIPREF_FUZZ_TARGETS:-}" ] && [[ " $SIPREF_FUZZ_TARGETS " != *" $name "* ]]; then continue; fi
  sources+=("$src")
done

if [ "$JOBS" -le 1 ]; then
  for src in "${sources[@]}"; do build_one "$src"; done
else
  pids=() status=0
  for src in "${sources[@]}"; do
    build_one "$src" &
    pids+=($!)
    if [ "${#pids[@]}" -ge "$JOBS" ]; then wait "${pids[0]}" || status=1; pids=("${pids[@]:1}"); fi
  done
  for p in "${pids[@]}"; do wait "$p" || status=1; done
  exit $status
fi
