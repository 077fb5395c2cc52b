//! Other tools read genkg's exports and agree with genkg: networkx (GraphML), LadybugDB (the
//! maintained fork of Kuzu; the neo4j-admin CSV pair), rdflib (Turtle, with SPARQL property
//! paths) and Graphviz (DOT).
//! For every survey model, each tool's own lineage query gives the same set as
//! `genkg lineage ID --format list`.
//!
//! The Python side is in tests/interop/*.py, run with the Python build.rs found ($GENKG_PYTHON,
//! else .venv/bin/python, else python3); each script takes file paths as arguments and prints
//! its findings as JSON. A test whose tool is missing is ignored, with the reason; under
//! `CI=true`, tests/tools.rs fails instead.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{genkg, root, s, stdout_of, survey_models, tempdir};

/// The schema's lineage relations (`lineage = true` in graph/schema.toml); checked against
/// the Turtle export, which declares them, in `rdflib_sparql_lineage_matches_genkg`.
const LINEAGE: [&str; 4] = ["uses", "based_on", "fine_tuned_from", "variant_of"];

fn python() -> &'static str {
    env!("GENKG_TEST_PYTHON")
}

/// Runs tests/interop/SCRIPT with ARGS (under the Python build.rs found) and returns its JSON.
/// The tests that call it are ignored when a module they need is missing.
fn run_script(script: &str, args: &[&str]) -> serde_json::Value {
    let py = python();
    let path = root().join("tests/interop").join(script);
    let out = Command::new(py)
        .arg(&path)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run Python `{py}`: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{py} {script} {} failed ({:?}):\n{stderr}",
        args.join(" "),
        out.status.code()
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{script} printed no JSON ({e}):\n{stdout}\n{stderr}"))
}

/// Writes `genkg export --format F ARGS -o <dir>/<name>` and returns the path.
fn export(dir: &Path, name: &str, format: &str, extra: &[&str]) -> PathBuf {
    let path = dir.join(name);
    let mut args = vec!["export", "--format", format];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["-o", s(&path)]);
    genkg(&args).run().ok();
    path
}

/// `genkg lineage ID --format list` for each id.
fn genkg_lineages(ids: &[String]) -> BTreeMap<String, BTreeSet<String>> {
    ids.iter()
        .map(|id| {
            let list = stdout_of(&["lineage", id, "--format", "list"]);
            (id.clone(), list.lines().map(String::from).collect())
        })
        .collect()
}

/// Compares a tool's `lineage` object with genkg's, model by model.
fn same_lineages(tool: &str, found: &serde_json::Value, want: &BTreeMap<String, BTreeSet<String>>) {
    let mut wrong = Vec::new();
    for (id, expected) in want {
        let got: BTreeSet<String> = found[id.as_str()]
            .as_array()
            .unwrap_or_else(|| panic!("{tool} gave no lineage for {id}: {found}"))
            .iter()
            .map(|x| x.as_str().expect("an id").to_string())
            .collect();
        if &got != expected {
            wrong.push(format!(
                "{id}:\n    only {tool}: {:?}\n    only genkg: {:?}",
                got.difference(expected).collect::<Vec<_>>(),
                expected.difference(&got).collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{tool} and `genkg lineage` disagree on {} of {} models:\n{}",
        wrong.len(),
        want.len(),
        wrong.join("\n")
    );
}

fn stats() -> serde_json::Value {
    serde_json::from_str(&stdout_of(&["stats", "--format", "json"])).expect("JSON")
}

fn args_with<'a>(head: &[&'a str], ids: &'a [String]) -> Vec<&'a str> {
    head.iter()
        .copied()
        .chain(ids.iter().map(String::as_str))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// networkx and GraphML

#[test]
#[cfg_attr(
    not(has_networkx),
    ignore = "needs networkx in GENKG_PYTHON (see .ci/run)"
)]
fn networkx_reads_the_graphml_with_the_same_counts_and_lineage() {
    let tmp = tempdir();
    let graphml = export(tmp.path(), "graph.graphml", "graphml", &[]);
    let models = survey_models();
    let rels = LINEAGE.join(",");
    let found = run_script(
        "networkx_graphml.py",
        &args_with(&[s(&graphml), &rels], &models),
    );
    let stats = stats();
    assert_eq!(
        found["nodes"], stats["nodes"],
        "networkx counts other nodes"
    );
    assert_eq!(
        found["edges"], stats["edges"],
        "networkx counts other edges"
    );
    let kinds: Vec<&str> = stats["kinds"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut kinds: Vec<&str> = kinds.into_iter().collect();
    kinds.sort_unstable();
    assert_eq!(
        found["kinds"],
        serde_json::json!(kinds),
        "the `kind` key is read"
    );
    same_lineages("networkx", &found["lineage"], &genkg_lineages(&models));
}

#[test]
#[cfg_attr(
    not(has_networkx),
    ignore = "needs networkx in GENKG_PYTHON (see .ci/run)"
)]
fn networkx_reads_a_lineage_graphml() {
    // A selection's GraphML: networkx finds the model's whole lineage in it.
    let tmp = tempdir();
    let models: Vec<String> = ["chatgpt", "stable-diffusion", "gato"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let want = genkg_lineages(&models);
    let rels = LINEAGE.join(",");
    for m in &models {
        let graphml = export(
            tmp.path(),
            &format!("{m}.graphml"),
            "graphml",
            &["--lineage", m],
        );
        let found = run_script("networkx_graphml.py", &[s(&graphml), &rels, m.as_str()]);
        assert_eq!(
            found["nodes"].as_u64().unwrap() as usize,
            want[m].len() + 1,
            "the lineage GraphML of {m} holds the lineage and the model"
        );
        let one: BTreeMap<String, BTreeSet<String>> =
            [(m.clone(), want[m].clone())].into_iter().collect();
        same_lineages("networkx", &found["lineage"], &one);
    }
}

// ---------------------------------------------------------------------------------------------
// LadybugDB and the CSV pair

#[test]
#[cfg_attr(
    not(has_ladybug),
    ignore = "needs ladybug in GENKG_PYTHON (see .ci/run)"
)]
fn ladybug_loads_the_csv_pair_and_finds_the_same_lineage() {
    let tmp = tempdir();
    let csv = export(tmp.path(), "csv", "csv", &[]);
    let db = tmp.path().join("ladybug-db");
    let models = survey_models();
    let rels = LINEAGE.join(",");
    let found = run_script(
        "ladybug_csv.py",
        &args_with(&[s(&csv), s(&db), &rels], &models),
    );
    let stats = stats();
    assert_eq!(
        found["nodes"], stats["nodes"],
        "LadybugDB loaded other nodes"
    );
    assert_eq!(
        found["edges"], stats["edges"],
        "LadybugDB loaded other edges"
    );
    // Columns are mapped by position: a typed value lands in its column.
    for m in ["chatgpt", "dall-e-2", "whisper"] {
        let show: serde_json::Value =
            serde_json::from_str(&stdout_of(&["show", m, "--format", "json"])).unwrap();
        assert_eq!(
            found["facts"][m]["kind"], show["kind"],
            "{m}: kind in LadybugDB"
        );
        assert_eq!(
            found["facts"][m]["name"], show["name"],
            "{m}: name in LadybugDB"
        );
        assert_eq!(
            found["facts"][m]["year"], show["year"],
            "{m}: year in LadybugDB"
        );
    }
    same_lineages("LadybugDB", &found["lineage"], &genkg_lineages(&models));
}

// ---------------------------------------------------------------------------------------------
// rdflib and Turtle

#[test]
#[cfg_attr(not(has_rdflib), ignore = "needs rdflib in GENKG_PYTHON (see .ci/run)")]
fn rdflib_sparql_lineage_matches_genkg() {
    let tmp = tempdir();
    let ttl = export(tmp.path(), "graph.ttl", "turtle", &[]);
    let models = survey_models();
    let rels = LINEAGE.join(",");
    let found = run_script("rdflib_turtle.py", &args_with(&[s(&ttl), &rels], &models));
    // The Turtle declares the lineage relations that occur in it.
    let used = stats();
    let mut declared: Vec<&str> = LINEAGE
        .into_iter()
        .filter(|r| used["relations"][*r].as_u64().unwrap_or(0) > 0)
        .collect();
    declared.sort_unstable();
    assert_eq!(
        found["lineage_relations"],
        serde_json::json!(declared),
        "the Turtle declares other lineage relations than this test follows"
    );
    // One triple per edge at least.
    assert!(found["triples"].as_u64().unwrap() >= stats()["edges"].as_u64().unwrap());
    same_lineages(
        "rdflib (SPARQL)",
        &found["lineage"],
        &genkg_lineages(&models),
    );
}

// ---------------------------------------------------------------------------------------------
// Adversarial names and ids through GraphML, GEXF and Turtle

/// The adversarial knowledge base of tests/exports.rs (tests/fixtures/exports/adversarial),
/// with the shipped schema, in `<tmp>/kb`.
fn adversarial_kb(tmp: &Path) -> PathBuf {
    let kb = tmp.join("kb");
    copy_dir(&root().join("tests/fixtures/exports/adversarial"), &kb);
    std::fs::copy(root().join("graph/schema.toml"), kb.join("schema.toml")).unwrap();
    kb
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap();
        if p.is_dir() {
            copy_dir(&p, &to.join(name));
        } else if name != "README.md" {
            std::fs::copy(&p, to.join(name)).unwrap();
        }
    }
}

/// The nodes of a graph as genkg's own JSON has them.
fn json_nodes(graph: &Path) -> Vec<serde_json::Value> {
    let run = genkg(&["export", "--format", "json"]).graph(graph).run();
    run.ok();
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    v["nodes"].as_array().unwrap().clone()
}

/// `{id: name}` of a graph, as genkg's own JSON has it (the id where a node has no name).
fn names_of(graph: &Path) -> serde_json::Value {
    let map: BTreeMap<String, String> = json_nodes(graph)
        .iter()
        .map(|n| {
            let id = n["id"].as_str().unwrap().to_string();
            let name = n["name"]
                .as_str()
                .map(String::from)
                .unwrap_or_else(|| id.clone());
            (id, name)
        })
        .collect();
    serde_json::to_value(map).unwrap()
}

fn export_from(graph: &Path, format: &str, out: &Path) {
    genkg(&["export", "--format", format, "-o", s(out)])
        .graph(graph)
        .run()
        .ok();
}

#[test]
#[cfg_attr(
    not(all(has_networkx, has_rdflib)),
    ignore = "needs networkx and rdflib in GENKG_PYTHON (see .ci/run)"
)]
fn names_survive_graphml_and_turtle_in_other_tools() {
    let tmp = tempdir();
    let kb = adversarial_kb(tmp.path());
    let want = names_of(&kb);
    assert!(want.as_object().unwrap().values().any(|n| {
        let n = n.as_str().unwrap();
        n.contains('"') && n.contains('<')
    }));
    let (graphml, ttl) = (tmp.path().join("kb.graphml"), tmp.path().join("kb.ttl"));
    export_from(&kb, "graphml", &graphml);
    export_from(&kb, "turtle", &ttl);
    let found = run_script("names.py", &["--graphml", s(&graphml), "--turtle", s(&ttl)]);
    assert_eq!(
        found["graphml"], want,
        "networkx read other names from the GraphML"
    );
    assert_eq!(
        found["turtle"], want,
        "rdflib read other labels from the Turtle"
    );
}

#[test]
#[cfg_attr(
    not(has_networkx),
    ignore = "needs networkx in GENKG_PYTHON (see .ci/run)"
)]
fn gexf_keeps_newlines_in_labels_and_values() {
    // GEXF puts labels and values in XML attributes, where a parser turns a raw newline or
    // tab into a space: they must be written as character references (&#10; &#9;).
    let tmp = tempdir();
    let kb = adversarial_kb(tmp.path());
    let gexf = tmp.path().join("kb.gexf");
    export_from(&kb, "gexf", &gexf);
    let found = run_script("names.py", &["--gexf", s(&gexf)]);
    let mut wrong = Vec::new();
    for n in json_nodes(&kb) {
        let id = n["id"].as_str().unwrap();
        let got = &found["gexf"][id];
        if got["label"] != n["name"] {
            wrong.push(format!(
                "{id}: label {} read as {}",
                n["name"], got["label"]
            ));
        }
        if got["summary"] != n["summary"] {
            wrong.push(format!(
                "{id}: summary {} read as {}",
                n["summary"], got["summary"]
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "networkx read the GEXF differently:\n{}",
        wrong.join("\n")
    );
}

/// A node-link JSON graph whose ids hold what DOT, XML, RDF and Cypher must escape
/// (tests/fixtures/exports/odd-ids).
fn odd_ids_graph() -> PathBuf {
    root().join("tests/fixtures/exports/odd-ids/graph.json")
}

#[test]
#[cfg_attr(not(has_rdflib), ignore = "needs rdflib in GENKG_PYTHON (see .ci/run)")]
fn odd_ids_survive_turtle_and_sparql() {
    let tmp = tempdir();
    let graph = odd_ids_graph();
    let want = names_of(&graph);
    assert_eq!(want.as_object().unwrap().len(), 7);
    let ttl = tmp.path().join("odd.ttl");
    export_from(&graph, "turtle", &ttl);
    let found = run_script("names.py", &["--turtle", s(&ttl)]);
    assert_eq!(
        found["turtle"], want,
        "rdflib read other ids or labels from the Turtle"
    );
}

#[test]
#[cfg_attr(
    not(has_networkx),
    ignore = "needs networkx in GENKG_PYTHON (see .ci/run)"
)]
fn odd_ids_survive_graphml() {
    // GraphML node ids are XML attributes: a newline in one must be written as &#10;.
    let tmp = tempdir();
    let graph = odd_ids_graph();
    let want = names_of(&graph);
    let graphml = tmp.path().join("odd.graphml");
    export_from(&graph, "graphml", &graphml);
    let found = run_script("names.py", &["--graphml", s(&graphml)]);
    assert_eq!(
        found["graphml"], want,
        "networkx read other ids or names from the GraphML"
    );
}

#[test]
#[cfg_attr(
    not(has_dot),
    ignore = "needs Graphviz's dot: apt-get install -y graphviz"
)]
fn graphviz_draws_odd_ids() {
    let graph = odd_ids_graph();
    let run = genkg(&["export", "--format", "dot"]).graph(&graph).run();
    run.ok();
    let canon = canon(&run.stdout);
    assert_eq!(
        canon.lines().filter(|l| l.contains(" -> ")).count(),
        6,
        "{canon}"
    );
}

// ---------------------------------------------------------------------------------------------
// Graphviz parses the DOT

/// `dot -Tcanon` of a DOT text: Graphviz parses it and writes it back in canonical form.
fn canon(dot: &str) -> String {
    use std::io::Write;
    let mut child = Command::new("dot")
        .arg("-Tcanon")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = dot.as_bytes().to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("dot finishes");
    writer.join().unwrap().expect("dot reads the DOT");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "dot could not parse the DOT: {stderr}"
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
#[cfg_attr(
    not(has_dot),
    ignore = "needs Graphviz's dot: apt-get install -y graphviz"
)]
fn graphviz_parses_the_whole_graph() {
    let canon = canon(&stdout_of(&["export", "--format", "dot"]));
    let stats = stats();
    let edges = canon.lines().filter(|l| l.contains(" -> ")).count();
    assert_eq!(
        edges as u64,
        stats["edges"].as_u64().unwrap(),
        "dot read another number of edges"
    );
    for id in stdout_of(&["list", "--format", "ids"]).lines() {
        let declared = canon.lines().any(|l| {
            let l = l.trim_start_matches('\t');
            l.starts_with(&format!("{id}\t[")) || l.starts_with(&format!("\"{id}\"\t["))
        });
        assert!(declared, "dot did not read the node {id}");
    }
}
