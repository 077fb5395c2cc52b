//! Edges added, removed and changed. An edge is known by its ends and its relation (a
//! renamed node's ends by its new id). Where one pair of nodes has several edges of one
//! relation (parallel edges with different notes or sources), equal ones are paired first,
//! then the others in the order read, and what is left over was added or removed.

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::fields::Fields;
use super::matching::Matching;
use super::{EdgeChange, Edges};
use crate::export::json;
use crate::graph::KnowledgeGraph;
use crate::nodelink::JsonEdge;

/// An edge's facts, compared in this order (its ends and relation are what identify it).
const FACTS: [&str; 3] = ["source", "note", "attributes"];

/// The edges compared, and which ones were added and removed (for their consequences).
pub struct Compared {
    pub diff: Edges,
    /// OLD's edges that NEW lacks, in edge order.
    pub removed: Vec<EdgeIndex>,
    /// NEW's edges that OLD lacked, in edge order.
    pub added: Vec<EdgeIndex>,
    /// Edges kept (OLD's, NEW's) whose relation is lineage in one schema and not the other.
    pub relineaged: Vec<(EdgeIndex, EdgeIndex)>,
}

/// Ends (canonical numbers) and relation.
type Key<'g> = (u32, u32, &'g str);

/// Each edge with its key, by key then in the order read.
fn keyed<'g>(g: &'g KnowledgeGraph, canon: impl Fn(NodeIndex) -> u32) -> Vec<(Key<'g>, EdgeIndex)> {
    let mut edges: Vec<(Key, EdgeIndex)> = g
        .edge_indices()
        .map(|e| {
            let (a, b) = g.endpoints(e);
            ((canon(a), canon(b), g.relation_name(e)), e)
        })
        .collect();
    edges.sort_unstable();
    edges
}

/// An OLD edge as JSON, its ends named with NEW's ids where the node was renamed.
pub fn old_edge(
    old: &KnowledgeGraph,
    new: &KnowledgeGraph,
    m: &Matching,
    e: EdgeIndex,
) -> JsonEdge {
    let (a, b) = old.endpoints(e);
    JsonEdge {
        from: m.old_id(old, new, a).to_string(),
        to: m.old_id(old, new, b).to_string(),
        ..json::edge(old, e)
    }
}

/// Both graphs' edges sorted by key and walked together, one run of equal keys at a time:
/// no JSON is made for an edge unless it is reported.
pub fn compare<'g>(old: &'g KnowledgeGraph, new: &'g KnowledgeGraph, m: &Matching) -> Compared {
    let olds = keyed(old, |n| m.canon_old(n));
    let news = keyed(new, |n| m.canon_new(n));
    let mut out = Compared {
        diff: Edges::default(),
        removed: Vec::new(),
        added: Vec::new(),
        relineaged: Vec::new(),
    };
    let (mut i, mut j) = (0, 0);
    while i < olds.len() || j < news.len() {
        let key = match (olds.get(i), news.get(j)) {
            (Some(o), Some(n)) => o.0.min(n.0),
            (Some(o), None) => o.0,
            (None, Some(n)) => n.0,
            (None, None) => break,
        };
        let run = |list: &[(Key, EdgeIndex)], from: usize| {
            let len = list[from..].iter().take_while(|(k, _)| *k == key).count();
            list[from..from + len]
                .iter()
                .map(|&(_, e)| e)
                .collect::<Vec<_>>()
        };
        let (o, n) = (run(&olds, i), run(&news, j));
        (i, j) = (i + o.len(), j + n.len());
        pair(old, new, m, &o, &n, &mut out);
    }
    out.removed.sort();
    out.added.sort();
    let rank = |relation: &str| relation_rank(old, new, relation);
    sort_edges(&mut out.diff.added, rank);
    sort_edges(&mut out.diff.removed, rank);
    out.diff
        .changed
        .sort_by_cached_key(|c| edge_order(&c.edge, rank));
    out
}

/// The same facts (source, note, attributes), compared without making JSON.
fn same(old: &KnowledgeGraph, o: EdgeIndex, new: &KnowledgeGraph, n: EdgeIndex) -> bool {
    old.source_id(o) == new.source_id(n)
        && old
            .edge_attrs
            .of(o.index())
            .eq(new.edge_attrs.of(n.index()))
}

/// Pairs one run of edges with the same key: equal facts first, then in order.
fn pair(
    old: &KnowledgeGraph,
    new: &KnowledgeGraph,
    m: &Matching,
    olds: &[EdgeIndex],
    news: &[EdgeIndex],
    out: &mut Compared,
) {
    // One run is one relation: whether it is lineage in each schema is one question.
    let relineaged = match (olds.first(), news.first()) {
        (Some(&o), Some(&n)) => is_lineage(old, o) != is_lineage(new, n),
        _ => false,
    };
    let mut taken = vec![false; news.len()];
    let mut unpaired = Vec::new();
    for &o in olds {
        match (0..news.len()).find(|&j| !taken[j] && same(old, o, new, news[j])) {
            Some(j) => {
                taken[j] = true;
                if relineaged {
                    out.relineaged.push((o, news[j]));
                }
            }
            None => unpaired.push(o),
        }
    }
    let mut rest = (0..news.len()).filter(|&j| !taken[j]).map(|j| news[j]);
    for o in unpaired {
        let edge = old_edge(old, new, m, o);
        let Some(n) = rest.next() else {
            out.diff.removed.push(edge);
            out.removed.push(o);
            continue;
        };
        if relineaged {
            out.relineaged.push((o, n));
        }
        let changes = Fields::of(&edge, &FACTS).changes(&Fields::of(&json::edge(new, n), &FACTS));
        // Facts JSON does not show (a note that is not text) differ: no change to report.
        if !changes.is_empty() {
            out.diff.changed.push(EdgeChange { edge, changes });
        }
    }
    for n in rest {
        out.diff.added.push(json::edge(new, n));
        out.added.push(n);
    }
}

pub fn is_lineage(g: &KnowledgeGraph, e: EdgeIndex) -> bool {
    g.schema.relation(g.edge(e).relation).lineage
}

/// A relation's place: NEW's schema order, then relations only OLD has, in its order.
pub fn relation_rank(old: &KnowledgeGraph, new: &KnowledgeGraph, relation: &str) -> usize {
    match new.schema.relation_id(relation) {
        Some(r) => r as usize,
        None => {
            new.schema.relations.len() + old.schema.relation_id(relation).map_or(0, |r| r as usize)
        }
    }
}

type Order = (String, usize, String, String);

/// Edges sort by source node, relation (schema order), target, then facts (for parallel
/// edges).
pub fn edge_order(e: &JsonEdge, rank: impl Fn(&str) -> usize) -> Order {
    let facts = serde_json::to_string(&(&e.source, &e.note, &e.attributes)).unwrap_or_default();
    (e.from.clone(), rank(&e.relation), e.to.clone(), facts)
}

fn sort_edges(edges: &mut [JsonEdge], rank: impl Fn(&str) -> usize) {
    edges.sort_by_cached_key(|e| edge_order(e, &rank));
}
