//! Nodes added, removed, renamed and changed.

use petgraph::graph::NodeIndex;

use super::fields::Fields;
use super::matching::Matching;
use super::{Changed, Nodes, Rename};
use crate::export::json;
use crate::graph::KnowledgeGraph;
use crate::nodelink::JsonNode;

/// A node's facts, compared in this order (its id is what identifies it).
const FACTS: [&str; 10] = [
    "kind",
    "name",
    "aliases",
    "year",
    "date",
    "summary",
    "url",
    "source",
    "external",
    "attributes",
];

/// A node with all its facts, as node-link JSON has them, except that a node without a name
/// has none (JSON writes its id there, which would make a rename change its name).
pub fn node_json(g: &KnowledgeGraph, n: NodeIndex) -> JsonNode {
    JsonNode {
        name: g.node(n).name.map(String::from),
        ..json::node(g, n)
    }
}

fn facts(g: &KnowledgeGraph, n: NodeIndex) -> Fields {
    Fields::of(&node_json(g, n), &FACTS)
}

/// The same facts, compared without making JSON (most nodes of two versions are).
fn same(old: &KnowledgeGraph, o: NodeIndex, new: &KnowledgeGraph, n: NodeIndex) -> bool {
    let (a, b) = (old.node(o), new.node(n));
    let info = match (old.info(o), new.info(n)) {
        (Some(x), Some(y)) => x == y,
        (Some(x), None) | (None, Some(x)) => x.is_empty(),
        (None, None) => true,
    };
    fn source(g: &KnowledgeGraph, s: Option<u32>) -> Option<&str> {
        s.map(|s| g.source(s).id.as_str())
    }
    info && a.year == b.year
        && a.name == b.name
        && old.kind_name(o) == new.kind_name(n)
        && source(old, a.source) == source(new, b.source)
        && old
            .node_attrs
            .of(o.index())
            .eq(new.node_attrs.of(n.index()))
}

pub fn compare(old: &KnowledgeGraph, new: &KnowledgeGraph, m: &Matching) -> Nodes {
    let mut nodes = Nodes::default();
    for n in new.node_indices().filter(|&n| m.to_old(n).is_none()) {
        nodes.added.push(node_json(new, n));
    }
    for o in old.node_indices() {
        let Some(n) = m.to_new(o) else {
            nodes.removed.push(node_json(old, o));
            continue;
        };
        if old.id(o) != new.id(n) || same(old, o, new, n) {
            continue;
        }
        let changes = facts(old, o).changes(&facts(new, n));
        if !changes.is_empty() {
            nodes.changed.push(Changed {
                id: new.id(n).to_string(),
                changes,
            });
        }
    }
    for (o, n, tie) in &m.renames {
        nodes.renamed.push(Rename {
            old: old.id(*o).to_string(),
            new: new.id(*n).to_string(),
            tie: tie.clone(),
            changes: facts(old, *o).changes(&facts(new, *n)),
        });
    }
    nodes.added.sort_by(|a, b| a.id.cmp(&b.id));
    nodes.removed.sort_by(|a, b| a.id.cmp(&b.id));
    nodes.renamed.sort_by(|a, b| a.old.cmp(&b.old));
    nodes.changed.sort_by(|a, b| a.id.cmp(&b.id));
    nodes
}
