//! Node-link JSON (`crate::nodelink`): what `--graph file.json` reads back, byte for byte.

use std::collections::BTreeMap;

use petgraph::graph::{EdgeIndex, NodeIndex};
use serde_json::{Map, Value};

use crate::graph::{AttrValue, KnowledgeGraph};
use crate::nodelink::{Document, JsonEdge, JsonExternal, JsonNode};
use crate::selection::Selection;

pub fn attr_json(v: &AttrValue) -> Value {
    match v {
        AttrValue::Str(s) => Value::String(s.to_string()),
        AttrValue::Int(i) => Value::from(*i),
        AttrValue::Float(x) => Value::from(*x),
        AttrValue::Bool(b) => Value::Bool(*b),
        AttrValue::List(items) => Value::Array(items.iter().map(attr_json).collect()),
    }
}

fn attributes<'a>(attrs: impl Iterator<Item = (&'a str, &'a AttrValue)>) -> Map<String, Value> {
    attrs.map(|(k, v)| (k.to_string(), attr_json(v))).collect()
}

pub fn node(g: &KnowledgeGraph, n: NodeIndex) -> JsonNode {
    let info = g.info(n).cloned().unwrap_or_default();
    let mut external: BTreeMap<String, JsonExternal> = BTreeMap::new();
    for x in &info.external {
        let links = external.entry(x.namespace.clone()).or_default();
        if x.variant {
            links.variants.push(x.name.clone());
        } else {
            links.same.push(x.name.clone());
        }
    }
    JsonNode {
        id: g.id(n).to_string(),
        kind: g.kind_name(n).to_string(),
        name: Some(g.name(n).to_string()),
        aliases: info.aliases,
        year: g.node(n).year,
        date: info.date,
        summary: info.summary,
        url: info.url,
        source: g.node(n).source.map(|s| g.source(s).id.clone()),
        external,
        attributes: attributes(g.node_attrs.of(n.index())),
    }
}

pub fn edge(g: &KnowledgeGraph, e: EdgeIndex) -> JsonEdge {
    let (a, b) = g.endpoints(e);
    JsonEdge {
        from: g.id(a).to_string(),
        to: g.id(b).to_string(),
        relation: g.relation_name(e).to_string(),
        source: g.source_id(e).map(String::from),
        note: g.note(e).map(String::from),
        attributes: attributes(g.edge_attrs.of(e.index()).filter(|(k, _)| *k != "note")),
    }
}

pub fn document(g: &KnowledgeGraph, sel: &Selection) -> Document {
    Document {
        nodes: sel.nodes.iter().map(|&n| node(g, n)).collect(),
        edges: sel.edges.iter().map(|&e| edge(g, e)).collect(),
    }
}

/// Pretty-printed, one trailing newline.
pub fn write(g: &KnowledgeGraph, sel: &Selection) -> String {
    to_pretty(&document(g, sel))
}

/// Any serializable value as pretty JSON with a trailing newline (commands' `--format json`).
pub fn to_pretty(value: &impl serde::Serialize) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("JSON of plain values");
    s.push('\n');
    s
}
