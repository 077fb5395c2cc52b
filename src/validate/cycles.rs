//! A cycle among lineage relations would make "built on" meaningless: name every one.

use std::collections::VecDeque;

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::Direction;

use crate::build::Origins;
use crate::diag::{Code, Diagnostic, Report};
use crate::graph::{KnowledgeGraph, LineageView};

pub(super) fn lineage_cycles(g: &KnowledgeGraph, origins: &Origins, report: &mut Report) {
    let view = g.lineage_view(&g.schema.lineage_relations(), Direction::Outgoing);
    let mut in_scc = vec![false; g.node_bound()];
    // Kosaraju's, which petgraph implements without recursion (its Tarjan's recurses once
    // per node of a chain, and a 100,000-node chain overflowed the stack). Components in id
    // order, so the cycles reported first are the same whatever the input's order.
    let mut sccs: Vec<Vec<NodeIndex>> = kosaraju_scc(view.filtered())
        .into_iter()
        .filter(|scc| scc.len() > 1)
        .collect();
    sccs.sort_by_cached_key(|scc| scc.iter().map(|&n| g.id(n)).min().map(String::from));
    for scc in sccs {
        for &n in &scc {
            in_scc[n.index()] = true;
        }
        let start = *scc
            .iter()
            .min_by_key(|&&n| g.id(n))
            .expect("a cycle has nodes");
        let cycle = shortest_cycle(&view, start, &in_scc);
        for &n in &scc {
            in_scc[n.index()] = false;
        }
        let names: Vec<&str> = cycle
            .iter()
            .map(|&e| g.id(g.endpoints(e).0))
            .chain([g.id(start)])
            .collect();
        let first = cycle[0];
        report.push(
            Diagnostic::error(
                Code::LineageCycle,
                format!("lineage cycle: {}", names.join(" → ")),
            )
            .located(origins.edge(first))
            .label(format!("`{}` closes a cycle", g.relation_name(first)))
            .help("a node cannot be built on itself; remove or reverse one of these relations"),
        );
    }
}

/// The shortest cycle through `start` inside its strongly connected component, as edges.
fn shortest_cycle(view: &LineageView, start: NodeIndex, in_scc: &[bool]) -> Vec<EdgeIndex> {
    let mut parent: std::collections::HashMap<NodeIndex, EdgeIndex> = Default::default();
    let mut queue = VecDeque::from([start]);
    let g = view.graph();
    while let Some(n) = queue.pop_front() {
        // By the next node's id, so every format reports the same cycle.
        let mut steps: Vec<(EdgeIndex, NodeIndex)> = view.steps(n).collect();
        steps.sort_by(|a, b| {
            (g.id(a.1), g.relation_name(a.0)).cmp(&(g.id(b.1), g.relation_name(b.0)))
        });
        for (e, to) in steps {
            if !in_scc[to.index()] {
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
