//! One entity file, `graph/<kind>/<id>.toml`, read into a Record that keeps the spans of
//! what validation may need to point at.

use crate::diag::{Code, Diagnostic, Report, SourceFile};
use crate::graph::{AttrValue, External};
use crate::read::kb::{relations, values};
use crate::read::toml_walk::{self, Entry, Span};
use crate::schema::Schema;
use crate::suggest::did_you_mean;

/// The keys an entity file may have besides its relations.
pub const FIELDS: [&str; 9] = [
    "name",
    "aliases",
    "year",
    "date",
    "summary",
    "source",
    "url",
    "attributes",
    "external",
];

#[derive(Debug, Clone)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// `uses = ["clip"]`: one target of a relation key.
#[derive(Debug, Clone)]
pub struct RawEdge {
    pub relation: String,
    pub to: Spanned<String>,
    pub source: Option<Spanned<String>>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Record {
    pub file: SourceFile,
    pub id: String,
    /// The folder the file is in.
    pub kind: String,
    pub name: Option<String>,
    pub aliases: Vec<String>,
    pub year: Option<i32>,
    pub date: Option<Spanned<String>>,
    pub summary: Option<String>,
    pub url: Option<String>,
    pub source: Option<Spanned<String>>,
    pub attributes: Vec<(String, AttrValue)>,
    pub external: Vec<External>,
    pub edges: Vec<RawEdge>,
}

impl Record {
    /// A record with nothing but its id: what a file that does not parse still names, so
    /// that edges to it are not reported as unknown ids on top of the syntax error.
    pub fn empty(file: SourceFile, id: String, kind: String) -> Record {
        Record {
            file,
            id,
            kind,
            name: None,
            aliases: Vec::new(),
            year: None,
            date: None,
            summary: None,
            url: None,
            source: None,
            attributes: Vec::new(),
            external: Vec::new(),
            edges: Vec::new(),
        }
    }

    pub fn parse(
        schema: &Schema,
        file: SourceFile,
        id: String,
        kind: String,
        report: &mut Report,
    ) -> Record {
        let Some(doc) = toml_walk::parse(&file, report) else {
            return Record::empty(file, id, kind);
        };
        let mut rec = Record::empty(file.clone(), id, kind);
        for entry in toml_walk::table_entries(doc.as_table()) {
            rec.field(schema, &file, &entry, report);
        }
        rec
    }

    fn field(&mut self, schema: &Schema, f: &SourceFile, entry: &Entry, report: &mut Report) {
        let spanned = |value: String| Spanned {
            value,
            span: entry.span(),
        };
        match entry.key {
            "name" => self.name = toml_walk::string(f, entry, report),
            "summary" => self.summary = toml_walk::string(f, entry, report),
            "url" => self.url = toml_walk::string(f, entry, report),
            "aliases" => {
                let list = toml_walk::string_list(f, entry, report).unwrap_or_default();
                self.aliases = list.into_iter().map(|(a, _)| a).collect();
            }
            "source" => self.source = toml_walk::string(f, entry, report).map(spanned),
            "year" => self.year = toml_walk::year(f, entry, report),
            "date" => self.date = toml_walk::string(f, entry, report).map(spanned),
            "attributes" => self.attributes = values::attributes(f, entry, report),
            "external" => self.external = values::external(f, entry, report),
            key if schema.relation_id(key).is_some() || looks_like_relation(entry) => {
                self.edges.extend(relations::targets(f, entry, report))
            }
            _ => report.push(unknown_entity_key(schema, f, entry)),
        }
    }
}

/// An unknown key holding a list of ids is a relation the schema does not declare
/// (validation says so, with the closest relation), unless its name is close to a field's
/// (`alias = [...]`: a misspelt field).
fn looks_like_relation(entry: &Entry) -> bool {
    entry.item.as_array().is_some_and(|a| {
        a.iter()
            .all(|v| v.as_str().is_some() || v.as_inline_table().is_some())
    }) && did_you_mean(entry.key, FIELDS).is_none()
}

fn unknown_entity_key(schema: &Schema, file: &SourceFile, entry: &Entry) -> Diagnostic {
    let relations = schema.relation_names();
    let known = FIELDS.iter().copied().chain(relations.iter().copied());
    Diagnostic::error(Code::UnknownKey, format!("unknown key `{}`", entry.key))
        .at(file, entry.key_span.clone())
        .label("neither a field nor a relation of the schema")
        .help(did_you_mean(entry.key, known).unwrap_or_else(|| {
            format!(
                "fields: {}; relations: {}",
                FIELDS.join(", "),
                relations.join(", ")
            )
        }))
}
