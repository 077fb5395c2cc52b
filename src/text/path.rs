//! Paths as sentences, one hop a line, each with its source.

use crate::graph::KnowledgeGraph;
use crate::query::path::{nodes_along, Path};
use petgraph::graph::NodeIndex;

/// "ChatGPT is fine-tuned from GPT-3.5 [openai2022]" — the inverse phrase when walked backwards.
pub fn sentence(g: &KnowledgeGraph, step: &crate::query::path::Step) -> String {
    let rel = g.schema.relation(g.edge(step.edge).relation);
    let (a, b) = g.endpoints(step.edge);
    let (subject, phrase, object) = if step.forward {
        (a, &rel.phrase, b)
    } else {
        (b, &rel.inverse, a)
    };
    let mut s = format!("{} {phrase} {}", g.name(subject), g.name(object));
    if let Some(src) = g.source_id(step.edge) {
        s.push_str(&format!(" [{src}]"));
    }
    s
}

pub fn render(g: &KnowledgeGraph, from: NodeIndex, paths: &[Path]) -> String {
    let mut out = String::new();
    for (i, p) in paths.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let nodes = nodes_along(g, from, p);
        let names: Vec<&str> = nodes.iter().map(|&n| g.name(n)).collect();
        let steps = if p.len() == 1 {
            "step".to_string()
        } else {
            "steps".to_string()
        };
        out.push_str(&format!("{} ({} {steps})\n", names.join(" → "), p.len()));
        for step in p {
            out.push_str(&format!("  {}\n", sentence(g, step)));
        }
    }
    out
}
