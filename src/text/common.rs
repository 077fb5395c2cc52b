//! `genkg common A B` in words.

use petgraph::graph::NodeIndex;

use crate::graph::KnowledgeGraph;
use crate::query::common::{Common, Shared};
use crate::text::{label, table};

pub fn render(g: &KnowledgeGraph, a: NodeIndex, b: NodeIndex, c: &Common, all: bool) -> String {
    let (an, bn) = (g.name(a), g.name(b));
    let list: &[Shared] = if all { &c.all } else { &c.nearest };
    if list.is_empty() {
        return format!("{an} and {bn} share no lineage.\n");
    }
    let what = if all {
        "common ancestors"
    } else {
        "nearest common ancestors"
    };
    let mut out = format!("{an} and {bn}: {} {what}\n\n", list.len());
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            vec![
                format!("  {}", label(g, s.node)),
                g.node(s.node)
                    .year
                    .map(|y| y.to_string())
                    .unwrap_or_default(),
                s.from_a.to_string(),
                s.from_b.to_string(),
            ]
        })
        .collect();
    out.push_str(&table::render(
        &[
            "  ancestor",
            "year",
            &format!("from {an}"),
            &format!("from {bn}"),
        ],
        &rows,
    ));
    if !all && c.all.len() > c.nearest.len() {
        out.push_str(&format!(
            "\n{} common ancestors in all (--all lists them).\n",
            c.all.len()
        ));
    }
    out
}
