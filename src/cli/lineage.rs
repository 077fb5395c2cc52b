//! `genkg lineage ID`: what a node is built on, or (`--down`) what is built on it.

use std::path::PathBuf;

use clap::Args;

use super::args::{DrawArgs, LineageArgs, LineageFormat};
use super::{Emit, Session};
use crate::diag::Error;
use crate::export::deliver;
use crate::graph::KnowledgeGraph;
use crate::query::lineage::{self, Direction, LineageQuery};
use crate::query::names;
use crate::resolve::resolve;
use crate::text;
use crate::write::Protect;

#[derive(Args, Debug)]
pub struct LineageCommand {
    #[command(flatten)]
    pub lineage: LineageArgs,
    /// tree, list (ids), count, or any export format
    #[arg(long, value_enum, default_value = "tree")]
    pub format: LineageFormat,
    /// Write to this file instead of stdout (a directory for csv)
    #[arg(short = 'o', long = "out", value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// With -o: replace a file even if this run read the graph from it
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub draw: DrawArgs,
}

pub(super) fn query(g: &KnowledgeGraph, a: &LineageArgs) -> Result<LineageQuery, Error> {
    Ok(LineageQuery {
        root: resolve(g, &a.id)?,
        direction: if a.down {
            Direction::Down
        } else {
            Direction::Up
        },
        relations: names::lineage_or(g, &a.relations)?,
        depth: a.depth,
        kinds: names::kind_ids(g, &a.kinds)?,
    })
}

pub fn run(a: LineageCommand, session: &mut Session) -> Result<Emit, Error> {
    session.graph()?;
    let protect = match a.output {
        Some(_) => session.protect(&[], a.force),
        None => Protect::default(),
    };
    let g = session.graph()?;
    let q = query(g, &a.lineage)?;
    Ok(match a.format {
        LineageFormat::Tree => Emit::Text(text::tree::render(g, &q)),
        LineageFormat::List => Emit::Text(
            lineage::nodes(g, &q)
                .iter()
                .map(|&n| format!("{}\n", g.id(n)))
                .collect(),
        ),
        LineageFormat::Count => Emit::Text(format!("{}\n", lineage::nodes(g, &q).len())),
        LineageFormat::Export(f) => Emit::delivered(
            deliver(
                g,
                &lineage::selection(g, &q),
                f,
                &a.draw.options(),
                a.output.as_deref(),
                &protect,
            )?,
            f.is_binary(),
        ),
    })
}
