//! Property: any graph genkg writes as node-link JSON or as the neo4j CSV pair reads back
//! to the same bytes, and the two formats give `check` the same findings (one validation).
//! Graphs are random: odd names, typed attributes, parallel edges, self-loops, kinds and
//! relations the schema beside does not declare.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use genkg::export::{export, DrawOptions, Format, Output};
use genkg::read::{open, Options, Validation};
use genkg::selection::Selection;
use genkg::KnowledgeGraph;
use proptest::prelude::*;
use serde_json::{json, Value};

const KINDS: [&str; 4] = ["model", "technique", "organization", "gadget"];
const RELATIONS: [&str; 4] = ["uses", "based_on", "developed_by", "resembles"];

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
type NodeSpec = (
    usize,
    Option<String>,
    Option<i32>,
    Vec<String>,
    Option<Value>,
);
/// An edge: from, to, relation, source, note.
type EdgeSpec = (usize, usize, usize, Option<usize>, Option<String>);

#[derive(Debug, Clone)]
struct Spec {
    nodes: Vec<NodeSpec>,
    edges: Vec<EdgeSpec>,
}

fn spec() -> impl Strategy<Value = Spec> {
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
fn document(s: &Spec) -> Value {
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

fn load(path: &Path) -> (KnowledgeGraph, BTreeMap<String, usize>) {
    let opts = Options {
        validation: Validation::Full,
        shown: None,
    };
    let loaded = open(path, opts).expect("readable");
    let codes = loaded
        .report
        .codes()
        .into_iter()
        .map(|(c, n)| (c.to_string(), n))
        .collect();
    (loaded.graph, codes)
}

fn one(g: &KnowledgeGraph, f: Format) -> Output {
    export(g, &Selection::whole(g), f, &DrawOptions::default()).expect("exports")
}

fn write(dir: &Path, name: &str, out: &Output) -> std::path::PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("schema.toml"), common::SCHEMA).unwrap();
    match out {
        Output::One(bytes) => {
            std::fs::write(dir.join(name), bytes).unwrap();
            dir.join(name)
        }
        Output::Many(files) => {
            for (n, bytes) in files {
                std::fs::write(dir.join(n), bytes).unwrap();
            }
            dir.to_path_buf()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn json_and_csv_round_trip_and_agree(s in spec()) {
        let tmp = tempfile::tempdir().unwrap();
        let start = tmp.path().join("start");
        std::fs::create_dir_all(&start).unwrap();
        std::fs::write(start.join("g.json"), document(&s).to_string()).unwrap();
        let (g, _) = load(&start.join("g.json"));

        let json1 = one(&g, Format::Json);
        let csv1 = one(&g, Format::Csv);
        let (from_json, json_codes) = load(&write(&tmp.path().join("json"), "g.json", &json1));
        let (from_csv, csv_codes) = load(&write(&tmp.path().join("csv"), "", &csv1));
        prop_assert_eq!(one(&from_json, Format::Json), json1.clone(), "JSON → graph → JSON");
        prop_assert_eq!(one(&from_csv, Format::Csv), csv1, "CSV → graph → CSV");
        prop_assert_eq!(one(&from_csv, Format::Json), json1, "CSV and JSON hold one graph");
        prop_assert_eq!(json_codes, csv_codes, "one validation for both formats");
    }
}
