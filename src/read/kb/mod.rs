//! The TOML knowledge base: `schema.toml`, `sources.toml` and `<kind>/<id>.toml` files.
//! Read into records with spans, then handed to the builder: nodes in id order, then edges.

mod entity;
mod relations;
mod sources;
mod values;

use std::path::Path;

use crate::build::{Builder, FileId, Origin, OriginFile};
use crate::diag::{Code, Diagnostic, Error};
use crate::graph::{AttrValue, Node, NodeInfo};
use crate::read::{beside, files, schema_toml, Reader};
pub use entity::FIELDS;
use entity::{Record, Spanned};

/// A directory of TOML files (the default graph, `graph/`).
pub struct KnowledgeBase;

impl Reader for KnowledgeBase {
    fn name(&self) -> &'static str {
        "a knowledge-base directory (schema.toml, sources.toml, <kind>/<id>.toml)"
    }

    fn recognises(&self, path: &Path) -> bool {
        path.is_dir()
    }

    fn read(&self, dir: &Path, b: &mut Builder) -> Result<(), Error> {
        read(dir, b)
    }
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

fn span_origin(file: FileId, span: &Option<std::ops::Range<usize>>) -> Origin {
    match span {
        Some(s) => Origin::new(file, s.start, s.len()),
        None => Origin::file(file),
    }
}

fn read(dir: &Path, b: &mut Builder) -> Result<(), Error> {
    let schema_path = dir.join("schema.toml");
    if !beside::present(&schema_path)? {
        return Err(Error::one(
            Diagnostic::error(Code::NoSchema, format!("{} has no schema.toml", dir.display()))
                .help("a knowledge base needs schema.toml (its kinds and relations); see graph/schema.toml"),
        ));
    }
    schema_toml::read(&schema_path, b)?;

    let sources_path = dir.join("sources.toml");
    if beside::present(&sources_path)? {
        read_sources(&sources_path, b)?;
    }

    let mut records = records(dir, b)?;
    if records.is_empty() && !b.report().has_errors() {
        b.report().push(Diagnostic::error(
            Code::EmptyGraph,
            format!(
                "{} holds no entities (graph/<kind>/<id>.toml)",
                dir.display()
            ),
        ));
    }
    // Sorted by id, so node indices (and everything that iterates them) are stable.
    records.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.file.path.cmp(&b.file.path)));
    let placed: Vec<(FileId, Record)> = records
        .into_iter()
        .map(|r| (b.add_file(OriginFile::Text(r.file.clone())), r))
        .collect();
    let mut added = Vec::new();
    for (file, rec) in &placed {
        if let Some(n) = add_node(b, *file, rec) {
            added.push((n, *file, rec));
        }
    }
    for (n, file, rec) in added {
        add_edges(b, n, file, rec);
    }
    Ok(())
}

/// The bibliography, `sources.toml` (of a knowledge base, or beside a JSON or CSV graph).
pub fn read_sources(path: &Path, b: &mut Builder) -> Result<(), Error> {
    let file = files::read_text(path)?;
    let parsed = sources::parse(&file, b.report());
    let id = b.add_file(OriginFile::Text(file));
    for (source, span) in parsed {
        b.declare_source(source, span_origin(id, &span));
    }
    Ok(())
}

/// Every entity file under the kind folders, parsed.
fn records(dir: &Path, b: &mut Builder) -> Result<Vec<Record>, Error> {
    let schema = b.schema().clone();
    let mut out = Vec::new();
    for path in files::sorted_entries(dir)? {
        let name = file_name(&path);
        if name == "schema.toml" || name == "sources.toml" {
            continue;
        }
        if path.is_dir() {
            for file_path in files::sorted_entries(&path)? {
                if file_path.extension().is_none_or(|e| e != "toml") {
                    continue;
                }
                let file = files::read_text(&file_path)?;
                let id = file_path
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .to_string();
                if !is_kebab(&id) {
                    b.report().push(
                        Diagnostic::error(
                            Code::BadId,
                            format!("id `{id}` is not lowercase kebab-case"),
                        )
                        .in_file(&file)
                        .help(format!("rename the file to `{}.toml`", kebab(&id))),
                    );
                }
                out.push(Record::parse(&schema, file, id, name.clone(), b.report()));
            }
        } else if name.ends_with(".toml") {
            b.report().push(
                Diagnostic::warning(
                    Code::StrayFile,
                    "a TOML file outside any kind folder is ignored",
                )
                .in_path(&path)
                .help("entities live in graph/<kind>/<id>.toml"),
            );
        }
    }
    Ok(out)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string()
}

fn add_node(b: &mut Builder, file: FileId, rec: &Record) -> Option<petgraph::graph::NodeIndex> {
    let kind = b.kind(&rec.kind)?;
    let source = rec
        .source
        .as_ref()
        .map(|s| b.cite(&s.value, span_origin(file, &s.span)));
    let info = NodeInfo {
        aliases: rec.aliases.clone(),
        date: rec.date.as_ref().map(|d| d.value.clone()),
        summary: rec.summary.clone(),
        url: rec.url.clone(),
        external: rec.external.clone(),
    };
    let node = Node {
        kind,
        year: rec.year,
        name: rec.name.as_deref().map(Into::into),
        source,
        info: Some(Box::new(info)),
    };
    let date_at = rec
        .date
        .as_ref()
        .map_or(Origin::NONE, |d| span_origin(file, &d.span));
    let attrs = rec
        .attributes
        .iter()
        .map(|(key, value)| (b.node_column(key), value.clone()))
        .collect();
    b.add_node(&rec.id, node, attrs, Origin::file(file), date_at)
}

fn add_edges(b: &mut Builder, n: petgraph::graph::NodeIndex, file: FileId, rec: &Record) {
    for raw in &rec.edges {
        let Some(relation) = b.relation(&raw.relation) else {
            continue;
        };
        let source = raw
            .source
            .as_ref()
            .map(|s: &Spanned<String>| b.cite(&s.value, span_origin(file, &s.span)));
        let at = span_origin(file, &raw.to.span);
        let Some(to) = b.node_index(&raw.to.value) else {
            b.split().1.unknown_end(&raw.to.value, at);
            continue;
        };
        let Some(e) = b.split().1.add_edge(n, to, relation, source, at) else {
            continue;
        };
        if let Some(note) = &raw.note {
            b.split()
                .1
                .set_edge_attr(e, "note", AttrValue::Str(note.as_str().into()));
        }
    }
}
