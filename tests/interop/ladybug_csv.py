"""LadybugDB loads genkg's CSV pair and a recursive path query answers lineage.

usage: ladybug_csv.py CSV_DIR DB_DIR RELATIONS ID...
  CSV_DIR    holds nodes.csv and edges.csv from `genkg export --format csv -o CSV_DIR`
  DB_DIR     a path for a new LadybugDB database (must not exist yet)
  RELATIONS  comma-separated lineage relations
The DDL is built from the CSV headers (LadybugDB's COPY FROM maps columns by position).
Prints {"nodes": N, "edges": M, "columns": {...}, "facts": {ID: {kind, name, year}},
"lineage": {ID: [ancestor ids, sorted]}}.
"""

import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import emit, need  # noqa: E402

ladybug = need("ladybug")

csv_dir, db_dir, relations, ids = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4:]
nodes_csv = os.path.join(csv_dir, "nodes.csv")
edges_csv = os.path.join(csv_dir, "edges.csv")


def header(path):
    with open(path, newline="", encoding="utf-8") as f:
        return next(csv.reader(f))


def column(field):
    """A neo4j-admin header field as (LadybugDB column name, type)."""
    name, _, ty = field.rpartition(":") if ":" in field else (field, "", "")
    special = {"ID": ("id", "STRING"), "LABEL": ("label", "STRING"), "TYPE": ("relation", "STRING")}
    if ty in special:
        return special[ty]
    # Lists are `;`-joined text in the CSV: kept as text here.
    scalar = {"": "STRING", "string": "STRING", "int": "INT64", "long": "INT64",
              "double": "DOUBLE", "float": "DOUBLE", "boolean": "BOOLEAN"}
    db_type = "STRING" if ty.endswith("[]") else scalar[ty]
    safe = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return (f"p_{safe}", db_type)


def quote(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


node_cols = [column(f) for f in header(nodes_csv)]
edge_head = header(edges_csv)
if edge_head[:2] != [":START_ID", ":END_ID"]:
    sys.exit(f"edges.csv must start with :START_ID,:END_ID (it starts {edge_head[:2]})")
edge_cols = [column(f) for f in edge_head[2:]]
if node_cols[0] != ("id", "STRING"):
    sys.exit(f"nodes.csv must start with id:ID (it starts {node_cols[0]})")

db = ladybug.Database(db_dir)
conn = ladybug.Connection(db)
conn.execute(
    "CREATE NODE TABLE N("
    + ", ".join(f"{n} {t}" for n, t in node_cols)
    + ", PRIMARY KEY (id))"
)
conn.execute(
    "CREATE REL TABLE R(FROM N TO N"
    + "".join(f", {n} {t}" for n, t in edge_cols)
    + ")"
)
opts = "(header=true, parallel=false)"
conn.execute(f"COPY N FROM {quote(nodes_csv)} {opts}")
conn.execute(f"COPY R FROM {quote(edges_csv)} {opts}")


def scalar(q, params=None):
    r = conn.execute(q, params or {})
    return r.get_next()[0]


# LadybugDB caps a variable-length pattern at 30 hops; lineage chains here are far shorter.
wanted = "[" + ", ".join(quote(r) for r in relations) + "]"
query = (
    "MATCH (a:N {id: $id})-[r:R* 1..30 (e, n | WHERE e.relation IN " + wanted + ")]->(b:N) "
    "RETURN DISTINCT b.id"
)
lineage = {}
for i in ids:
    r = conn.execute(query, {"id": i})
    out = []
    while r.has_next():
        out.append(r.get_next()[0])
    lineage[i] = sorted(out)

# A few facts per model, to see that COPY put each value in its column.
facts = {}
for i in ids:
    r = conn.execute("MATCH (n:N {id: $id}) RETURN n.label, n.p_name, n.p_year", {"id": i})
    if r.has_next():
        kind, name, year = r.get_next()
        facts[i] = {"kind": kind, "name": name, "year": year}

emit(
    {
        "facts": facts,
        "nodes": scalar("MATCH (n:N) RETURN count(n)"),
        "edges": scalar("MATCH ()-[r:R]->() RETURN count(r)"),
        "columns": {"nodes": node_cols, "edges": edge_cols},
        "lineage": lineage,
    }
)
