//! A graph opened once per invocation (or once for a whole `batch`).

use std::path::PathBuf;

use super::args::OutputArgs;
use crate::diag::Error;
use crate::graph::KnowledgeGraph;
use crate::read::snapshot::cache::{self, Cache};
use crate::write::Protect;

pub struct Session {
    /// The graph's inputs: one, or layers in order.
    pub paths: Vec<PathBuf>,
    /// Where snapshots of large graphs are kept, if anywhere.
    pub cache: Cache,
    /// Read once: a graph that fails to read fails every later command the same way.
    graph: Option<Result<KnowledgeGraph, Error>>,
    /// The files the graph was read from.
    inputs: Vec<PathBuf>,
}

impl Session {
    pub fn new(paths: &[PathBuf], cache: Cache) -> Self {
        Session {
            paths: paths.to_vec(),
            cache,
            graph: None,
            inputs: Vec::new(),
        }
    }

    /// A session on a graph read already (the fuzz targets' `batch`).
    pub fn with_graph(paths: &[PathBuf], graph: KnowledgeGraph) -> Self {
        Session {
            paths: paths.to_vec(),
            cache: Cache::Off,
            graph: Some(Ok(graph)),
            inputs: paths.to_vec(),
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
        if self.graph.is_none() {
            let opened = cache::open_valid(&self.paths, &self.cache);
            if !opened.warnings.is_empty() {
                super::emit::report(&opened.warnings);
            }
            self.inputs = opened.inputs;
            self.graph = Some(opened.graph);
        }
        let graph = self.graph.as_ref().expect("read above");
        graph.as_ref().map_err(Clone::clone)
    }

    /// What a command writing files must not overwrite unless `force`: the graph's inputs
    /// (and `more`, such as a landscape read for `export --all`).
    pub fn protect(&self, more: &[PathBuf], force: bool) -> Protect {
        let mut paths = self.paths.clone();
        paths.extend(self.inputs.iter().cloned());
        paths.extend(more.iter().cloned());
        Protect::inputs(paths.iter().map(PathBuf::as_path)).force(force)
    }

    /// What a query's `-o` must not overwrite (nothing when it prints to stdout). Reads
    /// the graph first, so that its inputs are known.
    pub fn protect_output(&mut self, out: &OutputArgs) -> Result<Protect, Error> {
        self.graph()?;
        Ok(match out.output {
            Some(_) => self.protect(&[], out.force),
            None => Protect::default(),
        })
    }
}
