//! What the fuzz targets run, in the library so that `fuzz/` (cargo-fuzz and libFuzzer)
//! and `tests/fuzz_corpus.rs` (every committed seed and crash, replayed by `cargo test`) run
//! the same code. Each `run_*` takes any bytes, lays them out as its reader's input in a
//! private temporary directory, and drives read → check → every export but the drawings
//! (no subprocess in a fuzz loop; their DOT is made) → queries (lineage both ways as trees,
//! lists and selections, paths, common ancestors, cards, names). Whatever the bytes, it
//! returns: a panic, a hang or an abort is a bug.
//!
//! Inputs of several files are one text: the first file, then each further file after a
//! line `--- NAME` (`--- edges.csv`, `--- model/gpt-4.toml`). Names are relative paths of
//! at most two parts, never `.` or `..`.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use petgraph::graph::NodeIndex;

use crate::diag::Error;
use crate::export::{self, ClusterBy, DrawOptions, Format, RankDir};
use crate::graph::KnowledgeGraph;
use crate::query::lineage::{self, Direction, LineageQuery};
use crate::query::path::{self, Bounds, PathQuery};
use crate::read::{self, Options, Validation};
use crate::selection::Selection;

/// A fuzz target's work on one input.
pub type Target = fn(&[u8]);

/// The fuzz targets by name, as `fuzz/fuzz_targets/` and `fuzz/corpus/` name them.
pub const TARGETS: &[(&str, Target)] = &[
    ("kb", run_kb),
    ("json", run_json),
    ("csv", run_csv),
    ("epoch", run_epoch),
    ("manifest", run_manifest),
    ("batch", run_batch),
    ("snapshot", run_snapshot),
];

/// How many files one input may hold.
const MAX_FILES: usize = 64;

/// The first file, then `(name, bytes)` for each `--- NAME` section.
pub fn sections(data: &[u8]) -> (&[u8], Vec<(String, &[u8])>) {
    let mut parts = Vec::new();
    let mut rest = data;
    let head_end = find_header(rest).unwrap_or(rest.len());
    let head = &rest[..head_end];
    rest = &rest[head_end..];
    while !rest.is_empty() && parts.len() < MAX_FILES {
        // `rest` starts with "--- NAME\n" (after a newline that ended the file before).
        let line_end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let name = String::from_utf8_lossy(&rest[4.min(line_end)..line_end])
            .trim()
            .to_string();
        let body = &rest[(line_end + 1).min(rest.len())..];
        let end = find_header(body).unwrap_or(body.len());
        parts.push((name, &body[..end]));
        rest = &body[end..];
    }
    (head, parts)
}

/// Where the next `\n--- ` line starts (the newline belongs to the file before).
fn find_header(data: &[u8]) -> Option<usize> {
    if data.starts_with(b"--- ") {
        return Some(0);
    }
    data.windows(5).position(|w| w == b"\n--- ").map(|i| i + 1)
}

/// A section's name as a path inside the sandbox, if it is a plain relative one.
fn relative(name: &str) -> Option<PathBuf> {
    let parts: Vec<&str> = name.split('/').collect();
    let plain = |p: &&str| !p.is_empty() && *p != "." && *p != ".." && !p.contains('\0');
    (parts.len() <= 2 && parts.iter().all(plain)).then(|| parts.iter().collect())
}

thread_local! {
    /// Each thread's sandbox, emptied before every input.
    static SANDBOX: tempfile::TempDir = tempfile::Builder::new()
        .prefix("genkg-fuzz-")
        .tempdir_in(scratch())
        .expect("a temporary directory");
}

/// Memory-backed when there is one: the targets write their input on every run.
fn scratch() -> PathBuf {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    }
}

/// Runs `work` in an empty sandbox directory holding `files`.
fn in_sandbox(files: &[(PathBuf, &[u8])], work: impl FnOnce(&Path)) {
    SANDBOX.with(|dir| {
        let root = dir.path().join("in");
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("the sandbox");
        for (rel, bytes) in files {
            let p = root.join(rel);
            if let Some(parent) = p.parent() {
                if std::fs::create_dir_all(parent).is_err() {
                    continue;
                }
            }
            let _ = std::fs::write(&p, bytes);
        }
        work(&root);
    });
}

/// The named sections whose names are among `allowed` (any plain name when empty).
fn named<'a>(parts: &[(String, &'a [u8])], allowed: &[&str]) -> Vec<(PathBuf, &'a [u8])> {
    parts
        .iter()
        .filter(|(n, _)| allowed.is_empty() || allowed.contains(&n.as_str()))
        .filter_map(|(n, b)| relative(n).map(|p| (p, *b)))
        .collect()
}

/// A knowledge base: the first file is `schema.toml`; sections `sources.toml` and
/// `<kind>/<id>.toml`.
pub fn run_kb(data: &[u8]) {
    let (head, parts) = sections(data);
    let mut files = vec![(PathBuf::from("kb/schema.toml"), head)];
    files.extend(
        named(&parts, &[])
            .into_iter()
            .filter(|(p, _)| p != Path::new("schema.toml"))
            .map(|(p, b)| (Path::new("kb").join(p), b)),
    );
    in_sandbox(&files, |root| drive(&[root.join("kb")]));
}

/// Node-link JSON: the first file is `graph.json`; sections `schema.toml` and
/// `sources.toml` beside it.
pub fn run_json(data: &[u8]) {
    let (head, parts) = sections(data);
    let mut files = vec![(PathBuf::from("graph.json"), head)];
    files.extend(named(&parts, &["schema.toml", "sources.toml"]));
    in_sandbox(&files, |root| drive(&[root.join("graph.json")]));
}

/// The neo4j CSV pair: the first file is `nodes.csv`; sections `edges.csv` (a bare header
/// when missing), `schema.toml` and `sources.toml`.
pub fn run_csv(data: &[u8]) {
    let (head, parts) = sections(data);
    let mut files = vec![(PathBuf::from("g/nodes.csv"), head)];
    let more = named(&parts, &["edges.csv", "schema.toml", "sources.toml"]);
    if !more.iter().any(|(p, _)| p == Path::new("edges.csv")) {
        files.push((PathBuf::from("g/edges.csv"), b":START_ID,:END_ID,:TYPE\n"));
    }
    files.extend(more.into_iter().map(|(p, b)| (Path::new("g").join(p), b)));
    in_sandbox(&files, |root| drive(&[root.join("g")]));
}

/// Epoch AI's table: the whole input is the CSV file.
pub fn run_epoch(data: &[u8]) {
    in_sandbox(&[(PathBuf::from("table.csv"), data)], |root| {
        drive(&[root.join("table.csv")])
    });
}

/// A manifest of layers: the first file is `landscape.toml`, the sections its layers'
/// files (`kb/schema.toml`, `g.json`, `t.csv`, ...). Inputs whose manifests name a layer
/// outside the sandbox (absolute, or through `..`) are skipped: the fuzzer is not to read
/// the machine's files.
pub fn run_manifest(data: &[u8]) {
    let (head, parts) = sections(data);
    let mut files = vec![(PathBuf::from("landscape.toml"), head)];
    files.extend(named(&parts, &[]));
    if files.iter().any(|(_, b)| leaves_sandbox(b)) {
        return;
    }
    in_sandbox(&files, |root| drive(&[root.join("landscape.toml")]));
}

/// Whether bytes that read as a manifest list a layer outside their directory.
fn leaves_sandbox(bytes: &[u8]) -> bool {
    let Ok(doc) = String::from_utf8_lossy(bytes).parse::<toml_edit::DocumentMut>() else {
        return false;
    };
    let Some(layers) = doc.get("layers") else {
        return false;
    };
    let strings: Vec<String> = match layers.as_array() {
        Some(a) => a
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        None => layers.as_str().map(String::from).into_iter().collect(),
    };
    strings.iter().any(|s| {
        let p = Path::new(s);
        p.is_absolute() || p.components().any(|c| c == std::path::Component::ParentDir)
    })
}

/// A snapshot file (`read::snapshot`): read as it is (nearly every input fails the
/// checksum), then with its checksum made to match, so that what the structural check lets
/// through is read whole: every export and query.
pub fn run_snapshot(data: &[u8]) {
    let _ = read::snapshot::decode_bytes(data);
    let mut sealed = data.to_vec();
    read::snapshot::format::reseal(&mut sealed);
    // A snapshot is a cache genkg wrote, not input to validate: its structure is checked
    // (nothing may panic), its meaning is trusted. Damaged on purpose and resealed, a year
    // may disagree with its date, so its exports may fail and its JSON have findings.
    if let Ok((_, g)) = read::snapshot::decode_bytes(&sealed) {
        exports(&g, false);
        queries(&g);
    }
}

/// The graph `batch` runs on: small, with lineage, aliases, attributes and a layer's worth
/// of variety.
const BATCH_GRAPH: &str = include_str!("fuzzing/batch_graph.json");
const BATCH_SCHEMA: &str = include_str!("../graph/schema.toml");

thread_local! {
    static BATCH: RefCell<Option<(tempfile::TempDir, crate::cli::Session)>> =
        const { RefCell::new(None) };
}

/// `batch` lines on a fixed graph. Lines that would write files (`-o`, `export --all`) or
/// run Graphviz are skipped.
pub fn run_batch(data: &[u8]) {
    BATCH.with(|cell| {
        let mut slot = cell.borrow_mut();
        let (_, session) = slot.get_or_insert_with(|| {
            let dir = tempfile::Builder::new()
                .prefix("genkg-fuzz-batch-")
                .tempdir_in(scratch())
                .expect("a temporary directory");
            let path = dir.path().join("graph.json");
            std::fs::write(&path, BATCH_GRAPH).expect("the batch graph");
            std::fs::write(dir.path().join("schema.toml"), BATCH_SCHEMA).expect("its schema");
            let session =
                crate::cli::Session::new(&[path], crate::read::snapshot::cache::Cache::Off);
            (dir, session)
        });
        for (_, line) in crate::cli::batch_lines(data).take(32) {
            let Ok(line) = line else { continue };
            let Ok(command) = crate::cli::parse_line(line) else {
                continue;
            };
            if writes_or_draws(&command) {
                continue;
            }
            match crate::cli::dispatch(command, session) {
                Ok(emit) => render_emit(&emit),
                Err(e) => render(&e),
            }
        }
    });
}

/// Whether a command would write a file or run a program.
fn writes_or_draws(c: &crate::cli::Command) -> bool {
    use crate::cli::Command as C;
    use crate::cli::{LineageFormat, PathFormat};
    let draws = |f: Format| f.is_drawing();
    match c {
        C::Export(a) => a.all || a.output.is_some() || a.format.is_some_and(draws),
        C::Lineage(a) => {
            a.out.output.is_some() || matches!(a.format, LineageFormat::Export(f) if draws(f))
        }
        C::Path(a) => {
            a.out.output.is_some() || matches!(a.format, PathFormat::Export(f) if draws(f))
        }
        _ => false,
    }
}

fn render(e: &Error) {
    let _ = crate::diag::render(&e.diagnostics, false);
}

fn render_emit(e: &crate::cli::Emit) {
    use crate::cli::Emit;
    match e {
        Emit::Warned(w, inner) => {
            let _ = crate::diag::render(w, false);
            render_emit(inner);
        }
        Emit::Report { diagnostics, .. } => {
            let _ = crate::diag::render(diagnostics, false);
        }
        _ => {}
    }
}

/// Read → check → exports → queries, as the CLI would: a graph with errors goes no further
/// than its report.
fn drive(paths: &[PathBuf]) {
    let opts = Options {
        validation: Validation::Full,
        shown: Some(crate::diag::SHOWN_PER_CODE),
    };
    let loaded = match read::open_layers(paths, opts) {
        Ok(l) => l,
        Err(e) => return render(&e),
    };
    let _ = crate::diag::render(&loaded.report.finish(), false);
    if loaded.layers.len() > 1 {
        let _ = crate::text::reconciliation::render(&loaded.graph, &loaded.layers, &loaded.report);
    }
    if loaded.report.has_errors() {
        return;
    }
    let g = &loaded.graph;
    exports(g, true);
    json_reads_back(g);
    queries(g);
}

/// Every format but the drawings, of the whole graph, with drawing options that vary with
/// the graph; each must succeed if the graph is `valid`.
fn exports(g: &KnowledgeGraph, valid: bool) {
    let whole = Selection::whole(g);
    let n = g.node_count();
    let draw = DrawOptions {
        cluster_by: [
            ClusterBy::None,
            ClusterBy::Category,
            ClusterBy::Organization,
            ClusterBy::Kind,
        ][n % 4],
        rankdir: [RankDir::LeftToRight, RankDir::TopToBottom][n % 2],
        timeline: n.is_multiple_of(3),
    };
    for &format in Format::all() {
        if format.is_drawing() {
            continue;
        }
        let _ = export::warnings(g, &whole, format);
        let out = export::export(g, &whole, format, &draw);
        assert!(!valid || out.is_ok(), "every format exports a valid graph");
    }
}

/// genkg's own JSON of a valid graph reads back, alone, without a finding, as as many nodes
/// and edges.
fn json_reads_back(g: &KnowledgeGraph) {
    let json = export::json::write(g, &Selection::whole(g));
    SANDBOX.with(|dir| {
        let p = dir.path().join("again.json");
        std::fs::write(&p, &json).expect("the sandbox");
        let again = read::open(&p, Options::default()).expect("genkg's JSON reads back");
        let found: Vec<String> = again
            .report
            .finish()
            .iter()
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert!(
            found.is_empty(),
            "genkg's JSON reads back with findings: {found:?}"
        );
        assert_eq!(
            (again.graph.node_count(), again.graph.edge_count()),
            (g.node_count(), g.edge_count()),
            "genkg's JSON reads back as another graph"
        );
    });
}

/// A few nodes: the first, the last and one in the middle.
fn some_nodes(g: &KnowledgeGraph) -> Vec<NodeIndex> {
    let n = g.node_count();
    let mut picked: Vec<NodeIndex> = [0, n / 2, n.saturating_sub(1)]
        .into_iter()
        .filter(|&i| i < n)
        .map(NodeIndex::new)
        .collect();
    picked.dedup();
    picked
}

fn queries(g: &KnowledgeGraph) {
    let rels = crate::query::names::lineage_or(g, &[])
        .unwrap_or_else(|_| (0..g.schema.relations.len() as u16).collect());
    let nodes = some_nodes(g);
    for &n in &nodes {
        let _ = crate::text::show::render(g, n);
        lineages(g, n, &rels);
        let _ = crate::resolve::find(g, g.name(n));
        let _ = crate::resolve::suggestions(g, &format!("{}x", g.id(n)));
    }
    for &a in &nodes {
        for &b in &nodes {
            paths(g, a, b);
            let c = crate::query::common::common(g, a, b, &rels);
            let _ = crate::text::common::render(g, a, b, &c, true);
        }
    }
    let _ = crate::text::stats::render(g);
    for by in [
        crate::query::taxonomy::By::Category,
        crate::query::taxonomy::By::Company,
    ] {
        if let Ok(groups) = crate::query::taxonomy::taxonomy(g, by) {
            let _ = crate::text::taxonomy::markdown(g, by, &groups);
        }
    }
}

fn lineages(g: &KnowledgeGraph, root: NodeIndex, rels: &[u16]) {
    let kind = g.node(root).kind;
    for direction in [Direction::Up, Direction::Down] {
        for (depth, kinds) in [(None, vec![]), (Some(2), vec![]), (None, vec![kind])] {
            let q = LineageQuery {
                root,
                direction,
                relations: rels.to_vec(),
                depth,
                kinds,
            };
            let _ = crate::text::tree::render(g, &q);
            let _ = lineage::nodes(g, &q);
            let sel = lineage::selection(g, &q);
            let _ = export::dot::write(g, &sel, &DrawOptions::default());
        }
    }
}

fn paths(g: &KnowledgeGraph, from: NodeIndex, to: NodeIndex) {
    for directed in [false, true] {
        let q = PathQuery {
            from,
            to,
            directed,
            relations: None,
        };
        if let Some(p) = path::shortest(g, &q) {
            let _ = crate::text::path::render(g, from, std::slice::from_ref(&p));
            let _ = path::selection(g, &q, &[p]);
        }
        let bounds = Bounds {
            max_len: 4,
            max_paths: 1_000,
            max_steps: 100_000,
        };
        if let Ok(all) = path::all(g, &q, bounds) {
            let _ = crate::text::path::render(g, from, &all);
        }
    }
}
