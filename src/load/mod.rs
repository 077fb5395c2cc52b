//! Opening a graph: a TOML knowledge-base directory, a node-link JSON file, or a directory
//! with neo4j-style `nodes.csv` and `edges.csv`. All become the same KnowledgeGraph.

use std::path::Path;

use crate::diag::{Diagnostic, Error, Report};
use crate::graph::KnowledgeGraph;
use crate::kb::{self, Origins};

pub mod beside;
pub mod csv;
pub mod json;

/// A loaded graph and every finding about it (warnings, and errors for `check`).
pub struct Loaded {
    pub graph: KnowledgeGraph,
    pub origins: Origins,
    pub report: Report,
}

/// Loads whatever `path` holds. Errors in the data are in `report`, not `Err`, so `check`
/// can show them all; `Err` is for when nothing could be read at all. The whole-graph checks
/// (cycles, time order) are `check`'s alone: queries terminate on cycles anyway, and a
/// million-node load should not pay for them.
pub fn open(path: &Path) -> Result<Loaded, Error> {
    if !path.exists() {
        return Err(Error::one(
            Diagnostic::error("no-graph", format!("graph `{}` does not exist", path.display()))
                .help("pass --graph DIR (a knowledge base, a .json file or a folder with nodes.csv), or set GENKG_GRAPH"),
        ));
    }
    let (graph, origins, mut report) = if path.is_file() {
        let (g, r) = json::load(path)?;
        (g, Origins::default(), r)
    } else if csv::is_csv_dir(path) {
        let (g, r) = csv::load(path)?;
        (g, Origins::default(), r)
    } else {
        kb::load(path)?
    };
    report.sort();
    Ok(Loaded {
        graph,
        origins,
        report,
    })
}

/// Loads and runs every check, for `genkg check`.
pub fn open_checked(path: &Path) -> Result<Loaded, Error> {
    let mut loaded = open(path)?;
    if !loaded.report.has_errors() {
        crate::check::check_graph(&loaded.graph, &loaded.origins, &mut loaded.report);
        loaded.report.sort();
    }
    Ok(loaded)
}

/// Loads a graph for a query: any error in the data fails the command.
pub fn open_valid(path: &Path) -> Result<KnowledgeGraph, Error> {
    let loaded = open(path)?;
    if loaded.report.has_errors() {
        return Err(loaded.report.into_error());
    }
    Ok(loaded.graph)
}
