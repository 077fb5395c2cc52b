//! Node-link JSON, as `genkg export --format json` writes it; loading and exporting again
//! gives the same bytes.

use std::path::Path;

use serde::Deserialize;

use crate::diag::{Diagnostic, Error, Report};
use crate::graph::{AttrValue, Edge, KnowledgeGraph, Node, NodeInfo};
use crate::load::beside;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    nodes: Vec<JsonNode>,
    edges: Vec<JsonEdge>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonNode {
    id: String,
    kind: String,
    name: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    year: Option<i32>,
    date: Option<String>,
    summary: Option<String>,
    url: Option<String>,
    source: Option<String>,
    #[serde(default)]
    attributes: serde_json::Map<String, serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonEdge {
    from: String,
    to: String,
    relation: String,
    source: Option<String>,
    note: Option<String>,
    #[serde(default)]
    attributes: serde_json::Map<String, serde_json::Value>,
}

fn attr(v: &serde_json::Value) -> Option<AttrValue> {
    use serde_json::Value as V;
    Some(match v {
        V::String(s) => AttrValue::Str(s.as_str().into()),
        V::Bool(b) => AttrValue::Bool(*b),
        V::Number(n) => match n.as_i64() {
            Some(i) => AttrValue::Int(i),
            None => AttrValue::Float(n.as_f64()?),
        },
        V::Array(items) => {
            AttrValue::List(items.iter().map(attr).collect::<Option<Vec<_>>>()?.into())
        }
        V::Null | V::Object(_) => return None,
    })
}

pub fn load(path: &Path) -> Result<(KnowledgeGraph, Report), Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io("read", path, e))?;
    let doc: Doc = serde_json::from_str(&text).map_err(|e| {
        Error::one(
            Diagnostic::error("bad-json", format!("{}:{}:{}: {e}", path.display(), e.line(), e.column()))
                .help("expected {\"nodes\":[{\"id\",\"kind\",\"name\",...}],\"edges\":[{\"from\",\"to\",\"relation\",...}]}"),
        )
    })?;
    let mut report = Report::default();
    let dir = path.parent().unwrap_or(Path::new("."));
    let side = beside::read(dir, &mut report)?;
    let (mut g, strict) = side.graph(doc.nodes.len(), doc.edges.len());
    let at = |what: String, msg: String| format!("{}: {what}: {msg}", path.display());

    for (i, n) in doc.nodes.iter().enumerate() {
        let kind = match beside::kind(&mut g, strict, &n.kind) {
            Ok(k) => k,
            Err(d) => {
                report.push(Diagnostic {
                    message: at(format!("nodes[{i}]"), d.message.clone()),
                    ..*d
                });
                continue;
            }
        };
        let has_info =
            !n.aliases.is_empty() || n.date.is_some() || n.summary.is_some() || n.url.is_some();
        let node = Node {
            kind,
            year: n.year,
            name: n.name.as_deref().map(Into::into),
            source: n.source.as_deref().map(|s| beside::source(&mut g, s)),
            info: has_info.then(|| {
                Box::new(NodeInfo {
                    aliases: n.aliases.clone(),
                    date: n.date.clone(),
                    summary: n.summary.clone(),
                    url: n.url.clone(),
                    external: Vec::new(),
                })
            }),
        };
        match g.add_node(&n.id, node) {
            Ok(idx) => {
                for (k, v) in &n.attributes {
                    match attr(v) {
                        Some(v) => g.node_attrs.set(idx.index(), k, v),
                        None => report.push(Diagnostic::error(
                            "bad-json",
                            at(
                                format!("nodes[{i}].attributes.{k}"),
                                "must be a string, number, boolean or list".into(),
                            ),
                        )),
                    }
                }
            }
            Err(_) => report.push(Diagnostic::error(
                "duplicate-id",
                at(
                    format!("nodes[{i}]"),
                    format!("id `{}` is defined twice", n.id),
                ),
            )),
        }
    }
    let mut unknown = 0usize;
    for (i, e) in doc.edges.iter().enumerate() {
        let (Some(a), Some(b)) = (g.index_of(&e.from), g.index_of(&e.to)) else {
            unknown += 1;
            if unknown <= 5 {
                let missing = if g.index_of(&e.from).is_none() {
                    &e.from
                } else {
                    &e.to
                };
                report.push(
                    Diagnostic::error(
                        "unknown-id",
                        at(
                            format!("edges[{i}]"),
                            format!("no node has the id `{missing}`"),
                        ),
                    )
                    .help_opt(crate::suggest::phrase(
                        &crate::resolve::suggestions(&g, missing),
                    )),
                );
            }
            continue;
        };
        let relation = match beside::relation(&mut g, strict, &e.relation) {
            Ok(r) => r,
            Err(d) => {
                report.push(Diagnostic {
                    message: at(format!("edges[{i}]"), d.message.clone()),
                    ..*d
                });
                continue;
            }
        };
        let source = e.source.as_deref().map(|s| beside::source(&mut g, s));
        let idx = g.add_edge(a, b, Edge { relation, source });
        if let Some(note) = &e.note {
            g.edge_attrs
                .set(idx.index(), "note", AttrValue::Str(note.as_str().into()));
        }
        for (k, v) in &e.attributes {
            if let Some(v) = attr(v) {
                g.edge_attrs.set(idx.index(), k, v);
            }
        }
    }
    if unknown > 5 {
        report.push(Diagnostic::error(
            "unknown-id",
            format!(
                "{}: {unknown} edges to unknown ids in all ({} more not shown)",
                path.display(),
                unknown - 5
            ),
        ));
    }
    Ok((g, report))
}
