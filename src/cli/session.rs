//! A graph opened once per invocation (or once for a whole `batch`).

use std::path::{Path, PathBuf};

use crate::diag::Error;
use crate::graph::KnowledgeGraph;

pub struct Session {
    pub path: PathBuf,
    graph: Option<KnowledgeGraph>,
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
        if self.graph.is_none() {
            self.graph = Some(crate::read::open_valid(&self.path)?);
        }
        Ok(self.graph.as_ref().expect("just loaded"))
    }
}
