#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# @file benchmarks/bench_plot.py
# Plots one bench_refer JSON run with gnuplot (Debian package gnuplot-nox) into an SVG:
# left, the single REFER composed and parsed by every implementation (time per operation,
# log scale); right, resource-lists bodies composed and parsed, time per entry against N.
# The output format follows the file name: .svg or .png.
#
#   benchmarks/bench_plot.py results/bench.json results/bench.svg
import json
import os
import shutil
import subprocess
import sys
import tempfile

NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}

SINGLE = [
    ("copy/refer_1/memcpy", "memcpy"),
    ("compose/refer_1/naive_reused", "naive append (reused)"),
    ("compose/refer_1/naive_fresh", "naive append (fresh)"),
    ("compose/refer_1/snprintf", "snprintf"),
    ("compose/refer_1/sipref_buffer", "sipref compose (buffer)"),
    ("compose/refer_1/sipref_string_reused", "sipref compose (reused string)"),
    ("compose/refer_1/sipref_string_fresh", "sipref compose (fresh string)"),
    ("compose/refer_1/osip2", "oSIP2 build+serialise"),
    ("compose/refer_1/sofia", "sofia-sip build+serialise"),
    ("parse/refer_1/sipref_message", "sipref parse (framing)"),
    ("parse/refer_1/sipref_typed", "sipref parse (typed)"),
    ("parse/refer_1/osip2", "oSIP2 parse"),
    ("parse/refer_1/sofia", "sofia-sip parse"),
    ("check/refer_1/sipref", "sipref checker"),
]

SERIES = [
    ("compose", "sipref_buffer", "sipref compose"),
    ("compose", "naive_reused", "naive append"),
    ("parse", "sipref", "sipref parse (namespace-aware)"),
    ("parse", "pugixml", "pugixml (no namespaces)"),
    ("parse", "expat", "expat (namespaces)"),
    ("parse", "libxml2", "libxml2 (namespaces)"),
]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: bench_plot.py BENCH.json OUT.svg")
    if not shutil.which("gnuplot"):
        sys.exit("bench_plot: gnuplot not found (apt-get install gnuplot-nox)")
    with open(sys.argv[1]) as f:
        data = json.load(f)
    runs = {}
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        runs[b.get("run_name", b["name"])] = b["cpu_time"] * NS[b.get("time_unit", "ns")]
    with tempfile.TemporaryDirectory() as tmp:
        single = os.path.join(tmp, "single.dat")
        with open(single, "w") as f:
            for i, (name, label) in enumerate(SINGLE):
                if name in runs:
                    kind = 0 if name.startswith("copy") else 1 if "naive" in name or "snprintf" in name else \
                        2 if "sipref" in name else 3
                    f.write(f'{i} "{label}" {runs[name]:.3f} {kind}\n')
        series_files = []
        for group, impl, label in SERIES:
            path = os.path.join(tmp, f"{group}_{impl}.dat")
            rows = []
            for n in (10, 100, 1000, 10000):
                t = runs.get(f"{group}/list_{n}/{impl}")
                if t is not None:
                    rows.append(f"{n} {t / n:.3f}\n")
            if rows:
                with open(path, "w") as f:
                    f.writelines(rows)
                series_files.append((path, label))
        plots = ", ".join(f"'{p}' using 1:2 with linespoints lw 2 title '{label}'" for p, label in series_files)
        plots += ", 14 with lines dt 2 lc rgb 'black' title 'target: list composition ≤ 14 ns/entry'"
        out = sys.argv[2]
        terminal = ("pngcairo size 1280,620 enhanced font 'sans,10' background '#ffffff'" if out.endswith(".png")
                    else "svg size 1280,620 dynamic enhanced font 'sans,11' background '#ffffff'")
        script = f"""
set terminal {terminal}
set output '{sys.argv[2]}'
set multiplot layout 1,2 title "sipref benchmarks ({data['context'].get('date', '')}, CPU time)"
set title "Single-invitee REFER (627 bytes): time per operation"
set style fill solid 0.8 border -1
set boxwidth 0.7
set logscale y
set ylabel "ns per operation (log scale)"
set grid ytics
set xtics rotate by -40 left nomirror font ',9'
set yrange [5:*]
set xrange [-0.6:{len(SINGLE) - 0.4}]
set key off
set palette defined (0 '#999999', 1 '#e6a817', 2 '#1f77b4', 3 '#d62728')
unset colorbox
plot '{single}' using 1:3:4:xtic(2) with boxes lc palette, \\
     '' using 1:3:(sprintf('%.0f', $3)) with labels offset 0,0.7 font ',8'
unset logscale y
set title "resource-lists bodies: time per entry"
set logscale x
set logscale y
set xtics rotate by 0 font ',10' (10, 100, 1000, 10000)
set xrange [7:14000]
set yrange [*:*]
set xlabel "entries in the list (N)"
set ylabel "ns per entry (log scale)"
set key below font ',9' maxrows 4 width -4
plot {plots}
unset multiplot
"""
        subprocess.run(["gnuplot"], input=script, text=True, check=True)


if __name__ == "__main__":
    main()
