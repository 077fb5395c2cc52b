//! GEXF 1.3 with node start dates (Gephi's timeline) and kind colors.

use std::fmt::Write;

use crate::export::fields::{display_name, edge_fields, edge_value, node_fields, node_value, text};
use crate::export::xml::escape;
use crate::graph::KnowledgeGraph;
use crate::selection::Selection;

fn gexf_type(f: &crate::export::fields::Field) -> &'static str {
    match (f.list, f.ty) {
        (true, "int") => "listint",
        (true, "float") => "listdouble",
        (true, "boolean") => "listboolean",
        (true, _) => "liststring",
        (false, "int") => "long",
        (false, "float") => "double",
        (false, t) => t,
    }
}

/// `2022` → `2022-01-01`, `2022-04` → `2022-04-01`: GEXF dates are whole dates.
fn start_date(g: &KnowledgeGraph, n: petgraph::graph::NodeIndex) -> Option<String> {
    let date = g.info(n).and_then(|i| i.date.clone());
    match date {
        Some(d) if d.len() == 10 => Some(d),
        Some(d) if d.len() == 7 => Some(format!("{d}-01")),
        _ => g.node(n).year.map(|y| format!("{y:04}-01-01")),
    }
}

fn rgb(hex: &str) -> Option<(u8, u8, u8)> {
    let h = hex.strip_prefix('#')?;
    if h.len() != 6 {
        return None;
    }
    let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some((p(0)?, p(2)?, p(4)?))
}

fn list_text(v: &crate::graph::AttrValue) -> String {
    match v {
        crate::graph::AttrValue::List(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => text(other),
    }
}

pub fn write(g: &KnowledgeGraph, sel: &Selection) -> String {
    let nf: Vec<_> = node_fields(g, sel, true)
        .into_iter()
        .filter(|f| f.name != "name")
        .collect();
    let ef: Vec<_> = edge_fields(g, sel, true);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n  <meta>\n    <creator>genkg</creator>\n",
    );
    let _ = writeln!(
        out,
        "    <description>{}</description>\n  </meta>",
        escape(if sel.title.is_empty() {
            "genkg graph"
        } else {
            &sel.title
        })
    );
    out.push_str("  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n    <attributes class=\"node\" mode=\"static\">\n");
    for (i, f) in nf.iter().enumerate() {
        let _ = writeln!(
            out,
            "      <attribute id=\"n{i}\" title=\"{}\" type=\"{}\"/>",
            escape(display_name(f)),
            gexf_type(f)
        );
    }
    out.push_str("    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n");
    for (i, f) in ef.iter().enumerate() {
        let _ = writeln!(
            out,
            "      <attribute id=\"e{i}\" title=\"{}\" type=\"{}\"/>",
            escape(display_name(f)),
            gexf_type(f)
        );
    }
    out.push_str("    </attributes>\n    <nodes>\n");
    for &n in &sel.nodes {
        let start = start_date(g, n)
            .map(|d| format!(" start=\"{d}\""))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\"{start}>",
            escape(g.id(n)),
            escape(g.name(n))
        );
        out.push_str("        <attvalues>\n");
        for (i, f) in nf.iter().enumerate() {
            if let Some(v) = node_value(g, n, f) {
                let _ = writeln!(
                    out,
                    "          <attvalue for=\"n{i}\" value=\"{}\"/>",
                    escape(&list_text(&v))
                );
            }
        }
        out.push_str("        </attvalues>\n");
        if let Some((r, gr, b)) = rgb(&g.schema.kind(g.node(n).kind).fill) {
            let _ = writeln!(out, "        <viz:color r=\"{r}\" g=\"{gr}\" b=\"{b}\"/>");
        }
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (k, &e) in sel.edges.iter().enumerate() {
        let (a, b) = g.endpoints(e);
        let _ = writeln!(
            out,
            "      <edge id=\"{k}\" source=\"{}\" target=\"{}\" label=\"{}\">",
            escape(g.id(a)),
            escape(g.id(b)),
            escape(g.relation_name(e))
        );
        out.push_str("        <attvalues>\n");
        for (i, f) in ef.iter().enumerate() {
            if let Some(v) = edge_value(g, e, f) {
                let _ = writeln!(
                    out,
                    "          <attvalue for=\"e{i}\" value=\"{}\"/>",
                    escape(&list_text(&v))
                );
            }
        }
        out.push_str("        </attvalues>\n      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}
