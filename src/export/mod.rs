//! Exporters: every format takes a Selection of a graph, so any query can be drawn in any
//! format. Each returns the bytes (or, for the CSV pair, named files) to write.

pub mod csv;
pub mod cypher;
pub mod dot;
pub mod fields;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod mermaid;
pub mod render;
pub mod turtle;
pub mod xml;

use std::path::{Path, PathBuf};

use crate::diag::Error;
use crate::graph::KnowledgeGraph;
use crate::selection::Selection;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Json,
    Dot,
    Svg,
    Png,
    Pdf,
    Graphml,
    Gexf,
    Mermaid,
    Cypher,
    Csv,
    Turtle,
}

impl Format {
    pub const ALL: [Format; 11] = [
        Format::Json,
        Format::Dot,
        Format::Svg,
        Format::Png,
        Format::Pdf,
        Format::Graphml,
        Format::Gexf,
        Format::Mermaid,
        Format::Cypher,
        Format::Csv,
        Format::Turtle,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Mermaid => "mermaid",
            Format::Cypher => "cypher",
            Format::Csv => "csv",
            Format::Turtle => "turtle",
        }
    }

    pub fn is_binary(self) -> bool {
        matches!(self, Format::Png | Format::Pdf)
    }
}

/// What an export produces: one file's bytes, or several named files (the CSV pair).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    One(Vec<u8>),
    Many(Vec<(String, Vec<u8>)>),
}

/// Drawing options for DOT and the formats rendered from it.
#[derive(Debug, Clone, Default)]
pub struct DrawOptions {
    pub cluster_by: ClusterBy,
    pub rankdir: String,
    pub timeline: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ClusterBy {
    #[default]
    None,
    Category,
    Organization,
    Kind,
}

pub fn export(
    g: &KnowledgeGraph,
    sel: &Selection,
    format: Format,
    draw: &DrawOptions,
) -> Result<Output, Error> {
    let one = |s: String| Output::One(s.into_bytes());
    Ok(match format {
        Format::Json => one(json::write(g, sel)),
        Format::Dot => one(dot::write(g, sel, draw)),
        Format::Svg | Format::Png | Format::Pdf => {
            Output::One(render::render(&dot::write(g, sel, draw), format.name())?)
        }
        Format::Graphml => one(graphml::write(g, sel)),
        Format::Gexf => one(gexf::write(g, sel)),
        Format::Mermaid => one(mermaid::write(g, sel, &draw.rankdir)),
        Format::Cypher => one(cypher::write(g, sel)),
        Format::Csv => Output::Many(csv::write(g, sel)),
        Format::Turtle => one(turtle::write(g, sel)),
    })
}

/// Warnings about an export that is written all the same.
pub fn warnings(g: &KnowledgeGraph, sel: &Selection, format: Format) -> Vec<crate::Diagnostic> {
    let mut out = Vec::new();
    if format == Format::Csv {
        if let Some(d) = csv::separator_clash(g, sel) {
            out.push(d);
        }
    }
    if format == Format::Mermaid && sel.edges.len() > mermaid::EDGE_LIMIT {
        out.push(
            crate::Diagnostic::warning("mermaid-limit", format!("{} edges: past Mermaid's default limit of {}", sel.edges.len(), mermaid::EDGE_LIMIT))
                .help("Mermaid will refuse to render it unless maxEdges is raised; draw a smaller selection or use --format svg"),
        );
    }
    out
}

/// Writes an export to `path` atomically (a directory for the CSV pair).
pub fn write_to(path: &Path, output: &Output) -> Result<Vec<PathBuf>, Error> {
    match output {
        Output::One(bytes) => {
            crate::write::atomic(path, bytes)?;
            Ok(vec![path.to_path_buf()])
        }
        Output::Many(files) => {
            let mut written = Vec::new();
            for (name, bytes) in files {
                let p = path.join(name);
                crate::write::atomic(&p, bytes)?;
                written.push(p);
            }
            Ok(written)
        }
    }
}
