#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# @file benchmarks/bench_table.py
# Turns one run of bench_refer (`--benchmark_format=json` or `--benchmark_out=FILE`) into
# Markdown: the table of every benchmark with its CPU time, throughput and ratios to memcpy
# and to the naive append of the same message, then the targets checked against the
# same run (and against callgrind counts from icount_table.py --json, when given).
#
#   benchmarks/bench_table.py results/bench.json [--icount results/icount.json]
import argparse
import json
import sys

NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def load(path):
    with open(path) as f:
        data = json.load(f)
    runs = {}
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        if b.get("error_occurred"):
            continue
        name = b.get("run_name", b["name"])
        runs[name] = b
    return data.get("context", {}), runs


def ns_per_op(b):
    return b["cpu_time"] * NS[b.get("time_unit", "ns")]


def fmt_ns(v):
    if v >= 1e6:
        return f"{v / 1e6:,.2f} ms"
    if v >= 1e3:
        return f"{v / 1e3:,.2f} µs"
    return f"{v:,.0f} ns"


def fmt_rate(v):
    for unit, div in (("GB/s", 1e9), ("MB/s", 1e6), ("kB/s", 1e3)):
        if v >= div:
            return f"{v / div:,.2f} {unit}"
    return f"{v:,.0f} B/s"


def ratio(runs, b, group, impl):
    shape = b["run_name" if "run_name" in b else "name"].split("/")[1]
    ref = runs.get(f"{group}/{shape}/{impl}")
    return ns_per_op(b) / ns_per_op(ref) if ref else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("json")
    ap.add_argument("--icount", help="icount_table.py --json output")
    args = ap.parse_args()
    ctx, runs = load(args.json)
    icount = {}
    if args.icount:
        with open(args.icount) as f:
            icount = {r["op"]: r for r in json.load(f)}

    print(f"Run: {ctx.get('date', '?')}, {ctx.get('num_cpus', '?')} CPUs at {ctx.get('mhz_per_cpu', '?')} MHz "
          f"(Google Benchmark library build: {ctx.get('library_build_type', '?')}); CPU time per operation. "
          "× memcpy: time / memcpy of the same message; × naive append: time / the naive reused-string "
          "append that writes the same message.\n")
    print("| benchmark | time/op | bytes/s | per entry | × memcpy | × naive append |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, b in runs.items():
        t = ns_per_op(b)
        items = b.get("items_per_second")
        n = b.get("bytes", 0)
        per_entry = ""
        shape = name.split("/")[1]
        count = shape.split("_")[1] if "_" in shape else ""
        if items and count.isdigit() and int(count) > 1:
            per_entry = fmt_ns(t / int(count))
        xm = ratio(runs, b, "copy", "memcpy")
        xn = ratio(runs, b, "compose", "naive_reused")
        print(f"| `{name}` | {fmt_ns(t)} | {fmt_rate(b.get('bytes_per_second', 0))} | {per_entry} | "
              f"{'' if xm is None else f'{xm:,.1f}'} | {'' if xn is None else f'{xn:,.2f}'} |")

    # ---- targets (issue 6, item 4) ----
    print("\n### Targets\n")
    print("| target | measured | met |")
    print("|---|---|:---:|")

    def t(name):
        b = runs.get(name)
        return ns_per_op(b) if b else None

    def ins(name):
        r = icount.get(name)
        return r["instructions"] if r else None

    def row(text, measured, ok):
        mark = "—" if ok is None else ("yes" if ok else "**no**")
        print(f"| {text} | {measured} | {mark} |")

    s, naive, sofia = t("compose/refer_1/sipref_buffer"), t("compose/refer_1/naive_reused"), t("compose/refer_1/sofia")
    if s and naive:
        row("single REFER composed no slower than the naive reused-string append",
            f"{fmt_ns(s)} vs {fmt_ns(naive)} ({s / naive:.2f}×)", s <= naive)
    si, ni = ins("compose/refer_1/sipref_buffer"), ins("compose/refer_1/naive_reused")
    if si and ni:
        row("… in instructions (callgrind)", f"{si:,.0f} vs {ni:,.0f} ({si / ni:.2f}×)", si <= ni)
    if s and sofia:
        row("single REFER composed ≥ 20× faster than sofia-sip", f"{sofia / s:.1f}× ({fmt_ns(sofia)})", sofia / s >= 20)
    sfi = ins("compose/refer_1/sofia")
    if si and sfi:
        row("… in instructions (callgrind)", f"{sfi / si:.1f}× ({sfi:,.0f} vs {si:,.0f})", sfi / si >= 20)
    pi = ins("parse/refer_1/sipref_typed")
    if pi:
        row("full typed parse of the single REFER ≤ 6,000 instructions", f"{pi:,.0f}", pi <= 6000)
    p = t("parse/refer_1/sipref_typed")
    if p:
        row("… wall time (for reference)", fmt_ns(p), None)
    sl, pg, lx = t("parse/list_100/sipref"), t("parse/list_100/pugixml"), t("parse/list_100/libxml2")
    if sl and pg:
        row("namespace-aware resource-lists parse faster than pugixml at N = 100",
            f"{fmt_ns(sl)} vs {fmt_ns(pg)} ({sl / pg:.2f}×)", sl < pg)
    if sl and lx:
        row("… and ≥ 10× faster than libxml2", f"{lx / sl:.1f}× ({fmt_ns(lx)})", lx / sl >= 10)
    for n in (100, 1000, 10000):
        c = t(f"compose/list_{n}/sipref_buffer")
        if c:
            row(f"list composition ≤ 14 ns per entry (N = {n})", f"{c / n:.1f} ns", c / n <= 14)
    for group, impl in (("compose", "list"), ("parse", "list"), ("compose", "refer")):
        name = "sipref_buffer" if group == "compose" else "sipref"
        small, big = t(f"{group}/{impl}_100/{name}"), t(f"{group}/{impl}_10000/{name}")
        if small and big:
            growth = (big / 10000) / (small / 100)
            row(f"{group} {impl}: time linear in N up to 10,000 (per-entry time at 10,000 / at 100)",
                f"{growth:.2f}", growth <= 1.5)
    row("zero heap allocations composing into a reused buffer and parsing",
        "tests/alloc/test_alloc_procedure.cpp (ctest -L alloc)", None)


if __name__ == "__main__":
    sys.exit(main())
