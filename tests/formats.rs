//! One validation for every format: the same broken graph written as a TOML knowledge base,
//! as node-link JSON and as a neo4j CSV pair (with the same schema.toml and sources.toml
//! beside) gives `check` the same codes in all three, each rule pointing at its place in
//! that format. Table-driven: one row per validation rule.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::{genkg, Run, SCHEMA, SOURCES};

#[derive(Debug, Clone)]
struct Node {
    id: &'static str,
    kind: &'static str,
    year: Option<i32>,
    date: Option<&'static str>,
    source: Option<&'static str>,
}

#[derive(Debug, Clone)]
struct Edge {
    from: &'static str,
    relation: &'static str,
    to: &'static str,
}

#[derive(Debug, Clone)]
struct Graph {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

fn node(id: &'static str, kind: &'static str, year: i32) -> Node {
    Node {
        id,
        kind,
        year: Some(year),
        date: None,
        source: Some("paper"),
    }
}

fn edge(from: &'static str, relation: &'static str, to: &'static str) -> Edge {
    Edge { from, relation, to }
}

/// The clean graph every case breaks in one way (the fixture of tests/common).
fn base() -> Graph {
    Graph {
        nodes: vec![
            node("dall-e-2", "model", 2022),
            node("glide", "model", 2021),
            node("transformer", "technique", 2017),
            Node {
                year: None,
                ..node("openai", "organization", 0)
            },
        ],
        edges: vec![
            edge("dall-e-2", "developed_by", "openai"),
            edge("dall-e-2", "uses", "transformer"),
            edge("dall-e-2", "based_on", "glide"),
            edge("glide", "developed_by", "openai"),
            edge("glide", "uses", "transformer"),
        ],
    }
}

impl Graph {
    fn with_node(mut self, n: Node) -> Self {
        self.nodes.push(n);
        self
    }

    fn with_edge(mut self, e: Edge) -> Self {
        self.edges.push(e);
        self
    }

    fn change(mut self, id: &str, f: impl Fn(&mut Node)) -> Self {
        for n in self.nodes.iter_mut().filter(|n| n.id == id) {
            f(n);
        }
        self
    }

    fn without_edge(mut self, from: &str, relation: &str) -> Self {
        self.edges
            .retain(|e| !(e.from == from && e.relation == relation));
        self
    }

    /// `graph/<kind>/<id>.toml`: every node's edges in its own file.
    fn write_toml(&self, dir: &Path) {
        for n in &self.nodes {
            let mut text = format!("name = \"{}\"\n", n.id.to_uppercase());
            if let Some(y) = n.year {
                writeln!(text, "year = {y}").unwrap();
            }
            if let Some(d) = n.date {
                writeln!(text, "date = \"{d}\"").unwrap();
            }
            if let Some(s) = n.source {
                writeln!(text, "source = \"{s}\"").unwrap();
            }
            let mut by_relation: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for e in self.edges.iter().filter(|e| e.from == n.id) {
                by_relation.entry(e.relation).or_default().push(e.to);
            }
            for (rel, targets) in by_relation {
                let list: Vec<String> = targets.iter().map(|t| format!("\"{t}\"")).collect();
                writeln!(text, "{rel} = [{}]", list.join(", ")).unwrap();
            }
            let path = dir.join(n.kind).join(format!("{}.toml", n.id));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            // The second of two nodes with one id goes in its kind's folder: both exist.
            std::fs::write(path, text).unwrap();
        }
    }

    fn write_json(&self, dir: &Path) -> PathBuf {
        let nodes: Vec<serde_json::Value> = self
            .nodes
            .iter()
            .map(|n| {
                let mut o =
                    serde_json::json!({"id": n.id, "kind": n.kind, "name": n.id.to_uppercase()});
                if let Some(y) = n.year {
                    o["year"] = y.into();
                }
                if let Some(d) = n.date {
                    o["date"] = d.into();
                }
                if let Some(s) = n.source {
                    o["source"] = s.into();
                }
                o
            })
            .collect();
        let edges: Vec<serde_json::Value> = self
            .edges
            .iter()
            .map(|e| serde_json::json!({"from": e.from, "to": e.to, "relation": e.relation}))
            .collect();
        let path = dir.join("graph.json");
        let doc = serde_json::json!({"nodes": nodes, "edges": edges});
        std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
        path
    }

    fn write_csv(&self, dir: &Path) {
        let mut nodes = String::from("id:ID,:LABEL,name,year:int,date,source\n");
        for n in &self.nodes {
            writeln!(
                nodes,
                "{},{},{},{},{},{}",
                n.id,
                n.kind,
                n.id.to_uppercase(),
                n.year.map(|y| y.to_string()).unwrap_or_default(),
                n.date.unwrap_or(""),
                n.source.unwrap_or("")
            )
            .unwrap();
        }
        let mut edges = String::from(":START_ID,:END_ID,:TYPE\n");
        for e in &self.edges {
            writeln!(edges, "{},{},{}", e.from, e.to, e.relation).unwrap();
        }
        std::fs::write(dir.join("nodes.csv"), nodes).unwrap();
        std::fs::write(dir.join("edges.csv"), edges).unwrap();
    }
}

type Checked = (tempfile::TempDir, Vec<(&'static str, Run, PathBuf)>);

/// `check --all` on the graph in each format: (format, run, directory).
fn check_all(g: &Graph) -> Checked {
    let keep = tempfile::tempdir().unwrap();
    let tmp = keep.path().to_path_buf();
    let mut out = Vec::new();
    for format in ["toml", "json", "csv"] {
        let dir = tmp.join(format);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("schema.toml"), SCHEMA).unwrap();
        std::fs::write(dir.join("sources.toml"), SOURCES).unwrap();
        let graph = match format {
            "toml" => {
                g.write_toml(&dir);
                dir.clone()
            }
            "json" => g.write_json(&dir),
            _ => {
                g.write_csv(&dir);
                dir.clone()
            }
        };
        out.push((format, genkg(&["check", "--all"]).graph(&graph).run(), dir));
    }
    (keep, out)
}

fn sorted_codes(run: &Run) -> Vec<String> {
    let mut c = run.codes();
    c.sort();
    c
}

/// The case's code is reported in every format, the codes are the same in all three, and
/// the exit status says whether there is an error.
fn same_everywhere(g: &Graph, code: &str, error: bool) -> Vec<(&'static str, Run, PathBuf)> {
    let (_tmp, runs) = check_all(g);
    let first = sorted_codes(&runs[0].1);
    for (format, run, _) in &runs {
        run.code(code);
        assert_eq!(
            sorted_codes(run),
            first,
            "{format} gives other codes than toml\n{}\n---\n{}",
            run.stderr,
            runs[0].1.stderr
        );
        if error {
            run.fails();
        } else {
            run.ok();
        }
    }
    runs
}

#[test]
fn the_base_graph_is_clean_in_every_format() {
    for (format, run, _) in check_all(&base()).1 {
        run.ok();
        assert_eq!(run.counts(), (0, 0), "{format}: {}", run.stderr);
    }
}

#[test]
fn unknown_kind() {
    let g = base().with_node(node("imagen", "modell", 2022));
    for (_, run, _) in same_everywhere(&g, "unknown-kind", true) {
        run.stderr_has("`imagen` has the unknown kind `modell`")
            .help_has("did you mean `model`?");
    }
}

#[test]
fn unknown_relation() {
    let g = base().with_edge(edge("glide", "base_on", "transformer"));
    for (_, run, _) in same_everywhere(&g, "unknown-relation", true) {
        run.stderr_has("unknown relation `base_on`")
            .help_has("did you mean `based_on`?");
    }
}

#[test]
fn kind_not_allowed() {
    let g = base().with_edge(edge("openai", "uses", "transformer"));
    for (_, run, _) in same_everywhere(&g, "kind-not-allowed", true) {
        run.stderr_has("`uses` cannot start at an organization");
    }
}

#[test]
fn self_loop() {
    let g = base().with_edge(edge("glide", "based_on", "glide"));
    for (_, run, _) in same_everywhere(&g, "self-loop", true) {
        run.stderr_has("`glide` points at itself through `based_on`");
    }
}

#[test]
fn duplicate_id() {
    let g = base().with_node(node("glide", "technique", 2021));
    for (_, run, _) in same_everywhere(&g, "duplicate-id", true) {
        run.stderr_has("id `glide` is defined twice")
            .help_has("ids must be unique");
    }
}

#[test]
fn duplicate_edge() {
    let g = base().with_edge(edge("glide", "uses", "transformer"));
    for (_, run, _) in same_everywhere(&g, "duplicate-edge", false) {
        run.stderr_has("`glide` lists `uses transformer` twice");
    }
}

#[test]
fn lineage_cycle() {
    let g = base().with_edge(edge("transformer", "based_on", "dall-e-2"));
    for (_, run, _) in same_everywhere(&g, "lineage-cycle", true) {
        run.stderr_has("lineage cycle: dall-e-2 → transformer → dall-e-2");
    }
}

#[test]
fn unknown_id() {
    let g = base().with_edge(edge("glide", "uses", "transfomer"));
    for (_, run, _) in same_everywhere(&g, "unknown-id", true) {
        run.stderr_has("no node has the id `transfomer`")
            .help_has("did you mean `transformer`");
    }
}

#[test]
fn unknown_source() {
    let g = base().change("glide", |n| n.source = Some("papr"));
    for (_, run, _) in same_everywhere(&g, "unknown-source", true) {
        run.stderr_has("unknown source `papr`")
            .help_has("did you mean `paper`?");
    }
}

#[test]
fn unsourced() {
    let g = base().change("glide", |n| n.source = None);
    for (format, run, _) in same_everywhere(&g, "unsourced", false) {
        run.stderr_has("`uses -> transformer` cites no source");
        // The hint is written in the format the edge came from.
        run.help_has(match format {
            "json" => "add \"source\": \"id\" to the edge",
            "csv" => "fill the edge's `source` column",
            _ => "write { to = \"...\", source = \"id\" }",
        });
    }
}

#[test]
fn dated_before_ancestor() {
    let g = base().change("glide", |n| n.year = Some(2010));
    for (_, run, _) in same_everywhere(&g, "dated-before-ancestor", false) {
        run.stderr_has("`glide` (2010) is dated before `transformer` (2017)");
    }
}

#[test]
fn undated_ancestor() {
    let g = base().change("transformer", |n| n.year = None);
    for (_, run, _) in same_everywhere(&g, "undated-ancestor", false) {
        run.stderr_has("`transformer` has no year");
    }
}

#[test]
fn missing_expected() {
    let g = base().without_edge("glide", "developed_by");
    for (_, run, _) in same_everywhere(&g, "missing-expected", false) {
        run.stderr_has("model `glide` has no `developed_by`");
    }
}

#[test]
fn bad_date() {
    let g = base().change("glide", |n| n.date = Some("2021-13-01"));
    for (_, run, _) in same_everywhere(&g, "bad-date", true) {
        run.stderr_has("`2021-13-01` is not a date");
    }
}

#[test]
fn a_date_disagreeing_with_its_year() {
    let g = base().change("glide", |n| n.date = Some("2020-12-20"));
    for (_, run, _) in same_everywhere(&g, "bad-date", true) {
        run.stderr_has("date 2020-12-20 disagrees with year 2021");
    }
}

#[test]
fn each_format_points_at_its_own_place() {
    let g = base().with_edge(edge("glide", "based_on", "glide"));
    let runs = same_everywhere(&g, "self-loop", true);
    // TOML: the target in the entity file; JSON: the edge's object; CSV: the row.
    runs[0].1.stderr_has("glide.toml:");
    runs[1].1.stderr_has("graph.json:");
    runs[2].1.stderr_has("edges.csv:7");
}
