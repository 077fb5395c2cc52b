//! Mermaid `flowchart` for Markdown pages.

use std::fmt::Write;

use crate::graph::KnowledgeGraph;
use crate::selection::Selection;

/// Mermaid's default `maxEdges`: a diagram past it does not render without configuration.
pub const EDGE_LIMIT: usize = 500;

/// Mermaid label text: quotes become entity codes, the rest is kept.
fn label(s: &str) -> String {
    s.replace('"', "#quot;").replace('\n', " ")
}

fn class_name(kind: &str) -> String {
    let c: String = kind
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("k_{c}")
}

pub fn write(g: &KnowledgeGraph, sel: &Selection, rankdir: crate::export::RankDir) -> String {
    let dir = rankdir.name();
    let mut out = format!("flowchart {dir}\n");
    if !sel.title.is_empty() {
        out = format!("---\ntitle: {}\n---\n{out}", label(&sel.title));
    }
    // Node ids are positions in the selection: Mermaid ids cannot hold every character ours can.
    let index: std::collections::HashMap<_, usize> =
        sel.nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    for (i, &n) in sel.nodes.iter().enumerate() {
        let mut text = label(g.name(n));
        if let Some(y) = g.node(n).year {
            text.push_str(&format!("<br/>{y}"));
        }
        let _ = writeln!(out, "    n{i}[\"{text}\"]");
    }
    for &e in &sel.edges {
        let (a, b) = g.endpoints(e);
        let rel = g.schema.relation(g.edge(e).relation);
        let arrow = match rel.style.as_str() {
            "dashed" | "dotted" => "-.->",
            "bold" => "==>",
            _ => "-->",
        };
        let _ = writeln!(
            out,
            "    n{} {arrow}|{}| n{}",
            index[&a],
            label(&rel.name),
            index[&b]
        );
    }
    let mut kinds: Vec<u16> = sel.nodes.iter().map(|&n| g.node(n).kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    for k in kinds {
        let kind = g.schema.kind(k);
        let _ = writeln!(
            out,
            "    classDef {} fill:{},stroke:{}",
            class_name(&kind.name),
            kind.fill,
            kind.color
        );
        let members: Vec<String> = sel
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, &n)| g.node(n).kind == k)
            .map(|(i, _)| format!("n{i}"))
            .collect();
        let _ = writeln!(
            out,
            "    class {} {}",
            members.join(","),
            class_name(&kind.name)
        );
    }
    out
}
