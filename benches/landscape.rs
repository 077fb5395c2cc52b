//! The landscape (`landscape.toml`: the curated knowledge base, then Epoch AI's table of
//! 1,755 machine-learning systems as a second layer, reconciled): how long loading it and answering a
//! lineage query take, parsed and from its snapshot, and `check`'s whole validation.
//!
//!     cargo bench --bench landscape

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};

use genkg::query::lineage::{self, Direction, LineageQuery};
use genkg::read::snapshot::{self, fingerprint::Fingerprint, Meta};
use genkg::read::{open_layers, open_valid_layers, Options, Validation};
use genkg::KnowledgeGraph;

fn landscape() -> Vec<PathBuf> {
    vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("landscape.toml")]
}

/// What fine-tunes Llama 2-70B, transitively (the README's tour question).
fn fine_tunes_of_llama(g: &KnowledgeGraph) -> usize {
    let root = genkg::resolve::find(g, "Llama 2-70B").expect("Llama 2-70B is in the landscape");
    let q = LineageQuery {
        root,
        direction: Direction::Down,
        relations: vec![g.schema.relation_id("fine_tuned_from").unwrap()],
        depth: None,
        kinds: Vec::new(),
    };
    lineage::nodes(g, &q).len()
}

fn bench_landscape(c: &mut Criterion) {
    let paths = landscape();
    let mut group = c.benchmark_group("landscape");
    group.bench_function("open", |b| {
        b.iter(|| open_valid_layers(black_box(&paths)).unwrap())
    });
    group.bench_function("open_and_lineage", |b| {
        b.iter(|| fine_tunes_of_llama(&open_valid_layers(black_box(&paths)).unwrap()))
    });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("landscape.snap");
    let meta = Meta {
        genkg: "bench".into(),
        inputs: vec![paths[0].display().to_string()],
        fingerprint: Fingerprint::of(&paths),
    };
    snapshot::write_file(&open_valid_layers(&paths).unwrap(), &meta, &file).unwrap();
    group.bench_function("open_snapshot_and_lineage", |b| {
        b.iter(|| fine_tunes_of_llama(&snapshot::read_file(black_box(&file)).unwrap().1))
    });
    let full = Options {
        validation: Validation::Full,
        shown: None,
    };
    group.bench_function("check", |b| {
        b.iter(|| {
            open_layers(black_box(&paths), full)
                .unwrap()
                .report
                .error_count()
        })
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_landscape
}
criterion_main!(benches);
