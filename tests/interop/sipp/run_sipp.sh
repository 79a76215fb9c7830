#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# @file tests/interop/sipp/run_sipp.sh
# SIPp end to end (ctest interop:sipp):
#   1. SIPp UAC scenarios (uac-*.xml) drive examples/refer_server.cpp over UDP and TCP: good
#      REFERs are accepted (and the implicit subscription's NOTIFYs answered), bad ones get the
#      S-rule's response; a second server instance answers 202 (--answer-202).
#   2. `sipref sipp-scenario` output runs against the same server and against SIPp UAS
#      scenarios (uas-*.xml).
#   3. REFERs printed by `sipref refer` are sent by interop_sip_send to a SIPp UAS that expects
#      a REFER and answers 200/202 (SIPp exit status and -trace_err checked), and to the server.
# Usage: run_sipp.sh SIPREF_CLI REFER_SERVER SIP_SEND SCENARIO_DIR WORK_DIR
# Every process started here is killed on exit, every wait is bounded (timeout(1), SIPp's
# -timeout/-recv_timeout, the server's --seconds). sipp missing = failure (tests/run_all.sh
# installs the Debian package sip-tester).
set -u
SIPREF=$1 SERVER=$2 SEND=$3 SCEN=$4 WORK=$5
SESSION=sip:conf-7f3a9c@im.example.com

if ! command -v sipp >/dev/null 2>&1; then
  echo "FAIL: sipp not found (Debian package sip-tester; tests/run_all.sh installs it)"
  exit 1
fi
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
}
trap cleanup EXIT

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }

# start_server NAME ARGS...: starts refer_server on a free port; sets PORT_<NAME>.
start_server() {
  local name=$1
  shift
  "$SERVER" --port 0 --seconds 170 --port-file "$name.port" --session "$SESSION" "$@" >/dev/null 2>"$name.log" &
  PIDS+=($!)
  for _ in $(seq 1 50); do
    [ -s "$name.port" ] && break
    sleep 0.1
  done
  if [ ! -s "$name.port" ]; then
    echo "FAIL: refer_server $name did not start"; cat "$name.log"; exit 1
  fi
  eval "PORT_$name=$(cat "$name.port")"
}

# sipp_uac LABEL SCENARIO PORT TRANSPORT [sipp options...]: runs one call; passes on exit 0
# and an error trace without errors.
sipp_uac() {
  local label=$1 scenario=$2 port=$3 transport=$4
  shift 4
  local lp
  lp=$("$SEND" free-port)
  timeout 30 sipp "127.0.0.1:$port" -sf "$scenario" -m 1 -i 127.0.0.1 -p "$lp" -t "$transport" \
    -timeout 20s -timeout_error -recv_timeout 5000 -nostdin -trace_err -error_file "$label.err" \
    -trace_msg -message_file "$label.msg" "$@" >"$label.out" 2>&1
  local rc=$?
  if [ $rc -eq 0 ] && ! grep -q -E 'Aborting|unexpected|Unexpected' "$label.err" 2>/dev/null; then
    ok "$label"
  else
    bad "$label (sipp exit $rc)"
    tail -n 25 "$label.err" 2>/dev/null
    tail -n 8 "$label.out"
  fi
}

# sipp_uas LABEL SCENARIO TRANSPORT: starts a SIPp UAS for one call; sets UAS_PORT, UAS_PID.
sipp_uas() {
  local label=$1 scenario=$2 transport=$3
  UAS_PORT=$("$SEND" free-port)
  timeout 30 sipp -sf "$scenario" -m 1 -i 127.0.0.1 -p "$UAS_PORT" -t "$transport" -timeout 20s -timeout_error \
    -nostdin -trace_err -error_file "$label.uas.err" -trace_msg -message_file "$label.uas.msg" \
    -trace_logs -log_file "$label.uas.log" >"$label.uas.out" 2>&1 &
  UAS_PID=$!
  PIDS+=($UAS_PID)
  # Give SIPp time to bind before a client sends (bounded).
  for _ in $(seq 1 30); do
    if [ "$transport" = t1 ]; then
      (exec 3<>"/dev/tcp/127.0.0.1/$UAS_PORT") 2>/dev/null && break
    elif grep -q . "$label.uas.out" 2>/dev/null || [ -e "$label.uas.msg" ]; then
      break
    fi
    sleep 0.1
  done
}

# uas_done LABEL: waits for the UAS (bounded by its own timeouts) and checks it.
uas_done() {
  local label=$1
  wait "$UAS_PID"
  local rc=$?
  if [ $rc -eq 0 ] && ! grep -q -E 'Aborting|unexpected|Unexpected' "$label.uas.err" 2>/dev/null; then
    ok "$label (SIPp UAS)"
  else
    bad "$label (SIPp UAS exit $rc)"
    tail -n 25 "$label.uas.err" 2>/dev/null
    tail -n 8 "$label.uas.out"
  fi
}

# count_reaches FILE PATTERN N: waits (up to 3 s) until PATTERN occurs N times in FILE, for log
# lines the server writes when it reads a peer's last message; prints the final count.
count_reaches() {
  local n=0
  for _ in $(seq 1 30); do
    n=$(grep -c -- "$2" "$1")
    [ "$n" -ge "$3" ] && break
    sleep 0.1
  done
  echo "$n"
}

# server_said SERVER_LOG CODE LABEL: the server's newest REFER line names CODE (the server
# logs it before sending the answer, so it is there once the peer has the answer).
server_said() {
  local last
  last=$(grep -E '^refer_server: REFER (udp|tcp) .* -> ' "$1" | grep -v retransmission | tail -n 1)
  case "$last" in
    *"-> $2 "*) ok "$3: server answered $2" ;;
    *) bad "$3: server's last REFER line is '$last', expected $2" ;;
  esac
}

start_server main --max-adhoc 3
start_server accepted202 --answer-202

# ---- 1. UAC scenarios against the harness server ------------------------------------------
declare -A expect=([accept-implicit]=200 [accept-list]=200 [no-refer-to]=400 [unsupported-require]=420
                   [cid-without-multiple-refer]=400 [too-many]=403 [wrong-request-uri]=404)
for t in u1 t1; do
  for f in "$SCEN"/uac-*.xml; do
    name=$(basename "$f" .xml)
    name=${name#uac-}
    sipp_uac "uac-$name-$t" "$f" "$PORT_main" "$t"
    [ -n "${expect[$name]:-}" ] && server_said main.log "${expect[$name]}" "uac-$name-$t"
  done
  for name in accept-implicit accept-list; do
    sipp_uac "uac-$name-202-$t" "$SCEN/uac-$name.xml" "$PORT_accepted202" "$t"
    server_said accepted202.log 202 "uac-$name-202-$t"
  done
done
# Every implicit-subscription REFER got both NOTIFYs answered: 2 per accept-implicit run.
n=$(count_reaches main.log ' 200 to NOTIFY' 4)
[ "$n" -eq 4 ] && ok "main server: 4 NOTIFYs answered 200" || bad "main server: $n NOTIFY answers, expected 4"

# ---- 2. `sipref sipp-scenario` -----------------------------------------------------------
gen() {
  local out=$1
  shift
  if ! "$SIPREF" sipp-scenario --session "$SESSION" "$@" >"$out" 2>"$out.stderr"; then
    bad "sipref sipp-scenario $*"
    cat "$out.stderr"
    return 1
  fi
  # Well-formed XML (xmllint is installed for the schema tests).
  if command -v xmllint >/dev/null && ! xmllint --noout "$out" 2>"$out.xmllint"; then
    bad "$out is not well-formed XML"
    cat "$out.xmllint"
  fi
}
gen gen-one.xml --invite 'Bob <sip:bob@example.com>'
gen gen-list.xml --profile rcs --layout multipart --invite sip:bob@example.com \
  --invite '"Zoë \"Z\" O'"'"'Neil, \\ PhD" <sip:zoe@example.org;transport=tcp>' \
  --invite 'sip:carol@[2001:db8::10]:5070' --invite '<sip:dave@example.net?Subject=hi%20there&Priority=urgent>'
gen gen-remove.xml --profile ims --anonymous --remove --invite 'sip:carol@[2001:db8::10]:5070'
gen gen-keywords.xml --request-uri keywords --invite sip:bob@example.com --invite sip:erin@example.org
gen gen-dialog.xml --dialog 'dlg-9@example.com,alice-tag,focus-tag,3' --invite sip:bob@example.com
for t in u1 t1; do
  sipp_uac "gen-one-$t" gen-one.xml "$PORT_main" "$t"
  server_said main.log 200 "gen-one-$t"
  # Four invitees: the server without a group-size limit (it answers 202).
  sipp_uac "gen-list-$t" gen-list.xml "$PORT_accepted202" "$t"
  server_said accepted202.log 202 "gen-list-$t"
  grep -q "invitees=4" <(grep -E '^refer_server: REFER' accepted202.log | tail -n 1) &&
    ok "gen-list-$t: the server read 4 invitees" || bad "gen-list-$t: the server did not read 4 invitees"
  sipp_uac "gen-remove-$t" gen-remove.xml "$PORT_main" "$t"
  server_said main.log 200 "gen-remove-$t"
  # In-dialog: the From tag stays the dialog's; the server's NOTIFYs carry Event: refer;id=4.
  sipp_uac "gen-dialog-$t" gen-dialog.xml "$PORT_main" "$t"
  server_said main.log 200 "gen-dialog-$t"
  grep -q 'Event: refer;id=4' "gen-dialog-$t.msg" && grep -q ';tag=alice-tag' "gen-dialog-$t.msg" &&
    ok "gen-dialog-$t: dialog tag kept, NOTIFY Event id = REFER CSeq" || bad "gen-dialog-$t: tag or Event id wrong"
done
n=$(count_reaches main.log ' 200 to NOTIFY' 16)
# gen-one, gen-remove and gen-dialog keep the implicit subscription: 2 NOTIFYs each per transport.
[ "$n" -eq 16 ] && ok "main server: 16 NOTIFYs answered 200 in all" || bad "main server: $n NOTIFY answers, expected 16"
# Against SIPp UAS scenarios: the implicit one receives the UAS's NOTIFYs.
sipp_uas gen-one-uas "$SCEN/uas-202-notify.xml" u1
sipp_uac gen-one-uas gen-one.xml "$UAS_PORT" u1
uas_done gen-one-uas
sipp_uas gen-list-uas "$SCEN/uas-200.xml" t1
sipp_uac gen-list-uas gen-list.xml "$UAS_PORT" t1
uas_done gen-list-uas
sipp_uas gen-keywords-uas "$SCEN/uas-202.xml" u1
sipp_uac gen-keywords-uas gen-keywords.xml "$UAS_PORT" u1 -s conf-kw
uas_done gen-keywords-uas
grep -q "REFER sip:conf-kw@127.0.0.1:$UAS_PORT SIP/2.0" gen-keywords-uas.msg &&
  ok "gen-keywords: Request-URI built from [service]@[remote_ip]:[remote_port]" ||
  bad "gen-keywords: Request-URI not built from the keywords"

# ---- 3. `sipref refer` bytes to a SIPp UAS and to the server --------------------------------
cli() {
  local out=$1
  shift
  "$SIPREF" refer --session "$SESSION" --from sip:alice@example.com "$@" >"$out" 2>"$out.stderr" ||
    { bad "sipref refer $*"; cat "$out.stderr"; }
}
cli cli-one.sip --invite sip:bob@example.com
cli cli-several.sip --invite sip:bob@example.com --invite sip:carol@example.com --invite sip:dave@example.com
cli cli-multipart.sip --profile rcs --layout multipart --invite sip:bob@example.com --invite 'sip:carol@[2001:db8::10]:5070'
cli cli-remove.sip --profile ims --anonymous --remove --invite sip:bob@example.com
cli cli-dialog.sip --dialog 'dlg-7@example.com,alice-tag,focus-tag,6' --invite sip:bob@example.com
uas_case() {
  local label=$1 file=$2 scenario=$3 code=$4
  sipp_uas "$label" "$SCEN/$scenario" u1
  if "$SEND" send "$UAS_PORT" "$file" --expect "$code" --timeout-ms 5000 >"$label.send" 2>&1; then
    ok "$label: $(cat "$label.send")"
  else
    bad "$label: sip_send: $(cat "$label.send")"
  fi
  uas_done "$label"
}
uas_case cli-one-uas cli-one.sip uas-200.xml 200
uas_case cli-several-uas cli-several.sip uas-202.xml 202
uas_case cli-multipart-uas cli-multipart.sip uas-200.xml 200
uas_case cli-remove-uas cli-remove.sip uas-202.xml 202
uas_case cli-dialog-uas cli-dialog.sip uas-200.xml 200
for f in cli-one cli-several cli-multipart cli-remove; do
  for tcp in "" --tcp; do
    if "$SEND" send $tcp "$PORT_main" "$f.sip" --expect 200 >"$f$tcp.server" 2>&1; then
      ok "$f$tcp to refer_server: $(tail -n 1 "$f$tcp.server")"
    else
      bad "$f$tcp to refer_server: $(cat "$f$tcp.server")"
    fi
  done
done

echo "sipp: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
