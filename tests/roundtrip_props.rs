//! Property: any graph genkg writes as node-link JSON or as the neo4j CSV pair reads back
//! to the same bytes, and the two formats give `check` the same findings (one validation).
//! Graphs are random: odd names, typed attributes, parallel edges, self-loops, kinds and
//! relations the schema beside does not declare.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::random_graph::{document, spec};
use genkg::export::{export, DrawOptions, Format, Output};
use genkg::read::{open, Options, Validation};
use genkg::selection::Selection;
use genkg::KnowledgeGraph;
use proptest::prelude::*;

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
