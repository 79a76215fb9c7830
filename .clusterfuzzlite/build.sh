#!/bin/bash -eu
# SPDX-License-Identifier: MIT
# @file .clusterfuzzlite/build.sh
# ClusterFuzzLite entry: the same script OSS-Fuzz uses (fuzz/build.sh). libxml2 from apt is not
# MSan-instrumented, so the libxml2 differential target is left out under MSan.
if [[ "${SANITIZER:-}" == memory ]]; then
  export SIPREF_FUZZ_NO_LIBXML2=1
fi
"$SRC/sipref/fuzz/build.sh"
