#!/usr/bin/env python3
"""W1 with python-igraph: load the neo4j-style CSV pair, two lineage closures, a directed
shortest path, and the DOT of gnome-core's lineage.

usage: w1_igraph.py CSVDIR OUT.dot

Prints count2=, count3=, pathlen= (and dot_nodes=, dot_edges=) on stdout, one per line;
per-step wall times go to stderr.

Notes on the choices (what a competent igraph user would write):
* the graph is built in one call from integer edge lists (a name → index dict while
  reading), with vertex attributes name/kind/version/section/priority and edge attributes
  type/alt_group; Graph.TupleList would do the same lookup, slower;
* the lineage is `subgraph_edges(<depends/pre-depends edges>, delete_vertices=False)`, so
  vertex ids stay those of the full graph; closures are `subcomponent(v, mode=...)`, which
  includes v itself (hence the -1). igraph's mode="in" from libc6 = everything that
  transitively depends on it; mode="out" from gnome-core = everything it builds on;
* the shortest path is `distances(source, target, mode="out")` on the full graph (BFS);
* the DOT is written by hand from `induced_subgraph(reached)` of the lineage graph:
  Graph.write_dot would write numeric vertex ids and every attribute.
"""
import csv
import sys
import time

import igraph as ig

LINEAGE = ("depends", "pre-depends")
T0 = time.perf_counter()


def step(name, t):
    now = time.perf_counter()
    print(f"# {name}: {now - t:.3f}s", file=sys.stderr)
    return now


def load(d):
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
    edges, types, alts = [], [], []
    with open(f"{d}/edges.csv", newline="") as f:
        r = csv.reader(f)
        next(r)  # :START_ID,:END_ID,:TYPE,alt_group:int
        for row in r:
            edges.append((index[row[0]], index[row[1]]))
            types.append(row[2])
            alts.append(int(row[3]))
    return ig.Graph(
        n=len(names),
        edges=edges,
        directed=True,
        vertex_attrs={
            "name": names,
            "kind": kinds,
            "version": versions,
            "section": sections,
            "priority": priorities,
        },
        edge_attrs={"type": types, "alt_group": alts},
    )


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_dot(L, root, reach, path):
    # The lineage subgraph induced on the reached vertices: every depends/pre-depends edge
    # leaving a reached vertex ends at one, so these are exactly the edges the walk took.
    sub = L.induced_subgraph(reach)
    names = sub.vs["name"]
    edges = sorted(
        (names[u], t, names[v]) for (u, v), t in zip(sub.get_edgelist(), sub.es["type"])
    )
    with open(path, "w") as f:
        f.write(f"digraph {quote('lineage of ' + L.vs[root]['name'])} {{\n")
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
    g = load(d)
    t = step(f"load ({g.vcount()} nodes, {g.ecount()} edges)", t)
    L = g.subgraph_edges(g.es.select(type_in=LINEAGE), delete_vertices=False)
    t = step("lineage graph", t)
    libc6 = g.vs.find(name="libc6").index
    gnome = g.vs.find(name="gnome-core").index
    count2 = len(L.subcomponent(libc6, mode="in")) - 1
    t = step("step 2 (what depends on libc6)", t)
    reach = L.subcomponent(gnome, mode="out")  # gnome-core and what it builds on
    count3 = len(reach) - 1
    t = step("step 3 (what gnome-core builds on)", t)
    pathlen = g.distances(gnome, libc6, mode="out")[0][0]
    t = step("step 4 (shortest path)", t)
    dn, de = write_dot(L, gnome, reach, out)
    step("step 5 (dot)", t)
    step("total", T0)
    print(f"count2={count2}\ncount3={count3}\npathlen={pathlen}\ndot_nodes={dn}\ndot_edges={de}")


if __name__ == "__main__":
    main()
