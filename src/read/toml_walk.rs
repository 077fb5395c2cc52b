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

/// The entry's value as `read` takes it, or a type error saying what was `expected`.
fn typed<T>(
    file: &SourceFile,
    entry: &Entry,
    report: &mut Report,
    expected: &str,
    read: impl FnOnce(&Item) -> Option<T>,
) -> Option<T> {
    let value = read(entry.item);
    if value.is_none() {
        report.push(type_error(file, entry, expected));
    }
    value
}

pub fn string(file: &SourceFile, entry: &Entry, report: &mut Report) -> Option<String> {
    typed(file, entry, report, "a string", |i| {
        i.as_str().map(String::from)
    })
}

pub fn integer(file: &SourceFile, entry: &Entry, report: &mut Report) -> Option<i64> {
    typed(file, entry, report, "an integer", Item::as_integer)
}

/// A year: an integer small enough to be one (i32).
pub fn year(file: &SourceFile, entry: &Entry, report: &mut Report) -> Option<i32> {
    typed(file, entry, report, "an integer", |i| {
        i.as_integer().and_then(|y| i32::try_from(y).ok())
    })
}

pub fn boolean(file: &SourceFile, entry: &Entry, report: &mut Report) -> Option<bool> {
    typed(file, entry, report, "true or false", Item::as_bool)
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
