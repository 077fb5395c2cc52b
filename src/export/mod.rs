//! Exporters: every format takes a Selection of a graph, so any query can be drawn in any
//! format. Each returns the bytes (or, for the CSV pair, named files) to write; `deliver`
//! writes them or hands them to stdout.

pub mod csv;
pub mod cypher;
mod deliver;
pub mod dot;
pub mod fields;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
pub mod mermaid;
pub mod render;
pub mod turtle;
pub mod xml;

use clap::ValueEnum;

pub use deliver::{announce_large, deliver, write_to, Delivered};

use crate::diag::{Code, Diagnostic, Error};
use crate::graph::KnowledgeGraph;
use crate::selection::Selection;

/// The export formats, defined once: this list drives `--format`'s help and completions,
/// dispatch, and the tests that walk every format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ValueEnum)]
pub enum Format {
    /// Node-link JSON; loads back with --graph
    Json,
    /// Graphviz DOT
    Dot,
    /// SVG drawn by Graphviz
    Svg,
    /// PNG drawn by Graphviz
    Png,
    /// PDF drawn by Graphviz
    Pdf,
    /// GraphML (networkx, igraph, Gephi, yEd, Cytoscape)
    Graphml,
    /// GEXF 1.3 (Gephi)
    Gexf,
    /// Mermaid flowchart
    Mermaid,
    /// Cypher for Neo4j
    Cypher,
    /// neo4j-admin nodes.csv and edges.csv (a directory); loads back with --graph
    Csv,
    /// Turtle for RDF stores
    Turtle,
    /// The explorer: one self-contained interactive page (search, lineage, filters)
    Html,
}

impl Format {
    pub fn all() -> &'static [Format] {
        Format::value_variants()
    }

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
            Format::Html => "html",
        }
    }

    /// Not text: refused on a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Png | Format::Pdf)
    }

    /// Drawn by Graphviz from the DOT.
    pub fn is_drawing(self) -> bool {
        matches!(self, Format::Svg | Format::Png | Format::Pdf)
    }

    /// Several files: written into a directory.
    pub fn is_directory(self) -> bool {
        self == Format::Csv
    }
}

/// What an export produces: one file's bytes, or several named files (the CSV pair).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    One(Vec<u8>),
    Many(Vec<(String, Vec<u8>)>),
}

/// How boxes group nodes in a drawing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ClusterBy {
    #[default]
    None,
    Category,
    Organization,
    Kind,
}

/// The direction a drawing's edges run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum RankDir {
    #[value(name = "TB")]
    TopToBottom,
    #[default]
    #[value(name = "LR")]
    LeftToRight,
    #[value(name = "BT")]
    BottomToTop,
    #[value(name = "RL")]
    RightToLeft,
}

impl RankDir {
    pub fn name(self) -> &'static str {
        match self {
            RankDir::TopToBottom => "TB",
            RankDir::LeftToRight => "LR",
            RankDir::BottomToTop => "BT",
            RankDir::RightToLeft => "RL",
        }
    }
}

/// Drawing options for DOT and the formats drawn from it.
#[derive(Debug, Clone, Copy, Default)]
pub struct DrawOptions {
    pub cluster_by: ClusterBy,
    pub rankdir: RankDir,
    pub timeline: bool,
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
        Format::Mermaid => one(mermaid::write(g, sel, draw.rankdir)),
        Format::Cypher => one(cypher::write(g, sel)),
        Format::Csv => Output::Many(csv::write(g, sel)),
        Format::Turtle => one(turtle::write(g, sel)),
        Format::Html => one(html::write(g, sel)),
    })
}

/// Warnings about an export that is written all the same.
pub fn warnings(g: &KnowledgeGraph, sel: &Selection, format: Format) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if format == Format::Csv {
        out.extend(csv::separator_clash(g, sel));
    }
    if format == Format::Mermaid && sel.edges.len() > mermaid::EDGE_LIMIT {
        out.push(
            Diagnostic::warning(Code::MermaidLimit, format!("{} edges: past Mermaid's default limit of {}", sel.edges.len(), mermaid::EDGE_LIMIT))
                .help("Mermaid will refuse to render it unless maxEdges is raised; draw a smaller selection or use --format svg"),
        );
    }
    out
}
