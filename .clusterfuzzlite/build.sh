#!/bin/bash -eu
# SPDX-License-Identifier: MIT
# @file .clusterfuzzlite/build.sh
# ClusterFuzzLite entry: the same script OSS-Fuzz uses (fuzz/build.sh), which builds libxml2
# statically from $SRC/libxml2. The libxml2 differential target is left out under MSan: that
# build was never tried (no MSan runtime here), the others were.
if [[ "${SANITIZER:-}" == memory ]]; then
  export SIPREF_FUZZ_NO_LIBXML2=1
fi
"$SRC/sipref/fuzz/build.sh"
