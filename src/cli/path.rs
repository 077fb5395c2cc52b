//! `genkg path A B`: how two nodes are related.

use clap::Args;
use serde_json::json;

use super::args::{DrawArgs, OutputArgs, PathArgs, PathFormat};
use super::{Emit, Session};
use crate::diag::{Code, Diagnostic, Error};
use crate::export::json::{edge, to_pretty};
use crate::export::{deliver, Format};
use crate::graph::KnowledgeGraph;
use crate::limits::PATH_SEARCH;
use crate::query::names;
use crate::query::path::{self as pathq, PathQuery};
use crate::resolve::resolve;
use crate::text;

#[derive(Args, Debug)]
pub struct PathCommand {
    #[command(flatten)]
    pub path: PathArgs,
    /// text, count, or any export format
    #[arg(long, value_enum, default_value = "text")]
    pub format: PathFormat,
    #[command(flatten)]
    pub out: OutputArgs,
    #[command(flatten)]
    pub draw: DrawArgs,
}

/// The paths a query finds, or an error saying there are none.
pub(super) fn find(
    g: &KnowledgeGraph,
    a: &PathArgs,
) -> Result<(PathQuery, Vec<pathq::Path>), Error> {
    let q = PathQuery {
        from: resolve(g, &a.from)?,
        to: resolve(g, &a.to)?,
        directed: a.directed,
        relations: if a.relations.is_empty() {
            None
        } else {
            Some(names::relation_ids(g, &a.relations)?)
        },
    };
    let paths = if a.all {
        every_path(g, &q, a)?
    } else {
        pathq::shortest(g, &q).into_iter().collect()
    };
    if paths.is_empty() {
        let how = match (a.directed, a.all) {
            (true, true) => format!(" following edges forwards within {} steps", a.max_len),
            (true, false) => " following edges forwards".to_string(),
            (false, true) => format!(" within {} steps", a.max_len),
            (false, false) => String::new(),
        };
        return Err(Error::one(
            Diagnostic::error(
                Code::NoPath,
                format!("no path from {} to {}{how}", g.name(q.from), g.name(q.to)),
            )
            .help(if a.directed {
                "try without --directed to walk edges both ways"
            } else {
                "the two nodes are not connected by the relations walked"
            }),
        ));
    }
    Ok((q, paths))
}

/// `--all`: every path within the bounds, or an error saying which bound stopped the search.
fn every_path(g: &KnowledgeGraph, q: &PathQuery, a: &PathArgs) -> Result<Vec<pathq::Path>, Error> {
    let bounds = pathq::Bounds {
        max_len: a.max_len,
        max_paths: a.max_paths,
        max_steps: PATH_SEARCH.get()?,
    };
    let between = format!("from {} to {}", g.name(q.from), g.name(q.to));
    pathq::all(g, q, bounds).map_err(|stopped| {
        let (message, help) = match stopped {
            pathq::Stopped::TooManyPaths(n) => (
                format!(
                    "more than {} paths of at most {} steps {between}",
                    crate::text::thousands(n as i64),
                    a.max_len
                ),
                "lower --max-len, walk fewer relations with --relation, or raise --max-paths"
                    .to_string(),
            ),
            pathq::Stopped::TooLong(steps) => (
                format!(
                    "the search for every path of at most {} steps {between} stopped after {} steps",
                    a.max_len,
                    PATH_SEARCH.show(steps)
                ),
                format!(
                    "lower --max-len or walk fewer relations with --relation; {}",
                    PATH_SEARCH.raise_hint()
                ),
            ),
        };
        Error::one(Diagnostic::error(Code::TooMany, message).help(help))
    })
}

/// The paths as JSON data: each step an edge, its direction and its sentence.
fn json(g: &KnowledgeGraph, q: &PathQuery, paths: &[pathq::Path]) -> String {
    let list: Vec<serde_json::Value> = paths
        .iter()
        .map(|p| {
            json!({
                "length": p.len(),
                "steps": p.iter().map(|s| {
                    let mut e = serde_json::to_value(edge(g, s.edge)).expect("plain JSON");
                    e["forward"] = s.forward.into();
                    e["sentence"] = text::path::sentence(g, s).into();
                    e
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    to_pretty(&json!({ "from": g.id(q.from), "to": g.id(q.to), "paths": list }))
}

pub fn run(a: PathCommand, session: &mut Session) -> Result<Emit, Error> {
    let protect = session.protect_output(&a.out)?;
    let g = session.graph()?;
    let (q, paths) = find(g, &a.path)?;
    Ok(match a.format {
        PathFormat::Text => Emit::Text(text::path::render(g, q.from, &paths)),
        PathFormat::Count => Emit::Text(format!("{}\n", paths[0].len())),
        PathFormat::Export(Format::Json) if a.out.output.is_none() => {
            Emit::Text(json(g, &q, &paths))
        }
        PathFormat::Export(f) => Emit::delivered(
            deliver(
                g,
                &pathq::selection(g, &q, &paths),
                f,
                &a.draw.options(),
                a.out.output.as_deref(),
                &protect,
            )?,
            f.is_binary(),
        ),
    })
}
