//! Edges added, removed and changed. An edge is known by its ends and its relation (a
//! renamed node's ends by its new id). Where one pair of nodes has several edges of one
//! relation (parallel edges with different notes or sources), equal ones are paired first,
//! then the others in the order read, and what is left over was added or removed.

use std::collections::HashMap;

use petgraph::graph::EdgeIndex;

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
}

/// Ends (canonical numbers) and relation.
type Key = (u32, u32, String);

/// An edge of OLD as JSON, its ends named with NEW's ids where the node was renamed.
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

pub fn compare(old: &KnowledgeGraph, new: &KnowledgeGraph, m: &Matching) -> Compared {
    let mut groups: HashMap<Key, (Vec<EdgeIndex>, Vec<EdgeIndex>)> = HashMap::new();
    for e in old.edge_indices() {
        let (a, b) = old.endpoints(e);
        let key = (
            m.canon_old(a),
            m.canon_old(b),
            old.relation_name(e).to_string(),
        );
        groups.entry(key).or_default().0.push(e);
    }
    for e in new.edge_indices() {
        let (a, b) = new.endpoints(e);
        let key = (
            m.canon_new(a),
            m.canon_new(b),
            new.relation_name(e).to_string(),
        );
        groups.entry(key).or_default().1.push(e);
    }
    let mut out = Compared {
        diff: Edges::default(),
        removed: Vec::new(),
        added: Vec::new(),
    };
    for (olds, news) in groups.into_values() {
        pair(old, new, m, &olds, &news, &mut out);
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

/// Pairs one group's edges (same ends and relation): equal facts first, then in order.
fn pair(
    old: &KnowledgeGraph,
    new: &KnowledgeGraph,
    m: &Matching,
    olds: &[EdgeIndex],
    news: &[EdgeIndex],
    out: &mut Compared,
) {
    let old_edges: Vec<JsonEdge> = olds.iter().map(|&e| old_edge(old, new, m, e)).collect();
    let new_edges: Vec<JsonEdge> = news.iter().map(|&e| json::edge(new, e)).collect();
    let old_facts: Vec<Fields> = old_edges.iter().map(|e| Fields::of(e, &FACTS)).collect();
    let new_facts: Vec<Fields> = new_edges.iter().map(|e| Fields::of(e, &FACTS)).collect();
    let mut taken = vec![false; news.len()];
    let mut unpaired = Vec::new();
    for (i, facts) in old_facts.iter().enumerate() {
        match (0..news.len()).find(|&j| !taken[j] && new_facts[j] == *facts) {
            Some(j) => taken[j] = true,
            None => unpaired.push(i),
        }
    }
    let mut rest = (0..news.len()).filter(|&j| !taken[j]);
    for i in unpaired {
        match rest.next() {
            Some(j) => out.diff.changed.push(EdgeChange {
                edge: old_edges[i].clone(),
                changes: old_facts[i].changes(&new_facts[j]),
            }),
            None => {
                out.diff.removed.push(old_edges[i].clone());
                out.removed.push(olds[i]);
            }
        }
    }
    for j in rest {
        out.diff.added.push(new_edges[j].clone());
        out.added.push(news[j]);
    }
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
