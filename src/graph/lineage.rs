//! The one lineage view: the graph seen through petgraph's `EdgeFiltered`, keeping only the
//! relations a walk follows, in one direction (towards ancestors: edges forwards; towards
//! descendants: edges backwards). Walks, selections, trees and the cycle check all use it.

use petgraph::visit::{EdgeFiltered, EdgeRef, FilterEdge, IntoEdgesDirected};
use petgraph::Direction;

use super::{EdgeIndex, EdgeReference, KnowledgeGraph, NodeIndex};
use crate::schema::RelId;

/// Which relations a walk follows: one flag per relation of the schema, so each edge costs
/// one lookup.
#[derive(Debug, Clone)]
pub struct RelMask(Vec<bool>);

impl RelMask {
    pub fn new(g: &KnowledgeGraph, relations: &[RelId]) -> Self {
        let mut mask = vec![false; g.schema.relations.len()];
        for &r in relations {
            mask[r as usize] = true;
        }
        RelMask(mask)
    }

    pub fn contains(&self, r: RelId) -> bool {
        self.0.get(r as usize).copied().unwrap_or(false)
    }
}

impl FilterEdge<EdgeReference> for RelMask {
    fn include_edge(&self, e: EdgeReference) -> bool {
        self.contains(e.weight().relation)
    }
}

pub struct LineageView<'g> {
    graph: EdgeFiltered<&'g KnowledgeGraph, RelMask>,
    dir: Direction,
}

impl<'g> LineageView<'g> {
    /// `Outgoing` walks towards ancestors (X based_on Y: Y is an ancestor of X), `Incoming`
    /// towards descendants.
    pub fn new(g: &'g KnowledgeGraph, relations: &[RelId], dir: Direction) -> Self {
        LineageView {
            graph: EdgeFiltered(g, RelMask::new(g, relations)),
            dir,
        }
    }

    pub fn graph(&self) -> &'g KnowledgeGraph {
        self.graph.0
    }

    pub fn direction(&self) -> Direction {
        self.dir
    }

    pub fn follows(&self, r: RelId) -> bool {
        self.graph.1.contains(r)
    }

    /// The filtered graph itself, for petgraph's algorithms (`tarjan_scc`).
    pub fn filtered(&self) -> &EdgeFiltered<&'g KnowledgeGraph, RelMask> {
        &self.graph
    }

    /// One step from `n`: each followed edge and the node it leads to, in edge order.
    pub fn steps(&self, n: NodeIndex) -> impl Iterator<Item = (EdgeIndex, NodeIndex)> + '_ {
        let dir = self.dir;
        (&self.graph).edges_directed(n, dir).map(move |e| {
            let next = match dir {
                Direction::Outgoing => e.target(),
                Direction::Incoming => e.source(),
            };
            (e.id(), next)
        })
    }

    /// Breadth-first from `root`: every reached node (not `root`) with its distance, in the
    /// order reached. Ends on cycles; `depth` caps the distance.
    pub fn walk(&self, root: NodeIndex, depth: Option<usize>) -> Vec<(NodeIndex, usize)> {
        let g = self.graph.0;
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
            for (_, next) in self.steps(n) {
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

    /// The distance of every node from `root` (`u32::MAX` where unreached; 0 at `root`).
    pub fn distances(&self, root: NodeIndex, depth: Option<usize>) -> Vec<u32> {
        let mut d = vec![u32::MAX; self.graph.0.node_bound()];
        d[root.index()] = 0;
        for (n, k) in self.walk(root, depth) {
            d[n.index()] = k as u32;
        }
        d
    }
}
