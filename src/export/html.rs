//! The interactive explorer: one self-contained HTML page (`--format html`). The page holds
//! the selection's nodes and edges, the schema's kinds and relations, and the sources they
//! cite, as JSON in a `<script type="application/json">` block; the script and styles in
//! `html/` are inlined beside it. Nothing is loaded from anywhere (a Content-Security-Policy
//! forbids it), the page works from `file://`, and the same input gives the same bytes.
//!
//! The layout (x by year, lanes by kind, rows ordered to shorten edges) runs in the page: it
//! is cheap (a few milliseconds at 2,500 nodes) and the same code lays out the family-tree
//! view of any node and re-lays the graph out when filters change.

use serde_json::{Map, Value};

use crate::export::json::{edge, node};
use crate::graph::{KnowledgeGraph, SourceId};
use crate::selection::Selection;

const TEMPLATE: &str = include_str!("html/explorer.html");
const SCRIPT: &str = include_str!("html/explorer.js");
const STYLE: &str = include_str!("html/explorer.css");

/// The title when the selection has none.
const DEFAULT_TITLE: &str = "genkg explorer";

/// The page for a selection.
pub fn write(g: &KnowledgeGraph, sel: &Selection) -> String {
    let title = if sel.title.is_empty() {
        DEFAULT_TITLE
    } else {
        &sel.title
    };
    let data = script_json(&data(g, sel, title));
    fill(TEMPLATE, |name| match name {
        "TITLE" => html_text(title),
        "STYLE" => STYLE.to_string(),
        "SCRIPT" => SCRIPT.to_string(),
        "DATA" => data.clone(),
        other => panic!("unknown placeholder {{{{{other}}}}} in explorer.html"),
    })
}

/// Everything the page shows, as one JSON value (keys in a fixed order, lists sorted).
pub fn data(g: &KnowledgeGraph, sel: &Selection, title: &str) -> Value {
    let mut o = Map::new();
    o.insert("title".into(), title.into());
    o.insert(
        "generator".into(),
        concat!("genkg ", env!("CARGO_PKG_VERSION")).into(),
    );
    o.insert("schema".into(), schema_json(g));
    o.insert(
        "nodes".into(),
        sel.nodes
            .iter()
            .map(|&n| serde_json::to_value(node(g, n)).expect("plain JSON"))
            .collect(),
    );
    o.insert(
        "edges".into(),
        sel.edges
            .iter()
            .map(|&e| serde_json::to_value(edge(g, e)).expect("plain JSON"))
            .collect(),
    );
    o.insert("sources".into(), sources_json(g, sel));
    let mut focus: Vec<&str> = sel.focus.iter().map(|&n| g.id(n)).collect();
    focus.sort_unstable();
    o.insert("focus".into(), focus.into());
    Value::Object(o)
}

/// Kinds and relations in schema order, with what the page needs to draw and word them.
fn schema_json(g: &KnowledgeGraph) -> Value {
    let kinds: Vec<Value> = g
        .schema
        .kinds
        .values()
        .map(|k| {
            let mut o = Map::new();
            o.insert("name".into(), k.name.as_str().into());
            o.insert("description".into(), k.description.as_str().into());
            o.insert("shape".into(), k.shape.as_str().into());
            o.insert("color".into(), k.color.as_str().into());
            o.insert("fill".into(), k.fill.as_str().into());
            Value::Object(o)
        })
        .collect();
    let relations: Vec<Value> = g
        .schema
        .relations
        .values()
        .map(|r| {
            let mut o = Map::new();
            o.insert("name".into(), r.name.as_str().into());
            o.insert("phrase".into(), r.phrase.as_str().into());
            o.insert("inverse".into(), r.inverse.as_str().into());
            o.insert("lineage".into(), r.lineage.into());
            o.insert("style".into(), r.style.as_str().into());
            o.insert("color".into(), r.color.as_str().into());
            Value::Object(o)
        })
        .collect();
    let mut o = Map::new();
    o.insert("kinds".into(), kinds.into());
    o.insert("relations".into(), relations.into());
    Value::Object(o)
}

/// The sources cited by the selection's nodes and edges, sorted by id.
fn sources_json(g: &KnowledgeGraph, sel: &Selection) -> Value {
    let mut cited: Vec<SourceId> = sel
        .nodes
        .iter()
        .filter_map(|&n| g.node(n).source)
        .chain(sel.edges.iter().filter_map(|&e| g.edge(e).source))
        .collect();
    cited.sort_unstable_by(|&a, &b| g.source(a).id.cmp(&g.source(b).id));
    cited.dedup();
    cited
        .into_iter()
        .map(|s| {
            let src = g.source(s);
            let mut o = Map::new();
            o.insert("id".into(), src.id.as_str().into());
            o.insert("title".into(), src.title.as_str().into());
            o.insert("authors".into(), src.authors.clone().into());
            if let Some(y) = src.year {
                o.insert("year".into(), y.into());
            }
            if let Some(link) = src.link() {
                o.insert("link".into(), link.into());
            }
            Value::Object(o)
        })
        .collect()
}

/// JSON that can sit inside `<script type="application/json">`: `<`, `>` and `&` (which
/// only occur inside strings) become `\u003c`, `\u003e`, `\u0026`, so no `</script>` or
/// `<!--` in the data can end the block early.
pub fn script_json(v: &Value) -> String {
    let s = serde_json::to_string(v).expect("JSON of plain values");
    let mut out = String::with_capacity(s.len() + s.len() / 64);
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// Text for an HTML element's content or an attribute value.
fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Replaces each `{{NAME}}` of the template in one pass, so that a value is never searched
/// for placeholders itself.
fn fill(template: &str, value: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(template.len() + (1 << 16));
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        let name = &rest[start + 2..start + 2 + len];
        out.push_str(&rest[..start]);
        out.push_str(&value(name));
        rest = &rest[start + 2 + len + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script_block() {
        let v = serde_json::json!({"name": "</script><script>alert(1)</script> & <!--"});
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: Value = serde_json::from_str(&s).expect("still JSON");
        assert_eq!(back, v);
    }

    #[test]
    fn assets_cannot_close_their_blocks() {
        assert!(!SCRIPT.to_ascii_lowercase().contains("</script"));
        assert!(!STYLE.to_ascii_lowercase().contains("</style"));
        // The placeholders are in the template, and only there.
        for name in ["TITLE", "STYLE", "SCRIPT", "DATA"] {
            assert_eq!(TEMPLATE.matches(&format!("{{{{{name}}}}}")).count(), 1);
        }
    }

    #[test]
    fn fill_replaces_each_placeholder_once() {
        let out = fill("a {{X}} b {{Y}} c", |n| format!("[{n} {{{{Y}}}}]"));
        assert_eq!(out, "a [X {{Y}}] b [Y {{Y}}] c");
    }

    #[test]
    fn html_text_escapes_markup() {
        assert_eq!(html_text("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
    }
}
