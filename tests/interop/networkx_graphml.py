"""networkx reads genkg's GraphML.

usage: networkx_graphml.py GRAPHML RELATIONS ID...
  RELATIONS  comma-separated lineage relations
Prints {"nodes": N, "edges": M, "lineage": {ID: [ancestor ids, sorted]}}: the ancestors are
networkx.descendants over a view that keeps only edges whose `relation` is a lineage relation.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import emit, need  # noqa: E402

nx = need("networkx")

path, relations, ids = sys.argv[1], set(sys.argv[2].split(",")), sys.argv[3:]
g = nx.read_graphml(path)
if not g.is_directed():
    sys.exit("the GraphML was read as an undirected graph")
view = nx.subgraph_view(
    g, filter_edge=lambda a, b, *k: g.edges[(a, b, *k)].get("relation") in relations
)
emit(
    {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "multigraph": g.is_multigraph(),
        "lineage": {i: sorted(nx.descendants(view, i)) for i in ids},
        "kinds": sorted({d.get("kind") for _, d in g.nodes(data=True)}),
    }
)
