//! genkg: a knowledge graph of the generative-AI landscape.
//!
//! One pipeline: load (TOML knowledge base, JSON or CSV) → KnowledgeGraph → query → Selection
//! → export. The binary only parses arguments and prints.

pub mod check;
pub mod commands;
pub mod diag;
pub mod graph;
pub mod kb;
pub mod resolve;
pub mod schema;
pub mod suggest;

pub use diag::{Diagnostic, Error, Report, Result};
pub use graph::KnowledgeGraph;
pub mod export;
pub mod exports_dir;
pub mod load;
pub mod query;
pub mod selection;
pub mod text;
pub mod write;
