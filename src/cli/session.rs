//! A graph opened once per invocation (or once for a whole `batch`).

use std::path::{Path, PathBuf};

use crate::diag::Error;
use crate::graph::KnowledgeGraph;

pub struct Session {
    pub path: PathBuf,
    /// Read once: a graph that fails to read fails every later command the same way.
    graph: Option<Result<KnowledgeGraph, Error>>,
}

impl Session {
    pub fn new(path: &Path) -> Self {
        Session {
            path: path.to_path_buf(),
            graph: None,
        }
    }

    /// The graph, read and validated on first use; a graph with errors fails the command.
    pub fn graph(&mut self) -> Result<&KnowledgeGraph, Error> {
        let graph = self
            .graph
            .get_or_insert_with(|| crate::read::open_valid(&self.path));
        graph.as_ref().map_err(Clone::clone)
    }
}
