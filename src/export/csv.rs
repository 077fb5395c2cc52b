//! The neo4j-admin bulk-import pair, `nodes.csv` and `edges.csv`, which `--graph DIR` loads
//! back. Columns no selected node or edge uses are left out, so a graph loaded from CSV is
//! written back with the header it came with.

use crate::export::fields::{
    display_name, edge_fields, edge_value, node_fields, node_value, text, Field,
};
use crate::graph::KnowledgeGraph;
use crate::selection::Selection;

fn header(f: &Field) -> String {
    let ty = match f.ty {
        "string" => "",
        "int" => ":int",
        "float" => ":double",
        _ => ":boolean",
    };
    let ty = match (ty, f.list) {
        ("", true) => ":string[]".to_string(),
        (t, true) => format!("{t}[]"),
        (t, false) => t.to_string(),
    };
    format!("{}{ty}", display_name(f))
}

fn to_bytes(rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for r in rows {
        w.write_record(&r).expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

pub fn write(g: &KnowledgeGraph, sel: &Selection) -> Vec<(String, Vec<u8>)> {
    let nf: Vec<Field> = node_fields(g, sel, false);
    let ef: Vec<Field> = edge_fields(g, sel, false);
    let mut rows = vec![["id:ID".to_string(), ":LABEL".to_string()]
        .into_iter()
        .chain(nf.iter().map(header))
        .collect::<Vec<_>>()];
    for &n in &sel.nodes {
        let mut row = vec![g.id(n).to_string(), g.kind_name(n).to_string()];
        row.extend(
            nf.iter()
                .map(|f| node_value(g, n, f).map(|v| text(&v)).unwrap_or_default()),
        );
        rows.push(row);
    }
    let nodes = to_bytes(rows);
    let mut rows = vec![[":START_ID", ":END_ID", ":TYPE"]
        .iter()
        .map(|s| s.to_string())
        .chain(ef.iter().map(header))
        .collect::<Vec<_>>()];
    for &e in &sel.edges {
        let (a, b) = g.endpoints(e);
        let mut row = vec![
            g.id(a).to_string(),
            g.id(b).to_string(),
            g.relation_name(e).to_string(),
        ];
        row.extend(
            ef.iter()
                .map(|f| edge_value(g, e, f).map(|v| text(&v)).unwrap_or_default()),
        );
        rows.push(row);
    }
    vec![
        ("nodes.csv".into(), nodes),
        ("edges.csv".into(), to_bytes(rows)),
    ]
}

/// neo4j-admin arrays are `;`-separated with no escape: a list item holding `;` would load
/// back as two items, so say so.
pub fn separator_clash(g: &KnowledgeGraph, sel: &Selection) -> Option<crate::Diagnostic> {
    use crate::graph::AttrValue;
    let clash = |v: &AttrValue| matches!(v, AttrValue::List(items) if items.iter().any(|i| i.to_string().contains(';')));
    let (node, key) = sel.nodes.iter().find_map(|&n| {
        let attr = g
            .node_attrs
            .of(n.index())
            .find(|(_, v)| clash(v))
            .map(|(k, _)| k.to_string());
        let alias = g
            .info(n)
            .is_some_and(|i| i.aliases.iter().any(|a| a.contains(';')));
        attr.or(alias.then(|| "aliases".to_string()))
            .map(|k| (n, k))
    })?;
    Some(
        crate::Diagnostic::warning(crate::diag::Code::CsvSeparator, format!("`{}`: an item of `{key}` contains `;`", g.id(node)))
            .help("neo4j-admin splits arrays on `;`, so that item will load back as several; use JSON to keep it whole"),
    )
}
