#!/usr/bin/env python3
"""Summarise the runs recorded by scripts/bench-w1 (a TSV file) as Markdown tables, and
check that every tool and every run gave the same W1 answers.

usage: w1_report.py RESULTS.tsv [STEPS.tsv]
RESULTS.tsv: tool  run  wall_s  rss_kib  count2  count3  pathlen  dot_nodes  dot_edges  dot_digest
STEPS.tsv:   step  run  wall_s  rss_kib
Exit status 1 if the answers disagree.
"""
import statistics
import sys
from collections import OrderedDict

KEYS = ("count2", "count3", "pathlen")
PEERS = ("networkx", "python-igraph", "rustworkx")


def read(path, ncols):
    rows = []
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == ncols:
                rows.append(parts)
    return rows


def group(rows):
    by = OrderedDict()
    for r in rows:
        by.setdefault(r[0], []).append(r)
    return by


def fmt_ratio(x):
    return f"{x:.2f}×" if x < 10 else f"{x:.1f}×"


def main():
    res = group(read(sys.argv[1], 10))
    answers = OrderedDict()
    for tool, rows in res.items():
        for r in rows:
            answers[(tool, r[1])] = tuple(r[4:7])
    distinct = set(answers.values())
    ok = len(distinct) == 1

    med = {}
    rss = {}
    for tool, rows in res.items():
        med[tool] = statistics.median(float(r[2]) for r in rows)
        rss[tool] = max(int(r[3]) for r in rows) / 1024
    print("| tool | median wall (s) | peak RSS (MiB) |")
    print("| --- | ---: | ---: |")
    for tool in res:
        print(f"| {tool} | {med[tool]:.2f} | {rss[tool]:.0f} |")
    peers = [p for p in PEERS if p in med]
    ours = [t for t in res if t.startswith("genkg")]
    if peers and ours:
        print()
        print("How many times faster genkg is (peer's median wall time ÷ genkg's), and genkg's "
              "peak memory as a fraction of the peer's:")
        print()
        print("| genkg | " + " | ".join(f"vs {p}" for p in peers) + " | "
              + " | ".join(f"memory vs {p}" for p in peers) + " |")
        print("| --- | " + " | ".join("---:" for _ in peers * 2) + " |")
        for t in ours:
            speed = [fmt_ratio(med[p] / med[t]) if med[t] > 0 else "–" for p in peers]
            mem = [f"{rss[t] / rss[p]:.2f}" for p in peers]
            print(f"| {t} | " + " | ".join(speed) + " | " + " | ".join(mem) + " |")
    runs = max(len(rows) for rows in res.values())
    print()
    print(f"Wall time: median of {runs} run(s) (for the 4-process genkg rows, the sum of the "
          "four); peak RSS: the largest over the runs (for the 4-process rows, the largest of "
          "the processes).")
    print()
    first = next(iter(answers.values()))
    if ok:
        print("Answers (all tools agree): " + ", ".join(f"{k}={v}" for k, v in zip(KEYS, first)))
    # DOT content: node ids and (from, label, to) edges read back from each tool's file.
    # A difference is reported loudly but does not fail the run: the DOT layouts differ.
    dots = OrderedDict()
    for tool, rows in res.items():
        dots[tool] = tuple(rows[-1][7:10])
    if len({d[2] for d in dots.values()}) == 1:
        n, e, _ = next(iter(dots.values()))
        print(f"DOT of the lineage: every tool wrote the same {n} nodes and {e} edges.")
    else:
        print("WARNING: the DOT files differ in content (nodes, edges, digest): "
              + "; ".join(f"{t}: {n}, {e}, {h}" for t, (n, e, h) in dots.items()))

    if len(sys.argv) > 2:
        steps = group(read(sys.argv[2], 4))
        if steps:
            print()
            print("genkg, the load alone (parsed, then from the snapshot), then each step from the snapshot, one process each:")
            print()
            print("| step | median wall (s) | peak RSS (MiB) |")
            print("| --- | ---: | ---: |")
            for step, rows in steps.items():
                m = statistics.median(float(r[2]) for r in rows)
                r = max(int(x[3]) for x in rows) / 1024
                print(f"| {step} | {m:.2f} | {r:.0f} |")
            print()
            print("GNU time reports wall time in 0.01 s steps, so differences below a few "
                  "hundredths (even negative ones) are noise.")

    if not ok:
        print()
        print("ERROR: the tools disagree on W1's answers:", file=sys.stderr)
        for (tool, run), a in answers.items():
            print(f"  {tool} run {run}: " + ", ".join(f"{k}={v}" for k, v in zip(KEYS, a)),
                  file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
