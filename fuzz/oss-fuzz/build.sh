#!/bin/bash -eu
# SPDX-License-Identifier: MIT
# @file fuzz/oss-fuzz/build.sh
# OSS-Fuzz entry (copy to projects/sipref/): the real script lives upstream in fuzz/build.sh
# and uses $CXX $CXXFLAGS $LIB_FUZZING_ENGINE $OUT unchanged (and $CC $CFLAGS $WORK for the
# static libxml2 it builds from $SRC/libxml2). The libxml2 differential target is left out
# under MSan: that build was never tried (no MSan runtime here), the others were.
if [[ "${SANITIZER:-}" == memory ]]; then
  export SIPREF_FUZZ_NO_LIBXML2=1
fi
"$SRC/sipref/fuzz/build.sh"
