//! Facts have sources: a cited source must be in the bibliography, and every relation
//! should cite one. Both apply only to graphs that have a bibliography (sources.toml); a
//! graph without one (a package graph, say) cites sources by bare id, or none.

use crate::build::Origins;
use crate::diag::{Code, Diagnostic, Location, Report};
use crate::graph::KnowledgeGraph;
use crate::suggest::did_you_mean;

/// How many unknown sources get "did you mean" hints (`check --all` may list thousands).
const HINTED: usize = 20;

fn has_bibliography(g: &KnowledgeGraph) -> bool {
    g.sources.values().any(|s| s.declared)
}

/// A cited source missing from the bibliography, once, where it is first cited.
pub(super) fn unknown(g: &KnowledgeGraph, origins: &Origins, report: &mut Report) {
    if !has_bibliography(g) {
        return;
    }
    let declared: Vec<&str> = g
        .sources
        .values()
        .filter(|s| s.declared)
        .map(|s| s.id.as_str())
        .collect();
    let mut hinted = 0;
    for (i, s) in g.sources.values().enumerate() {
        if s.declared {
            continue;
        }
        if !report.wants(Code::UnknownSource) {
            report.count(Code::UnknownSource, crate::diag::Severity::Error);
            continue;
        }
        // A relation's default source is cited by the schema itself.
        let by_default = g
            .schema
            .relations
            .values()
            .find(|r| r.default_source.as_deref() == Some(s.id.as_str()));
        let message = match by_default {
            Some(r) => format!(
                "relation `{}` cites `{}` by default, which is not in sources.toml",
                r.name, s.id
            ),
            None => format!("unknown source `{}`", s.id),
        };
        report.push(
            Diagnostic::error(Code::UnknownSource, message)
                .located(origins.source(i as u32))
                .label("not in sources.toml")
                .help(
                    // Each search compares with every source: the first few only.
                    (hinted < HINTED)
                        .then(|| did_you_mean(&s.id, declared.iter().copied()))
                        .flatten()
                        .unwrap_or_else(|| "add it to sources.toml".into()),
                ),
        );
        hinted += 1;
    }
}

/// A relation that cites nothing (neither its own source, its relation's default, nor its
/// node's source).
pub(super) fn unsourced(g: &KnowledgeGraph, origins: &Origins, report: &mut Report) {
    if !has_bibliography(g) {
        return;
    }
    for e in g.edge_indices() {
        if g.edge(e).source.is_some() {
            continue;
        }
        let b = g.endpoints(e).1;
        let at = origins.edge(e);
        let help = how_to_cite(at.as_ref());
        report.push(
            Diagnostic::warning(
                Code::Unsourced,
                format!("`{} -> {}` cites no source", g.relation_name(e), g.id(b)),
            )
            .located(at)
            .label("no source for this relation")
            .help(help),
        );
    }
}

/// How to give an edge a source, in the format it was read from.
fn how_to_cite(at: Option<&Location>) -> &'static str {
    match at
        .and_then(|l| l.path().extension())
        .and_then(|x| x.to_str())
    {
        Some("json") => "add \"source\": \"id\" to the edge, or give its node a \"source\"",
        Some("csv") => "fill the edge's `source` column, or give its node a source in nodes.csv",
        _ => "write { to = \"...\", source = \"id\" }, or give the node a `source`",
    }
}
