//! GEXF 1.3 with node start dates (Gephi's timeline) and kind colors.

use std::fmt::Write;

use petgraph::graph::NodeIndex;

use crate::export::fields::{
    display_name, edge_fields, edge_value, node_fields, node_value, text, Field,
};
use crate::export::xml::escape;
use crate::graph::{AttrValue, KnowledgeGraph};
use crate::selection::Selection;

fn gexf_type(f: &Field) -> &'static str {
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
fn start_date(g: &KnowledgeGraph, n: NodeIndex) -> Option<String> {
    let date = g.info(n).and_then(|i| i.date.clone());
    match date {
        Some(d) if d.len() == 10 => Some(d),
        Some(d) if d.len() == 7 => Some(format!("{d}-01")),
        _ => g.node(n).year.map(|y| format!("{y:04}-01-01")),
    }
}

fn rgb(hex: &str) -> Option<(u8, u8, u8)> {
    let h = hex.strip_prefix('#')?;
    // The schema's check admits only ASCII hex, but a snapshot's schema is not re-checked.
    if h.len() != 6 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some((p(0)?, p(2)?, p(4)?))
}

fn list_text(v: &AttrValue) -> String {
    match v {
        AttrValue::List(items) => format!(
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
    let nf: Vec<Field> = node_fields(g, sel, true)
        .into_iter()
        .filter(|f| f.name != "name")
        .collect();
    let ef: Vec<Field> = edge_fields(g, sel, true);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n  <meta>\n    <creator>genkg</creator>\n",
    );
    let title = if sel.title.is_empty() {
        "genkg graph"
    } else {
        &sel.title
    };
    let _ = writeln!(
        out,
        "    <description>{}</description>\n  </meta>",
        escape(title)
    );
    out.push_str("  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n");
    declare(&mut out, "node", 'n', &nf);
    declare(&mut out, "edge", 'e', &ef);
    out.push_str("    <nodes>\n");
    for &n in &sel.nodes {
        node(&mut out, g, n, &nf);
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
        attvalues(&mut out, 'e', ef.iter().map(|f| edge_value(g, e, f)));
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

/// The attribute declarations of one class (`node` or `edge`), ids prefixed `n` or `e`.
fn declare(out: &mut String, class: &str, prefix: char, fields: &[Field]) {
    let _ = writeln!(out, "    <attributes class=\"{class}\" mode=\"static\">");
    for (i, f) in fields.iter().enumerate() {
        let _ = writeln!(
            out,
            "      <attribute id=\"{prefix}{i}\" title=\"{}\" type=\"{}\"/>",
            escape(display_name(f)),
            gexf_type(f)
        );
    }
    out.push_str("    </attributes>\n");
}

fn node(out: &mut String, g: &KnowledgeGraph, n: NodeIndex, fields: &[Field]) {
    let start = start_date(g, n)
        .map(|d| format!(" start=\"{d}\""))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "      <node id=\"{}\" label=\"{}\"{start}>",
        escape(g.id(n)),
        escape(g.name(n))
    );
    attvalues(out, 'n', fields.iter().map(|f| node_value(g, n, f)));
    if let Some((r, gr, b)) = rgb(&g.schema.kind(g.node(n).kind).fill) {
        let _ = writeln!(out, "        <viz:color r=\"{r}\" g=\"{gr}\" b=\"{b}\"/>");
    }
    out.push_str("      </node>\n");
}

/// One element's values, for the attributes declared with `prefix`.
fn attvalues(out: &mut String, prefix: char, values: impl Iterator<Item = Option<AttrValue>>) {
    out.push_str("        <attvalues>\n");
    for (i, v) in values.enumerate() {
        if let Some(v) = v {
            let _ = writeln!(
                out,
                "          <attvalue for=\"{prefix}{i}\" value=\"{}\"/>",
                escape(&list_text(&v))
            );
        }
    }
    out.push_str("        </attvalues>\n");
}
