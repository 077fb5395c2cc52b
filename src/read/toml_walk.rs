//! Small readers over toml_edit's spanned document: each returns the value with its byte
//! span, or pushes a diagnostic that points at the offending key or value.

use std::ops::Range;

use toml_edit::Item;

use crate::diag::{Code, Diagnostic, Report, SourceFile};
use crate::suggest::did_you_mean;

pub type Span = Option<Range<usize>>;

/// One `key = value` of a table or inline table, with the key's span.
pub struct Entry<'a> {
    pub key: &'a str,
    pub key_span: Span,
    pub item: &'a Item,
}

impl Entry<'_> {
    pub fn span(&self) -> Span {
        self.item.span().or_else(|| self.key_span.clone())
    }
}

pub fn table_entries(table: &toml_edit::Table) -> Vec<Entry<'_>> {
    table
        .iter()
        .filter_map(|(k, _)| table.get_key_value(k))
        .map(|(key, item)| Entry {
            key: key.get(),
            key_span: key.span(),
            item,
        })
        .collect()
}

pub fn inline_entries(table: &toml_edit::InlineTable) -> Vec<Entry<'_>> {
    table
        .iter()
        .filter_map(|(k, _)| table.get_key_value(k))
        .map(|(key, item)| Entry {
            key: key.get(),
            key_span: key.span(),
            item,
        })
        .collect()
}

/// The entries of a `[table]` or an inline `{ table }`; `None` for anything else.
pub fn entries_of(item: &Item) -> Option<Vec<Entry<'_>>> {
    match item {
        Item::Table(t) => Some(table_entries(t)),
        Item::Value(toml_edit::Value::InlineTable(t)) => Some(inline_entries(t)),
        _ => None,
    }
}

/// Parses a file, turning a syntax error into a diagnostic at its position.
pub fn parse(file: &SourceFile, report: &mut Report) -> Option<toml_edit::ImDocument<String>> {
    match toml_edit::ImDocument::parse(file.text().to_string()) {
        Ok(doc) => Some(doc),
        Err(e) => {
            let message = e.message().trim().to_string();
            report.push(
                Diagnostic::error(Code::TomlSyntax, format!("invalid TOML: {message}"))
                    .at(file, e.span())
                    .label("here"),
            );
            None
        }
    }
}

fn type_error(file: &SourceFile, entry: &Entry, expected: &str) -> Diagnostic {
    Diagnostic::error(
        Code::WrongType,
        format!("`{}` must be {expected}", entry.key),
    )
    .at(file, entry.span())
    .label(format!("expected {expected}"))
}

pub fn string(file: &SourceFile, entry: &Entry, report: &mut Report) -> Option<String> {
    match entry.item.as_str() {
        Some(s) => Some(s.to_string()),
        None => {
            report.push(type_error(file, entry, "a string"));
            None
        }
    }
}

pub fn integer(file: &SourceFile, entry: &Entry, report: &mut Report) -> Option<i64> {
    match entry.item.as_integer() {
        Some(i) => Some(i),
        None => {
            report.push(type_error(file, entry, "an integer"));
            None
        }
    }
}

/// A year: an integer small enough to be one (i32).
pub fn year(file: &SourceFile, entry: &Entry, report: &mut Report) -> Option<i32> {
    match entry.item.as_integer().map(i32::try_from) {
        Some(Ok(y)) => Some(y),
        _ => {
            report.push(type_error(file, entry, "an integer"));
            None
        }
    }
}

pub fn boolean(file: &SourceFile, entry: &Entry, report: &mut Report) -> Option<bool> {
    match entry.item.as_bool() {
        Some(b) => Some(b),
        None => {
            report.push(type_error(file, entry, "true or false"));
            None
        }
    }
}

/// A list of strings, each with its own span.
pub fn string_list(
    file: &SourceFile,
    entry: &Entry,
    report: &mut Report,
) -> Option<Vec<(String, Span)>> {
    let Some(array) = entry.item.as_array() else {
        report.push(type_error(file, entry, "a list of strings"));
        return None;
    };
    let mut out = Vec::new();
    for value in array.iter() {
        match value.as_str() {
            Some(s) => out.push((s.to_string(), value.span())),
            None => report.push(
                Diagnostic::error(
                    Code::WrongType,
                    format!("`{}` must hold strings", entry.key),
                )
                .at(file, value.span())
                .label("not a string"),
            ),
        }
    }
    Some(out)
}

/// A key this table does not take, with the closest it does.
pub fn unknown_key(file: &SourceFile, entry: &Entry, known: &[&str], label: &str) -> Diagnostic {
    Diagnostic::error(Code::UnknownKey, format!("unknown key `{}`", entry.key))
        .at(file, entry.key_span.clone())
        .label(label)
        .help(
            did_you_mean(entry.key, known.iter().copied())
                .unwrap_or_else(|| format!("known keys: {}", known.join(", "))),
        )
}
