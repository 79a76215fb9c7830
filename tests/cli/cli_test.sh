#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Checks the `sipref` command line contract: outputs, exit codes (0 ok, 1 findings/malformed,
# 2 invalid value, 3 group size), carets under error offsets, and no crash on any input.
set -u
sipref=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
# expect_exit CODE DESCRIPTION -- command...
expect_exit() {
  local want=$1 what=$2
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, want $want"; sed 's/^/  | /' "$tmp/err" | head -5; fi
}
expect_in() {  # expect_in FILE TEXT DESCRIPTION
  if grep -qF -- "$2" "$1"; then ok; else bad "$3: '$2' not in $1"; sed 's/^/  | /' "$1" | head -20; fi
}

S=sip:conf-123@im.example.com

# refer: one invitee, implicit subscription (C3, C4), then checked clean (S-rules).
expect_exit 0 "refer one" -- "$sipref" refer --session $S --invite sip:bob@example.com --from sip:alice@example.com
cp "$tmp/out" "$tmp/one.sip"
expect_in "$tmp/one.sip" "REFER $S SIP/2.0" "request line"
expect_in "$tmp/one.sip" "Refer-To: <sip:bob@example.com>" "Refer-To bracketed"
expect_in "$tmp/one.sip" "Content-Length: 0" "Content-Length"
if grep -q "Refer-Sub" "$tmp/one.sip"; then bad "oma single REFER has Refer-Sub"; else ok; fi
expect_exit 0 "check one" -- "$sipref" check --session $S "$tmp/one.sip"
expect_in "$tmp/out" "invitee sip:bob@example.com method=INVITE" "invitee line"
expect_in "$tmp/out" "response 200" "response line"

# refer: several invitees with a display name, rcs, multipart; read back from stdin.
expect_exit 0 "refer several" -- "$sipref" refer --session $S --invite 'Bob <sip:bob@example.com>' \
  --invite '"Zoë, \"Z\"" <sip:zoe@example.org>' --invite sip:carol@example.com --profile rcs --layout multipart
cp "$tmp/out" "$tmp/several.sip"
expect_in "$tmp/several.sip" "Require: multiple-refer, norefersub" "C6/C7"
expect_in "$tmp/several.sip" "Content-Type: multipart/mixed;boundary=" "multipart layout"
expect_in "$tmp/several.sip" '<display-name>Zoë, "Z"</display-name>' "UTF-8 display name in the list"
"$sipref" check --session $S - <"$tmp/several.sip" >"$tmp/out" 2>&1 && ok || bad "check several from stdin"
[ "$(grep -c '^invitee ' "$tmp/out")" -eq 3 ] && ok || bad "three invitees"
expect_exit 0 "check --json" -- "$sipref" check --json --session $S "$tmp/several.sip"
expect_in "$tmp/out" '"ok":true' "json ok"
expect_in "$tmp/out" '"display_name":"Zoë, \"Z\""' "json escaping"

# refer: remove, in dialog (C1, C13).
expect_exit 0 "refer remove in dialog" -- "$sipref" refer --session $S --invite sip:bob@example.com --remove \
  --dialog 'call-1@host,ltag,rtag,7' --from sip:alice@example.com
expect_in "$tmp/out" "Refer-To: <sip:bob@example.com;method=BYE>" "C13"
expect_in "$tmp/out" "CSeq: 8 REFER" "C1 CSeq+1"
expect_in "$tmp/out" "To: <$S>;tag=rtag" "C1 To tag"
expect_in "$tmp/out" "Call-ID: call-1@host" "C1 Call-ID"

# Anonymity and subscription overrides.
expect_exit 0 "refer anonymous" -- "$sipref" refer --session $S --invite sip:bob@example.com --anonymous --subscription suppressed
expect_in "$tmp/out" "Privacy: id" "C9"
expect_in "$tmp/out" "Refer-Sub: false" "suppressed"
expect_in "$tmp/out" "Supported: norefersub" "suppressed, Supported"

# Group size (C8): exit 3, message on stderr, nothing on stdout.
expect_exit 3 "group size" -- "$sipref" refer --session $S --invite sip:a@example.com --invite sip:b@example.com \
  --invite sip:c@example.com --max-adhoc 2
expect_in "$tmp/err" "MAX-ADHOC-GROUP-SIZE 2" "C8 message"
[ -s "$tmp/out" ] && bad "C8 printed a message" || ok
expect_exit 0 "predefined group not checked" -- "$sipref" refer --session $S --invite sip:a@example.com \
  --invite sip:b@example.com --invite sip:c@example.com --max-adhoc 2 --session-kind predefined

# Invalid values: exit 2 with a message naming the bad value.
expect_exit 2 "bad invite" -- "$sipref" refer --session $S --invite 'sip:bob@example.com">'
expect_in "$tmp/err" 'sip:bob@example.com">' "names the bad value"
expect_exit 2 "no session" -- "$sipref" refer --invite sip:bob@example.com
expect_exit 2 "bad profile" -- "$sipref" refer --session $S --invite sip:bob@example.com --profile xyz
expect_in "$tmp/err" "xyz" "names the bad profile"
expect_exit 2 "CRLF display name" -- "$sipref" refer --session $S --invite $'Eve\r\nX: 1 <sip:eve@example.com>'
expect_exit 2 "duplicate invitee" -- "$sipref" refer --session $S --invite sip:bob@example.com --invite sip:bob@EXAMPLE.com
expect_exit 2 "bad dialog" -- "$sipref" refer --session $S --invite sip:bob@example.com --dialog 'a,b'
expect_exit 2 "unknown verb" -- "$sipref" frobnicate

# check: the RFC 5368 example's double SP (S11), with offset and response.
expect_exit 1 "check RFC 5368" -- "$sipref" check "$data/rfc5368/rfc5368-9-fig3-REFER-multiple-refer.sip"
expect_in "$tmp/out" "S11 error 56 400" "S11 finding line"
expect_in "$tmp/out" "invitee sip:bill@example.com?method=BYE method=BYE" "lenient ?method=BYE"
expect_exit 1 "check unsupported tag" -- "$sipref" check --supported multiple-refer "$tmp/several.sip"
expect_in "$tmp/out" "S2 error" "S2"
expect_in "$tmp/out" "response 420" "420"
expect_exit 1 "check group size" -- "$sipref" check --max-adhoc 2 "$tmp/several.sip"
expect_in "$tmp/out" "S8 error" "S8"

# notify (C10).
expect_exit 0 "notify F5" -- "$sipref" notify "$data/rfc3515/rfc3515-4.1-F5-NOTIFY-200-OK-terminated.sip"
expect_in "$tmp/out" "state terminated" "state"
expect_in "$tmp/out" "reason noresource" "reason"
expect_in "$tmp/out" "code 200 OK" "code"
expect_in "$tmp/out" "final yes" "final"
expect_exit 0 "notify --json" -- "$sipref" notify --json "$data/rfc3515/rfc3515-4.2-F11-NOTIFY-id-terminated.sip"
expect_in "$tmp/out" '"event-id":"93809824"' "json event id"
expect_exit 1 "notify with placeholder" -- "$sipref" notify "$data/rfc3515/rfc3515-4.1-F3-NOTIFY-100-Trying.sip"
expect_in "$tmp/err" "bad_param at offset" "error and offset"
expect_in "$tmp/err" "Subscription-State: active;expires=(depends on Refer-To URI)" "input line"
# The caret sits under the offending byte.
caret_col=$(grep -n '\^' "$tmp/err" | head -1 | cut -d: -f2- | awk '{print index($0, "^")}')
line_col=$(grep '| Subscription-State' "$tmp/err" | awk '{print index($0, "(")}')
[ "$caret_col" = "$line_col" ] && ok || bad "caret column $caret_col, want $line_col"

# lists and parse.
expect_exit 0 "lists" -- "$sipref" lists "$data/rfc5364/rfc5364-6-fig3-recipient-list.xml"
expect_in "$tmp/out" "copyControl=" "entries"
expect_exit 1 "lists doctype" -- "$sipref" lists - <<<'<!DOCTYPE x><resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"/>'
expect_in "$tmp/err" "xml_doctype" "doctype error"
expect_exit 0 "parse REFER" -- "$sipref" parse "$data/rfc4579/rfc4579-5.11-F1-REFER-method-BYE.sip"
expect_in "$tmp/out" "Refer-To: uri=sip:carol@chicago.example.com;method=BYE method=BYE" "typed Refer-To"
expect_exit 0 "parse --json" -- "$sipref" parse --json "$tmp/several.sip"
expect_in "$tmp/out" '"body_type":"multipart/mixed;boundary=' "json body type"
expect_exit 1 "parse bad version" -- "$sipref" parse "$data/torture/rfc4475/badvers.dat"
expect_in "$tmp/err" "bad_version" "bad version"

# Never a crash or hang on any input: every torture message and data file through every verb.
for f in "$data"/torture/*/* "$data"/rfc*/* "$data"/oma-examples/*/*; do
  [ -f "$f" ] || continue
  for verb in check notify lists parse; do
    timeout 10 "$sipref" $verb "$f" >/dev/null 2>&1
    rc=$?
    if [ $rc -gt 1 ]; then bad "$verb $f exited $rc"; else ok; fi
  done
done
head -c 20000 /dev/urandom >"$tmp/random"
for verb in check notify lists parse; do
  timeout 10 "$sipref" $verb "$tmp/random" >/dev/null 2>&1
  rc=$?
  [ $rc -le 1 ] && ok || bad "$verb random exited $rc"
done

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
