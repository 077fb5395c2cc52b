//! Lineage: what a node is built on (ancestors) or what is built on it (descendants),
//! following the lineage relations of the schema, or the relations asked for.

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::{KnowledgeGraph, LineageView};
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

impl LineageQuery {
    /// The ancestors of `root` over the schema's lineage relations.
    pub fn ancestors(g: &KnowledgeGraph, root: NodeIndex) -> Self {
        LineageQuery {
            root,
            direction: Direction::Up,
            relations: g.schema.lineage_relations(),
            depth: None,
            kinds: Vec::new(),
        }
    }

    pub fn view<'g>(&self, g: &'g KnowledgeGraph) -> LineageView<'g> {
        g.lineage_view(&self.relations, self.direction.petgraph())
    }

    pub fn shows(&self, g: &KnowledgeGraph, n: NodeIndex) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&g.node(n).kind)
    }
}

/// The reached nodes of any kind, in the order reached.
pub fn closure(g: &KnowledgeGraph, q: &LineageQuery) -> Vec<NodeIndex> {
    q.view(g)
        .walk(q.root, q.depth)
        .into_iter()
        .map(|(n, _)| n)
        .collect()
}

/// The result of a lineage query: the reached nodes (filtered by kind), sorted by id.
pub fn nodes(g: &KnowledgeGraph, q: &LineageQuery) -> Vec<NodeIndex> {
    let mut out: Vec<NodeIndex> = closure(g, q)
        .into_iter()
        .filter(|&n| q.shows(g, n))
        .collect();
    out.sort_unstable_by(|&a, &b| g.id(a).cmp(g.id(b)));
    out
}

/// The lineage as a Selection: root, reached nodes, and the walked edges between them.
/// With `kinds`, nodes of other kinds are left out together with their edges.
pub fn selection(g: &KnowledgeGraph, q: &LineageQuery) -> Selection {
    let view = q.view(g);
    let reached = view.walk(q.root, q.depth);
    let max = q.depth.unwrap_or(usize::MAX);
    let mut depth_of: Vec<u32> = vec![u32::MAX; g.node_bound()];
    depth_of[q.root.index()] = 0;
    for &(n, d) in &reached {
        depth_of[n.index()] = d as u32;
    }
    let keep = |n: NodeIndex| n == q.root || q.shows(g, n);
    let mut edges: Vec<EdgeIndex> = Vec::new();
    for n in std::iter::once(q.root).chain(reached.iter().map(|&(n, _)| n)) {
        if (depth_of[n.index()] as usize) >= max || !keep(n) {
            continue;
        }
        edges.extend(
            view.steps(n)
                .filter(|&(_, next)| depth_of[next.index()] != u32::MAX && keep(next))
                .map(|(e, _)| e),
        );
    }
    let nodes: Vec<NodeIndex> = std::iter::once(q.root)
        .chain(reached.iter().map(|&(n, _)| n).filter(|&n| keep(n)))
        .collect();
    let word = match q.direction {
        Direction::Up => "lineage of",
        Direction::Down => "descendants of",
    };
    Selection::new(g, nodes, edges, format!("{word} {}", g.name(q.root))).with_focus(vec![q.root])
}
