//! Lineage points back in time: a node dated before what it is built on, or built on
//! something with no year, is worth a look.

use petgraph::Direction;

use crate::build::Origins;
use crate::diag::{Code, Diagnostic, Report};
use crate::graph::KnowledgeGraph;

pub(super) fn order(g: &KnowledgeGraph, origins: &Origins, report: &mut Report) {
    let view = g.lineage_view(&g.schema.lineage_relations(), Direction::Outgoing);
    for from in g.node_indices() {
        for (e, to) in view.steps(from) {
            let rel = g.schema.relation(g.edge(e).relation);
            match (g.node(from).year, g.node(to).year) {
                (Some(a), Some(b)) if a < b => report.push(
                    Diagnostic::warning(
                        Code::DatedBeforeAncestor,
                        format!(
                            "`{}` ({a}) is dated before `{}` ({b}), which it {}",
                            g.id(from),
                            g.id(to),
                            rel.phrase
                        ),
                    )
                    .located(origins.edge(e))
                    .label(format!("{} a later node", rel.name))
                    .help("check both years: a descendant cannot be older than its ancestor"),
                ),
                (_, None) => report.push(
                    Diagnostic::warning(
                        Code::UndatedAncestor,
                        format!(
                            "`{}` has no year, but `{}` is built on it",
                            g.id(to),
                            g.id(from)
                        ),
                    )
                    .located(origins.edge(e))
                    .label("this ancestor has no year")
                    .help(format!("give `{}` a year", g.id(to))),
                ),
                _ => {}
            }
        }
    }
}
