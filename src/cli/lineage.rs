//! `genkg lineage ID`: what a node is built on, or (`--down`) what is built on it.

use clap::Args;

use super::args::{DrawArgs, LineageArgs, LineageFormat, OutputArgs};
use super::{Emit, Session};
use crate::diag::Error;
use crate::export::deliver;
use crate::graph::KnowledgeGraph;
use crate::query::lineage::{self, Direction, LineageQuery};
use crate::query::names;
use crate::resolve::resolve;
use crate::text;

#[derive(Args, Debug)]
pub struct LineageCommand {
    #[command(flatten)]
    pub lineage: LineageArgs,
    /// tree, list (ids), count, or any export format
    #[arg(long, value_enum, default_value = "tree")]
    pub format: LineageFormat,
    #[command(flatten)]
    pub out: OutputArgs,
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
    let protect = session.protect_output(&a.out)?;
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
                a.out.output.as_deref(),
                &protect,
            )?,
            f.is_binary(),
        ),
    })
}
