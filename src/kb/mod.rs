//! The TOML knowledge base: `schema.toml`, `sources.toml` and `<kind>/<id>.toml` files.

pub mod build;
pub mod entity;
pub mod sources;
pub mod toml_walk;

use std::fs;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Error, Report, SourceFile};
use crate::graph::KnowledgeGraph;
use crate::schema::{unknown_kind, Schema};
pub use build::Origins;
use entity::Record;

fn read(path: &Path) -> Result<SourceFile, Error> {
    let text = fs::read_to_string(path).map_err(|e| Error::io("read", path, e))?;
    Ok(SourceFile::new(path, text))
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| Error::io("read the directory", dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    Ok(paths)
}

/// An id is lowercase kebab-case: `dall-e-2`, `stable-diffusion`.
pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn kebab(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Loads and checks a knowledge-base directory. Every finding goes to the report; the
/// graph holds whatever could be built.
pub fn load(dir: &Path) -> Result<(KnowledgeGraph, Origins, Report), Error> {
    let mut report = Report::default();
    let schema_path = dir.join("schema.toml");
    if !schema_path.is_file() {
        return Err(Error::one(
            Diagnostic::error("no-schema", format!("{} has no schema.toml", dir.display()))
                .help("a knowledge base needs schema.toml (its kinds and relations); see graph/schema.toml"),
        ));
    }
    let schema_file = read(&schema_path)?;
    let schema = Schema::parse(&schema_file, &mut report);

    let sources_path = dir.join("sources.toml");
    let sources_file = if sources_path.is_file() {
        Some(read(&sources_path)?)
    } else {
        None
    };
    let sources = match &sources_file {
        Some(f) => sources::parse(f, &mut report),
        None => Vec::new(),
    };
    check_default_sources(&schema, &sources, &schema_file, &mut report);

    let mut records = Vec::new();
    for path in sorted_entries(dir)? {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if path.is_dir() {
            let Some(kind) = schema.kind_id(&name) else {
                let here = SourceFile::new(&path, String::new());
                report.push(
                    unknown_kind(&schema, &here, &name, None).label("a folder that is not a kind"),
                );
                continue;
            };
            for file_path in sorted_entries(&path)? {
                if file_path.extension().is_none_or(|e| e != "toml") {
                    continue;
                }
                let file = read(&file_path)?;
                let id = file_path
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .to_string();
                if !is_kebab(&id) {
                    report.push(
                        Diagnostic::error(
                            "bad-id",
                            format!("id `{id}` is not lowercase kebab-case"),
                        )
                        .in_file(&file)
                        .help(format!("rename the file to `{}.toml`", kebab(&id))),
                    );
                }
                // A file that does not parse still names a node, so edges to it are not
                // reported as unknown ids on top of the syntax error.
                let rec = Record::parse(&schema, file.clone(), id.clone(), kind, &mut report)
                    .unwrap_or_else(|| Record::empty(file, id, kind));
                records.push(rec);
            }
        } else if name.ends_with(".toml") && name != "schema.toml" && name != "sources.toml" {
            let here = SourceFile::new(&path, String::new());
            report.push(
                Diagnostic::warning(
                    "stray-file",
                    "a TOML file outside any kind folder is ignored",
                )
                .in_file(&here)
                .help("entities live in graph/<kind>/<id>.toml"),
            );
        }
    }
    if records.is_empty() && !report.has_errors() {
        report.push(Diagnostic::error(
            "empty-graph",
            format!(
                "{} holds no entities (graph/<kind>/<id>.toml)",
                dir.display()
            ),
        ));
    }
    let (graph, origins) =
        build::build(schema, sources, sources_file.as_ref(), records, &mut report);
    Ok((graph, origins, report))
}

/// A relation's `default_source` must name a source that exists.
fn check_default_sources(
    schema: &Schema,
    sources: &[(crate::graph::Source, toml_walk::Span)],
    file: &SourceFile,
    report: &mut Report,
) {
    for rel in schema.relations.values() {
        if let Some(s) = &rel.default_source {
            if !sources.iter().any(|(src, _)| &src.id == s) {
                report.push(
                    Diagnostic::error(
                        "unknown-source",
                        format!(
                            "relation `{}` cites `{s}` by default, which is not in sources.toml",
                            rel.name
                        ),
                    )
                    .in_file(file),
                );
            }
        }
    }
}
