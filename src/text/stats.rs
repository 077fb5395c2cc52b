//! `genkg stats`: counts by kind and relation.

use crate::graph::KnowledgeGraph;
use crate::text::{table, thousands};

/// (name, count) pairs, in schema order.
pub type Counts = Vec<(String, usize)>;

pub fn counts(g: &KnowledgeGraph) -> (Counts, Counts) {
    let mut kinds = vec![0usize; g.schema.kinds.len()];
    for n in g.node_indices() {
        kinds[g.node(n).kind as usize] += 1;
    }
    let mut rels = vec![0usize; g.schema.relations.len()];
    for e in g.edge_indices() {
        rels[g.edge(e).relation as usize] += 1;
    }
    let kinds = g.schema.kinds.keys().cloned().zip(kinds).collect();
    let rels = g.schema.relations.keys().cloned().zip(rels).collect();
    (kinds, rels)
}

pub fn render(g: &KnowledgeGraph) -> String {
    let (kinds, rels) = counts(g);
    let rows = |items: Counts| -> Vec<Vec<String>> {
        items
            .into_iter()
            .map(|(k, c)| vec![format!("  {k}"), thousands(c as i64)])
            .collect()
    };
    let mut out = table::render(&["nodes", &thousands(g.node_count() as i64)], &rows(kinds));
    out.push('\n');
    out.push_str(&table::render(
        &["edges", &thousands(g.edge_count() as i64)],
        &rows(rels),
    ));
    out.push_str(&format!(
        "\nsources  {}\n",
        thousands(g.sources.len() as i64)
    ));
    out
}

pub fn json(g: &KnowledgeGraph) -> serde_json::Value {
    let (kinds, rels) = counts(g);
    serde_json::json!({
        "nodes": g.node_count(),
        "edges": g.edge_count(),
        "sources": g.sources.len(),
        "kinds": kinds.into_iter().map(|(k, c)| (k, c.into())).collect::<serde_json::Map<_, _>>(),
        "relations": rels.into_iter().map(|(k, c)| (k, c.into())).collect::<serde_json::Map<_, _>>(),
    })
}
