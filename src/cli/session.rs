//! A graph opened once per invocation (or once for a whole `batch`).

use std::path::PathBuf;

use crate::diag::Error;
use crate::graph::KnowledgeGraph;

pub struct Session {
    /// The graph's inputs: one, or layers in order.
    pub paths: Vec<PathBuf>,
    /// Read once: a graph that fails to read fails every later command the same way.
    graph: Option<Result<KnowledgeGraph, Error>>,
}

impl Session {
    pub fn new(paths: &[PathBuf]) -> Self {
        Session {
            paths: paths.to_vec(),
            graph: None,
        }
    }

    /// The inputs as said in messages: `graph`, or `graph + data/epoch/all_ai_models.csv`.
    pub fn describe(&self) -> String {
        let names: Vec<String> = self.paths.iter().map(|p| p.display().to_string()).collect();
        names.join(" + ")
    }

    /// The graph, read and validated on first use; a graph with errors fails the command.
    pub fn graph(&mut self) -> Result<&KnowledgeGraph, Error> {
        let graph = self
            .graph
            .get_or_insert_with(|| crate::read::open_valid_layers(&self.paths));
        graph.as_ref().map_err(Clone::clone)
    }
}
