//! Reading a graph: each input format is a `Reader` that turns its bytes into nodes, edges
//! and sources, with where each came from, and hands them to the one builder. Then one
//! validation runs on the built graph, whatever it was read from.
//!
//! Adding a format is one file with a `Reader` and one line in `READERS`.

pub mod beside;
pub mod csv;
pub mod epoch;
pub mod files;
pub mod json;
pub mod kb;
pub mod manifest;
pub mod revision;
pub mod schema_toml;
pub mod snapshot;
pub mod toml_walk;

use std::path::{Path, PathBuf};

use crate::build::{Builder, LayerSummary, Origins};
use crate::diag::{Code, Diagnostic, Error, Report};
use crate::graph::KnowledgeGraph;

/// An input format.
pub trait Reader: Sync {
    /// What it reads, in words (for messages).
    fn name(&self) -> &'static str;
    /// Whether `path` is in this format; cheap (a name, a header), tried in order.
    fn recognises(&self, path: &Path) -> bool;
    /// Reads `path` into the builder. Problems in the data go to the builder's report;
    /// `Err` is for when nothing could be read at all.
    fn read(&self, path: &Path, b: &mut Builder) -> Result<(), Error>;
    /// The name its data goes by in other data sets' links (`[external.epoch]`), which is
    /// also its layer's name; `None` names the layer after the input.
    fn namespace(&self) -> Option<&'static str> {
        None
    }
    /// Whether it lists other inputs (a manifest) rather than being one layer.
    fn is_manifest(&self) -> bool {
        false
    }
}

/// The formats, most specific first (a knowledge base is any other directory).
pub const READERS: &[&dyn Reader] = &[
    &manifest::Manifest,
    &epoch::Epoch,
    &csv::Neo4jCsv,
    &json::NodeLink,
    &kb::KnowledgeBase,
];

/// How much checking a load does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validation {
    /// What every command needs: a graph with errors fails the command.
    Load,
    /// Everything `genkg check` reports, warnings included.
    Full,
}

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub validation: Validation,
    /// Findings kept and shown per code (`None`: all of them).
    pub shown: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            validation: Validation::Load,
            shown: Some(crate::diag::SHOWN_PER_CODE),
        }
    }
}

/// A graph read and validated, where its parts came from, and every finding about it.
pub struct Loaded {
    pub graph: KnowledgeGraph,
    pub origins: Origins,
    pub report: Report,
    /// What each layer brought.
    pub layers: Vec<LayerSummary>,
}

/// The reader for `path`.
pub fn recognise(path: &Path) -> Result<&'static dyn Reader, Error> {
    match files::found(path) {
        files::Found::Missing => {
            return Err(Error::one(
                Diagnostic::error(Code::NoGraph, format!("graph `{}` does not exist", path.display()))
                    .help("pass --graph PATH (a knowledge base, a .json file or a folder with nodes.csv), or set GENKG_GRAPH"),
            ))
        }
        files::Found::Dir if looks_like_a_file(path) => {
            return Err(files::not_a_file(path, "a directory"));
        }
        found => {
            if let Some(e) = files::refuse(path, found).filter(|_| found != files::Found::Dir) {
                return Err(e);
            }
        }
    }
    READERS
        .iter()
        .copied()
        .find(|r| r.recognises(path))
        .ok_or_else(|| {
            let formats: Vec<&str> = READERS.iter().map(|r| r.name()).collect();
            Error::one(
                Diagnostic::error(
                    Code::NoGraph,
                    format!("`{}` is not a graph genkg can read", path.display()),
                )
                .help(format!("genkg reads {}", formats.join("; "))),
            )
        })
}

/// A directory named like a file (`graph.json/`) that holds no graph: a mistake to name,
/// rather than a knowledge base without a schema.toml.
fn looks_like_a_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "json" || e == "csv" || e == "toml")
        && files::found(&path.join("schema.toml")) == files::Found::Missing
        && files::found(&path.join("nodes.csv")) == files::Found::Missing
}

/// Reads one input into the builder: a layer of its own, or, for a manifest, each layer
/// it lists.
pub fn read_layer(path: &Path, b: &mut Builder) -> Result<(), Error> {
    let reader = recognise(path)?;
    if !reader.is_manifest() {
        let name = match reader.namespace() {
            Some(ns) => ns.to_string(),
            None => layer_name(path),
        };
        b.begin_layer(&name, path)?;
    }
    reader.read(path, b)
}

/// `graph` for `graph/`, `graph` for `graph.json`.
fn layer_name(path: &Path) -> String {
    let name = path
        .file_stem()
        .or_else(|| path.file_name())
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if name.is_empty() || name == "." {
        "graph".into()
    } else {
        name
    }
}

/// Reads, builds and validates the graph at `path`. Errors in the data are in the report
/// (so `check` can show them all); `Err` is for when nothing could be read.
pub fn open(path: &Path, opts: Options) -> Result<Loaded, Error> {
    open_layers(&[path.to_path_buf()], opts)
}

/// Reads several inputs as layers, in order (the first authoritative), as one graph.
pub fn open_layers(paths: &[PathBuf], opts: Options) -> Result<Loaded, Error> {
    let mut b = Builder::new(Report::limited(opts.shown));
    for path in paths {
        read_layer(path, &mut b)?;
    }
    let built = b.finish();
    let mut report = built.report;
    crate::validate::load(&built.graph, &built.origins, &mut report);
    if opts.validation == Validation::Full {
        crate::validate::whole(&built.graph, &built.origins, &mut report);
    }
    Ok(Loaded {
        graph: built.graph,
        origins: built.origins,
        report,
        layers: built.layers,
    })
}

/// Reads a graph for a query: any error in the data fails the command.
pub fn open_valid(path: &Path) -> Result<KnowledgeGraph, Error> {
    open_valid_layers(&[path.to_path_buf()])
}

pub fn open_valid_layers(paths: &[PathBuf]) -> Result<KnowledgeGraph, Error> {
    open_valid_with_inputs(paths).map(|(g, _)| g)
}

/// Like `open_valid_layers`, with the files the graph was read from (which a command that
/// writes files must not overwrite unasked: `write::Protect`).
pub fn open_valid_with_inputs(paths: &[PathBuf]) -> Result<(KnowledgeGraph, Vec<PathBuf>), Error> {
    let loaded = open_layers(paths, Options::default())?;
    if loaded.report.has_errors() {
        return Err(loaded.report.into_error());
    }
    let mut inputs: Vec<PathBuf> = loaded.origins.paths().collect();
    inputs.extend(paths.iter().cloned());
    Ok((loaded.graph, inputs))
}
