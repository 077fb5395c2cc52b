//! `genkg export --all`: the committed set of diagrams under exports/.

use std::path::{Path, PathBuf};

use crate::diag::Error;
use crate::graph::KnowledgeGraph;

pub fn write_all(_g: &KnowledgeGraph, _dir: &Path) -> Result<Vec<PathBuf>, Error> {
    Err(Error::msg("unsupported", "export --all is not built yet"))
}
