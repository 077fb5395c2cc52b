//! GraphML with typed keys, for networkx, igraph, Gephi, yEd and Cytoscape.

use std::fmt::Write;

use crate::export::fields::{display_name, edge_fields, edge_value, node_fields, node_value, text};
use crate::export::xml::escape;
use crate::graph::KnowledgeGraph;
use crate::selection::Selection;

pub fn write(g: &KnowledgeGraph, sel: &Selection) -> String {
    let nf = node_fields(g, sel, true);
    let ef = edge_fields(g, sel, true);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    // GraphML has no list type: lists are written as `;`-joined strings.
    let ty = |f: &crate::export::fields::Field| if f.list { "string" } else { f.ty };
    for (i, f) in nf.iter().enumerate() {
        let _ = writeln!(
            out,
            "  <key id=\"n{i}\" for=\"node\" attr.name=\"{}\" attr.type=\"{}\"/>",
            escape(display_name(f)),
            ty(f)
        );
    }
    for (i, f) in ef.iter().enumerate() {
        let _ = writeln!(
            out,
            "  <key id=\"e{i}\" for=\"edge\" attr.name=\"{}\" attr.type=\"{}\"/>",
            escape(display_name(f)),
            ty(f)
        );
    }
    let _ = writeln!(out, "  <graph id=\"genkg\" edgedefault=\"directed\">");
    for &n in &sel.nodes {
        let _ = writeln!(out, "    <node id=\"{}\">", escape(g.id(n)));
        for (i, f) in nf.iter().enumerate() {
            if let Some(v) = node_value(g, n, f) {
                let _ = writeln!(out, "      <data key=\"n{i}\">{}</data>", escape(&text(&v)));
            }
        }
        out.push_str("    </node>\n");
    }
    for (k, &e) in sel.edges.iter().enumerate() {
        let (a, b) = g.endpoints(e);
        let _ = writeln!(
            out,
            "    <edge id=\"e{k}\" source=\"{}\" target=\"{}\">",
            escape(g.id(a)),
            escape(g.id(b))
        );
        for (i, f) in ef.iter().enumerate() {
            if let Some(v) = edge_value(g, e, f) {
                let _ = writeln!(out, "      <data key=\"e{i}\">{}</data>", escape(&text(&v)));
            }
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
