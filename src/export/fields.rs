//! The flat fields of nodes and edges shared by the tabular formats (GraphML, GEXF, CSV,
//! Cypher): fixed fields first, then the attribute columns, each with its type.

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::{AttrValue, External, KnowledgeGraph};
use crate::selection::Selection;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    /// "string", "int", "float" or "boolean".
    pub ty: &'static str,
    pub list: bool,
}

/// A link to another data set as one text item: `same:epoch:Llama 2-70B` or
/// `variant:epoch:Llama 2-7B` (read back by `external_item`).
pub fn external_text(x: &External) -> String {
    let how = if x.variant { "variant" } else { "same" };
    format!("{how}:{}:{}", x.namespace, x.name)
}

/// The inverse of `external_text`.
pub fn external_item(text: &str) -> Option<External> {
    let (how, rest) = text.split_once(':')?;
    let (namespace, name) = rest.split_once(':')?;
    let variant = match how {
        "same" => false,
        "variant" => true,
        _ => return None,
    };
    Some(External {
        namespace: namespace.to_string(),
        name: name.to_string(),
        variant,
    })
}

/// A field value of one node or edge.
pub fn node_value(g: &KnowledgeGraph, n: NodeIndex, f: &Field) -> Option<AttrValue> {
    let info = g.info(n);
    match f.name.as_str() {
        "kind" => Some(AttrValue::Str(g.kind_name(n).into())),
        "name" => g.node(n).name.map(|s| AttrValue::Str(s.into())),
        "year" => g.node(n).year.map(|y| AttrValue::Int(y as i64)),
        "external" => info.filter(|i| !i.external.is_empty()).map(|i| {
            AttrValue::List(
                i.external
                    .iter()
                    .map(|x| AttrValue::Str(external_text(x).into()))
                    .collect(),
            )
        }),
        "aliases" => info.filter(|i| !i.aliases.is_empty()).map(|i| {
            AttrValue::List(
                i.aliases
                    .iter()
                    .map(|a| AttrValue::Str(a.as_str().into()))
                    .collect(),
            )
        }),
        "date" => info
            .and_then(|i| i.date.as_deref())
            .map(|s| AttrValue::Str(s.into())),
        "summary" => info
            .and_then(|i| i.summary.as_deref())
            .map(|s| AttrValue::Str(s.into())),
        "url" => info
            .and_then(|i| i.url.as_deref())
            .map(|s| AttrValue::Str(s.into())),
        "source" => g
            .node(n)
            .source
            .map(|s| AttrValue::Str(g.source(s).id.as_str().into())),
        other => g
            .node_attrs
            .get(n.index(), &other[ATTR_PREFIX.len()..])
            .cloned(),
    }
}

pub fn edge_value(g: &KnowledgeGraph, e: EdgeIndex, f: &Field) -> Option<AttrValue> {
    match f.name.as_str() {
        "relation" => Some(AttrValue::Str(g.relation_name(e).into())),
        "source" => g.source_id(e).map(|s| AttrValue::Str(s.into())),
        "note" => g.note(e).map(|s| AttrValue::Str(s.into())),
        other => g
            .edge_attrs
            .get(e.index(), &other[ATTR_PREFIX.len()..])
            .cloned(),
    }
}

/// Attribute columns are named `attr.<key>` inside this module so they never clash with the
/// fixed fields; `display_name` strips it again for output.
const ATTR_PREFIX: &str = "attr.";

pub fn display_name(f: &Field) -> &str {
    f.name.strip_prefix(ATTR_PREFIX).unwrap_or(&f.name)
}

fn list_of(v: &AttrValue) -> bool {
    matches!(v, AttrValue::List(_))
}

/// The node fields present on at least one node of the selection (fixed ones first).
pub fn node_fields(g: &KnowledgeGraph, sel: &Selection, with_kind: bool) -> Vec<Field> {
    let fixed = [
        ("kind", "string", false),
        ("name", "string", false),
        ("aliases", "string", true),
        ("external", "string", true),
        ("year", "int", false),
        ("date", "string", false),
        ("summary", "string", false),
        ("url", "string", false),
        ("source", "string", false),
    ];
    let mut out = Vec::new();
    for (name, ty, list) in fixed {
        if name == "kind" && !with_kind {
            continue;
        }
        let f = Field {
            name: name.into(),
            ty,
            list,
        };
        if sel.nodes.iter().any(|&n| node_value(g, n, &f).is_some()) {
            out.push(f);
        }
    }
    for key in g.node_attrs.keys() {
        let mut f = Field {
            name: format!("{ATTR_PREFIX}{key}"),
            ty: g.node_attrs.column_type(key),
            list: false,
        };
        let values: Vec<AttrValue> = sel
            .nodes
            .iter()
            .filter_map(|&n| node_value(g, n, &f))
            .collect();
        if values.is_empty() {
            continue;
        }
        f.list = values.iter().all(list_of);
        if f.list {
            f.ty = list_type(&values);
        } else if values.iter().any(list_of) {
            f.ty = "string";
        }
        out.push(f);
    }
    out
}

pub fn edge_fields(g: &KnowledgeGraph, sel: &Selection, with_relation: bool) -> Vec<Field> {
    let mut out = Vec::new();
    for name in ["relation", "source", "note"] {
        if name == "relation" && !with_relation {
            continue;
        }
        let f = Field {
            name: name.into(),
            ty: "string",
            list: false,
        };
        if sel.edges.iter().any(|&e| edge_value(g, e, &f).is_some()) {
            out.push(f);
        }
    }
    for key in g.edge_attrs.keys().filter(|k| *k != "note") {
        let f = Field {
            name: format!("{ATTR_PREFIX}{key}"),
            ty: g.edge_attrs.column_type(key),
            list: false,
        };
        if sel.edges.iter().any(|&e| edge_value(g, e, &f).is_some()) {
            out.push(f);
        }
    }
    out
}

fn list_type(values: &[AttrValue]) -> &'static str {
    let mut ty = "";
    for v in values {
        if let AttrValue::List(items) = v {
            for item in items.iter() {
                let t = match item {
                    AttrValue::Int(_) => "int",
                    AttrValue::Float(_) => "float",
                    AttrValue::Bool(_) => "boolean",
                    _ => "string",
                };
                ty = if ty.is_empty() || ty == t {
                    t
                } else {
                    "string"
                };
            }
        }
    }
    if ty.is_empty() {
        "string"
    } else {
        ty
    }
}

/// A value as one text cell: lists joined by `;` (the neo4j-admin array separator).
pub fn text(v: &AttrValue) -> String {
    match v {
        AttrValue::List(items) => items
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(";"),
        other => other.to_string(),
    }
}
