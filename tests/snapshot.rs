//! The snapshot cache: a snapshot holds the very graph it was made from; any change to the
//! inputs rebuilds it; a damaged one is reported and rebuilt, never used; builders racing
//! each other leave one whole snapshot; `--no-cache` gives the same answers.
//!
//! "Used the snapshot" is observed from outside: a run that parses writes a new snapshot
//! (a new file renamed into place), so a run that leaves the file's inode alone read it.

mod common;

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use common::random_graph::{document, spec};
use common::{genkg, shipped_graph, Run};
use genkg::read::snapshot::{self, cache, fingerprint::Fingerprint, Meta};
use genkg::read::{open_valid, open_valid_layers};
use genkg::KnowledgeGraph;
use petgraph::graph::{EdgeIndex, NodeIndex};
use proptest::prelude::*;

/// Every fact the graph holds, compared through the public interface.
fn assert_same_graph(a: &KnowledgeGraph, b: &KnowledgeGraph) {
    assert_eq!(a.schema, b.schema, "schema");
    assert_eq!(a.sources, b.sources, "sources");
    assert_eq!(a.provenance, b.provenance, "provenance");
    assert_eq!(a.node_count(), b.node_count(), "node count");
    assert_eq!(a.edge_count(), b.edge_count(), "edge count");
    for i in 0..a.node_count() {
        let n = NodeIndex::new(i);
        assert_eq!(a.id(n), b.id(n), "id of node {i}");
        assert_eq!(b.index_of(a.id(n)), Some(n), "lookup of {}", a.id(n));
        assert_eq!(a.node(n), b.node(n), "node {}", a.id(n));
        assert_eq!(a.info(n), b.info(n), "info of {}", a.id(n));
        let attrs = |g: &KnowledgeGraph| -> Vec<(String, String)> {
            g.node_attrs
                .of(i)
                .map(|(k, v)| (k.to_string(), format!("{v:?}")))
                .collect()
        };
        assert_eq!(attrs(a), attrs(b), "attributes of {}", a.id(n));
    }
    for i in 0..a.edge_count() {
        let e = EdgeIndex::new(i);
        assert_eq!(a.endpoints(e), b.endpoints(e), "edge {i}");
        assert_eq!(a.edge(e), b.edge(e), "edge {i}");
        let attrs = |g: &KnowledgeGraph| -> Vec<(String, String)> {
            g.edge_attrs
                .of(i)
                .map(|(k, v)| (k.to_string(), format!("{v:?}")))
                .collect()
        };
        assert_eq!(attrs(a), attrs(b), "attributes of edge {i}");
    }
    for n in a.node_indices() {
        for dir in [petgraph::Direction::Outgoing, petgraph::Direction::Incoming] {
            assert_eq!(a.sorted_edges(n, dir), b.sorted_edges(n, dir), "adjacency");
        }
    }
    assert_eq!(b.index_of("no such node, surely"), None);
}

fn meta_for(paths: &[PathBuf]) -> Meta {
    Meta {
        genkg: "test".into(),
        inputs: cache::input_names(paths),
        fingerprint: Fingerprint::of(paths),
    }
}

/// The graph through a snapshot and back.
fn through_snapshot(g: &KnowledgeGraph, meta: &Meta) -> KnowledgeGraph {
    let bytes = snapshot::encode(g, meta);
    let (read_meta, back) = snapshot::decode_bytes(&bytes).expect("a fresh snapshot reads");
    assert_eq!(&read_meta, meta);
    back
}

#[test]
fn the_knowledge_base_round_trips_through_a_snapshot() {
    let paths = [shipped_graph()];
    let g = open_valid(&paths[0]).unwrap();
    let back = through_snapshot(&g, &meta_for(&paths));
    assert_same_graph(&g, &back);
    // A mapped graph writes the same snapshot again.
    assert_eq!(
        snapshot::encode(&g, &meta_for(&paths)),
        snapshot::encode(&back, &meta_for(&paths))
    );
}

#[test]
fn the_landscape_round_trips_with_its_provenance() {
    let paths = [common::root().join("landscape.toml")];
    let g = open_valid_layers(&paths).unwrap();
    assert!(g.provenance.is_layered());
    assert_same_graph(&g, &through_snapshot(&g, &meta_for(&paths)));
}

#[test]
fn sparse_and_dense_attribute_columns_round_trip() {
    // `rare` is on two nodes of 200 (kept sparse), `common` on every node (dense).
    let nodes: Vec<serde_json::Value> = (0..200)
        .map(|i| {
            let mut attrs = serde_json::json!({ "common": i });
            if i == 150 || i == 199 {
                attrs["rare"] = serde_json::json!(format!("only {i}"));
            }
            serde_json::json!({"id": format!("n{i}"), "kind": "model", "attributes": attrs})
        })
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("g.json");
    let doc = serde_json::json!({"nodes": nodes, "edges": []});
    fs::write(&path, doc.to_string()).unwrap();
    let g = open_valid(&path).unwrap();
    let back = through_snapshot(&g, &meta_for(&[path]));
    assert_same_graph(&g, &back);
    assert_eq!(
        back.node_attrs.get(199, "rare").map(|v| v.to_string()),
        Some("only 199".into())
    );
    assert_eq!(back.node_attrs.get(198, "rare"), None);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_graph_round_trips_through_a_snapshot(s in spec()) {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("g.json");
        fs::write(&path, document(&s).to_string()).unwrap();
        let g = open_valid(&path).unwrap();
        assert_same_graph(&g, &through_snapshot(&g, &meta_for(&[path])));
    }

    /// Any damage, even with the checksum made to match again, is refused or gives a
    /// graph that can be read whole; never a panic.
    #[test]
    fn damaged_snapshots_never_panic(
        s in spec(),
        damage in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in prop::option::of(any::<prop::sample::Index>()),
        reseal in any::<bool>(),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("g.json");
        fs::write(&path, document(&s).to_string()).unwrap();
        let g = open_valid(&path).unwrap();
        let mut bytes = snapshot::encode(&g, &meta_for(&[path]));
        for (at, value) in damage {
            let at = at.index(bytes.len());
            bytes[at] = value;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        if reseal {
            snapshot::format::reseal(&mut bytes);
        }
        if let Ok((_, g)) = snapshot::decode_bytes(&bytes) {
            read_everything(&g);
        }
    }
}

/// Touches every part of a graph the way commands do.
fn read_everything(g: &KnowledgeGraph) {
    for n in g.node_indices() {
        let _ = (g.id(n), g.node(n), g.info(n), g.name(n), g.kind_name(n));
        let _ = g.index_of(g.id(n));
        let _: Vec<_> = g.node_attrs.of(n.index()).collect();
        for dir in [petgraph::Direction::Outgoing, petgraph::Direction::Incoming] {
            for e in g.sorted_edges(n, dir) {
                let _ = (
                    g.other_end(e, dir),
                    g.relation_name(e),
                    g.source_id(e),
                    g.note(e),
                );
            }
        }
    }
    for e in g.edge_indices() {
        let _: Vec<_> = g.edge_attrs.of(e.index()).collect();
    }
    let _ = genkg::export::export(
        g,
        &genkg::selection::Selection::whole(g),
        genkg::export::Format::Json,
        &Default::default(),
    );
}

#[test]
fn snapshots_of_another_format_version_are_refused() {
    let paths = [shipped_graph()];
    let g = open_valid(&paths[0]).unwrap();
    let mut bytes = snapshot::encode(&g, &meta_for(&paths));
    bytes[8..12].copy_from_slice(&(snapshot::format::VERSION + 1).to_le_bytes());
    snapshot::format::reseal(&mut bytes);
    let err = snapshot::decode_bytes(&bytes).expect_err("refused");
    assert!(err.contains("snapshot format"), "{err}");
}

// --- The cache, through the command line -------------------------------------------------

/// A graph large enough to be cached: a CSV pair of `n` packages, each depending on two
/// earlier ones.
fn big_graph(dir: &Path, n: usize) -> PathBuf {
    big_graph_of(dir, n, "package")
}

fn big_graph_of(dir: &Path, n: usize, prefix: &str) -> PathBuf {
    let g = dir.join("deps");
    fs::create_dir_all(&g).unwrap();
    let mut nodes = String::from("id:ID,:LABEL,version,section\n");
    let mut edges = String::from(":START_ID,:END_ID,:TYPE\n");
    for i in 0..n {
        nodes += &format!(
            "{prefix}-{i:06},package,1.{i}.0-debian-stable,section-{}\n",
            i % 7
        );
        if i > 0 {
            edges += &format!("{prefix}-{i:06},{prefix}-{:06},depends\n", i / 2);
            edges += &format!("{prefix}-{i:06},{prefix}-{:06},depends\n", i - 1);
        }
    }
    fs::write(g.join("nodes.csv"), nodes).unwrap();
    fs::write(g.join("edges.csv"), edges).unwrap();
    g
}

struct Cached {
    tmp: tempfile::TempDir,
    graph: PathBuf,
}

impl Cached {
    fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let graph = big_graph(tmp.path(), 20_000);
        Cached { tmp, graph }
    }

    fn cache_dir(&self) -> PathBuf {
        self.tmp.path().join("cache")
    }

    fn run(&self, args: &[&str]) -> Run {
        genkg(args)
            .graph(&self.graph)
            .env(cache::ENV, self.cache_dir().to_str().unwrap())
            .run()
    }

    fn snapshots(&self) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = fs::read_dir(self.cache_dir())
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        found.sort();
        found
    }

    /// The one snapshot's inode: it changes exactly when the snapshot is written again.
    fn inode(&self) -> u64 {
        let found = self.snapshots();
        assert_eq!(found.len(), 1, "one snapshot, nothing else: {found:?}");
        fs::metadata(&found[0]).unwrap().ino()
    }
}

const QUERY: &[&str] = &[
    "lineage",
    "package-019999",
    "--relation",
    "depends",
    "--format",
    "count",
];

#[test]
fn a_large_graph_is_snapshotted_once_then_mapped() {
    let c = Cached::new();
    let cold = c.run(QUERY);
    cold.ok().stderr_lacks("warning");
    let written = c.inode();
    let warm = c.run(QUERY);
    warm.ok().stderr_lacks("warning");
    assert_eq!(cold.stdout, warm.stdout);
    assert_eq!(
        c.inode(),
        written,
        "the second run read the snapshot, not the CSV"
    );
    c.run(&["cache", "info"])
        .ok()
        .stdout_has("fresh")
        .stdout_has("1 snapshot");
}

#[test]
fn answers_from_a_snapshot_equal_answers_without_one() {
    let c = Cached::new();
    let commands: &[&[&str]] = &[
        &["stats"],
        &["show", "package-000042"],
        &[
            "lineage",
            "package-000100",
            "--relation",
            "depends",
            "--format",
            "list",
        ],
        &[
            "lineage",
            "package-000003",
            "--relation",
            "depends",
            "--down",
            "--format",
            "count",
        ],
        &["path", "package-019999", "package-000001", "--directed"],
        &["list", "--kind", "package", "--format", "ids"],
        &[
            "export",
            "--format",
            "json",
            "--lineage",
            "package-000777",
            "--relation",
            "depends",
        ],
        &["export", "--format", "graphml", "--kind", "package"],
    ];
    c.run(&["stats"]).ok();
    let written = c.inode();
    for args in commands {
        let mapped = c.run(args);
        let parsed = genkg(args).graph(&c.graph).arg_no_cache().run();
        mapped.ok();
        assert_eq!(mapped.stdout, parsed.stdout, "genkg {args:?}");
        assert_eq!(mapped.stderr, parsed.stderr, "genkg {args:?}");
    }
    assert_eq!(c.inode(), written, "every query above read the snapshot");
}

trait NoCache {
    fn arg_no_cache(self) -> Self;
}

impl NoCache for common::Genkg {
    /// `--no-cache`, with a cache directory that must stay untouched.
    fn arg_no_cache(self) -> Self {
        self.env(cache::ENV, "/nonexistent/genkg-cache-must-not-be-created")
            .arg("--no-cache")
    }
}

#[test]
fn no_cache_and_cache_off_write_nothing() {
    let c = Cached::new();
    let cache = c.cache_dir();
    genkg(QUERY)
        .graph(&c.graph)
        .env(cache::ENV, cache.to_str().unwrap())
        .arg("--no-cache")
        .run()
        .ok();
    genkg(QUERY)
        .graph(&c.graph)
        .env(cache::ENV, "off")
        .run()
        .ok();
    assert!(!cache.exists(), "no cache directory was made");
}

#[test]
fn small_graphs_are_parsed_every_time() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    genkg(&["lineage", "chatgpt", "--format", "count"])
        .env(cache::ENV, cache.to_str().unwrap())
        .run()
        .ok();
    assert!(
        !cache.exists(),
        "the knowledge base is quicker to parse than to snapshot"
    );
    genkg(&["cache", "info"])
        .env(cache::ENV, cache.to_str().unwrap())
        .run()
        .ok()
        .stdout_has("not cached: its inputs")
        .stdout_has("0 snapshots");
}

/// Runs the query, and says whether the snapshot was written again.
fn rebuilt(c: &Cached, change: impl FnOnce(&Path)) -> (bool, Run) {
    c.run(QUERY).ok();
    let before = c.inode();
    change(&c.graph);
    let run = c.run(QUERY);
    run.ok();
    (c.inode() != before, run)
}

fn set_mtime(path: &Path, to: std::time::SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(to)
        .unwrap();
}

#[test]
fn an_edited_input_rebuilds_the_snapshot() {
    let c = Cached::new();
    let (again, run) = rebuilt(&c, |g| {
        let mut edges = fs::read_to_string(g.join("edges.csv")).unwrap();
        edges += "package-019999,package-000000,depends\n";
        fs::write(g.join("edges.csv"), edges).unwrap();
    });
    assert!(again);
    run.stderr_lacks("warning");
    // The new edge shows: the answer is the edited graph's.
    let fresh = genkg(QUERY).graph(&c.graph).arg_no_cache().run();
    assert_eq!(run.stdout, fresh.stdout);
}

#[test]
fn a_touched_input_rebuilds_the_snapshot() {
    let c = Cached::new();
    let (again, _) = rebuilt(&c, |g| {
        set_mtime(
            &g.join("nodes.csv"),
            std::time::SystemTime::now() + std::time::Duration::from_secs(5),
        );
    });
    assert!(again);
}

#[test]
fn a_small_file_edited_behind_the_clock_rebuilds_the_snapshot() {
    // Size and time kept, content changed: small files are hashed too.
    let c = Cached::new();
    let schema = c.graph.join("schema.toml");
    fs::write(&schema, "# one\n[kinds.package]\n[relations.depends]\n").unwrap();
    let (again, _) = rebuilt(&c, |_| {
        let when = fs::metadata(&schema).unwrap().modified().unwrap();
        fs::write(&schema, "# two\n[kinds.package]\n[relations.depends]\n").unwrap();
        set_mtime(&schema, when);
    });
    assert!(again);
}

#[test]
fn a_new_file_beside_the_graph_rebuilds_the_snapshot() {
    let c = Cached::new();
    let (again, _) = rebuilt(&c, |g| {
        fs::write(
            g.join("sources.toml"),
            "[debian]\ntitle = \"Debian\"\nurl = \"https://www.debian.org/\"\n",
        )
        .unwrap();
    });
    assert!(again);
}

#[test]
fn a_schema_beside_a_json_graph_is_part_of_its_key() {
    let c = Cached::new();
    let out = c.tmp.path().join("big.json");
    c.run(&["export", "--format", "json", "-o", out.to_str().unwrap()])
        .ok();
    let run = |args: &[&str]| {
        genkg(args)
            .graph(&out)
            .env(cache::ENV, c.cache_dir().to_str().unwrap())
            .run()
    };
    run(QUERY).ok();
    run(QUERY).ok();
    // A schema appears beside the JSON file: now `depends` is undeclared, and the
    // snapshot of the schemaless graph must not answer.
    fs::write(c.tmp.path().join("schema.toml"), common::SCHEMA).unwrap();
    run(QUERY).fails().code("unknown-kind");
}

#[test]
fn a_layer_added_to_a_manifest_rebuilds_the_snapshot() {
    let c = Cached::new();
    let manifest = c.tmp.path().join("layers.toml");
    fs::write(&manifest, "layers = [\"deps\"]\n").unwrap();
    let run = || {
        genkg(&["stats"])
            .graph(&manifest)
            .env(cache::ENV, c.cache_dir().to_str().unwrap())
            .run()
    };
    let before = run();
    before.ok();
    let second = big_graph_of(&c.tmp.path().join("more"), 100, "extra");
    fs::write(
        &manifest,
        format!("layers = [\"deps\", \"{}\"]\n", second.display()),
    )
    .unwrap();
    let after = run();
    after.ok();
    assert_ne!(before.stdout, after.stdout, "the second layer counts");
}

fn damage_and_expect_warning(damage: impl FnOnce(&Path), says: &str) {
    let c = Cached::new();
    let good = c.run(QUERY);
    good.ok();
    damage(&c.snapshots()[0]);
    let run = c.run(QUERY);
    run.ok().code("snapshot").says(says);
    assert_eq!(run.stdout, good.stdout, "the answer comes from the inputs");
    // Rebuilt: the next run reads it without a word.
    let written = c.inode();
    c.run(QUERY).ok().stderr_lacks("warning");
    assert_eq!(c.inode(), written);
}

#[test]
fn a_corrupt_snapshot_is_reported_and_rebuilt() {
    damage_and_expect_warning(
        |p| {
            let mut bytes = fs::read(p).unwrap();
            let mid = bytes.len() / 2;
            bytes[mid] ^= 0x55;
            fs::write(p, bytes).unwrap();
        },
        "checksum",
    );
}

#[test]
fn a_truncated_snapshot_is_reported_and_rebuilt() {
    damage_and_expect_warning(
        |p| {
            let bytes = fs::read(p).unwrap();
            fs::write(p, &bytes[..bytes.len() / 3]).unwrap();
        },
        "truncated",
    );
}

#[test]
fn a_foreign_file_in_the_snapshots_place_is_reported_and_rebuilt() {
    damage_and_expect_warning(
        |p| fs::write(p, "this is not a snapshot at all\n").unwrap(),
        "not a genkg snapshot",
    );
}

#[test]
fn a_snapshot_of_another_format_version_is_reported_and_rebuilt() {
    damage_and_expect_warning(
        |p| {
            let mut bytes = fs::read(p).unwrap();
            bytes[8..12].copy_from_slice(&99u32.to_le_bytes());
            snapshot::format::reseal(&mut bytes);
            fs::write(p, bytes).unwrap();
        },
        "snapshot format 99",
    );
}

#[test]
fn concurrent_builders_leave_one_whole_snapshot() {
    let c = Cached::new();
    let children: Vec<_> = (0..4)
        .map(|_| {
            let (graph, cache) = (c.graph.clone(), c.cache_dir());
            std::thread::spawn(move || {
                genkg(QUERY)
                    .graph(&graph)
                    .env(cache::ENV, cache.to_str().unwrap())
                    .command()
                    .output()
                    .unwrap()
            })
        })
        .collect();
    let outputs: Vec<std::process::Output> =
        children.into_iter().map(|h| h.join().unwrap()).collect();
    for out in &outputs {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.stdout, outputs[0].stdout);
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("warning"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let written = c.inode(); // exactly one file: no temporary files left behind
    c.run(QUERY).ok().stderr_lacks("warning");
    assert_eq!(c.inode(), written, "the snapshot left is whole");
}

#[test]
fn cache_clear_removes_snapshots_and_nothing_else() {
    let c = Cached::new();
    c.run(QUERY).ok();
    let mine = c.cache_dir().join("notes.txt");
    fs::write(&mine, "keep me").unwrap();
    c.run(&["cache", "clear"])
        .ok()
        .stdout_has("removed 1 snapshot");
    assert_eq!(fs::read_to_string(&mine).unwrap(), "keep me");
    assert_eq!(c.snapshots(), vec![mine]);
    c.run(&["cache", "info"]).ok().stdout_has("no snapshot yet");
}

#[test]
fn check_reads_the_inputs_not_the_snapshot() {
    let c = Cached::new();
    let check = c.run(&["check"]);
    assert!(!c.cache_dir().exists(), "check wrote no snapshot");
    c.run(QUERY).ok();
    assert_eq!(c.run(&["check"]).stdout, check.stdout);
}
