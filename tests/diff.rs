//! `genkg diff OLD NEW`: what changed between two versions of a graph, in facts.
//!
//! `tests/fixtures/diff/old` → `new` makes every kind of change at once (its README lists
//! them); each is asserted on its own through the JSON, and the whole text, Markdown and
//! JSON are snapshots. Then: a graph against itself, the same graph in three formats,
//! ambiguous renames, Epoch tables and manifests as sides, invalid sides, and sides read
//! from git revisions of a temporary repository. `tests/diff_props.rs` holds the
//! properties (diff(A, A) is empty; applying diff(A, B) to A gives B).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{genkg, root, Kb, Run};
use serde_json::{json, Value};

const OLD: &str = "tests/fixtures/diff/old";
const NEW: &str = "tests/fixtures/diff/new";

fn diff(old: &str, new: &str, format: &str) -> Run {
    let run = genkg(&["diff", old, new, "--format", format]).run();
    run.ok();
    run
}

fn diff_json(old: &str, new: &str) -> Value {
    serde_json::from_str(&diff(old, new, "json").stdout).expect("diff --format json is JSON")
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|x| x["id"].as_str().expect("an id"))
        .collect()
}

/// The entry of `list` whose `key` is `value`.
fn find<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array()
        .expect("a list")
        .iter()
        .find(|x| x[key] == value)
        .unwrap_or_else(|| panic!("no {key} = {value} in {list:#}"))
}

fn snapshot(name: &str, args: &[&str], out: &str) {
    insta::with_settings!({
        description => format!("genkg {}", args.join(" ")),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, out);
    });
}

// ---------------------------------------------------------------------------------------------
// The fixture pair: every kind of change.

#[test]
fn the_fixture_pair_as_text_markdown_and_json() {
    for (format, name) in [
        ("text", "diff_fixture_text"),
        ("markdown", "diff_fixture_markdown"),
        ("json", "diff_fixture_json"),
    ] {
        let run = diff(OLD, NEW, format);
        assert!(run.stderr.is_empty(), "{}", run.stderr);
        snapshot(name, &["diff", OLD, NEW, "--format", format], &run.stdout);
    }
}

#[test]
fn nodes_added_and_removed_are_listed_with_their_facts() {
    let d = diff_json(OLD, NEW);
    assert_eq!(
        ids(&d["nodes"]["added"]),
        ["common-crawl", "llama", "meta-ai", "rlhf"]
    );
    assert_eq!(ids(&d["nodes"]["removed"]), ["attention"]);
    let llama = find(&d["nodes"]["added"], "id", "llama");
    assert_eq!(
        llama,
        &json!({"id": "llama", "kind": "model", "name": "LLaMA", "year": 2023, "source": "llama2023"})
    );
    let text = diff(OLD, NEW, "text").stdout;
    assert!(
        text.contains("Nodes added (4)\n  model (1)\n    + LLaMA [llama] 2023\n"),
        "{text}"
    );
    assert!(
        text.contains("  dataset (1)\n    + Common Crawl [common-crawl]\n"),
        "{text}"
    );
    assert!(
        text.contains("Nodes removed (1)\n  technique (1)\n    - Attention [attention] 2014\n"),
        "{text}"
    );
}

#[test]
fn a_rename_tied_by_a_name_is_a_rename_not_a_removal_and_an_addition() {
    let d = diff_json(OLD, NEW);
    let r = find(&d["nodes"]["renamed"], "old", "gpt35");
    assert_eq!(r["new"], "gpt-3-5");
    assert_eq!(r["tie"], json!({"name": "GPT-3.5"}));
    assert_eq!(
        r["changes"],
        json!([{"field": "aliases", "old": null, "new": ["text-davinci-003"]}])
    );
    assert!(!ids(&d["nodes"]["removed"]).contains(&"gpt35"));
    assert!(!ids(&d["nodes"]["added"]).contains(&"gpt-3-5"));
    // Its edges are the same edges under the new id: neither removed nor added.
    let all = d["edges"].to_string();
    assert!(!all.contains("gpt35") && !all.contains("gpt-3-5"), "{all}");
    diff(OLD, NEW, "text").stdout_has("  ~ GPT-3.5 [gpt35 → gpt-3-5], both answer to \"GPT-3.5\"\n      aliases  (none) → [\"text-davinci-003\"]\n");
}

#[test]
fn a_rename_tied_by_an_external_link_carries_its_changes() {
    let d = diff_json(OLD, NEW);
    let r = find(&d["nodes"]["renamed"], "old", "deepmind");
    assert_eq!(r["new"], "google-deepmind");
    assert_eq!(
        r["tie"],
        json!({"link": {"namespace": "epoch", "name": "DeepMind"}})
    );
    assert_eq!(
        r["changes"],
        json!([{"field": "name", "old": "DeepMind", "new": "Google DeepMind"}])
    );
    // Gopher's developer is the renamed node: its edge did not change.
    assert!(!d["edges"].to_string().contains("deepmind"));
}

#[test]
fn facts_of_a_node_change_old_to_new() {
    let d = diff_json(OLD, NEW);
    let gopher = find(&d["nodes"]["changed"], "id", "gopher");
    assert_eq!(
        gopher["changes"],
        json!([
            {"field": "name", "old": "Gopher", "new": "Gopher 280B"},
            {"field": "aliases", "old": null, "new": ["Gopher"]},
            {"field": "date", "old": null, "new": "2021-12-08"},
            {"field": "url", "old": null, "new": "https://example.org/gopher"},
        ])
    );
    let chatgpt = find(&d["nodes"]["changed"], "id", "chatgpt");
    assert_eq!(chatgpt["changes"][0]["field"], "summary");
}

#[test]
fn an_attribute_that_changes_type_is_a_change_and_says_so() {
    let d = diff_json(OLD, NEW);
    let gpt3 = find(&d["nodes"]["changed"], "id", "gpt-3");
    assert_eq!(
        gpt3["changes"],
        json!([
            {"field": "date", "old": "2020-05-28", "new": "2020-06-11"},
            {"field": "attributes.context", "old": 2048, "new": null},
            {"field": "attributes.parameters", "old": 175000000000i64, "new": "175B"},
            {"field": "attributes.training_tokens", "old": null, "new": 300000000000i64},
        ])
    );
    diff(OLD, NEW, "text")
        .stdout_has("attributes.parameters       175,000,000,000 → \"175B\"  (int → string)\n");
}

#[test]
fn of_parallel_edges_only_the_one_that_changed_is_reported() {
    // GPT-3 is based on the transformer once and uses it twice (two notes); only the
    // second `uses` changed its note.
    let d = diff_json(OLD, NEW);
    let changed = d["edges"]["changed"].as_array().unwrap();
    let gpt3: Vec<&Value> = changed.iter().filter(|c| c["from"] == "gpt-3").collect();
    assert_eq!(gpt3.len(), 1, "{changed:#?}");
    assert_eq!(gpt3[0]["relation"], "uses");
    assert_eq!(gpt3[0]["note"], "positional encoding");
    assert_eq!(
        gpt3[0]["changes"],
        json!([{"field": "note", "old": "positional encoding", "new": "learned positional embeddings"}])
    );
    assert!(!d["edges"]["added"].to_string().contains("gpt-3\""));
    assert!(!d["edges"]["removed"].to_string().contains("gpt-3\""));
}

#[test]
fn an_edge_whose_only_change_is_its_source() {
    let d = diff_json(OLD, NEW);
    let e = find(&d["edges"]["changed"], "from", "chatgpt");
    assert_eq!(
        (&e["to"], &e["relation"]),
        (&json!("openai"), &json!("developed_by"))
    );
    assert_eq!(
        e["changes"],
        json!([{"field": "source", "old": "paper", "new": "survey"}])
    );
    diff(OLD, NEW, "text")
        .stdout_has("  ~ ChatGPT is developed by OpenAI\n      source  \"paper\" → \"survey\"\n");
}

#[test]
fn edges_added_and_removed_read_as_sentences() {
    let d = diff_json(OLD, NEW);
    assert_eq!(
        d["edges"]["removed"],
        json!([{"from": "transformer", "to": "attention", "relation": "uses", "source": "paper"}])
    );
    assert_eq!(d["edges"]["added"].as_array().unwrap().len(), 4);
    diff(OLD, NEW, "text")
        .stdout_has("  + LLaMA is trained on Common Crawl [llama2023]\n")
        .stdout_has("  - Transformer uses Attention [paper]\n");
}

#[test]
fn removing_a_lineage_edge_says_which_nodes_lose_which_ancestors() {
    let d = diff_json(OLD, NEW);
    let cut = find(&d["lineage"], "change", "removed");
    assert_eq!(
        (&cut["from"], &cut["to"]),
        (&json!("transformer"), &json!("attention"))
    );
    // Nearest first: the edge's own node, then what is built on it, by distance. LLaMA is
    // built on the transformer too, but it is new: it loses nothing.
    assert_eq!(
        cut["nodes"],
        json!(["transformer", "gopher", "gpt-3", "gpt-3-5", "chatgpt"])
    );
    assert_eq!(cut["ancestors"], json!([{"id": "attention", "nodes": 5}]));
    let gain = find(&d["lineage"], "change", "added");
    assert_eq!(
        (&gain["from"], &gain["nodes"]),
        (&json!("chatgpt"), &json!(["chatgpt"]))
    );
    diff(OLD, NEW, "text")
        .stdout_has("  2 lineage edges change the ancestors of 5 nodes.\n")
        .stdout_has("  - Transformer uses Attention\n      5 nodes lose ancestors (model 4, technique 1): Transformer, Gopher 280B, GPT-3, GPT-3.5, ChatGPT\n      ancestors lost: Attention (5)\n");
}

#[test]
fn sources_and_schema_changes() {
    let d = diff_json(OLD, NEW);
    assert_eq!(ids(&d["sources"]["added"]), ["llama2023"]);
    assert_eq!(ids(&d["sources"]["removed"]), ["blog"]);
    assert_eq!(
        d["sources"]["changed"],
        json!([{"id": "paper", "changes": [{"field": "title", "old": "A paper", "new": "A paper, revised"}]}])
    );
    let schema = &d["schema"];
    assert_eq!(schema["kinds"]["added"][0]["name"], "dataset");
    assert_eq!(schema["relations"]["added"][0]["name"], "trained_on");
    assert_eq!(
        schema["relations"]["changed"],
        json!([{"id": "fine_tuned_from", "changes": [{"field": "inverse", "old": "is fine-tuned into", "new": "is the base model of"}]}])
    );
}

#[test]
fn reversed_the_diff_swaps_added_and_removed() {
    let (ahead, back) = (diff_json(OLD, NEW), diff_json(NEW, OLD));
    for part in ["nodes", "edges", "sources"] {
        assert_eq!(ahead[part]["added"], back[part]["removed"], "{part}");
        assert_eq!(ahead[part]["removed"], back[part]["added"], "{part}");
    }
    let r = &back["nodes"]["renamed"];
    assert_eq!(r.as_array().unwrap().len(), 2);
    assert_eq!(find(r, "old", "gpt-3-5")["new"], "gpt35");
    let cut = find(&back["lineage"], "change", "added");
    assert_eq!(cut["ancestors"], json!([{"id": "attention", "nodes": 5}]));
}

#[test]
fn a_relation_that_stops_being_lineage_cuts_what_it_carried() {
    // No edge changes: the schema stops counting `uses` as lineage.
    let old = Kb::base().build();
    let schema = common::SCHEMA.replacen(
        "inverse = \"is used by\"\nlineage = true",
        "inverse = \"is used by\"\nlineage = false",
        1,
    );
    assert_ne!(schema, common::SCHEMA);
    let new = Kb::base().file("schema.toml", &schema).build();
    let (o, n) = (old.dir(), new.dir());
    let d: Value =
        serde_json::from_str(&diff(o.to_str().unwrap(), n.to_str().unwrap(), "json").stdout)
            .unwrap();
    assert_eq!(
        d["edges"],
        json!({"added": [], "removed": [], "changed": []})
    );
    let glide = find(&d["lineage"], "from", "glide");
    assert_eq!(glide["change"], "left_lineage");
    // DALL·E 2 is based on GLIDE: it loses the transformer through GLIDE's `uses` too.
    assert_eq!(glide["nodes"], json!(["glide", "dall-e-2"]));
    assert_eq!(
        glide["ancestors"],
        json!([{"id": "transformer", "nodes": 2}])
    );
    diff(o.to_str().unwrap(), n.to_str().unwrap(), "text")
        .stdout_has("  - GLIDE uses Transformer (no longer a lineage relation)\n      2 nodes lose ancestors (model 2): GLIDE, DALL·E 2\n")
        .stdout_has("Relations changed (1)\n  ~ uses\n      lineage  true → false\n");
}

// ---------------------------------------------------------------------------------------------
// No differences, exit codes.

/// "273 nodes, 958 edges, 208 sources": the shipped graph's size, as `stats` counts it.
fn shipped_size() -> String {
    let run = genkg(&["stats", "--format", "json"]).run();
    let stats: Value = serde_json::from_str(&run.ok().stdout).unwrap();
    format!(
        "{} nodes, {} edges, {} sources",
        stats["nodes"], stats["edges"], stats["sources"]
    )
}

#[test]
fn a_graph_against_itself_has_no_differences() {
    let size = shipped_size();
    diff("graph", "graph", "text").stdout_is(&format!("graph → graph: no differences ({size})\n"));
    genkg(&["diff", "graph", "graph", "--exit-code"]).run().ok();
    let d = diff_json("graph", "graph");
    for part in ["nodes", "edges", "sources"] {
        for list in ["added", "removed", "changed"] {
            assert_eq!(d[part][list], json!([]), "{part}.{list}");
        }
    }
    assert_eq!(
        (&d["nodes"]["renamed"], &d["lineage"]),
        (&json!([]), &json!([]))
    );
    diff("graph", "graph", "markdown").stdout_is(&format!(
        "### genkg diff `graph` → `graph`\n\nno differences ({size})\n"
    ));
}

#[test]
fn exit_code_is_1_when_the_graphs_differ_and_the_diff_is_still_printed() {
    genkg(&["diff", OLD, NEW, "--exit-code"])
        .run()
        .fails()
        .stdout_has("Nodes added (4)")
        .stderr_lacks("error");
    genkg(&["diff", OLD, NEW]).run().ok();
}

#[test]
fn the_same_graph_in_three_formats_has_no_differences() {
    // One reader per format, one builder: the knowledge base, its JSON export and its CSV
    // export (with the schema and sources beside) are the same facts.
    let tmp = tempfile::tempdir().unwrap();
    let (json_dir, csv_dir) = (tmp.path().join("json"), tmp.path().join("csv"));
    for dir in [&json_dir, &csv_dir] {
        std::fs::create_dir_all(dir).unwrap();
        for f in ["schema.toml", "sources.toml"] {
            std::fs::copy(root().join("graph").join(f), dir.join(f)).unwrap();
        }
    }
    let json_file = json_dir.join("graph.json");
    genkg(&[
        "export",
        "--format",
        "json",
        "-o",
        json_file.to_str().unwrap(),
    ])
    .run()
    .ok();
    genkg(&["export", "--format", "csv", "-o", csv_dir.to_str().unwrap()])
        .run()
        .ok();
    for side in [json_file.to_str().unwrap(), csv_dir.to_str().unwrap()] {
        let run = genkg(&["diff", "graph", side, "--exit-code"]).run();
        run.ok()
            .stdout_has(&format!("no differences ({})", shipped_size()));
    }
}

// ---------------------------------------------------------------------------------------------
// Renames that are not.

#[test]
fn a_tie_that_could_go_two_ways_is_no_rename() {
    // `x` goes; two new nodes both answer to its name: neither is taken for it.
    let old = Kb::base()
        .file("technique/x.toml", "name = \"Flash\"\nsource = \"paper\"\n")
        .build();
    let new = Kb::base()
        .file(
            "technique/y.toml",
            "name = \"Flash v2\"\naliases = [\"Flash\"]\nsource = \"paper\"\n",
        )
        .file(
            "technique/z.toml",
            "name = \"Flash v3\"\naliases = [\"Flash\"]\nsource = \"paper\"\n",
        )
        .build();
    let (o, n) = (old.dir(), new.dir());
    let d: Value =
        serde_json::from_str(&diff(o.to_str().unwrap(), n.to_str().unwrap(), "json").stdout)
            .unwrap();
    assert_eq!(d["nodes"]["renamed"], json!([]));
    assert_eq!(ids(&d["nodes"]["removed"]), ["x"]);
    assert_eq!(ids(&d["nodes"]["added"]), ["y", "z"]);
}

#[test]
fn nodes_with_nothing_in_common_are_a_removal_and_an_addition() {
    let old = Kb::base()
        .file("technique/x.toml", "name = \"Flash\"\nsource = \"paper\"\n")
        .build();
    let new = Kb::base()
        .file("technique/y.toml", "name = \"Mamba\"\nsource = \"paper\"\n")
        .build();
    let d: Value = serde_json::from_str(
        &diff(
            old.dir().to_str().unwrap(),
            new.dir().to_str().unwrap(),
            "json",
        )
        .stdout,
    )
    .unwrap();
    assert_eq!(d["nodes"]["renamed"], json!([]));
    assert_eq!(
        (ids(&d["nodes"]["removed"]), ids(&d["nodes"]["added"])),
        (vec!["x"], vec!["y"])
    );
}

// ---------------------------------------------------------------------------------------------
// Any graph --graph takes is a side: Epoch's table, a manifest.

#[test]
fn an_epoch_snapshot_against_a_newer_one() {
    let tmp = tempfile::tempdir().unwrap();
    let old = root().join("tests/fixtures/landscape/epoch.csv");
    let text = std::fs::read_to_string(&old).unwrap();
    // The newer table drops Small Model and says Big Model 7B has 8 billion parameters.
    let newer: String = text
        .split_inclusive('\n')
        .filter(|l| !l.starts_with("Small Model,"))
        .map(|l| {
            l.replacen(
                "Big Model 7B,Language,Language modelling,Acme AI,2023-07-18,7000000000.00",
                "Big Model 7B,Language,Language modelling,Acme AI,2023-07-18,8000000000.00",
                1,
            )
        })
        .collect();
    let new = tmp.path().join("epoch.csv");
    std::fs::write(&new, newer).unwrap();
    let d = diff_json(old.to_str().unwrap(), new.to_str().unwrap());
    assert_eq!(ids(&d["nodes"]["removed"]), ["small-model"]);
    let big = find(&d["nodes"]["changed"], "id", "big-model-7b");
    assert_eq!(
        big["changes"],
        json!([{"field": "attributes.parameters", "old": 7000000000i64, "new": 8000000000i64}])
    );
}

#[test]
fn a_manifest_against_its_first_layer_shows_what_the_others_bring() {
    let d = diff_json(
        "tests/fixtures/landscape/graph",
        "tests/fixtures/landscape/landscape.toml",
    );
    let added = ids(&d["nodes"]["added"]);
    assert!(added.contains(&"chat-model"), "{added:?}");
    assert_eq!(d["nodes"]["removed"], json!([]));
    // The table says Chat Model is fine-tuned from Big Model 70B, which is `big-model`.
    assert!(d["edges"]["added"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["from"] == "chat-model"
            && e["to"] == "big-model"
            && e["relation"] == "fine_tuned_from"));
}

// ---------------------------------------------------------------------------------------------
// Invalid sides.

#[test]
fn an_invalid_side_is_an_error_that_names_the_side() {
    let bad = Kb::base()
        .file(
            "model/glide.toml",
            "name = \"GLIDE\"\nyear = 2021\nsource = \"paper\"\nuses = [\"transformr\"]\n",
        )
        .build();
    let bad_dir = bad.dir();
    let bad = bad_dir.to_str().unwrap();
    genkg(&["diff", bad, OLD])
        .run()
        .fails()
        .code("unknown-id")
        .says("OLD: ")
        .stdout_empty();
    genkg(&["diff", OLD, bad])
        .run()
        .fails()
        .code("unknown-id")
        .says("NEW: ");
    genkg(&["diff", OLD, "no/such/graph"])
        .run()
        .fails()
        .code("no-graph")
        .says("NEW: graph `no/such/graph` does not exist")
        .help_has("NEW is what --graph takes");
    // A finding at a row of a CSV graph: the side, then the place.
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("csv");
    std::fs::create_dir(&csv).unwrap();
    std::fs::write(csv.join("nodes.csv"), "id:ID,:LABEL\nb,model\n").unwrap();
    std::fs::write(csv.join("edges.csv"), ":START_ID,:END_ID,:TYPE\na,b,uses\n").unwrap();
    let old = root().join(OLD);
    genkg(&["diff", old.to_str().unwrap(), "csv"])
        .current_dir(tmp.path())
        .run()
        .fails()
        .code("unknown-id")
        .says("NEW: csv/edges.csv:2: no node has the id `a`");
    // Both at once, each named.
    let run = genkg(&["diff", bad, "no/such/graph"]).run();
    run.fails().says("OLD: ").says("NEW: ");
    assert_eq!(run.codes(), ["unknown-id", "no-graph"]);
}

#[test]
fn usage_errors_exit_2() {
    genkg(&["diff", OLD]).run().usage_error();
    genkg(&["diff", OLD, NEW, "--format", "yaml"])
        .run()
        .usage_error()
        .stderr_has("yaml");
}

// ---------------------------------------------------------------------------------------------
// Git revisions, on a temporary repository.

/// A git repository in a temporary directory, with no user configuration.
struct Repo {
    tmp: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            tmp: tempfile::Builder::new()
                .prefix("genkg-git-")
                .tempdir()
                .unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    fn path(&self) -> &Path {
        self.tmp.path()
    }

    fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .args([
                "-c",
                "user.name=genkg",
                "-c",
                "user.email=genkg@example.org",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Replaces `to` (relative to the repository) with a copy of `from`.
    fn put(&self, from: &Path, to: &str) {
        let dest = self.path().join(to);
        if dest.is_dir() {
            std::fs::remove_dir_all(&dest).unwrap();
        }
        copy(from, &dest);
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// `genkg ARGS` run in the repository (or a directory of it).
    fn genkg(&self, args: &[&str], dir: &str) -> Run {
        genkg(args).current_dir(self.path().join(dir)).run()
    }
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    }
}

/// The repository with the fixture's old graph at `kb/` committed, then the new one.
fn two_commits() -> Repo {
    let repo = Repo::new();
    repo.put(&root().join(OLD), "kb");
    repo.commit("old");
    repo.put(&root().join(NEW), "kb");
    repo.commit("new");
    repo
}

/// Everything but the first line (which names the sides).
fn body(out: &str) -> &str {
    out.split_once('\n').map_or("", |(_, rest)| rest)
}

#[test]
#[cfg_attr(not(has_git), ignore = "needs git")]
fn two_revisions_of_a_path_are_the_diff_of_the_two_graphs() {
    let repo = two_commits();
    let expected = diff(OLD, NEW, "text").stdout;
    let run = repo.genkg(&["diff", "HEAD~1:kb", "HEAD:kb"], "");
    run.ok();
    assert!(
        run.stdout.starts_with("HEAD~1:kb → HEAD:kb\n"),
        "{}",
        run.stdout
    );
    assert_eq!(body(&run.stdout), body(&expected));
    // Branch names, and a path from the current directory with `./`.
    repo.git(&["branch", "before", "HEAD~1"]);
    let run = repo.genkg(&["diff", "before:./", "main:./"], "kb");
    assert_eq!(body(&run.ok().stdout), body(&expected));
}

#[test]
#[cfg_attr(not(has_git), ignore = "needs git")]
fn a_revision_is_read_without_touching_the_work_tree_or_the_index() {
    let repo = two_commits();
    // An uncommitted change in the work tree, and one staged.
    let llama = repo.path().join("kb/model/llama.toml");
    std::fs::write(
        &llama,
        std::fs::read_to_string(&llama)
            .unwrap()
            .replace("year = 2023", "year = 2024"),
    )
    .unwrap();
    std::fs::remove_file(repo.path().join("kb/dataset/common-crawl.toml")).unwrap();
    std::fs::write(
        repo.path().join("kb/dataset/the-pile.toml"),
        "name = \"The Pile\"\nsource = \"llama2023\"\n",
    )
    .unwrap();
    std::fs::write(
        &llama,
        std::fs::read_to_string(&llama)
            .unwrap()
            .replace("common-crawl", "the-pile"),
    )
    .unwrap();
    repo.git(&["add", "kb/dataset"]);
    let status = repo.git(&["status", "--porcelain"]);
    let listing = repo.git(&["ls-files", "--stage"]);
    let run = repo.genkg(&["diff", "HEAD:kb", "kb"], "");
    run.ok()
        .stdout_has("HEAD:kb → kb\n")
        .stdout_has("    year  2023 → 2024\n")
        .stdout_has("  - LLaMA is trained on Common Crawl [llama2023]\n")
        .stdout_has("  + LLaMA is trained on The Pile [llama2023]\n");
    assert_eq!(repo.git(&["status", "--porcelain"]), status);
    assert_eq!(repo.git(&["ls-files", "--stage"]), listing);
    assert!(std::fs::read_to_string(&llama)
        .unwrap()
        .contains("year = 2024"));
}

#[test]
#[cfg_attr(not(has_git), ignore = "needs git")]
fn a_json_graph_at_a_revision_brings_the_schema_and_sources_beside_it() {
    let repo = Repo::new();
    repo.put(&root().join(OLD), "kb");
    let exported = repo.genkg(
        &[
            "--graph",
            "kb",
            "export",
            "--format",
            "json",
            "-o",
            "exports/graph.json",
        ],
        "",
    );
    exported.ok();
    for f in ["schema.toml", "sources.toml"] {
        std::fs::copy(
            repo.path().join("kb").join(f),
            repo.path().join("exports").join(f),
        )
        .unwrap();
    }
    repo.commit("a knowledge base and its export");
    repo.genkg(
        &["diff", "HEAD:exports/graph.json", "HEAD:kb", "--exit-code"],
        "",
    )
    .ok()
    .stdout_has("no differences (8 nodes, 11 edges, 3 sources)");
}

#[test]
#[cfg_attr(not(has_git), ignore = "needs git")]
fn a_manifest_at_a_revision_brings_the_layers_it_lists() {
    let repo = Repo::new();
    repo.put(&root().join("tests/fixtures/landscape"), "landscape");
    repo.commit("a landscape");
    repo.genkg(
        &[
            "diff",
            "HEAD:landscape/landscape.toml",
            "landscape/landscape.toml",
            "--exit-code",
        ],
        "",
    )
    .ok()
    .stdout_has("no differences");
    // A change to the second layer only.
    let csv = repo.path().join("landscape/epoch.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    std::fs::write(&csv, text.replace("Small Model,", "Smaller Model,")).unwrap();
    let d: Value = serde_json::from_str(
        &repo
            .genkg(
                &[
                    "diff",
                    "HEAD:landscape/landscape.toml",
                    "landscape/landscape.toml",
                    "--format",
                    "json",
                ],
                "",
            )
            .stdout,
    )
    .unwrap();
    // Small Model was merged into the graph's `small-model` by name; Smaller Model is not.
    let sm = find(&d["nodes"]["added"], "id", "smaller-model");
    assert_eq!(sm["name"], "Smaller Model");
}

#[test]
#[cfg_attr(not(has_git), ignore = "needs git")]
fn findings_in_a_revision_point_into_the_revision() {
    let repo = Repo::new();
    let bad = Kb::base()
        .file(
            "model/glide.toml",
            "name = \"GLIDE\"\nyear = 2021\nsource = \"paper\"\nuses = [\"transformr\"]\n",
        )
        .build();
    repo.put(&bad.dir(), "kb");
    repo.commit("a typo");
    let run = repo.genkg(&["diff", "HEAD:kb", "HEAD:kb"], "");
    run.fails()
        .code("unknown-id")
        .at("HEAD:kb/model/glide.toml:4:9")
        .says("OLD: ")
        .says("NEW: ")
        .stderr_lacks("genkg-revision");
}

#[test]
#[cfg_attr(not(has_git), ignore = "needs git")]
fn bad_revisions_and_paths_say_what_is_wrong() {
    let repo = two_commits();
    repo.genkg(&["diff", "nope:kb", "kb"], "")
        .fails()
        .code("git")
        .says("OLD: cannot read `nope:kb` from git: no revision `nope` in this repository");
    repo.genkg(&["diff", "HEAD:kb", "HEAD:graph"], "")
        .fails()
        .code("git")
        .says("NEW: cannot read `HEAD:graph` from git: `graph` is not in HEAD");
    repo.genkg(&["diff", "HEAD:../kb", "kb"], "")
        .fails()
        .says("is outside the repository");
    // Outside any repository.
    let outside = tempfile::tempdir().unwrap();
    let run = genkg(&["diff", "HEAD:kb", "HEAD:kb"])
        .current_dir(outside.path())
        .env(
            "GIT_CEILING_DIRECTORIES",
            outside.path().parent().unwrap().to_str().unwrap(),
        )
        .run();
    run.fails().code("git").says("not a git repository");
}

#[test]
fn an_existing_path_with_a_colon_is_a_path() {
    let tmp = tempfile::tempdir().unwrap();
    let odd: PathBuf = tmp.path().join("v1:kb");
    copy(&root().join(OLD), &odd);
    genkg(&["diff", odd.to_str().unwrap(), OLD, "--exit-code"])
        .run()
        .ok()
        .stdout_has("no differences");
}

#[test]
fn markdown_keeps_hostile_names_inside_their_block() {
    let old = Kb::base().build();
    let new = Kb::base()
        .file(
            "technique/evil.toml",
            "name = \"```\\n<script>alert(1)</script>\"\nsource = \"paper\"\n",
        )
        .build();
    let run = diff(
        old.dir().to_str().unwrap(),
        new.dir().to_str().unwrap(),
        "markdown",
    );
    // The block's fence is longer than any run of backticks in it, and the name's line
    // break stays escaped on its line.
    assert!(
        run.stdout.contains(
            "````diff\n  technique (1)\n+   ```\\n<script>alert(1)</script> [evil]\n````\n"
        ),
        "{}",
        run.stdout
    );
}
