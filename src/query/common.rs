//! Shared lineage: the nearest common ancestors of two nodes.

use petgraph::stable_graph::NodeIndex;

use crate::graph::KnowledgeGraph;
use crate::query::lineage::{walk, Direction};
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

/// Distances up from `n`, `n` itself at 0.
fn distances(g: &KnowledgeGraph, n: NodeIndex, rels: &[RelId]) -> Vec<u32> {
    let mut d = vec![u32::MAX; g.node_bound()];
    d[n.index()] = 0;
    for (m, k) in walk(g, n, Direction::Up, rels, None) {
        d[m.index()] = k as u32;
    }
    d
}

pub fn common(g: &KnowledgeGraph, a: NodeIndex, b: NodeIndex, rels: &[RelId]) -> Common {
    let da = distances(g, a, rels);
    let db = distances(g, b, rels);
    let mut all: Vec<Shared> = g
        .node_indices()
        .filter(|n| da[n.index()] != u32::MAX && db[n.index()] != u32::MAX)
        .map(|n| Shared {
            node: n,
            from_a: da[n.index()] as usize,
            from_b: db[n.index()] as usize,
        })
        .collect();
    let sort = |v: &mut Vec<Shared>| {
        v.sort_by(|x, y| {
            (x.from_a.max(x.from_b), x.from_a + x.from_b, g.id(x.node)).cmp(&(
                y.from_a.max(y.from_b),
                y.from_a + y.from_b,
                g.id(y.node),
            ))
        })
    };
    sort(&mut all);
    // A common ancestor above another common ancestor is not nearest.
    let mut above = vec![false; g.node_bound()];
    for s in &all {
        for m in crate::query::lineage::closure(g, s.node, Direction::Up, rels, None) {
            above[m.index()] = true;
        }
    }
    let nearest = all
        .iter()
        .filter(|s| !above[s.node.index()])
        .cloned()
        .collect();
    Common { nearest, all }
}
