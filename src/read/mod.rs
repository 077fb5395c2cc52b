//! Reading a graph: each input format is a `Reader` that turns its bytes into nodes, edges
//! and sources, with where each came from, and hands them to the one builder. Then one
//! validation runs on the built graph, whatever it was read from.
//!
//! Adding a format is one file with a `Reader` and one line in `READERS`.

pub mod beside;
pub mod csv;
pub mod files;
pub mod json;
pub mod kb;
pub mod schema_toml;
pub mod toml_walk;

use std::path::Path;

use crate::build::{Builder, Origins};
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
}

/// The formats, most specific first (a knowledge base is any other directory).
pub const READERS: &[&dyn Reader] = &[&csv::Neo4jCsv, &json::NodeLink, &kb::KnowledgeBase];

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
}

/// The reader for `path`.
pub fn recognise(path: &Path) -> Result<&'static dyn Reader, Error> {
    if !path.exists() {
        return Err(Error::one(
            Diagnostic::error(Code::NoGraph, format!("graph `{}` does not exist", path.display()))
                .help("pass --graph PATH (a knowledge base, a .json file or a folder with nodes.csv), or set GENKG_GRAPH"),
        ));
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

/// Reads, builds and validates the graph at `path`. Errors in the data are in the report
/// (so `check` can show them all); `Err` is for when nothing could be read.
pub fn open(path: &Path, opts: Options) -> Result<Loaded, Error> {
    let reader = recognise(path)?;
    let mut b = Builder::new(Report::limited(opts.shown));
    reader.read(path, &mut b)?;
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
    })
}

/// Reads a graph for a query: any error in the data fails the command.
pub fn open_valid(path: &Path) -> Result<KnowledgeGraph, Error> {
    let loaded = open(path, Options::default())?;
    if loaded.report.has_errors() {
        return Err(loaded.report.into_error());
    }
    Ok(loaded.graph)
}
