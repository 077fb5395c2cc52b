//! Every committed fuzz input, replayed through the same code the fuzz targets run
//! (`genkg::fuzzing`): the seeds under `fuzz/seeds/<target>/` and every crash a campaign
//! found, minimized, under `fuzz/crashes/<target>/`. A regression fails here, in `cargo
//! test`, without nightly Rust or libFuzzer. `scripts/fuzz` runs a campaign.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file() && p.file_name().is_none_or(|n| n != "README.md"));
    files.sort();
    files
}

/// Runs every input of every target; a panic names the input. An input slower than a
/// second (in a debug build) counts as a hang.
fn replay(kind: &str) -> usize {
    let mut count = 0;
    for &(target, run) in genkg::fuzzing::TARGETS {
        for input in inputs(&root().join(kind).join(target)) {
            let data = std::fs::read(&input).expect("a committed input");
            let start = Instant::now();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "{} panicked", input.display());
            let took = start.elapsed();
            assert!(
                took < Duration::from_secs(10),
                "{} took {took:?}",
                input.display()
            );
            count += 1;
        }
    }
    count
}

#[test]
fn every_seed_runs_clean() {
    let n = replay("seeds");
    assert!(n >= 6, "the seed corpus is missing ({n} inputs)");
}

#[test]
fn every_crash_found_stays_fixed() {
    replay("crashes");
}

/// Every target has seeds and a fuzz target, and every fuzz target is one of `TARGETS`.
#[test]
fn every_target_has_seeds_and_a_fuzz_binary() {
    for &(target, _) in genkg::fuzzing::TARGETS {
        assert!(
            !inputs(&root().join("seeds").join(target)).is_empty(),
            "no seeds for {target}"
        );
        assert!(
            root()
                .join("fuzz_targets")
                .join(format!("{target}.rs"))
                .is_file(),
            "no fuzz target for {target}"
        );
    }
    let names: Vec<&str> = genkg::fuzzing::TARGETS.iter().map(|t| t.0).collect();
    for t in inputs(&root().join("fuzz_targets")) {
        let stem = t.file_stem().unwrap().to_string_lossy().to_string();
        assert!(names.contains(&stem.as_str()), "{stem} is not in TARGETS");
    }
}

/// The snapshot seeds are snapshots this genkg reads, so that fuzzing starts past the
/// header. When the format changes (`format::VERSION`), rewrite them with
/// `GENKG_WRITE_SEEDS=1 cargo test --test fuzz_corpus snapshot_seeds`.
#[test]
fn snapshot_seeds_are_snapshots_of_this_format() {
    use genkg::read::snapshot::{self, fingerprint::Fingerprint, Meta};
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = root().join("seeds/snapshot");
    if std::env::var_os("GENKG_WRITE_SEEDS").is_some() {
        let tmp = tempfile::tempdir().unwrap();
        let json = tmp.path().join("g.json");
        std::fs::copy(repo.join("src/fuzzing/batch_graph.json"), &json).unwrap();
        std::fs::copy(
            repo.join("graph/schema.toml"),
            tmp.path().join("schema.toml"),
        )
        .unwrap();
        let graphs = [
            ("batch-graph", json),
            (
                "landscape-fixture",
                repo.join("tests/fixtures/landscape/landscape.toml"),
            ),
            ("diff-new", repo.join("tests/fixtures/diff/new")),
        ];
        for (name, path) in graphs {
            let g = genkg::read::open_valid(&path).unwrap();
            let meta = Meta {
                genkg: "seed".into(),
                inputs: vec![name.into()],
                fingerprint: Fingerprint::default(),
            };
            std::fs::write(dir.join(name), snapshot::encode(&g, &meta)).unwrap();
        }
    }
    for seed in inputs(&dir) {
        let bytes = std::fs::read(&seed).unwrap();
        assert!(
            snapshot::decode_bytes(&bytes).is_ok(),
            "{} is not a snapshot of this format: rewrite the seeds (see this test's comment)",
            seed.display()
        );
    }
}
