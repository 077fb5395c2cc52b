//! `genkg export`: the whole graph, a lineage, a path or a filtered set, in any format; or
//! (`--all`) the committed set of diagrams under exports/.

use std::path::{Path, PathBuf};

/// The landscape `export --all` adds when there is one here.
const DEFAULT_LANDSCAPE: &str = "landscape.toml";

use clap::Args;

use super::args::{DrawArgs, FilterArgs, LineageArgs, PathArgs};
use super::{lineage, path, Emit, Session};
use crate::diag::Error;
use crate::export::{deliver, Format};
use crate::graph::KnowledgeGraph;
use crate::query::filter;
use crate::query::lineage::selection;
use crate::query::path as pathq;
use crate::selection::Selection;

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[arg(long, value_enum, required_unless_present = "all")]
    pub format: Option<Format>,
    #[arg(short = 'o', long = "out", value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace files even if this run read the graph from them
    #[arg(long)]
    pub force: bool,
    /// Export the lineage of this node
    #[arg(long, value_name = "ID", conflicts_with = "path")]
    pub lineage: Option<String>,
    /// With --lineage: descendants instead of ancestors
    #[arg(long, requires = "lineage")]
    pub down: bool,
    /// With --lineage: at most this many steps
    #[arg(long, requires = "lineage")]
    pub depth: Option<usize>,
    /// With --lineage or --path: relations to follow (repeatable)
    #[arg(long = "relation", value_name = "R")]
    pub relations: Vec<String>,
    /// Export the shortest path between two nodes
    #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
    pub path: Option<Vec<String>>,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub draw: DrawArgs,
    /// Write the committed set of diagrams (whole graph, categories, lineages, timelines,
    /// taxonomy, explorer pages) into the directory -o/--out names (default: exports)
    #[arg(long, conflicts_with_all = ["format", "lineage", "path"])]
    pub all: bool,
    /// With --all: the landscape to add (its explorer page, base-model trees, companies'
    /// timeline); left out when the default is not there
    #[arg(long, value_name = "PATH", requires = "all")]
    pub landscape: Option<PathBuf>,
}

/// The selection an export names: a lineage (narrowed by the filters), a path, the nodes
/// the filters pick, or the whole graph.
fn selection_of(g: &KnowledgeGraph, a: &ExportArgs) -> Result<Selection, Error> {
    let f = a.filter.clone().filter();
    if let Some(id) = &a.lineage {
        let args = LineageArgs {
            id: id.clone(),
            down: a.down,
            depth: a.depth,
            relations: a.relations.clone(),
            kinds: Vec::new(),
        };
        let sel = selection(g, &lineage::query(g, &args)?);
        return Ok(if f.is_empty() {
            sel
        } else {
            sel.restrict(g, &filter::apply(g, &f)?)
        });
    }
    if let Some([from, to]) = a.path.as_deref() {
        let args = PathArgs {
            from: from.clone(),
            to: to.clone(),
            directed: false,
            relations: a.relations.clone(),
            all: false,
            max_len: 4,
            max_paths: crate::limits::DEFAULT_MAX_PATHS,
        };
        let (q, paths) = path::find(g, &args)?;
        return Ok(pathq::selection(g, &q, &paths));
    }
    if f.is_empty() {
        return Ok(Selection::whole(g));
    }
    Ok(Selection::induced(g, filter::apply(g, &f)?, f.describe()))
}

pub fn run(a: ExportArgs, session: &mut Session) -> Result<Emit, Error> {
    if a.all {
        let dir = a.output.clone().unwrap_or_else(|| "exports".into());
        let landscape = match &a.landscape {
            Some(p) => Some(crate::read::open_valid_with_inputs(std::slice::from_ref(
                p,
            ))?),
            None if Path::new(DEFAULT_LANDSCAPE).exists() => Some(
                crate::read::open_valid_with_inputs(&[PathBuf::from(DEFAULT_LANDSCAPE)])?,
            ),
            None => None,
        };
        session.graph()?;
        let read_too = landscape.as_ref().map_or(&[][..], |(_, inputs)| inputs);
        let protect = session.protect(read_too, a.force);
        let g = session.graph()?;
        return Ok(Emit::Written(crate::exports_dir::write_all(
            g,
            landscape.as_ref().map(|(lg, _)| lg),
            &dir,
            &protect,
        )?));
    }
    let g = session.graph()?;
    let format = a.format.unwrap_or(Format::Json);
    let sel = selection_of(g, &a)?;
    let protect = session.protect(&[], a.force);
    let g = session.graph()?;
    Ok(Emit::delivered(
        deliver(
            g,
            &sel,
            format,
            &a.draw.options(),
            a.output.as_deref(),
            &protect,
        )?,
        format.is_binary(),
    ))
}
