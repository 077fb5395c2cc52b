//! The targets of a relation key: `uses = ["clip", { to = "ddpm", source = "ho2020", note = "..." }]`.

use crate::diag::{Code, Diagnostic, Report, SourceFile};
use crate::read::kb::entity::{RawEdge, Spanned};
use crate::read::toml_walk::{self, unknown_key, Entry};
use toml_edit::Value;

const TARGET_KEYS: [&str; 3] = ["to", "source", "note"];

pub fn targets(file: &SourceFile, entry: &Entry, report: &mut Report) -> Vec<RawEdge> {
    let Some(array) = entry.item.as_array() else {
        report.push(
            Diagnostic::error(
                Code::WrongType,
                format!("`{}` must be a list of targets", entry.key),
            )
            .at(file, entry.span())
            .label("expected a list")
            .help(format!(
                "write `{} = [\"id\"]` or `{} = [{{ to = \"id\", source = \"...\" }}]`",
                entry.key, entry.key
            )),
        );
        return Vec::new();
    };
    array
        .iter()
        .filter_map(|value| target(file, entry.key, value, report))
        .collect()
}

/// One target: `"id"`, or `{ to = "id", source = "...", note = "..." }`.
fn target(file: &SourceFile, key: &str, value: &Value, report: &mut Report) -> Option<RawEdge> {
    let mut edge = RawEdge {
        relation: key.to_string(),
        to: Spanned {
            value: String::new(),
            span: value.span(),
        },
        source: None,
        note: None,
    };
    if let Some(s) = value.as_str() {
        edge.to.value = s.to_string();
        return Some(edge);
    }
    let Some(table) = value.as_inline_table() else {
        report.push(
            Diagnostic::error(
                Code::WrongType,
                format!("a target of `{key}` must be an id or a table"),
            )
            .at(file, value.span())
            .label("expected \"id\" or { to = \"id\" }"),
        );
        return None;
    };
    for e in toml_walk::inline_entries(table) {
        let spanned = |value: String| Spanned {
            value,
            span: e.span(),
        };
        match e.key {
            "to" => {
                if let Some(s) = toml_walk::string(file, &e, report) {
                    edge.to = spanned(s);
                }
            }
            "source" => edge.source = toml_walk::string(file, &e, report).map(spanned),
            "note" => edge.note = toml_walk::string(file, &e, report),
            _ => report.push(unknown_key(file, &e, &TARGET_KEYS, "not a key of a target")),
        }
    }
    if edge.to.value.is_empty() {
        report.push(
            Diagnostic::error(Code::MissingKey, "a relation target needs `to`")
                .at(file, value.span())
                .label("no `to` here")
                .help("write `{ to = \"id\", source = \"...\" }`"),
        );
        return None;
    }
    Some(edge)
}
