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

/// Why `all` stopped before it had every path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// More paths than the caller wanted (`--max-paths`).
    TooManyPaths(usize),
    /// The search took this many steps without finishing (`limits::PATH_SEARCH`).
    TooLong(u64),
}

/// How far `all` may go.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    pub max_len: usize,
    pub max_paths: usize,
    pub max_steps: u64,
}

/// Every simple path of at most `max_len` steps, shortest first, then by the names along
/// it; or, when there are more than `max_paths` or finding them takes more than
/// `max_steps`, why not. A depth-first search on its own stack (chains may be a million
/// deep), that never steps to a node from which `to` is further than the steps left.
pub fn all(g: &KnowledgeGraph, q: &PathQuery, b: Bounds) -> Result<Vec<Path>, Stopped> {
    let near = distances_to(g, q, b.max_len);
    let mut found: Vec<Path> = Vec::new();
    let mut on_path = vec![false; g.node_bound()];
    let mut path: Path = Vec::new();
    let mut steps_of: std::collections::HashMap<NodeIndex, std::rc::Rc<[(Step, NodeIndex)]>> =
        Default::default();
    let mut sorted = |n: NodeIndex| {
        steps_of
            .entry(n)
            .or_insert_with(|| q.steps(g, n).into())
            .clone()
    };
    let mut taken: u64 = 0;
    // Each frame: a node on the path, its steps, and the next one to try.
    let mut stack = vec![(q.from, sorted(q.from), 0usize)];
    on_path[q.from.index()] = true;
    if q.from == q.to {
        found.push(Vec::new());
        stack.clear();
    }
    while let Some((_, steps, i)) = stack.last_mut() {
        let Some(&(step, next)) = steps.get(*i) else {
            let (n, _, _) = stack.pop().expect("a frame");
            on_path[n.index()] = false;
            path.pop();
            continue;
        };
        *i += 1;
        taken += 1;
        if taken > b.max_steps {
            return Err(Stopped::TooLong(b.max_steps));
        }
        let Some(left) = b.max_len.checked_sub(path.len() + 1) else {
            continue;
        };
        if on_path[next.index()] || near[next.index()] as usize > left {
            continue;
        }
        if next == q.to {
            let mut p = path.clone();
            p.push(step);
            found.push(p);
            if found.len() > b.max_paths {
                return Err(Stopped::TooManyPaths(b.max_paths));
            }
            continue;
        }
        on_path[next.index()] = true;
        path.push(step);
        stack.push((next, sorted(next), 0));
    }
    found.sort_by_cached_key(|p| (p.len(), names_along(g, q.from, p)));
    Ok(found)
}

/// Each node's distance to `q.to` in steps the query may take (`u32::MAX` past `max`).
fn distances_to(g: &KnowledgeGraph, q: &PathQuery, max: usize) -> Vec<u32> {
    let mut dist = vec![u32::MAX; g.node_bound()];
    dist[q.to.index()] = 0;
    let mut queue = std::collections::VecDeque::from([q.to]);
    let dirs: &[Direction] = if q.directed {
        &[Direction::Incoming]
    } else {
        &[Direction::Outgoing, Direction::Incoming]
    };
    while let Some(n) = queue.pop_front() {
        let d = dist[n.index()];
        if d as usize >= max {
            continue;
        }
        for &dir in dirs {
            for e in g.edges_at(n, dir).filter(|&e| q.allows(g, e)) {
                let m = g.other_end(e, dir);
                if dist[m.index()] == u32::MAX {
                    dist[m.index()] = d + 1;
                    queue.push_back(m);
                }
            }
        }
    }
    dist
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
