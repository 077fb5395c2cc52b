//! Fields and relations the schema expects of a kind (a model's developer, year, modalities).

use petgraph::Direction;

use crate::build::Origins;
use crate::diag::{Code, Diagnostic, Report};
use crate::graph::KnowledgeGraph;

pub(super) fn fields(g: &KnowledgeGraph, origins: &Origins, report: &mut Report) {
    for n in g.node_indices() {
        // What a kind expects is a curation hint for the graph itself, not for the
        // tables layered on it.
        if g.provenance.node_layer(n) > 0 {
            continue;
        }
        let kind = g.schema.kind(g.node(n).kind);
        for want in &kind.expects {
            let present = match want.as_str() {
                "year" => g.node(n).year.is_some(),
                "name" => g.node(n).name.is_some(),
                "summary" => g.info(n).is_some_and(|i| i.summary.is_some()),
                "date" => g.info(n).is_some_and(|i| i.date.is_some()),
                "source" => g.node(n).source.is_some(),
                rel => g
                    .edges_at(n, Direction::Outgoing)
                    .any(|e| g.relation_name(e) == rel),
            };
            if !present {
                report.push(
                    Diagnostic::warning(
                        Code::MissingExpected,
                        format!("{} `{}` has no `{want}`", kind.name, g.id(n)),
                    )
                    .located(origins.node(n))
                    .help(format!(
                        "the schema expects every {} to have {}",
                        kind.name,
                        kind.expects.join(", ")
                    )),
                );
            }
        }
    }
}
