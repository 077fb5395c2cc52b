//! The snapshot cache: where snapshots live, which one belongs to a set of inputs, and
//! when one may be used. A snapshot is used only if it is whole (its checksum and
//! structure check out), was written by this genkg, and its inputs' fingerprint equals
//! theirs now; otherwise the graph is parsed and, if it is valid and large enough to be
//! worth it, snapshotted again. A damaged snapshot is reported as a warning, never used.

use std::path::{Path, PathBuf};

use super::fingerprint::Fingerprint;
use super::Meta;
use crate::diag::{Code, Diagnostic, Error};
use crate::graph::KnowledgeGraph;

/// Inputs smaller than this are parsed every time: parsing them takes about as long as
/// checking a snapshot would (the bundled knowledge base, 0.2 MB, parses in about 20 ms).
pub const MIN_INPUT_BYTES: u64 = 1 << 20;
/// The environment variable that moves the cache (`GENKG_CACHE=/path`) or turns it off
/// (`GENKG_CACHE=off`).
pub const ENV: &str = "GENKG_CACHE";
/// Snapshots are `<key>.snap` in the cache directory.
pub const EXTENSION: &str = "snap";

/// Where snapshots go, if anywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cache {
    Off,
    At(PathBuf),
}

impl Cache {
    /// `--no-cache` or `GENKG_CACHE=off` (also `0`, `false`, `no`, or empty): off.
    /// `GENKG_CACHE=DIR`: there. Otherwise the user's cache directory
    /// (`$XDG_CACHE_HOME/genkg`, `~/.cache/genkg`, or the platform's).
    pub fn from_env(no_cache: bool) -> Cache {
        if no_cache {
            return Cache::Off;
        }
        match std::env::var_os(ENV) {
            Some(v) if is_off(&v.to_string_lossy()) => Cache::Off,
            Some(v) => Cache::At(PathBuf::from(v)),
            None => dirs::cache_dir().map_or(Cache::Off, |d| Cache::At(d.join("genkg"))),
        }
    }

    pub fn dir(&self) -> Option<&Path> {
        match self {
            Cache::Off => None,
            Cache::At(d) => Some(d),
        }
    }
}

fn is_off(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "" | "off" | "0" | "false" | "no"
    )
}

/// The inputs as a snapshot names them: absolute, with links resolved where they exist.
pub fn input_names(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| {
            std::fs::canonicalize(p)
                .or_else(|_| std::path::absolute(p))
                .unwrap_or_else(|_| p.clone())
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// The snapshot file for these inputs: named by a hash of the snapshot format, genkg's
/// version and the inputs, so another version or another graph never reads it.
pub fn snapshot_path(dir: &Path, inputs: &[String]) -> PathBuf {
    let mut key = format!(
        "genkg {} snapshot {}\0",
        env!("CARGO_PKG_VERSION"),
        super::format::VERSION
    );
    for input in inputs {
        key.push_str(input);
        key.push('\0');
    }
    let hash = xxhash_rust::xxh3::xxh3_64(key.as_bytes());
    dir.join(format!("{hash:016x}.{EXTENSION}"))
}

/// A graph opened for a query, and what the cache had to say.
pub struct Opened {
    pub graph: Result<KnowledgeGraph, Error>,
    /// The files the graph was read from (which commands that write must not overwrite).
    pub inputs: Vec<PathBuf>,
    /// Warnings about the cache (a damaged snapshot, a cache that could not be written).
    pub warnings: Vec<Diagnostic>,
    /// Whether the graph came from a snapshot.
    pub from_snapshot: bool,
}

/// The graph at `paths` for a query (errors in the data fail it), from the cache when a
/// snapshot there is good, else parsed (and snapshotted).
pub fn open_valid(paths: &[PathBuf], cache: &Cache) -> Opened {
    let mut warnings = Vec::new();
    let Some(dir) = cache.dir() else {
        return parsed(paths, warnings);
    };
    let inputs = input_names(paths);
    let fingerprint = Fingerprint::of(paths);
    if fingerprint.bytes() < MIN_INPUT_BYTES || !fingerprint.is_complete() {
        return parsed(paths, warnings);
    }
    let file = snapshot_path(dir, &inputs);
    let meta = Meta {
        genkg: env!("CARGO_PKG_VERSION").to_string(),
        inputs,
        fingerprint,
    };
    if file.exists() {
        match super::read_file(&file) {
            Ok((stored, graph)) if stored == meta => {
                return Opened {
                    graph: Ok(graph),
                    inputs: meta
                        .fingerprint
                        .files()
                        .chain(paths.iter().cloned())
                        .collect(),
                    warnings,
                    from_snapshot: true,
                }
            }
            // Stale: an input changed since. Rebuilt below, as on the first run.
            Ok(_) => {}
            Err(why) => warnings.push(
                Diagnostic::warning(
                    Code::Snapshot,
                    format!("the cached snapshot is unusable ({why}); rebuilt it from the inputs"),
                )
                .in_path(&file),
            ),
        }
    }
    let opened = parsed(paths, warnings);
    let Opened {
        graph: Ok(graph),
        inputs,
        mut warnings,
        ..
    } = opened
    else {
        return opened;
    };
    if let Err(e) = super::write_file(&graph, &meta, &file) {
        warnings.push(
            Diagnostic::warning(
                Code::Snapshot,
                format!("could not write the snapshot cache: {e}"),
            )
            .in_path(&file)
            .help(format!(
                "set {ENV}=DIR to keep it elsewhere, or {ENV}=off (or --no-cache) to not keep one"
            )),
        );
    }
    Opened {
        graph: Ok(graph),
        inputs,
        warnings,
        from_snapshot: false,
    }
}

fn parsed(paths: &[PathBuf], warnings: Vec<Diagnostic>) -> Opened {
    let (graph, inputs) = match crate::read::open_valid_with_inputs(paths) {
        Ok((g, inputs)) => (Ok(g), inputs),
        Err(e) => (Err(e), paths.to_vec()),
    };
    Opened {
        graph,
        inputs,
        warnings,
        from_snapshot: false,
    }
}

/// The snapshots in the cache directory, with their sizes, sorted by name.
pub fn entries(dir: &Path) -> std::io::Result<Vec<(PathBuf, u64)>> {
    let mut found = Vec::new();
    let listing = match std::fs::read_dir(dir) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(e),
    };
    for entry in listing {
        let path = entry?.path();
        let ours = path.extension().is_some_and(|e| e == EXTENSION)
            || path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(".genkg-snapshot-"));
        if ours && path.is_file() {
            found.push((path.clone(), std::fs::metadata(&path)?.len()));
        }
    }
    found.sort();
    Ok(found)
}
