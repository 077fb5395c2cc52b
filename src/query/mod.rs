//! Queries over a KnowledgeGraph. Each returns data and, for drawing, a Selection.

pub mod common;
pub mod filter;
pub mod lineage;
pub mod names;
pub mod path;
pub mod taxonomy;
