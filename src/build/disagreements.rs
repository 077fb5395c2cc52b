//! A disagreement between layers in words: which node, which fact, what each layer says,
//! and from which sources. The first layer wins; this is a warning.

use super::layers::{Disagree, Disagreement};
use super::Origins;
use crate::diag::{Code, Diagnostic};
use crate::graph::{KnowledgeGraph, NodeIndex, SourceId};
use crate::text::a;

fn cited(g: &KnowledgeGraph, source: Option<SourceId>) -> String {
    source.map_or(String::new(), |s| format!(" [{}]", g.source(s).id))
}

fn node(n: u32) -> NodeIndex {
    NodeIndex::new(n as usize)
}

fn targets(g: &KnowledgeGraph, nodes: &[(u32, Option<SourceId>)]) -> String {
    let parts: Vec<String> = nodes
        .iter()
        .map(|&(n, src)| format!("`{}`{}", g.id(node(n)), cited(g, src)))
        .collect();
    parts.join(", ")
}

/// The disagreements in words; several of one node's targets of one relation (Epoch's
/// five developers of StarCoder) are one finding.
pub(super) fn diagnostics(
    g: &KnowledgeGraph,
    origins: &Origins,
    list: Vec<Disagreement>,
) -> Vec<Diagnostic> {
    let mut merged: Vec<Disagreement> = Vec::new();
    for d in list {
        if let (
            Some(Disagreement {
                what:
                    Disagree::Targets {
                        from,
                        relation,
                        theirs,
                        ..
                    },
                layer,
                ..
            }),
            Disagree::Targets {
                from: f,
                relation: r,
                theirs: t,
                ..
            },
        ) = (merged.last_mut(), &d.what)
        {
            if (*from, *relation, *layer) == (*f, *r, d.layer) {
                theirs.push(t[0]);
                continue;
            }
        }
        merged.push(d);
    }
    merged.iter().map(|d| diagnostic(g, origins, d)).collect()
}

fn diagnostic(g: &KnowledgeGraph, origins: &Origins, d: &Disagreement) -> Diagnostic {
    let p = &g.provenance;
    let later = p.layer_name(d.layer);
    let (message, help) = match &d.what {
        Disagree::Fact {
            node: n,
            field,
            ours,
            theirs,
        } => {
            let first = p.layer_name(p.node_layer(node(*n)));
            (
                format!(
                    "`{}`: {first} and {later} disagree on `{field}`: {first} says {}{}, {later} says {}{}",
                    g.id(node(*n)),
                    ours.0,
                    cited(g, ours.1),
                    theirs.0,
                    cited(g, theirs.1)
                ),
                format!("the first layer ({first}) wins"),
            )
        }
        Disagree::Targets {
            from,
            relation,
            ours,
            theirs,
        } => {
            let first = p.layer_name(p.node_layer(node(*from)));
            let rel = &g.schema.relation(*relation).name;
            (
                format!(
                    "`{}`: {first} and {later} disagree on `{rel}`: {first} says {}, {later} says {}",
                    g.id(node(*from)),
                    targets(g, ours),
                    targets(g, theirs)
                ),
                format!("{first} decides `{rel}` (merge = \"first\" in the schema); {later}'s is left out"),
            )
        }
        Disagree::Kind {
            from,
            relation,
            to,
            merged,
        } => {
            let first = p.layer_name(p.node_layer(node(*merged)));
            let rel = &g.schema.relation(*relation).name;
            let kind = &g.schema.kind(g.node(node(*merged)).kind).name;
            (
                format!(
                    "{later}'s `{} {rel} {}` does not fit: `{}` is {} in {first}",
                    g.id(node(*from)),
                    g.id(node(*to)),
                    g.id(node(*merged)),
                    a(kind)
                ),
                format!("{later} has it as another kind; the edge is left out"),
            )
        }
    };
    Diagnostic::warning(Code::LayerConflict, message)
        .located(origins.locate(d.at))
        .help(help)
}
