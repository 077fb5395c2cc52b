//! Node-link JSON, as `genkg export --format json` writes it (`crate::nodelink`), with
//! `schema.toml` and `sources.toml` beside it when there are.

mod offsets;

use std::path::Path;

use crate::build::{Builder, Origin, OriginFile};
use crate::diag::{Code, Diagnostic, Error};
use crate::graph::{AttrValue, External, Node, NodeInfo};
use crate::nodelink::{Document, JsonEdge, JsonNode, SHAPE};
use crate::read::{beside, files, Reader};

/// A `.json` file (or any file that starts with `{`).
pub struct NodeLink;

impl Reader for NodeLink {
    fn name(&self) -> &'static str {
        "a node-link JSON file (genkg export --format json)"
    }

    fn recognises(&self, path: &Path) -> bool {
        path.is_file()
            && (path.extension().is_some_and(|e| e == "json") || files::starts_with(path, b'{'))
    }

    fn read(&self, path: &Path, b: &mut Builder) -> Result<(), Error> {
        read(path, b)
    }
}

/// A UTF-8 byte-order mark, which some editors write: accepted, as for CSV.
const BOM: &str = "\u{feff}";

fn read(path: &Path, b: &mut Builder) -> Result<(), Error> {
    let file = files::read_text(path)?;
    let skip = if file.text().starts_with(BOM) {
        BOM.len()
    } else {
        0
    };
    let doc: Document = serde_json::from_str(&file.text()[skip..]).map_err(|e| {
        let at = file.offset_of(e.line(), e.column().max(1)) + skip;
        Error::one(
            Diagnostic::error(Code::BadJson, format!("invalid node-link JSON: {e}"))
                .at(&file, Some(at..at + 1))
                .label("here")
                .help(SHAPE),
        )
    })?;
    let (node_starts, edge_starts) = offsets::element_starts(&file.text()[skip..]);
    let dir = path.parent().unwrap_or(Path::new("."));
    beside::read(dir, b)?;
    let text = file.text().to_string();
    let id = b.add_file(OriginFile::Text(file));
    let origin = |starts: &[usize], i: usize| match starts.get(i) {
        Some(&s) => {
            let (at, len) = offsets::first_key(&text, s + skip);
            Origin::new(id, at, len)
        }
        None => Origin::file(id),
    };
    b.reserve(doc.nodes.len(), doc.edges.len());
    for (i, n) in doc.nodes.into_iter().enumerate() {
        add_node(b, n, origin(&node_starts, i));
    }
    for (i, e) in doc.edges.into_iter().enumerate() {
        add_edge(b, e, origin(&edge_starts, i));
    }
    Ok(())
}

/// A JSON attribute value; `None` for null and objects, and numbers that are not finite.
fn attr(v: &serde_json::Value) -> Option<AttrValue> {
    use serde_json::Value as V;
    Some(match v {
        V::String(s) => AttrValue::Str(s.as_str().into()),
        V::Bool(b) => AttrValue::Bool(*b),
        V::Number(n) => match n.as_i64() {
            Some(i) => AttrValue::Int(i),
            None => AttrValue::Float(n.as_f64().filter(|x| x.is_finite())?),
        },
        V::Array(items) => {
            AttrValue::List(items.iter().map(attr).collect::<Option<Vec<_>>>()?.into())
        }
        V::Null | V::Object(_) => return None,
    })
}

fn bad_attribute(b: &mut Builder, key: &str, at: Origin) {
    let d = Diagnostic::error(
        Code::WrongType,
        format!("attribute `{key}` must be a string, number, boolean or a list of them"),
    )
    .located(b.origins().locate(at))
    .label("in this element");
    b.report().push(d);
}

fn external(
    map: std::collections::BTreeMap<String, crate::nodelink::JsonExternal>,
) -> Vec<External> {
    let mut out = Vec::new();
    for (namespace, links) in map {
        for (names, variant) in [(links.same, false), (links.variants, true)] {
            out.extend(names.into_iter().map(|name| External {
                namespace: namespace.clone(),
                name,
                variant,
            }));
        }
    }
    out
}

fn add_node(b: &mut Builder, n: JsonNode, at: Origin) {
    if n.id.is_empty() {
        let d = Diagnostic::error(Code::BadId, "a node without an id")
            .located(b.origins().locate(at))
            .label("its `id` is empty")
            .help("every node needs a non-empty `id`, which edges' `from` and `to` name");
        b.report().push(d);
        return;
    }
    let Some(kind) = b.kind(&n.kind) else { return };
    let source = n.source.as_deref().map(|s| b.cite(s, at));
    let info = NodeInfo {
        aliases: n.aliases,
        date: n.date,
        summary: n.summary,
        url: n.url,
        external: external(n.external),
    };
    let node = Node {
        kind,
        year: n.year,
        name: n.name.map(Into::into),
        source,
        info: (!info.is_empty()).then(|| Box::new(info)),
    };
    let mut attrs = Vec::new();
    for (k, v) in &n.attributes {
        match attr(v) {
            Some(v) => attrs.push((b.node_column(k), v)),
            None => bad_attribute(b, k, at),
        }
    }
    b.add_node(&n.id, node, attrs, at, Origin::NONE);
}

fn add_edge(b: &mut Builder, e: JsonEdge, at: Origin) {
    let Some(relation) = b.relation(&e.relation) else {
        return;
    };
    let source = e.source.as_deref().map(|s| b.cite(s, at));
    let Some(idx) = b.edge_by_ids(&e.from, &e.to, relation, source, at) else {
        return;
    };
    if let Some(note) = e.note {
        b.split()
            .1
            .set_edge_attr(idx, "note", AttrValue::Str(note.into()));
    }
    for (k, v) in &e.attributes {
        match attr(v) {
            Some(v) => b.split().1.set_edge_attr(idx, k, v),
            None => bad_attribute(b, k, at),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn source_file_offsets_round_trip() {
        let f = crate::diag::SourceFile::new(std::path::Path::new("x"), "ab\ncdé\nf".into());
        assert_eq!(f.offset_of(2, 3), 5);
        assert_eq!(f.line_col(5), (2, 3));
    }
}
