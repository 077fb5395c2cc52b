"""rdflib parses genkg's Turtle, and SPARQL property paths answer lineage.

usage: rdflib_turtle.py TURTLE RELATIONS ID...
  RELATIONS  comma-separated lineage relations
Prints {"triples": N, "lineage_relations": [...], "lineage": {ID: [ancestor ids, sorted]}}.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import emit, need  # noqa: E402

rdflib = need("rdflib")

NODE = "urn:genkg:node:"
path, relations, ids = sys.argv[1], sys.argv[2].split(","), sys.argv[3:]
g = rdflib.Graph()
g.parse(path, format="turtle")

alternatives = "|".join(f"genkg:{r}" for r in relations)
query = f"""
PREFIX genkg: <urn:genkg:schema:>
SELECT DISTINCT ?x WHERE {{ ?s ({alternatives})+ ?x }}
"""
lineage = {}
for i in ids:
    rows = g.query(query, initBindings={"s": rdflib.URIRef(NODE + i)})
    out = []
    for (x,) in rows:
        x = str(x)
        if not x.startswith(NODE):
            sys.exit(f"{i}: the lineage reached {x}, which is not a node IRI")
        out.append(x[len(NODE):])
    lineage[i] = sorted(out)

# The relations the file itself declares as lineage (genkg:lineage true).
declared = g.query(
    """
PREFIX genkg: <urn:genkg:schema:>
SELECT ?r WHERE { ?r genkg:lineage true }
"""
)
emit(
    {
        "triples": len(g),
        "lineage_relations": sorted(str(r).split(":")[-1] for (r,) in declared),
        "lineage": lineage,
    }
)
