//! A graph opened once per invocation (or once for a whole `batch`).

use std::path::PathBuf;

use crate::diag::Error;
use crate::graph::KnowledgeGraph;
use crate::read::snapshot::cache::{self, Cache};

pub struct Session {
    /// The graph's inputs: one, or layers in order.
    pub paths: Vec<PathBuf>,
    /// Where snapshots of large graphs are kept, if anywhere.
    pub cache: Cache,
    /// Read once: a graph that fails to read fails every later command the same way.
    graph: Option<Result<KnowledgeGraph, Error>>,
}

impl Session {
    pub fn new(paths: &[PathBuf], cache: Cache) -> Self {
        Session {
            paths: paths.to_vec(),
            cache,
            graph: None,
        }
    }

    /// The inputs as said in messages: `graph`, or `graph + data/epoch/all_ai_models.csv`.
    pub fn describe(&self) -> String {
        let names: Vec<String> = self.paths.iter().map(|p| p.display().to_string()).collect();
        names.join(" + ")
    }

    /// The graph, read and validated on first use (or mapped from its snapshot); a graph
    /// with errors fails the command. The cache's warnings go to stderr at once.
    pub fn graph(&mut self) -> Result<&KnowledgeGraph, Error> {
        let graph = self.graph.get_or_insert_with(|| {
            let opened = cache::open_valid(&self.paths, &self.cache);
            if !opened.warnings.is_empty() {
                super::emit::report(&opened.warnings);
            }
            opened.graph
        });
        graph.as_ref().map_err(Clone::clone)
    }
}
