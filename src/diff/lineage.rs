//! What each added or removed lineage edge does to ancestries. An edge X → Y (X built on Y)
//! can only change the ancestors of X and of what is built on X, and only by Y and Y's own
//! ancestors: so for each such node that is in both graphs, its ancestors are compared in
//! the two graphs (once per node, through the one lineage view) and the difference, kept
//! to what lies through Y, is what the edge gave or took. A node in only one graph gains
//! or loses nothing: it is added or removed.

use std::collections::HashMap;
use std::rc::Rc;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::Direction;

use super::edges::{edge_order, is_lineage, old_edge, relation_rank, Compared};
use super::matching::Matching;
use super::{AncestorCount, Change, Consequence};
use crate::export::json;
use crate::graph::{KnowledgeGraph, LineageView};

/// One graph, walked up and down its own lineage relations, with ancestor sets kept.
struct Side<'g> {
    g: &'g KnowledgeGraph,
    is_new: bool,
    up: LineageView<'g>,
    down: LineageView<'g>,
    /// Each node's ancestors asked for so far, as sorted canonical numbers.
    ancestors: HashMap<NodeIndex, Rc<Vec<u32>>>,
    /// Which walk last reached each node: one buffer for every walk, so that a walk costs
    /// what it visits, not the size of the graph (thousands of walks on a big graph).
    seen: Vec<u32>,
    walks: u32,
}

impl<'g> Side<'g> {
    fn new(g: &'g KnowledgeGraph, is_new: bool) -> Self {
        let relations = g.schema.lineage_relations();
        Side {
            g,
            is_new,
            up: g.lineage_view(&relations, Direction::Outgoing),
            down: g.lineage_view(&relations, Direction::Incoming),
            ancestors: HashMap::new(),
            seen: vec![0; g.node_bound()],
            walks: 0,
        }
    }

    fn canon(&self, m: &Matching, n: NodeIndex) -> u32 {
        if self.is_new {
            m.canon_new(n)
        } else {
            m.canon_old(n)
        }
    }

    /// The same node in the other graph.
    fn counterpart(&self, m: &Matching, n: NodeIndex) -> Option<NodeIndex> {
        if self.is_new {
            m.to_old(n)
        } else {
            m.to_new(n)
        }
    }

    /// The ancestors of `n` along this graph's lineage view (breadth first; not `n` itself,
    /// even on a cycle), as sorted canonical numbers; each node's once.
    fn ancestors_of(&mut self, m: &Matching, n: NodeIndex) -> Rc<Vec<u32>> {
        if let Some(a) = self.ancestors.get(&n) {
            return a.clone();
        }
        self.walks += 1;
        let walk = self.walks;
        self.seen[n.index()] = walk;
        let mut reached = vec![n];
        let mut head = 0;
        while let Some(&x) = reached.get(head) {
            head += 1;
            for (_, y) in self.up.steps(x) {
                if self.seen[y.index()] != walk {
                    self.seen[y.index()] = walk;
                    reached.push(y);
                }
            }
        }
        let mut a: Vec<u32> = reached[1..].iter().map(|&x| self.canon(m, x)).collect();
        a.sort_unstable();
        let a = Rc::new(a);
        self.ancestors.insert(n, a.clone());
        a
    }
}

pub fn consequences(
    old: &KnowledgeGraph,
    new: &KnowledgeGraph,
    m: &Matching,
    edges: &Compared,
) -> Vec<Consequence> {
    let (mut o, mut n) = (Side::new(old, false), Side::new(new, true));
    // Lineage edges OLD had and NEW has not: removed, or kept under a relation NEW's
    // schema no longer counts as lineage; and the other way round.
    let kept = &edges.relineaged;
    let losses = (edges.removed.iter().map(|&e| (e, Change::Removed)))
        .chain(kept.iter().map(|&(e, _)| (e, Change::LeftLineage)))
        .filter(|&(e, _)| is_lineage(old, e));
    let gains = (edges.added.iter().map(|&e| (e, Change::Added)))
        .chain(kept.iter().map(|&(_, e)| (e, Change::BecameLineage)))
        .filter(|&(e, _)| is_lineage(new, e));
    let mut out = Vec::new();
    for (e, change) in losses {
        if let Some((nodes, ancestors)) = through(&mut o, &mut n, m, e) {
            let edge = old_edge(old, new, m, e);
            out.push(Consequence {
                edge,
                change,
                nodes,
                ancestors,
            });
        }
    }
    for (e, change) in gains {
        if let Some((nodes, ancestors)) = through(&mut n, &mut o, m, e) {
            let edge = json::edge(new, e);
            out.push(Consequence {
                edge,
                change,
                nodes,
                ancestors,
            });
        }
    }
    let rank = |relation: &str| relation_rank(old, new, relation);
    out.sort_by_cached_key(|c| (edge_order(&c.edge, rank), c.change));
    out
}

/// The nodes downstream of `e` (in `this`, the graph that has it) whose ancestors through
/// its target differ in `other`, nearest first, and those ancestors, most nodes first.
fn through(
    this: &mut Side,
    other: &mut Side,
    m: &Matching,
    e: EdgeIndex,
) -> Option<(Vec<String>, Vec<AncestorCount>)> {
    let (old, new) = if this.is_new {
        (other.g, this.g)
    } else {
        (this.g, other.g)
    };
    let (a, b) = this.g.endpoints(e);
    let beyond = beyond(this, m, b);
    let mut downstream = vec![(a, 0)];
    downstream.extend(this.down.walk(a, None));
    let mut nodes: Vec<(usize, &str)> = Vec::new();
    let mut counts: HashMap<u32, usize> = HashMap::new();
    for (x, distance) in downstream {
        let Some(y) = this.counterpart(m, x) else {
            continue;
        };
        let (mine, theirs) = (this.ancestors_of(m, x), other.ancestors_of(m, y));
        let differ = mine
            .iter()
            .filter(|c| beyond.contains_key(c) && theirs.binary_search(c).is_err());
        let mut differs = false;
        for &c in differ {
            *counts.entry(c).or_insert(0) += 1;
            differs = true;
        }
        if differs {
            nodes.push((distance, m.id(old, new, this.canon(m, x))));
        }
    }
    if nodes.is_empty() {
        return None;
    }
    nodes.sort_unstable();
    let nodes = nodes.into_iter().map(|(_, id)| id.to_string()).collect();
    let ancestors = counts
        .into_iter()
        .map(|(c, k)| (k, beyond[&c], m.id(old, new, c)));
    Some((nodes, ranked(ancestors.collect())))
}

/// What lies through an edge's target `b`, and how far: `b`, then its ancestors.
fn beyond(this: &Side, m: &Matching, b: NodeIndex) -> HashMap<u32, usize> {
    let mut beyond = HashMap::from([(this.canon(m, b), 0)]);
    for (x, d) in this.up.walk(b, None) {
        beyond.entry(this.canon(m, x)).or_insert(d);
    }
    beyond
}

/// (how many nodes, distance from the edge's target, id): most nodes first, then nearest,
/// then by id.
fn ranked(mut ancestors: Vec<(usize, usize, &str)>) -> Vec<AncestorCount> {
    ancestors.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(y.2)));
    ancestors
        .into_iter()
        .map(|(k, _, id)| AncestorCount {
            id: id.to_string(),
            nodes: k,
        })
        .collect()
}
