//! Random small graphs for property tests: odd names, typed attributes, parallel edges,
//! self-loops, kinds and relations the schema beside does not declare.

use proptest::prelude::*;
use serde_json::{json, Value};

pub const KINDS: [&str; 4] = ["model", "technique", "organization", "gadget"];
pub const RELATIONS: [&str; 4] = ["uses", "based_on", "developed_by", "resembles"];

fn text() -> impl Strategy<Value = String> {
    // Quotes, commas, newlines, non-ASCII; no `;` (the CSV list separator) and never empty.
    "[a-zA-Z0-9 ,\"'<>&é中\\n-]{1,12}".prop_filter("not blank", |s| !s.trim().is_empty())
}

fn attribute() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i32>().prop_map(Value::from),
        (-1.0e6f64..1.0e6).prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        text().prop_map(Value::from),
        prop::collection::vec(any::<i16>().prop_map(Value::from), 1..3).prop_map(Value::from),
    ]
}

/// A node: kind, name, year, aliases, one attribute.
pub type NodeSpec = (
    usize,
    Option<String>,
    Option<i32>,
    Vec<String>,
    Option<Value>,
);
/// An edge: from, to, relation, source, note.
pub type EdgeSpec = (usize, usize, usize, Option<usize>, Option<String>);

#[derive(Debug, Clone)]
pub struct Spec {
    pub nodes: Vec<NodeSpec>,
    pub edges: Vec<EdgeSpec>,
}

pub fn spec() -> impl Strategy<Value = Spec> {
    (1usize..12).prop_flat_map(|n| {
        let node = (
            0..KINDS.len(),
            prop::option::of(text()),
            prop::option::of(1990..2030i32),
            prop::collection::vec(text(), 0..2),
            prop::option::of(attribute()),
        );
        let edge = (
            0..n,
            0..n,
            0..RELATIONS.len(),
            prop::option::of(0..3usize),
            prop::option::of(text()),
        );
        (
            prop::collection::vec(node, n),
            prop::collection::vec(edge, 0..20),
        )
            .prop_map(|(nodes, edges)| Spec { nodes, edges })
    })
}

/// The spec as node-link JSON. Each attribute key keeps one type, as a CSV column must.
pub fn document(s: &Spec) -> Value {
    let nodes: Vec<Value> = s
        .nodes
        .iter()
        .enumerate()
        .map(|(i, (k, name, year, aliases, attr))| {
            let mut o = json!({"id": format!("n{i}"), "kind": KINDS[*k]});
            if let Some(name) = name {
                o["name"] = name.clone().into();
            }
            if let Some(y) = year {
                o["year"] = (*y).into();
            }
            if !aliases.is_empty() {
                o["aliases"] = aliases.clone().into();
            }
            if let Some(a) = attr {
                let key = match a {
                    Value::Number(n) if n.is_i64() => "count",
                    Value::Number(_) => "score",
                    Value::Bool(_) => "open",
                    Value::String(_) => "note",
                    _ => "sizes",
                };
                o["attributes"] = json!({ key: a });
            }
            o
        })
        .collect();
    let edges: Vec<Value> = s
        .edges
        .iter()
        .map(|(a, b, r, src, note)| {
            let mut o =
                json!({"from": format!("n{a}"), "to": format!("n{b}"), "relation": RELATIONS[*r]});
            if let Some(s) = src {
                o["source"] = format!("src{s}").into();
            }
            if let Some(n) = note {
                o["note"] = n.clone().into();
            }
            o
        })
        .collect();
    json!({"nodes": nodes, "edges": edges})
}
