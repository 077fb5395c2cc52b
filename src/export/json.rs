//! Node-link JSON: `{"nodes":[{"id","kind","name",...}],"edges":[{"from","to","relation",...}]}`.
//! The same shape loads back (load::json), byte for byte.

use serde_json::{Map, Value};

use crate::graph::{AttrValue, KnowledgeGraph};
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

pub fn node_json(g: &KnowledgeGraph, n: petgraph::stable_graph::NodeIndex) -> Value {
    let node = g.node(n);
    let mut o = Map::new();
    o.insert("id".into(), g.id(n).into());
    o.insert("kind".into(), g.kind_name(n).into());
    o.insert("name".into(), g.name(n).into());
    if let Some(info) = g.info(n) {
        if !info.aliases.is_empty() {
            o.insert("aliases".into(), info.aliases.clone().into());
        }
    }
    if let Some(y) = node.year {
        o.insert("year".into(), y.into());
    }
    if let Some(info) = g.info(n) {
        for (key, value) in [
            ("date", &info.date),
            ("summary", &info.summary),
            ("url", &info.url),
        ] {
            if let Some(v) = value {
                o.insert(key.into(), v.as_str().into());
            }
        }
    }
    if let Some(s) = node.source {
        o.insert("source".into(), g.source(s).id.as_str().into());
    }
    let attrs: Map<String, Value> = g
        .node_attrs
        .of(n.index())
        .map(|(k, v)| (k.to_string(), attr_json(v)))
        .collect();
    if !attrs.is_empty() {
        o.insert("attributes".into(), Value::Object(attrs));
    }
    Value::Object(o)
}

pub fn edge_json(g: &KnowledgeGraph, e: petgraph::stable_graph::EdgeIndex) -> Value {
    let (a, b) = g.endpoints(e);
    let mut o = Map::new();
    o.insert("from".into(), g.id(a).into());
    o.insert("to".into(), g.id(b).into());
    o.insert("relation".into(), g.relation_name(e).into());
    if let Some(s) = g.source_id(e) {
        o.insert("source".into(), s.into());
    }
    if let Some(note) = g.note(e) {
        o.insert("note".into(), note.into());
    }
    let attrs: Map<String, Value> = g
        .edge_attrs
        .of(e.index())
        .filter(|(k, _)| *k != "note")
        .map(|(k, v)| (k.to_string(), attr_json(v)))
        .collect();
    if !attrs.is_empty() {
        o.insert("attributes".into(), Value::Object(attrs));
    }
    Value::Object(o)
}

pub fn selection_json(g: &KnowledgeGraph, sel: &Selection) -> Value {
    let mut o = Map::new();
    o.insert(
        "nodes".into(),
        sel.nodes.iter().map(|&n| node_json(g, n)).collect(),
    );
    o.insert(
        "edges".into(),
        sel.edges.iter().map(|&e| edge_json(g, e)).collect(),
    );
    Value::Object(o)
}

/// Pretty-printed, one trailing newline.
pub fn write(g: &KnowledgeGraph, sel: &Selection) -> String {
    let mut s =
        serde_json::to_string_pretty(&selection_json(g, sel)).expect("JSON of plain values");
    s.push('\n');
    s
}
