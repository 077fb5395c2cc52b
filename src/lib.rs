//! genkg: a knowledge graph of the generative-AI landscape.
//!
//! One pipeline: read (TOML knowledge base, JSON, CSV) → build → validate → KnowledgeGraph
//! → query → Selection → export. See ARCHITECTURE.md for the map.

pub mod build;
pub mod cli;
pub mod diag;
pub mod diff;
pub mod export;
pub mod exports_dir;
pub mod fuzzing;
pub mod graph;
pub mod limits;
pub mod nodelink;
pub mod query;
pub mod read;
pub mod resolve;
pub mod schema;
pub mod selection;
pub mod suggest;
pub mod text;
pub mod validate;
pub mod write;

pub use diag::{Diagnostic, Error, Report, Result};
pub use graph::KnowledgeGraph;
