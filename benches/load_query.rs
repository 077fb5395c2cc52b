//! Criterion benchmarks of loading a neo4j-style CSV pair (parsed, and from its snapshot)
//! and of the W1 queries (lineage
//! closure up and down, directed shortest path, lineage selection and its DOT export) on
//! generated graphs of 10k and 100k nodes.
//!
//!     cargo bench --bench load_query               # everything, about 1–2 minutes
//!     cargo bench --bench load_query -- closure    # only benchmarks whose id contains "closure"
//!
//! The generated graph is shaped like a package dependency graph: about 4 edges per node,
//! nearly all from a node to an older (lower-numbered) one, with targets skewed towards the
//! oldest nodes so that a few hubs (like libc6) are depended on by most of the graph; about
//! 2% of the edges point the other way, which makes cycles. Two relation types: `depends`
//! (3/4 of the edges, the lineage) and `recommends`. The newest node is a metapackage that
//! depends on 30 nodes of the newer half: the lineage root and the path's start, as
//! gnome-core is in W1; node 0, the hub, plays libc6. Everything is deterministic.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use petgraph::graph::NodeIndex;

use genkg::build::{Builder, Origin};
use genkg::export::{export, DrawOptions, Format};
use genkg::graph::Node;
use genkg::query::lineage::{self, Direction, LineageQuery};
use genkg::query::path::{self, PathQuery};
use genkg::schema::RelId;
use genkg::{KnowledgeGraph, Report};

const SIZES: [usize; 2] = [10_000, 100_000];
const KINDS: [&str; 2] = ["package", "virtual"];
const RELATIONS: [&str; 2] = ["depends", "recommends"];
/// How many nodes the metapackage (the newest node) depends on directly.
const META_DEGREE: usize = 30;

/// SplitMix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A generated graph: node i has id `p<i>` and kind `KINDS[kinds[i]]`; edges are
/// (from, to, relation index, alternative group).
struct Spec {
    kinds: Vec<u8>,
    edges: Vec<(u32, u32, u8, u32)>,
}

fn generate(n: usize, seed: u64) -> Spec {
    let mut rng = Rng(seed);
    let kinds: Vec<u8> = (0..n).map(|_| u8::from(rng.below(3) == 0)).collect();
    let mut edges = Vec::with_capacity(n * 4 + META_DEGREE);
    for i in 0..n - 1 {
        let degree = 1 + rng.below(7); // 1..=7, mean 4
        for alt in 0..degree {
            let j = if i > 0 && rng.unit() < 0.98 {
                // Older nodes, skewed towards the oldest: u² concentrates near 0.
                let u = rng.unit();
                ((i as f64) * u * u) as usize
            } else {
                rng.below(n) // any node: these close cycles
            };
            if j == i {
                continue;
            }
            let rel = u8::from(rng.below(4) == 0); // 3/4 depends, 1/4 recommends
            edges.push((i as u32, j as u32, rel, alt as u32));
        }
    }
    // The newest node is a metapackage (like gnome-core): it depends on many nodes of the
    // newer half, so its lineage is large and its shortest path to the hub is longer than 1.
    let meta = (n - 1) as u32;
    for alt in 0..META_DEGREE {
        let j = n / 2 + rng.below(n / 2 - 1);
        edges.push((meta, j as u32, 0, alt as u32));
    }
    Spec { kinds, edges }
}

fn node_id(i: u32) -> String {
    format!("p{i}")
}

/// Writes the spec as nodes.csv and edges.csv with the Debian data's headers.
fn write_csv(spec: &Spec, dir: &Path) {
    use std::fmt::Write as _;
    let mut nodes = String::from("id:ID,:LABEL,version,section,priority\n");
    for (i, &k) in spec.kinds.iter().enumerate() {
        writeln!(
            nodes,
            "p{i},{},1.{}-{},libs,optional",
            KINDS[k as usize],
            i % 17,
            i % 5
        )
        .unwrap();
    }
    let mut edges = String::from(":START_ID,:END_ID,:TYPE,alt_group:int\n");
    for &(a, b, r, alt) in &spec.edges {
        writeln!(edges, "p{a},p{b},{},{alt}", RELATIONS[r as usize]).unwrap();
    }
    std::fs::write(dir.join("nodes.csv"), nodes).unwrap();
    std::fs::write(dir.join("edges.csv"), edges).unwrap();
}

/// The same graph built in memory, without going through a reader.
fn build(spec: &Spec) -> KnowledgeGraph {
    let mut b = Builder::new(Report::default());
    let kinds: Vec<_> = KINDS.iter().map(|k| b.kind(k).unwrap()).collect();
    let rels: Vec<RelId> = RELATIONS.iter().map(|r| b.relation(r).unwrap()).collect();
    for (i, &k) in spec.kinds.iter().enumerate() {
        let node = Node {
            kind: kinds[k as usize],
            year: None,
            name: None,
            source: None,
            info: None,
        };
        b.add_node(
            &node_id(i as u32),
            node,
            Vec::new(),
            Origin::NONE,
            Origin::NONE,
        )
        .expect("ids are unique");
    }
    for &(x, y, r, _) in &spec.edges {
        b.split().1.add_edge(
            NodeIndex::new(x as usize),
            NodeIndex::new(y as usize),
            rels[r as usize],
            None,
            Origin::NONE,
        );
    }
    b.finish().graph
}

fn bench_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_csv");
    for n in SIZES {
        let spec = generate(n, 42);
        let dir = tempfile::tempdir().unwrap();
        write_csv(&spec, dir.path());
        // Check once, outside the timing, that the loader reads back what was written.
        let g = genkg::read::open_valid(dir.path()).expect("the generated CSV loads");
        assert_eq!((g.node_count(), g.edge_count()), (n, spec.edges.len()));
        drop(g);
        group.throughput(Throughput::Elements((n + spec.edges.len()) as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), dir.path(), |b, p| {
            b.iter(|| genkg::read::open_valid(black_box(p)).unwrap())
        });
    }
    group.finish();
}

/// Opening the same graph from its snapshot (what every invocation after the first does):
/// map, check the checksum and structure. Beside `load_csv`, and growing as it does.
fn bench_open_snapshot(c: &mut Criterion) {
    use genkg::read::snapshot::{self, fingerprint::Fingerprint, Meta};
    let mut group = c.benchmark_group("open_snapshot");
    for n in SIZES {
        let spec = generate(n, 42);
        let dir = tempfile::tempdir().unwrap();
        write_csv(&spec, dir.path());
        let g = genkg::read::open_valid(dir.path()).expect("the generated CSV loads");
        let meta = Meta {
            genkg: "bench".into(),
            inputs: vec![dir.path().display().to_string()],
            fingerprint: Fingerprint::of(&[dir.path().to_path_buf()]),
        };
        let file = dir.path().join("graph.snap");
        snapshot::write_file(&g, &meta, &file).unwrap();
        drop(g);
        group.throughput(Throughput::Elements((n + spec.edges.len()) as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &file, |b, p| {
            b.iter(|| snapshot::read_file(black_box(p)).unwrap())
        });
    }
    group.finish();
}

fn bench_queries(c: &mut Criterion) {
    let graphs: Vec<(usize, KnowledgeGraph)> = SIZES
        .iter()
        .map(|&n| (n, build(&generate(n, 42))))
        .collect();
    let lineage_rels = |g: &KnowledgeGraph| vec![g.schema.relation_id("depends").unwrap()];
    // The hub most of the graph depends on (libc6), and the metapackage (gnome-core).
    let hub = NodeIndex::new(0);
    let leaf = |g: &KnowledgeGraph| NodeIndex::new(g.node_count() - 1);

    let mut group = c.benchmark_group("closure_down");
    for (n, g) in &graphs {
        let rels = lineage_rels(g);
        let size = g
            .lineage_view(&rels, Direction::Down.petgraph())
            .walk(hub, None)
            .len();
        eprintln!("closure_down/{n}: {size} nodes reached");
        group.bench_with_input(BenchmarkId::from_parameter(n), g, |b, g| {
            b.iter(|| {
                g.lineage_view(&rels, Direction::Down.petgraph())
                    .walk(black_box(hub), None)
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("closure_up");
    for (n, g) in &graphs {
        let rels = lineage_rels(g);
        let root = leaf(g);
        let size = g
            .lineage_view(&rels, Direction::Up.petgraph())
            .walk(root, None)
            .len();
        eprintln!("closure_up/{n}: {size} nodes reached");
        group.bench_with_input(BenchmarkId::from_parameter(n), g, |b, g| {
            b.iter(|| {
                g.lineage_view(&rels, Direction::Up.petgraph())
                    .walk(black_box(root), None)
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("shortest_path_directed");
    for (n, g) in &graphs {
        let q = PathQuery {
            from: leaf(g),
            to: hub,
            directed: true,
            relations: None,
        };
        let len = path::shortest(g, &q).map(|p| p.len());
        eprintln!("shortest_path_directed/{n}: length {len:?}");
        group.bench_with_input(BenchmarkId::from_parameter(n), g, |b, g| {
            b.iter(|| path::shortest(g, black_box(&q)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("lineage_selection");
    let mut selections = Vec::new();
    for (n, g) in &graphs {
        let q = LineageQuery {
            root: leaf(g),
            direction: Direction::Up,
            relations: lineage_rels(g),
            depth: None,
            kinds: Vec::new(),
        };
        let sel = lineage::selection(g, &q);
        eprintln!(
            "lineage_selection/{n}: {} nodes, {} edges",
            sel.nodes.len(),
            sel.edges.len()
        );
        group.bench_with_input(BenchmarkId::from_parameter(n), g, |b, g| {
            b.iter(|| lineage::selection(g, black_box(&q)))
        });
        selections.push(sel);
    }
    group.finish();

    let mut group = c.benchmark_group("export_dot");
    let draw = DrawOptions::default();
    for ((n, g), sel) in graphs.iter().zip(&selections) {
        match export(g, sel, Format::Dot, &draw) {
            Ok(_) => {}
            Err(e) => {
                eprintln!("export_dot/{n}: skipped, the DOT export failed: {e:?}");
                continue;
            }
        }
        group.throughput(Throughput::Elements(
            (sel.nodes.len() + sel.edges.len()) as u64,
        ));
        group.bench_with_input(BenchmarkId::from_parameter(n), g, |b, g| {
            b.iter(|| export(g, black_box(sel), Format::Dot, &draw).unwrap())
        });
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_load, bench_open_snapshot, bench_queries
}
criterion_main!(benches);
