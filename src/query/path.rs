//! How two nodes are related: the shortest chain of relations, or every simple chain up to a
//! length. Edges may be walked backwards unless the query is directed.

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::Direction;

use crate::graph::KnowledgeGraph;
use crate::selection::Selection;

/// One hop: an edge, and whether it was walked from its source to its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub edge: EdgeIndex,
    pub forward: bool,
}

pub type Path = Vec<Step>;

#[derive(Debug, Clone)]
pub struct PathQuery {
    pub from: NodeIndex,
    pub to: NodeIndex,
    pub directed: bool,
    /// Relations that may be walked; all when `None`.
    pub relations: Option<Vec<crate::schema::RelId>>,
}

impl PathQuery {
    fn allows(&self, g: &KnowledgeGraph, e: EdgeIndex) -> bool {
        self.relations
            .as_ref()
            .is_none_or(|r| r.contains(&g.edge(e).relation))
    }

    /// The steps leaving `n`, in a stable order: lineage relations first (so that among
    /// equally short chains the one through what things are built on wins), then by
    /// relation and the other end's id.
    fn steps(&self, g: &KnowledgeGraph, n: NodeIndex) -> Vec<(Step, NodeIndex)> {
        let dirs: &[Direction] = if self.directed {
            &[Direction::Outgoing]
        } else {
            &[Direction::Outgoing, Direction::Incoming]
        };
        let mut out: Vec<(Step, NodeIndex)> = Vec::new();
        for &dir in dirs {
            out.extend(g.edges_at(n, dir).filter(|&e| self.allows(g, e)).map(|e| {
                let step = Step {
                    edge: e,
                    forward: dir == Direction::Outgoing,
                };
                (step, g.other_end(e, dir))
            }));
        }
        let key = |s: &(Step, NodeIndex)| {
            let rel = g.schema.relation(g.edge(s.0.edge).relation);
            (!rel.lineage, rel.name.as_str(), g.id(s.1), !s.0.forward)
        };
        out.sort_by(|a, b| key(a).cmp(&key(b)));
        out
    }
}

/// A shortest path by breadth-first search; `None` if `to` cannot be reached.
pub fn shortest(g: &KnowledgeGraph, q: &PathQuery) -> Option<Path> {
    if q.from == q.to {
        return Some(Vec::new());
    }
    let mut came: Vec<Option<Step>> = vec![None; g.node_bound()];
    let mut seen = vec![false; g.node_bound()];
    seen[q.from.index()] = true;
    let mut queue = std::collections::VecDeque::from([q.from]);
    while let Some(n) = queue.pop_front() {
        for (step, next) in q.steps(g, n) {
            if seen[next.index()] {
                continue;
            }
            seen[next.index()] = true;
            came[next.index()] = Some(step);
            if next == q.to {
                return Some(unwind(g, &came, q.to));
            }
            queue.push_back(next);
        }
    }
    None
}

fn unwind(g: &KnowledgeGraph, came: &[Option<Step>], to: NodeIndex) -> Path {
    let mut path = Vec::new();
    let mut at = to;
    while let Some(step) = came[at.index()] {
        path.push(step);
        let (a, b) = g.endpoints(step.edge);
        at = if step.forward { a } else { b };
    }
    path.reverse();
    path
}

/// Every simple path of at most `max_len` steps, shortest first, then by the names along it.
pub fn all(g: &KnowledgeGraph, q: &PathQuery, max_len: usize) -> Vec<Path> {
    let mut found = Vec::new();
    let mut on_path = vec![false; g.node_bound()];
    let mut path = Vec::new();
    on_path[q.from.index()] = true;
    dfs(g, q, q.from, max_len, &mut on_path, &mut path, &mut found);
    found.sort_by_cached_key(|p| (p.len(), names_along(g, q.from, p)));
    found
}

fn dfs(
    g: &KnowledgeGraph,
    q: &PathQuery,
    n: NodeIndex,
    left: usize,
    on_path: &mut [bool],
    path: &mut Path,
    found: &mut Vec<Path>,
) {
    if n == q.to {
        found.push(path.clone());
        return;
    }
    if left == 0 {
        return;
    }
    for (step, next) in q.steps(g, n) {
        if on_path[next.index()] {
            continue;
        }
        on_path[next.index()] = true;
        path.push(step);
        dfs(g, q, next, left - 1, on_path, path, found);
        path.pop();
        on_path[next.index()] = false;
    }
}

/// The nodes a path visits, in order.
pub fn nodes_along(g: &KnowledgeGraph, from: NodeIndex, path: &Path) -> Vec<NodeIndex> {
    let mut out = vec![from];
    for s in path {
        let (a, b) = g.endpoints(s.edge);
        out.push(if s.forward { b } else { a });
    }
    out
}

fn names_along(g: &KnowledgeGraph, from: NodeIndex, path: &Path) -> Vec<(String, String)> {
    let nodes = nodes_along(g, from, path);
    nodes
        .iter()
        .zip(
            path.iter()
                .map(|s| g.relation_name(s.edge).to_string())
                .chain([String::new()]),
        )
        .map(|(&n, r)| (g.name(n).to_lowercase(), r))
        .collect()
}

/// The paths as one Selection (their union).
pub fn selection(g: &KnowledgeGraph, q: &PathQuery, paths: &[Path]) -> Selection {
    let mut nodes = vec![q.from, q.to];
    let mut edges = Vec::new();
    for p in paths {
        nodes.extend(nodes_along(g, q.from, p));
        edges.extend(p.iter().map(|s| s.edge));
    }
    Selection::new(
        g,
        nodes,
        edges,
        format!("{} → {}", g.name(q.from), g.name(q.to)),
    )
    .with_focus(vec![q.from, q.to])
}
