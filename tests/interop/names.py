"""Node ids, names and summaries as other tools read them from genkg's XML and RDF exports.

usage: names.py [--graphml FILE] [--gexf FILE] [--turtle FILE]
Prints a JSON object with a key per file given:
  "graphml": {id: name}                  networkx.read_graphml, the `name` data of each node
  "gexf":    {id: {"label", "summary"}}  networkx.read_gexf, each node's label and summary
  "turtle":  {id: rdfs:label}            rdflib, each urn:genkg:node: IRI (percent-decoded)
"""

import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import emit, need  # noqa: E402

args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
out = {}

if "--graphml" in args or "--gexf" in args:
    nx = need("networkx")
    if "--graphml" in args:
        g = nx.read_graphml(args["--graphml"])
        out["graphml"] = {n: d.get("name") for n, d in g.nodes(data=True)}
    if "--gexf" in args:
        g = nx.read_gexf(args["--gexf"])
        out["gexf"] = {
            n: {"label": d.get("label"), "summary": d.get("summary")}
            for n, d in g.nodes(data=True)
        }

if "--turtle" in args:
    rdflib = need("rdflib")
    NODE = "urn:genkg:node:"
    t = rdflib.Graph()
    t.parse(args["--turtle"], format="turtle")
    labels = {}
    for s, label in t.subject_objects(rdflib.RDFS.label):
        s = str(s)
        if s.startswith(NODE):
            labels[urllib.parse.unquote(s[len(NODE):])] = str(label)
    out["turtle"] = labels

emit(out)
