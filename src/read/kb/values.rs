//! The table-valued fields of an entity file: `[attributes]` and `[external.<data set>]`.

use crate::diag::{Code, Diagnostic, Report, SourceFile};
use crate::graph::{AttrValue, External};
use crate::read::toml_walk::{self, unknown_key, Entry};

pub fn attributes(
    file: &SourceFile,
    entry: &Entry,
    report: &mut Report,
) -> Vec<(String, AttrValue)> {
    let Some(table) = entry.item.as_table_like() else {
        report.push(
            Diagnostic::error(Code::WrongType, "`attributes` must be a table")
                .at(file, entry.span())
                .label("expected [attributes]"),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, item) in table.iter() {
        match item.as_value().and_then(attr_value) {
            Some(v) => out.push((key.to_string(), v)),
            None => report.push(
                Diagnostic::error(
                    Code::WrongType,
                    format!(
                        "attribute `{key}` must be a string, number, boolean or a list of them"
                    ),
                )
                .at(file, item.span())
                .label("not a plain value"),
            ),
        }
    }
    out
}

fn attr_value(value: &toml_edit::Value) -> Option<AttrValue> {
    use toml_edit::Value as V;
    Some(match value {
        V::String(s) => AttrValue::Str(s.value().as_str().into()),
        V::Integer(i) => AttrValue::Int(*i.value()),
        V::Float(x) if x.value().is_finite() => AttrValue::Float(*x.value()),
        V::Float(_) => return None,
        V::Boolean(b) => AttrValue::Bool(*b.value()),
        V::Datetime(d) => AttrValue::Str(d.value().to_string().into()),
        V::Array(a) => {
            AttrValue::List(a.iter().map(attr_value).collect::<Option<Vec<_>>>()?.into())
        }
        V::InlineTable(_) => return None,
    })
}

/// `[external.epoch]` with `same = ["Llama 2-70B"]` and `variants = ["Llama 2-7B"]`.
pub fn external(file: &SourceFile, entry: &Entry, report: &mut Report) -> Vec<External> {
    let Some(namespaces) = toml_walk::entries_of(entry.item) else {
        report.push(
            Diagnostic::error(Code::WrongType, "`external` must be a table")
                .at(file, entry.span())
                .label("expected [external.<data set>] with same = [...] and variants = [...]"),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for ns in namespaces {
        let Some(keys) = toml_walk::entries_of(ns.item) else {
            report.push(
                Diagnostic::error(
                    Code::WrongType,
                    format!("`external.{}` must be a table", ns.key),
                )
                .at(file, ns.span())
                .label("expected same = [...] and variants = [...]"),
            );
            continue;
        };
        for k in keys {
            let variant = match k.key {
                "same" => false,
                "variants" => true,
                _ => {
                    report.push(unknown_key(
                        file,
                        &k,
                        &["same", "variants"],
                        "not a key of an external link",
                    ));
                    continue;
                }
            };
            for (name, _) in toml_walk::string_list(file, &k, report).unwrap_or_default() {
                out.push(External {
                    namespace: ns.key.to_string(),
                    name,
                    variant,
                });
            }
        }
    }
    out
}
