#!/bin/sh
# SPDX-License-Identifier: MIT
# @file tests/xml/validate_xsd.sh
# Proves that sipref's composed resource-lists bodies are valid against the RFC 4826 and
# RFC 5364 schemas: runs `xmllint --nonet --schema` (offline: an XML catalog maps the
# schemas' remote imports to tests/data/xsd) on every ok-*.xml that rl_xsd_cases writes, and
# checks that every bad-*.xml control fails. Also validates the RFC example bodies.
# Usage: validate_xsd.sh CASES_PROGRAM XSD_DIR DATA_DIR OUT_DIR. Exit 77 (ctest SKIP) when
# xmllint is not installed.
set -u
gen=$1 xsd=$2 data=$3 out=$4
if ! command -v xmllint >/dev/null 2>&1; then
  echo "SKIP: xmllint not found (Debian package libxml2-utils); schema validation not run"
  exit 77
fi
rm -rf "$out" && mkdir -p "$out" || exit 1
"$gen" "$out" || { echo "FAIL: $gen could not write the cases"; exit 1; }

XML_CATALOG_FILES="$xsd/catalog.xml"
export XML_CATALOG_FILES
schema="$xsd/resource-lists-with-copycontrol.xsd"
status=0 ok=0 bad=0
for f in "$out"/ok-*.xml "$data"/rfc4826/*.xml "$data"/rfc5364/*.xml "$data"/rfc5368/*.xml; do
  if xmllint --nonet --noout --schema "$schema" "$f" 2>"$out/log"; then
    ok=$((ok + 1))
  else
    echo "FAIL: $f does not validate:"; cat "$out/log"; status=1
  fi
done
for f in "$out"/bad-*.xml; do
  if xmllint --nonet --noout --schema "$schema" "$f" 2>"$out/log"; then
    echo "FAIL: control $f validates, so the schema check is not effective"; status=1
  else
    bad=$((bad + 1))
  fi
done
echo "schema-valid: $ok documents; invalid controls rejected: $bad"
[ "$ok" -ge 11 ] && [ "$bad" -ge 5 ] || { echo "FAIL: fewer documents than expected"; status=1; }
exit $status
