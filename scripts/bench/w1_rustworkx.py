#!/usr/bin/env python3
"""W1 with rustworkx (a Rust core behind a Python API): load the neo4j-style CSV pair, two
lineage closures, a directed shortest path, and the DOT of gnome-core's lineage.

usage: w1_rustworkx.py CSVDIR OUT.dot

Prints count2=, count3=, pathlen= (and dot_nodes=, dot_edges=) on stdout, one per line;
per-step wall times go to stderr.

Notes on the choices (what a competent rustworkx user would write):
* two PyDiGraphs share node indices: the whole graph and the lineage graph (depends and
  pre-depends edges only), both built with one add_nodes_from and one add_edges_from from
  integer edge lists (a name → index dict while reading); node payloads are names, edge
  payloads relations, and the other CSV columns lists indexed like the nodes and edges;
* closures are rustworkx.ancestors / descendants on the lineage graph (both exclude the
  start node): ancestors of libc6 = everything that transitively depends on it;
  descendants of gnome-core = everything it builds on;
* the shortest path is dijkstra_shortest_path_lengths with unit costs and goal=libc6 on the
  whole graph (rustworkx has no unweighted single-pair BFS distance);
* the DOT is written by hand from the lineage graph's subgraph on the reached nodes
  (rustworkx's to_dot would need attribute callbacks and writes numeric ids).
"""
import csv
import sys
import time

import rustworkx as rx

LINEAGE = ("depends", "pre-depends")
T0 = time.perf_counter()


def step(name, t):
    now = time.perf_counter()
    print(f"# {name}: {now - t:.3f}s", file=sys.stderr)
    return now


def load(d):
    # The CSV columns are kept as lists beside the graph (as igraph keeps attributes), and
    # a node's payload is its name: millions of small dicts or tuples as payloads make
    # Python's garbage collector walk them again and again, which triples the load.
    names, kinds, versions, sections, priorities = [], [], [], [], []
    with open(f"{d}/nodes.csv", newline="") as f:
        r = csv.reader(f)
        next(r)  # id:ID,:LABEL,version,section,priority
        for row in r:
            names.append(row[0])
            kinds.append(row[1])
            versions.append(row[2])
            sections.append(row[3])
            priorities.append(row[4])
    index = {n: i for i, n in enumerate(names)}
    edges, alts, lineage = [], [], []
    with open(f"{d}/edges.csv", newline="") as f:
        r = csv.reader(f)
        next(r)  # :START_ID,:END_ID,:TYPE,alt_group:int
        for row in r:
            u, v = index[row[0]], index[row[1]]
            edges.append((u, v, row[2]))
            alts.append(int(row[3]))
            if row[2] in LINEAGE:
                lineage.append((u, v, row[2]))
    g = rx.PyDiGraph(multigraph=True)
    g.add_nodes_from(names)
    g.add_edges_from(edges)
    L = rx.PyDiGraph(multigraph=True)
    L.add_nodes_from(names)
    L.add_edges_from(lineage)
    columns = {"kind": kinds, "version": versions, "section": sections, "priority": priorities}
    return g, L, index, columns, alts


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_dot(L, root, reach, path):
    sub = L.subgraph(sorted(reach))
    names = sub.nodes()
    edges = sorted((sub[u], t, sub[v]) for u, v, t in sub.weighted_edge_list())
    with open(path, "w") as f:
        f.write(f"digraph {quote('lineage of ' + L[root])} {{\n")
        for n in sorted(names):
            f.write(f"  {quote(n)};\n")
        for u, t, v in edges:
            f.write(f"  {quote(u)} -> {quote(v)} [label={quote(t)}];\n")
        f.write("}\n")
    return len(names), len(edges)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    d, out = sys.argv[1], sys.argv[2]
    t = T0
    g, L, index, _columns, _alts = load(d)
    t = step(f"load ({g.num_nodes()} nodes, {g.num_edges()} edges)", t)
    libc6, gnome = index["libc6"], index["gnome-core"]
    count2 = len(rx.ancestors(L, libc6))
    t = step("step 2 (what depends on libc6)", t)
    reach = rx.descendants(L, gnome) | {gnome}
    count3 = len(reach) - 1
    t = step("step 3 (what gnome-core builds on)", t)
    lengths = rx.dijkstra_shortest_path_lengths(g, gnome, lambda _: 1.0, goal=libc6)
    pathlen = int(lengths[libc6])
    t = step("step 4 (shortest path)", t)
    dn, de = write_dot(L, gnome, reach, out)
    step("step 5 (dot)", t)
    step("total", T0)
    print(f"count2={count2}\ncount3={count3}\npathlen={pathlen}\ndot_nodes={dn}\ndot_edges={de}")


if __name__ == "__main__":
    main()
