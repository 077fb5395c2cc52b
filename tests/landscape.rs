//! The landscape: Epoch AI's table read on its own and as a layer over the curated graph,
//! reconciled by link, name and alias, the first layer winning where they disagree, every
//! fact keeping where it came from. A small fixture (tests/fixtures/landscape, see its
//! README) pins each rule; the real table pins the closure of its `Base model` column.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{genkg, root};
use genkg::read::{open_layers, Options, Validation};
use petgraph::Direction;

fn fixture() -> PathBuf {
    root().join("tests/fixtures/landscape")
}

fn f(name: &str) -> String {
    fixture().join(name).to_str().unwrap().to_string()
}

#[test]
fn the_epoch_table_reads_alone_with_every_quirk() {
    let csv = f("epoch.csv");
    let stats = genkg(&["stats", "--format", "json"]).graph(&csv).run();
    stats.ok();
    let v: serde_json::Value = serde_json::from_str(&stats.stdout).unwrap();
    assert_eq!(v["kinds"]["model"], 7, "{}", stats.stdout);
    assert_eq!(
        v["kinds"]["organization"], 3,
        "Acme AI, Acme Research, Other Lab"
    );
    // Float parameters that are whole numbers are integers; compute in FLOP is a float; a
    // country listed twice is listed once; the first of several links is the source.
    genkg(&["show", "Big Model 70B"])
        .graph(&csv)
        .run()
        .ok()
        .stdout_has("parameters             70,000,000,000")
        .stdout_has("training_compute_flop  8.1e23")
        .stdout_has("country                United States of America\n")
        .stdout_has("[epoch:big-model-70b] Big Model: a paper (Ann One et al., 2023, Epoch AI) https://example.org/big\n");
    // Two organizations in one cell: two developers.
    genkg(&["show", "chat-model"])
        .graph(&csv)
        .run()
        .ok()
        .stdout_has("is developed by     Acme AI [acme-ai]")
        .stdout_has("is developed by     Other Lab [other-lab]")
        .stdout_has("parameters             70000000000.5");
    // A System with a trailing newline is trimmed; the base model column is an edge.
    genkg(&["lineage", "Chat Model v2", "--format", "list"])
        .graph(&csv)
        .run()
        .ok()
        .stdout_is("big-model-70b\nchat-model\n");
    genkg(&["check", "--strict"]).graph(&csv).run().ok();
}

fn write_csv(dir: &Path, rows: &[&str]) -> String {
    let mut text =
        String::from("\u{feff}System,Organization,Publication date,Parameters,Base model\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    let path = dir.join("table.csv");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn bad_rows_are_reported_at_their_row() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = write_csv(
        tmp.path(),
        &[
            "Good,Lab,2020-01-01,10,",
            ",Lab,2020-01-01,10,",
            "Bad date,Lab,2020-13-01,10,",
            "Bad number,Lab,2020-01-01,lots,",
            "Orphan,Lab,2021-01-01,,Nobody",
            "Good,Lab,2020-02-02,,",
        ],
    );
    let run = genkg(&["check"]).graph(&csv).run();
    run.fails()
        .code("bad-row")
        .code("bad-date")
        .code("wrong-type")
        .code("unknown-id")
        .code("duplicate-id")
        .stderr_has("table.csv:3 (column `System`): a row without a `System`")
        .stderr_has("table.csv:4: `2020-13-01` is not a date")
        .stderr_has("table.csv:5 (column `Parameters`): `lots` is not a number")
        .stderr_has("table.csv:6: no node has the id `Nobody`")
        .stderr_has("table.csv:7 (column `System`): `Good` is listed twice");
}

#[test]
fn layers_merge_by_link_name_and_alias_and_the_first_wins() {
    let manifest = f("landscape.toml");
    let check = genkg(&["check"]).graph(&manifest).run();
    check
        .ok()
        .code("layer-conflict")
        .says("`big-model`: graph and epoch disagree on `date`: graph says 2023-07-18 [paper], epoch says 2023-07-19 [epoch:big-model-70b]")
        .says("`small-model`: graph and epoch disagree on `developed_by`: graph says `acme` [paper], epoch says `other-lab` [epoch:small-model]")
        .says("`transformer`: graph and epoch disagree on `kind`");
    // By link: the graph's date stands; Epoch fills in what the graph lacks, and says so.
    genkg(&["show", "Big Model 70B"])
        .graph(&manifest)
        .run()
        .ok()
        .stdout_has("model `big-model`, 2023-07-18\n")
        .stdout_has("is Big Model 70B in layer epoch (matched by link)  [epoch:big-model-70b]")
        .stdout_has("parameters             70,000,000,000\n")
        .stdout_has("training_compute_flop  8.1e23  [epoch:big-model-70b]");
    // By name, with the graph deciding its developers.
    genkg(&["show", "small-model"])
        .graph(&manifest)
        .run()
        .ok()
        .stdout_has("(matched by name)")
        .stdout_lacks("Other Lab");
    genkg(&["show", "tiny"])
        .graph(&manifest)
        .run()
        .ok()
        .stdout_has("is Tiny (alias) in layer epoch (matched by alias)");
    // A variant the graph names; a new fine-tune reaching the graph's techniques.
    genkg(&["show", "Big Model 7B"])
        .graph(&manifest)
        .run()
        .ok()
        .stdout_has("from layer epoch")
        .stdout_has("is a variant of  Big Model [big-model]  [paper]");
    genkg(&["lineage", "Chat Model v2", "--format", "list"])
        .graph(&manifest)
        .run()
        .ok()
        .stdout_is("big-model\nchat-model\ntransformer\n");
}

#[test]
fn the_reconciliation_report_counts_what_each_layer_brought() {
    let run = genkg(&["check"]).graph(f("landscape.toml")).run();
    run.ok();
    let summary: String = run
        .stderr
        .lines()
        .skip_while(|l| !l.starts_with("reconciliation:"))
        .map(|l| format!("{l}\n"))
        .collect();
    insta::assert_snapshot!(summary.replace(&fixture().display().to_string(), "<fixture>"));
}

#[test]
fn repeated_graph_flags_are_the_manifest() {
    let by_manifest = genkg(&["export", "--format", "json"])
        .graph(f("landscape.toml"))
        .run();
    let by_flags = genkg(&["--graph", &f("epoch.csv"), "export", "--format", "json"])
        .graph(f("graph"))
        .run();
    by_manifest.ok();
    by_flags.ok();
    assert!(by_manifest.stdout == by_flags.stdout, "the two ways differ");
}

/// A first layer without a schema, then Epoch's table: the table's schema replaced the
/// kinds the first layer's nodes had been given, and a kind index ran past the schema (a
/// panic, found by fuzzing manifests; with fewer kinds, nodes silently changed kind).
#[test]
fn regression_a_later_layers_schema_replaced_the_kinds_of_the_first() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("m.toml"), "layers = [\"g.json\", \"epoch.csv\"]\n").unwrap();
    std::fs::write(
        d.join("g.json"),
        r#"{"nodes": [{"id": "a", "kind": "h", "name": "GPT-2"}, {"id": "w", "kind": "ni8"}],
            "edges": [{"from": "a", "to": "w", "relation": "r"}]}"#,
    )
    .unwrap();
    std::fs::write(
        d.join("epoch.csv"),
        "\u{feff}System,Organization,Publication date,Base model\n\
         GPT-2,OpenAI,2019-02-14,\nX,OpenAI,2020-01-01,GPT-2\n",
    )
    .unwrap();
    let m = d.join("m.toml");
    genkg(&["check"]).graph(&m).run().ok();
    let stats = genkg(&["stats"]).graph(&m).run();
    stats.ok();
    for line in ["h             1", "ni8           1", "model         1"] {
        assert!(stats.stdout.contains(line), "{}", stats.stdout);
    }
    let a = genkg(&["show", "a"]).graph(&m).run();
    a.ok();
    assert!(a.stdout.contains("h `a`"), "{}", a.stdout);
}

#[test]
fn a_manifest_that_lists_itself_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let m = tmp.path().join("m.toml");
    std::fs::write(&m, "layers = [\"m.toml\"]\n").unwrap();
    genkg(&["stats"]).graph(&m).run().fails().code("too-many");
    std::fs::write(&m, "layers = []\nlayer = 1\n").unwrap();
    genkg(&["check"])
        .graph(&m)
        .run()
        .fails()
        .code("empty-graph")
        .code("unknown-key");
}

// ---------------------------------------------------------------------------------------------
// The real landscape (landscape.toml: graph/ and data/epoch/all_ai_models.csv)

/// The `Base model` column: base → the systems fine-tuned from it.
fn epoch_children() -> BTreeMap<String, Vec<String>> {
    let mut rdr = csv::Reader::from_path(root().join("data/epoch/all_ai_models.csv")).unwrap();
    let head: Vec<String> = rdr
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let (sys, base) = (
        head.iter().position(|h| h == "System").unwrap(),
        head.iter().position(|h| h == "Base model").unwrap(),
    );
    let mut children: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in rdr.records() {
        let r = r.unwrap();
        let (s, b) = (r[sys].trim().to_string(), r[base].trim().to_string());
        if !b.is_empty() {
            children.entry(b).or_default().push(s);
        }
    }
    children
}

fn closure(children: &BTreeMap<String, Vec<String>>, root: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut todo = vec![root.to_string()];
    while let Some(x) = todo.pop() {
        for c in children.get(&x).into_iter().flatten() {
            if out.insert(c.clone()) {
                todo.push(c.clone());
            }
        }
    }
    out
}

#[test]
fn fine_tunes_in_the_landscape_are_the_closure_of_the_base_model_column() {
    let loaded = open_layers(
        &[root().join("landscape.toml")],
        Options {
            validation: Validation::Load,
            shown: None,
        },
    )
    .unwrap();
    assert!(!loaded.report.has_errors());
    let g = &loaded.graph;
    let p = &g.provenance;
    let epoch = (0..p.layers.len() as u8)
        .find(|&l| p.layer_name(l) == "epoch")
        .unwrap();
    // Each node under its Epoch name: its own name if Epoch made it, else the name of the
    // row merged into it.
    let mut epoch_name: BTreeMap<usize, String> = BTreeMap::new();
    for n in g.node_indices() {
        if p.node_layer(n) == epoch {
            epoch_name.insert(n.index(), g.name(n).to_string());
        }
    }
    for m in &p.merges {
        epoch_name.insert(m.node.index(), m.name.clone());
    }
    let by_name: BTreeMap<&str, usize> = epoch_name.iter().map(|(&n, s)| (s.as_str(), n)).collect();
    let ftf = g.schema.relation_id("fine_tuned_from").unwrap();
    let children = epoch_children();
    assert!(children.len() > 50);
    for base in children.keys() {
        let start = by_name[base.as_str()];
        // Walk the fine-tune edges Epoch states (its own, and the graph's it states too).
        let mut seen = BTreeSet::new();
        let mut todo = vec![start];
        while let Some(x) = todo.pop() {
            for e in g.edges_at(petgraph::graph::NodeIndex::new(x), Direction::Incoming) {
                let epochs =
                    p.edge_layer(e) == epoch || p.confirmations(e).any(|c| c.layer == epoch);
                if g.edge(e).relation == ftf && epochs {
                    let child = g.endpoints(e).0.index();
                    if seen.insert(child) {
                        todo.push(child);
                    }
                }
            }
        }
        let got: BTreeSet<String> = seen.iter().map(|n| epoch_name[n].clone()).collect();
        assert_eq!(got, closure(&children, base), "fine-tunes of {base}");
    }
}

#[test]
fn lineage_across_layers_from_a_fresh_clone() {
    // The README's question: what is fine-tuned from Llama 2-70B, down the landscape.
    let run = genkg(&[
        "lineage",
        "Llama 2-70B",
        "--down",
        "--relation",
        "fine_tuned_from",
        "--format",
        "list",
    ])
    .graph("landscape.toml")
    .run();
    run.ok()
        .stdout_has("code-llama-70b\n")
        .stdout_has("wizardlm-70b\n");
    // A fine-tune reaches the curated techniques through its base.
    genkg(&["lineage", "Vicuna-13B", "--format", "list"])
        .graph("landscape.toml")
        .run()
        .ok()
        .stdout_has("llama-13b\n")
        .stdout_has("llama\n")
        .stdout_has("transformer\n");
    genkg(&["check"])
        .graph("landscape.toml")
        .run()
        .ok()
        .stderr_has("reconciliation: layer epoch");
}
