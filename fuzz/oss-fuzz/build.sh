#!/bin/bash -eu
# SPDX-License-Identifier: MIT
# @file fuzz/oss-fuzz/build.sh
# OSS-Fuzz entry (copy to projects/sipref/): the real script lives upstream in fuzz/build.sh
# and uses $CXX $CXXFLAGS $LIB_FUZZING_ENGINE $OUT unchanged. Under MSan, libxml2 from apt is
# not instrumented, so the libxml2 differential target is left out there.
if [[ "${SANITIZER:-}" == memory ]]; then
  export SIPREF_FUZZ_NO_LIBXML2=1
fi
"$SRC/sipref/fuzz/build.sh"
