//! `graph/sources.toml`, the bibliography: one table per source id.

use crate::diag::{Code, Diagnostic, Report, SourceFile};
use crate::graph::Source;
use crate::read::toml_walk::{self, Entry, Span};
use crate::suggest::did_you_mean;

const KEYS: [&str; 5] = ["title", "authors", "year", "arxiv", "url"];

pub fn parse(file: &SourceFile, report: &mut Report) -> Vec<(Source, Span)> {
    let Some(doc) = toml_walk::parse(file, report) else {
        return Vec::new();
    };
    toml_walk::table_entries(doc.as_table())
        .iter()
        .filter_map(|entry| source(file, entry, report).map(|s| (s, entry.key_span.clone())))
        .collect()
}

/// `[id]` with title, authors, year, arxiv and url.
fn source(file: &SourceFile, entry: &Entry, report: &mut Report) -> Option<Source> {
    let mut source = Source {
        id: entry.key.to_string(),
        ..Source::default()
    };
    let Some(inner) = toml_walk::entries_of(entry.item) else {
        report.push(
            Diagnostic::error(
                Code::WrongType,
                format!("source `{}` must be a table", entry.key),
            )
            .at(file, entry.span())
            .label("expected [id] with title, authors, year, arxiv or url"),
        );
        return None;
    };
    for e in inner {
        match e.key {
            "title" => source.title = toml_walk::string(file, &e, report).unwrap_or_default(),
            "arxiv" => source.arxiv = toml_walk::string(file, &e, report),
            "url" => source.url = toml_walk::string(file, &e, report),
            "year" => source.year = toml_walk::year(file, &e, report),
            "authors" => {
                let list = toml_walk::string_list(file, &e, report).unwrap_or_default();
                source.authors = list.into_iter().map(|(a, _)| a).collect();
            }
            _ => report.push(
                Diagnostic::error(
                    Code::UnknownKey,
                    format!("unknown key `{}` in source `{}`", e.key, entry.key),
                )
                .at(file, e.key_span.clone())
                .label("not a key of a source")
                .help(
                    did_you_mean(e.key, KEYS)
                        .unwrap_or_else(|| format!("keys: {}", KEYS.join(", "))),
                ),
            ),
        }
    }
    let missing = |what: &str, label: &str| {
        Diagnostic::error(
            Code::MissingKey,
            format!("source `{}` has {what}", entry.key),
        )
        .at(file, entry.key_span.clone())
        .label(label.to_string())
    };
    if source.title.is_empty() {
        report.push(missing("no title", "add title = \"...\""));
    }
    if source.arxiv.is_none() && source.url.is_none() {
        report.push(missing(
            "neither arxiv nor url",
            "where can a reader find it?",
        ));
    }
    Some(source)
}
