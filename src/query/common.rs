//! Shared lineage: the nearest common ancestors of two nodes.

use petgraph::graph::NodeIndex;
use petgraph::Direction;

use crate::graph::{KnowledgeGraph, LineageView};
use crate::schema::RelId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub node: NodeIndex,
    pub from_a: usize,
    pub from_b: usize,
}

#[derive(Debug, Clone)]
pub struct Common {
    /// Common ancestors that are not themselves ancestors of another common ancestor.
    pub nearest: Vec<Shared>,
    /// Every common ancestor.
    pub all: Vec<Shared>,
}

pub fn common(g: &KnowledgeGraph, a: NodeIndex, b: NodeIndex, rels: &[RelId]) -> Common {
    let up = g.lineage_view(rels, Direction::Outgoing);
    let (da, db) = (up.distances(a, None), up.distances(b, None));
    let mut all: Vec<Shared> = g
        .node_indices()
        .filter(|n| da[n.index()] != u32::MAX && db[n.index()] != u32::MAX)
        .map(|n| Shared {
            node: n,
            from_a: da[n.index()] as usize,
            from_b: db[n.index()] as usize,
        })
        .collect();
    all.sort_by_cached_key(|s| {
        (
            s.from_a.max(s.from_b),
            s.from_a + s.from_b,
            g.id(s.node).to_string(),
        )
    });
    let above = strictly_above(&up, &all);
    let nearest = all
        .iter()
        .filter(|s| !above[s.node.index()])
        .cloned()
        .collect();
    Common { nearest, all }
}

/// The nodes at least one step above any of `from`: one walk from all of them at once, so
/// the cost is linear however many common ancestors there are.
fn strictly_above(up: &LineageView, from: &[Shared]) -> Vec<bool> {
    let mut above = vec![false; up.graph().node_bound()];
    let mut queue: Vec<NodeIndex> = Vec::new();
    for s in from {
        for (_, next) in up.steps(s.node) {
            if !above[next.index()] {
                above[next.index()] = true;
                queue.push(next);
            }
        }
    }
    while let Some(n) = queue.pop() {
        for (_, next) in up.steps(n) {
            if !above[next.index()] {
                above[next.index()] = true;
                queue.push(next);
            }
        }
    }
    above
}
