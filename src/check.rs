//! Checks over the whole built graph: lineage cycles, time order, expected fields.
//! They work on any KnowledgeGraph; `Origins` (present for TOML) adds file locations.

use petgraph::algo::tarjan_scc;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeFiltered;
use petgraph::Direction;
use std::collections::VecDeque;

use crate::diag::{Diagnostic, Report};
use crate::graph::KnowledgeGraph;
use crate::kb::Origins;

pub fn check_graph(g: &KnowledgeGraph, origins: &Origins, report: &mut Report) {
    lineage_cycles(g, origins, report);
    time_order(g, origins, report);
    expected_fields(g, origins, report);
}

fn place(
    d: Diagnostic,
    origin: Option<&(crate::diag::SourceFile, crate::kb::toml_walk::Span)>,
) -> Diagnostic {
    match origin {
        Some((file, span)) => d.at(file, span.clone()),
        None => d,
    }
}

fn is_lineage(g: &KnowledgeGraph, e: EdgeIndex) -> bool {
    g.schema.relation(g.edge(e).relation).lineage
}

/// A cycle among lineage relations would make "built on" meaningless: name every one.
fn lineage_cycles(g: &KnowledgeGraph, origins: &Origins, report: &mut Report) {
    let lineage =
        EdgeFiltered::from_fn(&g.graph, |e| g.schema.relation(e.weight().relation).lineage);
    for scc in tarjan_scc(&lineage) {
        if scc.len() < 2 {
            continue;
        }
        let start = *scc.iter().min_by_key(|&&n| g.id(n)).expect("non-empty");
        let cycle = shortest_cycle(g, start, &scc);
        let names: Vec<&str> = cycle
            .iter()
            .map(|&e| g.id(g.endpoints(e).0))
            .chain([g.id(start)])
            .collect();
        let first = cycle[0];
        report.push(
            place(
                Diagnostic::error(
                    "lineage-cycle",
                    format!("lineage cycle: {}", names.join(" → ")),
                ),
                origins.edge(first),
            )
            .label(format!("`{}` closes a cycle", g.relation_name(first)))
            .help("a node cannot be built on itself; remove or reverse one of these relations"),
        );
    }
}

/// The shortest cycle through `start` inside one strongly connected component, as edges.
fn shortest_cycle(g: &KnowledgeGraph, start: NodeIndex, scc: &[NodeIndex]) -> Vec<EdgeIndex> {
    let mut parent: std::collections::HashMap<NodeIndex, EdgeIndex> = Default::default();
    let mut queue = VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        for e in g.sorted_edges(n, Direction::Outgoing) {
            if !is_lineage(g, e) {
                continue;
            }
            let to = g.endpoints(e).1;
            if !scc.contains(&to) {
                continue;
            }
            if to == start {
                let mut path = vec![e];
                let mut at = n;
                while at != start {
                    let pe = parent[&at];
                    path.push(pe);
                    at = g.endpoints(pe).0;
                }
                path.reverse();
                return path;
            }
            if let std::collections::hash_map::Entry::Vacant(v) = parent.entry(to) {
                v.insert(e);
                queue.push_back(to);
            }
        }
    }
    unreachable!("a strongly connected component has a cycle through each node")
}

/// A node dated before what it is built on, and lineage targets with no year.
fn time_order(g: &KnowledgeGraph, origins: &Origins, report: &mut Report) {
    for e in g.edge_indices() {
        if !is_lineage(g, e) {
            continue;
        }
        let (from, to) = g.endpoints(e);
        let rel = g.relation_name(e);
        match (g.node(from).year, g.node(to).year) {
            (Some(a), Some(b)) if a < b => report.push(
                place(
                    Diagnostic::warning(
                        "dated-before-ancestor",
                        format!(
                            "`{}` ({a}) is dated before `{}` ({b}), which it {} ",
                            g.id(from),
                            g.id(to),
                            g.schema.relation(g.edge(e).relation).phrase
                        )
                        .trim_end()
                        .to_string(),
                    ),
                    origins.edge(e),
                )
                .label(format!("{rel} a later node"))
                .help("check both years: a descendant cannot be older than its ancestor"),
            ),
            (_, None) => report.push(
                place(
                    Diagnostic::warning(
                        "undated-ancestor",
                        format!(
                            "`{}` has no year, but `{}` is built on it",
                            g.id(to),
                            g.id(from)
                        ),
                    ),
                    origins.edge(e),
                )
                .label("this ancestor has no year")
                .help(format!("give `{}` a year", g.id(to))),
            ),
            _ => {}
        }
    }
}

/// Fields and relations the schema expects of a kind (a model's developer, year, modalities).
fn expected_fields(g: &KnowledgeGraph, origins: &Origins, report: &mut Report) {
    for n in g.node_indices() {
        let kind = g.schema.kind(g.node(n).kind);
        for want in &kind.expects {
            let present = match want.as_str() {
                "year" => g.node(n).year.is_some(),
                "name" => g.node(n).name.is_some(),
                "summary" => g.info(n).is_some_and(|i| i.summary.is_some()),
                "date" => g.info(n).is_some_and(|i| i.date.is_some()),
                "source" => g.node(n).source.is_some(),
                rel => g
                    .graph
                    .edges_directed(n, Direction::Outgoing)
                    .any(|e| g.schema.relation(e.weight().relation).name == rel),
            };
            if !present {
                report.push(
                    place(
                        Diagnostic::warning(
                            "missing-expected",
                            format!("{} `{}` has no `{want}`", kind.name, g.id(n)),
                        ),
                        origins.node(n),
                    )
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
