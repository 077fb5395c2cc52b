//! Lineage: what a node is built on (ancestors) or what is built on it (descendants),
//! following the lineage relations of the schema, or the relations asked for.

use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::graph::KnowledgeGraph;
use crate::schema::{KindId, RelId};
use crate::selection::Selection;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Ancestors: follow edges forwards (X based_on Y: Y is an ancestor of X).
    Up,
    /// Descendants: follow edges backwards.
    Down,
}

impl Direction {
    pub fn petgraph(self) -> petgraph::Direction {
        match self {
            Direction::Up => petgraph::Direction::Outgoing,
            Direction::Down => petgraph::Direction::Incoming,
        }
    }
}

#[derive(Debug, Clone)]
pub struct LineageQuery {
    pub root: NodeIndex,
    pub direction: Direction,
    pub relations: Vec<RelId>,
    pub depth: Option<usize>,
    /// Keep only these kinds in the result; the walk still passes through the others.
    pub kinds: Vec<KindId>,
}

/// One mask lookup per edge instead of a search through the relation list.
pub fn relation_mask(g: &KnowledgeGraph, relations: &[RelId]) -> Vec<bool> {
    let mut mask = vec![false; g.schema.relations.len()];
    for &r in relations {
        mask[r as usize] = true;
    }
    mask
}

/// Breadth-first walk from `root`: every reached node (not `root`) with its distance.
/// Terminates on cycles; parallel edges are walked once in effect.
pub fn walk(
    g: &KnowledgeGraph,
    root: NodeIndex,
    dir: Direction,
    relations: &[RelId],
    depth: Option<usize>,
) -> Vec<(NodeIndex, usize)> {
    let mask = relation_mask(g, relations);
    let mut dist: Vec<u32> = vec![u32::MAX; g.node_bound()];
    dist[root.index()] = 0;
    let mut order = vec![root];
    let mut head = 0;
    let max = depth.unwrap_or(usize::MAX);
    while head < order.len() {
        let n = order[head];
        head += 1;
        let d = dist[n.index()] as usize;
        if d >= max {
            continue;
        }
        for e in g.graph.edges_directed(n, dir.petgraph()) {
            if !mask[e.weight().relation as usize] {
                continue;
            }
            let next = if dir == Direction::Up {
                e.target()
            } else {
                e.source()
            };
            if dist[next.index()] == u32::MAX {
                dist[next.index()] = d as u32 + 1;
                order.push(next);
            }
        }
    }
    order[1..]
        .iter()
        .map(|&n| (n, dist[n.index()] as usize))
        .collect()
}

/// The reached nodes alone.
pub fn closure(
    g: &KnowledgeGraph,
    root: NodeIndex,
    dir: Direction,
    relations: &[RelId],
    depth: Option<usize>,
) -> Vec<NodeIndex> {
    walk(g, root, dir, relations, depth)
        .into_iter()
        .map(|(n, _)| n)
        .collect()
}

/// The result of a lineage query: the reached nodes (filtered by kind), sorted by id.
pub fn nodes(g: &KnowledgeGraph, q: &LineageQuery) -> Vec<NodeIndex> {
    let mut out: Vec<NodeIndex> = closure(g, q.root, q.direction, &q.relations, q.depth)
        .into_iter()
        .filter(|&n| q.kinds.is_empty() || q.kinds.contains(&g.node(n).kind))
        .collect();
    out.sort_unstable_by(|&a, &b| g.id(a).cmp(g.id(b)));
    out
}

/// The lineage as a Selection: root, reached nodes, and the walked edges between them.
/// With `kinds`, nodes of other kinds are left out together with their edges.
pub fn selection(g: &KnowledgeGraph, q: &LineageQuery) -> Selection {
    let reached = walk(g, q.root, q.direction, &q.relations, q.depth);
    let mask = relation_mask(g, &q.relations);
    let max = q.depth.unwrap_or(usize::MAX);
    let mut depth_of: Vec<u32> = vec![u32::MAX; g.node_bound()];
    depth_of[q.root.index()] = 0;
    for &(n, d) in &reached {
        depth_of[n.index()] = d as u32;
    }
    let keep =
        |n: NodeIndex| n == q.root || q.kinds.is_empty() || q.kinds.contains(&g.node(n).kind);
    let mut edges: Vec<EdgeIndex> = Vec::new();
    for n in std::iter::once(q.root).chain(reached.iter().map(|&(n, _)| n)) {
        if (depth_of[n.index()] as usize) >= max || !keep(n) {
            continue;
        }
        for e in g.graph.edges_directed(n, q.direction.petgraph()) {
            let next = if q.direction == Direction::Up {
                e.target()
            } else {
                e.source()
            };
            if mask[e.weight().relation as usize]
                && depth_of[next.index()] != u32::MAX
                && keep(next)
            {
                edges.push(e.id());
            }
        }
    }
    let nodes: Vec<NodeIndex> = std::iter::once(q.root)
        .chain(reached.iter().map(|&(n, _)| n).filter(|&n| keep(n)))
        .collect();
    let word = if q.direction == Direction::Up {
        "lineage of"
    } else {
        "descendants of"
    };
    Selection::new(g, nodes, edges, format!("{word} {}", g.name(q.root))).with_focus(vec![q.root])
}
