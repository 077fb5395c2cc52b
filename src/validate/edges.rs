//! Rules on single nodes and edges against the schema.

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::Direction;

use crate::build::Origins;
use crate::diag::{Code, Diagnostic, Report};
use crate::graph::KnowledgeGraph;
use crate::schema::{KindId, Schema};
use crate::suggest::did_you_mean;
use crate::text::a;

/// A node whose kind the schema does not declare.
pub(super) fn undeclared_kinds(g: &KnowledgeGraph, origins: &Origins, report: &mut Report) {
    if !g.schema.kinds.values().any(|k| k.undeclared) {
        return;
    }
    let known = g.schema.kind_names();
    for n in g.node_indices() {
        let kind = g.schema.kind(g.node(n).kind);
        if !kind.undeclared {
            continue;
        }
        if !report.wants(Code::UnknownKind) {
            report.count(Code::UnknownKind, crate::diag::Severity::Error);
            continue;
        }
        report.push(
            Diagnostic::error(
                Code::UnknownKind,
                format!("`{}` has the unknown kind `{}`", g.id(n), kind.name),
            )
            .located(origins.node(n))
            .label("not a kind of the schema")
            .help(
                did_you_mean(&kind.name, known.iter().copied())
                    .unwrap_or_else(|| format!("kinds: {}", known.join(", "))),
            ),
        );
    }
}

fn kind_names(schema: &Schema, kinds: &[KindId]) -> String {
    let names: Vec<String> = kinds.iter().map(|&k| a(&schema.kind(k).name)).collect();
    names.join(" or ")
}

/// Each edge: a declared relation, between kinds it allows, not from a node to itself.
pub(super) fn structure(g: &KnowledgeGraph, origins: &Origins, report: &mut Report) {
    // Without a schema there is no rule an edge could break (a package graph's million
    // edges are not looked at one by one for nothing).
    if g.schema.open {
        return;
    }
    let known = g.schema.relation_names();
    for e in g.edge_indices() {
        // A hint for a finding that would only be counted is not worth its search.
        let hint = report.wants(Code::UnknownRelation);
        if let Some(d) = edge_finding(g, e, &known, hint) {
            report.push(d.located(origins.edge(e)));
        }
    }
}

fn edge_finding(
    g: &KnowledgeGraph,
    e: EdgeIndex,
    known: &[&str],
    hint: bool,
) -> Option<Diagnostic> {
    let (from, to) = g.endpoints(e);
    let rel = g.schema.relation(g.edge(e).relation);
    if rel.undeclared {
        let d = Diagnostic::error(
            Code::UnknownRelation,
            format!("unknown relation `{}`", rel.name),
        )
        .label(format!("`{}` is not a relation of the schema", rel.name));
        return Some(if hint {
            d.help(
                did_you_mean(&rel.name, known.iter().copied())
                    .unwrap_or_else(|| format!("relations: {}", known.join(", "))),
            )
        } else {
            d
        });
    }
    // A package may provide itself; in a knowledge base no fact relates a node to itself
    // (and on a lineage relation it would be a cycle).
    if from == to && !g.schema.open {
        return Some(
            Diagnostic::error(
                Code::SelfLoop,
                format!("`{}` points at itself through `{}`", g.id(from), rel.name),
            )
            .label("this is the node's own id"),
        );
    }
    let (fk, tk) = (g.node(from).kind, g.node(to).kind);
    if !rel.from.is_empty() && !rel.from.contains(&fk) {
        return Some(not_allowed(
            g,
            &rel.name,
            "start at",
            from,
            &rel.from,
            "goes from",
        ));
    }
    if !rel.to.is_empty() && !rel.to.contains(&tk) {
        return Some(not_allowed(
            g, &rel.name, "point at", to, &rel.to, "goes to",
        ));
    }
    None
}

/// "`uses` cannot start at an organization", with the kinds the relation allows.
fn not_allowed(
    g: &KnowledgeGraph,
    rel: &str,
    verb: &str,
    n: NodeIndex,
    allowed: &[KindId],
    goes: &str,
) -> Diagnostic {
    let kind = a(&g.schema.kind(g.node(n).kind).name);
    Diagnostic::error(
        Code::KindNotAllowed,
        format!("`{rel}` cannot {verb} {kind}"),
    )
    .label(format!("`{}` is {kind}", g.id(n)))
    .help(format!("`{rel}` {goes} {}", kind_names(&g.schema, allowed)))
}

/// The same relation between the same two nodes twice (sorted per node: a hub with a
/// million edges costs n log n, not n²).
pub(super) fn duplicates(g: &KnowledgeGraph, origins: &Origins, report: &mut Report) {
    let mut keys: Vec<(u16, usize, usize)> = Vec::new();
    for n in g.node_indices() {
        keys.clear();
        keys.extend(
            g.edges_at(n, Direction::Outgoing)
                .map(|e| (g.edge(e).relation, g.endpoints(e).1.index(), e.index())),
        );
        keys.sort_unstable();
        for w in keys.windows(2) {
            if (w[0].0, w[0].1) != (w[1].0, w[1].1) {
                continue;
            }
            let e = EdgeIndex::new(w[1].2);
            report.push(
                Diagnostic::warning(
                    Code::DuplicateEdge,
                    format!(
                        "`{}` lists `{} {}` twice",
                        g.id(n),
                        g.relation_name(e),
                        g.id(g.endpoints(e).1)
                    ),
                )
                .located(origins.edge(e))
                .label("already listed"),
            );
        }
    }
}
