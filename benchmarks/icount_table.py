#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# @file benchmarks/icount_table.py
# Instructions per operation under callgrind: runs `sipref_icount OP REPS` for each operation
# with collection limited to the measured loop, and prints a Markdown table (and, with
# --json, writes the numbers for bench_table.py). Needs valgrind (Debian package valgrind).
#
#   benchmarks/icount_table.py --icount build/bench/benchmarks/sipref_icount [--json out.json] [OP ...]
#
# Without OPs it measures the headline set below. REPS is chosen per operation so each run
# executes a few million instructions (stable to the instruction).
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HEADLINE = [
    # compose: the single REFER and its baselines
    "copy/refer_1/memcpy",
    "compose/refer_1/naive_reused",
    "compose/refer_1/naive_fresh",
    "compose/refer_1/snprintf",
    "compose/refer_1/sipref_buffer",
    "compose/refer_1/sipref_string_reused",
    "compose/refer_1/sipref_string_fresh",
    "compose/refer_1/osip2",
    "compose/refer_1/sofia",
    # compose: lists and REFERs with N invitees
    "copy/list_100/memcpy",
    "compose/list_10/naive_reused",
    "compose/list_10/sipref_buffer",
    "compose/list_100/naive_reused",
    "compose/list_100/sipref_buffer",
    "compose/list_1000/sipref_buffer",
    "compose/list_10000/sipref_buffer",
    "copy/refer_100/memcpy",
    "compose/refer_100/naive_reused",
    "compose/refer_2/sipref_buffer",
    "compose/refer_10/sipref_buffer",
    "compose/refer_100/sipref_buffer",
    "compose/refer_1000/sipref_buffer",
    "copy/notify/memcpy",
    "compose/notify/naive_reused",
    "compose/notify/sipref_buffer",
    "compose/notify/sofia",
    # parse
    "parse/refer_1/sipref_message",
    "parse/refer_1/sipref_typed",
    "parse/refer_1/osip2",
    "parse/refer_1/sofia",
    "parse/refer_100/sipref_typed",
    "parse/notify/sipref",
    "parse/notify/sofia",
    "parse/list_10/sipref",
    "parse/list_100/sipref",
    "parse/list_100/pugixml",
    "parse/list_100/expat",
    "parse/list_100/libxml2",
    "parse/list_1000/sipref",
    "parse/list_10000/sipref",
    "check/refer_1/sipref",
]

# Operations that take long per call get fewer repetitions.
def reps_for(op):
    m = re.search(r"_(\d+)(?:_|/)", op)
    n = int(m.group(1)) if m else 1
    if n >= 10000:
        return 2
    if n >= 1000:
        return 5
    if n >= 100:
        return 20
    return 200


def measure(icount, op, reps):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        cmd = ["valgrind", "--tool=callgrind", "--toggle-collect=icount_measured_loop",
               "--callgrind-out-file=" + out, icount, op, str(reps)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-2000:])
            raise SystemExit(f"icount_table: {op} failed")
        info = dict(re.findall(r"(\w+)=(\d+)", proc.stdout))
        with open(out) as f:
            text = f.read()
        m = re.search(r"^(?:summary|totals):\s*(\d+)", text, re.M)
        if not m:
            raise SystemExit(f"icount_table: no totals for {op}")
        total = int(m.group(1))
        return {"op": op, "reps": reps, "instructions": total / reps,
                "bytes": int(info.get("bytes", 0)), "items": int(info.get("items", 0))}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--icount", required=True, help="path to the sipref_icount executable")
    ap.add_argument("--json", help="write the measurements here")
    ap.add_argument("ops", nargs="*", help="operations (default: the headline set)")
    args = ap.parse_args()
    ops = args.ops or HEADLINE
    available = set(subprocess.run([args.icount, "--list"], capture_output=True, text=True, check=True).stdout.split())
    rows = []
    for op in ops:
        if op not in available:
            print(f"(skipping {op}: not built)", file=sys.stderr)
            continue
        rows.append(measure(args.icount, op, reps_for(op)))
        print(f"  {op}: {rows[-1]['instructions']:.0f}", file=sys.stderr)
    by_op = {r["op"]: r for r in rows}

    def ref(r, group, impl):
        shape = r["op"].split("/")[1]
        return by_op.get(f"{group}/{shape}/{impl}")

    print("| operation | bytes | instructions/op | per entry | × memcpy | × naive append |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        ins = r["instructions"]
        per_entry = f"{ins / r['items']:.0f}" if r["items"] else ""
        mc = ref(r, "copy", "memcpy")
        nv = ref(r, "compose", "naive_reused")
        x_mc = f"{ins / mc['instructions']:.1f}" if mc else ""
        x_nv = f"{ins / nv['instructions']:.2f}" if nv else ""
        print(f"| `{r['op']}` | {r['bytes']} | {ins:,.0f} | {per_entry} | {x_mc} | {x_nv} |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
