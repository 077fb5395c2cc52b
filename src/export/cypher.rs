//! A Cypher script for Neo4j: nodes with a `Node` label plus their kind, relationships typed
//! by relation, properties for everything else.

use std::fmt::Write;

use crate::export::fields::{display_name, edge_fields, edge_value, node_fields, node_value};
use crate::graph::{AttrValue, KnowledgeGraph};
use crate::selection::Selection;

/// A Cypher string literal.
fn string(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A label, relationship type or property name; backquoted unless a plain identifier.
fn name(s: &str) -> String {
    let plain = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        s.to_string()
    } else {
        format!("`{}`", s.replace('`', "``"))
    }
}

fn literal(v: &AttrValue) -> String {
    match v {
        AttrValue::Str(s) => string(s),
        AttrValue::Int(i) => i.to_string(),
        AttrValue::Float(x) if x.is_finite() => format!("{x:?}"),
        AttrValue::Float(_) => "null".into(),
        AttrValue::Bool(b) => b.to_string(),
        AttrValue::List(items) => format!(
            "[{}]",
            items.iter().map(literal).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn props(pairs: Vec<(String, AttrValue)>) -> String {
    let inner: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}: {}", name(k), literal(v)))
        .collect();
    format!("{{{}}}", inner.join(", "))
}

pub fn write(g: &KnowledgeGraph, sel: &Selection) -> String {
    let nf: Vec<_> = node_fields(g, sel, false);
    let ef: Vec<_> = edge_fields(g, sel, false);
    let mut out = format!("// genkg: {} nodes, {} relationships\nCREATE CONSTRAINT genkg_node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE;\n", sel.nodes.len(), sel.edges.len());
    for &n in &sel.nodes {
        let mut pairs = vec![("id".to_string(), AttrValue::Str(g.id(n).into()))];
        pairs.extend(
            nf.iter()
                .filter_map(|f| node_value(g, n, f).map(|v| (display_name(f).to_string(), v))),
        );
        let _ = writeln!(
            out,
            "MERGE (n:Node {{id: {}}}) SET n:{}, n += {};",
            string(g.id(n)),
            name(g.kind_name(n)),
            props(pairs)
        );
    }
    for &e in &sel.edges {
        let (a, b) = g.endpoints(e);
        let pairs: Vec<(String, AttrValue)> = ef
            .iter()
            .filter_map(|f| edge_value(g, e, f).map(|v| (display_name(f).to_string(), v)))
            .collect();
        let _ = writeln!(
            out,
            "MATCH (a:Node {{id: {}}}), (b:Node {{id: {}}}) CREATE (a)-[:{} {}]->(b);",
            string(g.id(a)),
            string(g.id(b)),
            name(g.relation_name(e)),
            props(pairs)
        );
    }
    out
}
