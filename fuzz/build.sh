#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# @file fuzz/build.sh
# Builds every fuzz/fuzz_*.cpp as a fuzzing-engine binary, the OSS-Fuzz way: header-only, no
# CMake. Uses OSS-Fuzz's environment unchanged:
#   CXX, CXXFLAGS        compiler and flags (sanitizers, coverage) chosen by the caller
#   LIB_FUZZING_ENGINE   link flags of the engine (-fsanitize=fuzzer, libAFL, honggfuzz ...)
#   OUT                  where binaries, seed corpora, dictionaries and .options go
#   SRC                  unused: the repository is this script's parent directory
#   CC, CFLAGS, WORK     only for libxml2 built from source (below)
# For each target <t> it writes $OUT/<t>, $OUT/<t>_seed_corpus.zip (fuzz/corpus/<name>/),
# $OUT/<t>.options and the dictionaries. fuzz_xml_libxml2 links libxml2 statically when its
# source is at $SRC/libxml2 (or SIPREF_FUZZ_LIBXML2_SRC): the fuzzing bots run the binaries
# without the build image's packages, so OSS-Fuzz's Dockerfile clones it there and it is built
# with the same compiler and sanitizer flags. Otherwise the target links the libxml-2.0 that
# pkg-config finds (local runs), or is skipped. Locally, e.g.:
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
# Only that one header is put on the include path (the rest of clang's resource directory
# would shadow the compiler's own headers).
FDP_FLAGS=()
if ! printf '#include <fuzzer/FuzzedDataProvider.h>\n' | $CXX $CXXFLAGS -std=c++17 -x c++ -fsyntax-only - 2>/dev/null; then
  for f in /usr/lib/llvm-*/lib/clang/*/include/fuzzer/FuzzedDataProvider.h; do
    if [ -f "$f" ]; then
      FDP_DIR=$(mktemp -d)
      trap 'rm -rf "$FDP_DIR"' EXIT
      mkdir -p "$FDP_DIR/fuzzer" && cp "$f" "$FDP_DIR/fuzzer/"
      FDP_FLAGS=(-isystem "$FDP_DIR")
      break
    fi
  done
fi

# libxml2 for fuzz_xml_libxml2: a static build from source when there is one, else pkg-config.
XML_CFLAGS=() XML_LIBS=() HAVE_XML=0
LIBXML2_SRC=${SIPREF_FUZZ_LIBXML2_SRC:-${SRC:+$SRC/libxml2}}
if [ "${SIPREF_FUZZ_NO_LIBXML2:-0}" = 1 ]; then
  :
elif [ -n "$LIBXML2_SRC" ] && [ -f "$LIBXML2_SRC/CMakeLists.txt" ]; then
  : "${CC:=clang}"
  : "${CFLAGS:=$CXXFLAGS}"
  : "${WORK:=$(mktemp -d)}"
  prefix="$WORK/libxml2-install"
  mkdir -p "$WORK"
  echo "build.sh: libxml2 (static) from $LIBXML2_SRC"
  # Only the parser: no compression, ICU, network, Python, programs or tests.
  cmake -S "$LIBXML2_SRC" -B "$WORK/libxml2-build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DCMAKE_INSTALL_LIBDIR=lib -DBUILD_SHARED_LIBS=OFF -DLIBXML2_WITH_PYTHON=OFF \
    -DLIBXML2_WITH_ZLIB=OFF -DLIBXML2_WITH_LZMA=OFF -DLIBXML2_WITH_ICU=OFF -DLIBXML2_WITH_HTTP=OFF \
    -DLIBXML2_WITH_FTP=OFF -DLIBXML2_WITH_MODULES=OFF -DLIBXML2_WITH_PROGRAMS=OFF \
    -DLIBXML2_WITH_TESTS=OFF >"$WORK/libxml2-cmake.log" 2>&1 || { cat "$WORK/libxml2-cmake.log"; exit 1; }
  cmake --build "$WORK/libxml2-build" -j"$JOBS" >"$WORK/libxml2-build.log" 2>&1 || { tail -50 "$WORK/libxml2-build.log"; exit 1; }
  cmake --install "$WORK/libxml2-build" >/dev/null
  XML_CFLAGS=(-I"$prefix/include/libxml2")
  XML_LIBS=("$prefix/lib/libxml2.a" -lm -lpthread)
  HAVE_XML=1
elif command -v pkg-config >/dev/null && pkg-config --exists libxml-2.0; then
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
      echo "build.sh: skipping $target (no libxml2 source at \$SRC/libxml2, no libxml-2.0 from pkg-config)"
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
