//! `graph/sources.toml`, the bibliography: one table per source id.

use crate::diag::{Code, Diagnostic, Report, SourceFile};
use crate::graph::Source;
use crate::read::toml_walk::{self, Span};
use crate::suggest::did_you_mean;

const KEYS: [&str; 5] = ["title", "authors", "year", "arxiv", "url"];

pub fn parse(file: &SourceFile, report: &mut Report) -> Vec<(Source, Span)> {
    let Some(doc) = toml_walk::parse(file, report) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in toml_walk::table_entries(doc.as_table()) {
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
            continue;
        };
        for e in inner {
            match e.key {
                "title" => source.title = toml_walk::string(file, &e, report).unwrap_or_default(),
                "arxiv" => source.arxiv = toml_walk::string(file, &e, report),
                "url" => source.url = toml_walk::string(file, &e, report),
                "year" => source.year = toml_walk::integer(file, &e, report).map(|y| y as i32),
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
        if source.title.is_empty() {
            report.push(
                Diagnostic::error(
                    Code::MissingKey,
                    format!("source `{}` has no title", entry.key),
                )
                .at(file, entry.key_span.clone())
                .label("add title = \"...\""),
            );
        }
        if source.arxiv.is_none() && source.url.is_none() {
            report.push(
                Diagnostic::error(
                    Code::MissingKey,
                    format!("source `{}` has neither arxiv nor url", entry.key),
                )
                .at(file, entry.key_span.clone())
                .label("where can a reader find it?"),
            );
        }
        out.push((source, entry.key_span.clone()));
    }
    out
}
