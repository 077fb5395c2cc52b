//! The reconciliation summary `check` ends with on a graph read in layers: what each later
//! layer brought, what matched, where the layers disagree, and what to look at.

use std::fmt::Write;

use crate::build::LayerSummary;
use crate::diag::{Code, Report};
use crate::graph::{KnowledgeGraph, MatchedBy};
use crate::text::thousands;

fn n(x: usize) -> String {
    thousands(x as i64)
}

/// Lineage edges of later layers from a node dated before the node they point at.
fn dated_before(g: &KnowledgeGraph) -> usize {
    let p = &g.provenance;
    g.edge_indices()
        .filter(|&e| p.edge_layer(e) > 0 && g.schema.relation(g.edge(e).relation).lineage)
        .filter(|&e| {
            let (a, b) = g.endpoints(e);
            matches!((g.node(a).year, g.node(b).year), (Some(x), Some(y)) if x < y)
        })
        .count()
}

pub fn render(g: &KnowledgeGraph, layers: &[LayerSummary], report: &Report) -> String {
    let mut out = String::new();
    let Some(first) = layers.first() else {
        return out;
    };
    let codes = report.codes();
    let count = |c: Code| codes.get(&c).copied().unwrap_or(0);
    for l in &layers[1..] {
        let by = |m: MatchedBy| l.matched.get(&m).copied().unwrap_or(0);
        let matched: usize = l.matched.values().sum();
        let _ = writeln!(
            out,
            "reconciliation: layer {} ({}) into {}",
            l.name,
            l.path.display(),
            first.name
        );
        let _ = writeln!(
            out,
            "  {} nodes: {} matched ({} by link, {} by name, {} by alias), {} new ({} linked as variants)",
            n(matched + l.new),
            n(matched),
            n(by(MatchedBy::Link)),
            n(by(MatchedBy::Name)),
            n(by(MatchedBy::Alias)),
            n(l.new),
            n(l.variants)
        );
        let _ = writeln!(
            out,
            "  {} edges: {} already known, {} left out where the layers disagree",
            n(l.edges),
            n(l.edges_known),
            n(l.edges_left_out)
        );
        let conflicts: Vec<String> = l
            .conflicts
            .iter()
            .map(|(f, c)| format!("{f} {}", n(*c)))
            .collect();
        let _ = writeln!(
            out,
            "  conflicts (the first layer wins): {}",
            if conflicts.is_empty() {
                "none".into()
            } else {
                conflicts.join(", ")
            }
        );
    }
    let _ = writeln!(
        out,
        "  near misses, not merged: {}",
        n(count(Code::NearMiss))
    );
    let _ = writeln!(
        out,
        "  organizations that look duplicated: {}",
        n(count(Code::LikelyDuplicate))
    );
    let _ = writeln!(
        out,
        "  fine-tunes dated before their base: {}",
        n(dated_before(g))
    );
    let _ = writeln!(out, "  lineage cycles: {}", n(count(Code::LineageCycle)));
    out
}
