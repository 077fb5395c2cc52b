//! `genkg diff OLD NEW`: what changed between two versions of a graph, in facts.

use clap::{Args, ValueEnum};

use super::{print_outcome, Emit};
use crate::diag::{Code, Error, Location};
use crate::export::json::to_pretty;
use crate::graph::KnowledgeGraph;
use crate::read::revision;

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The graph before: anything --graph takes, or a path at a git revision, REV:PATH
    /// (main:graph, HEAD~3:graph), read from the repository without touching the work tree
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The graph after, the same way
    #[arg(value_name = "NEW")]
    pub new: String,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Exit with 1 when the graphs differ and 0 when they do not, like `git diff --exit-code`
    #[arg(long)]
    pub exit_code: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Grouped and sorted, to read in a review
    Text,
    /// For a pull request's comment
    Markdown,
    /// For tools: every fact, old and new
    Json,
}

/// Findings about one side, saying which first: `OLD: no node is called ...`, and
/// `OLD: old/edges.csv:12: ...` where the place is said in words rather than shown.
fn name_side(side: &str, mut e: Error) -> Error {
    for d in &mut e.diagnostics {
        d.message = match d.location.take() {
            Some(place @ Location::Span { .. }) => {
                d.location = Some(place);
                format!("{side}: {}", d.message)
            }
            Some(place) => format!("{side}: {}: {}", place.describe(), d.message),
            None => format!("{side}: {}", d.message),
        };
        if d.code == Code::NoGraph {
            d.help = Some(format!(
                "{side} is what --graph takes (a knowledge base, a .json file, a folder with \
                 nodes.csv, Epoch's table, a manifest), or a path at a git revision, REV:PATH"
            ));
        }
    }
    e
}

/// Both sides, read at once (on two threads) and validated as any query's graph; the
/// errors of both when either fails.
fn open_both(old: &str, new: &str) -> Result<(KnowledgeGraph, KnowledgeGraph), Error> {
    let (old, new) = std::thread::scope(|s| {
        let old = s.spawn(|| revision::open_valid(old));
        let new = revision::open_valid(new);
        let old = old.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        (old, new)
    });
    match (old, new) {
        (Ok(old), Ok(new)) => Ok((old, new)),
        (old, new) => {
            let mut diagnostics = Vec::new();
            for (side, r) in [("OLD", old.err()), ("NEW", new.err())] {
                if let Some(e) = r {
                    diagnostics.extend(name_side(side, e).diagnostics);
                }
            }
            Err(Error { diagnostics })
        }
    }
}

pub fn run(a: DiffArgs) -> Result<Emit, Error> {
    let (old, new) = open_both(&a.old, &a.new)?;
    let mut d = crate::diff::diff(&old, &new);
    d.old.graph = a.old;
    d.new.graph = a.new;
    let out = match a.format {
        DiffFormat::Text => crate::text::diff::text(&d, &old, &new),
        DiffFormat::Markdown => crate::text::diff::markdown(&d, &old, &new),
        DiffFormat::Json => to_pretty(&d),
    };
    if a.exit_code && !d.is_empty() {
        // The difference is the output, and the exit status says there is one.
        print_outcome(Ok(Emit::Text(out)));
        return Ok(Emit::Status(1));
    }
    Ok(Emit::Text(out))
}
