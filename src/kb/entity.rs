//! One entity file, `graph/<kind>/<id>.toml`, read into a Record that keeps the spans of
//! everything later checks may need to point at.

use crate::diag::{Diagnostic, Report, SourceFile};
use crate::graph::{AttrValue, External};
use crate::kb::toml_walk::{self, Entry, Span};
use crate::schema::{KindId, RelId, Schema};
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

#[derive(Debug, Clone)]
pub struct RawEdge {
    pub relation: RelId,
    pub to: Spanned<String>,
    pub source: Option<Spanned<String>>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Record {
    pub file: SourceFile,
    pub id: String,
    pub kind: KindId,
    pub name: Option<String>,
    pub aliases: Vec<String>,
    pub year: Option<Spanned<i32>>,
    pub date: Option<String>,
    pub summary: Option<String>,
    pub url: Option<String>,
    pub source: Option<Spanned<String>>,
    pub attributes: Vec<(String, AttrValue)>,
    pub external: Vec<External>,
    pub edges: Vec<RawEdge>,
}

impl Record {
    pub fn empty(file: SourceFile, id: String, kind: KindId) -> Record {
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
        kind: KindId,
        report: &mut Report,
    ) -> Option<Record> {
        let doc = toml_walk::parse(&file, report)?;
        let mut rec = Record::empty(file.clone(), id, kind);
        let mut date_span = None;
        for entry in toml_walk::table_entries(doc.as_table()) {
            let f = &file;
            match entry.key {
                "name" => rec.name = toml_walk::string(f, &entry, report),
                "summary" => rec.summary = toml_walk::string(f, &entry, report),
                "url" => rec.url = toml_walk::string(f, &entry, report),
                "aliases" => {
                    let list = toml_walk::string_list(f, &entry, report).unwrap_or_default();
                    rec.aliases = list.into_iter().map(|(a, _)| a).collect();
                }
                "source" => {
                    rec.source = toml_walk::string(f, &entry, report).map(|value| Spanned {
                        value,
                        span: entry.span(),
                    })
                }
                "year" => {
                    rec.year = toml_walk::integer(f, &entry, report).map(|y| Spanned {
                        value: y as i32,
                        span: entry.span(),
                    })
                }
                "date" => {
                    rec.date = toml_walk::string(f, &entry, report);
                    date_span = entry.span();
                }
                "attributes" => rec.attributes = attributes(f, &entry, report),
                "external" => rec.external = external(f, &entry, report),
                key => match schema.relation_id(key) {
                    Some(rel) => rec.edges.extend(edges(f, rel, &entry, report)),
                    None => report.push(unknown_entity_key(schema, f, &entry)),
                },
            }
        }
        check_date(&mut rec, date_span, report);
        Some(rec)
    }
}

fn unknown_entity_key(schema: &Schema, file: &SourceFile, entry: &Entry) -> Diagnostic {
    let known = FIELDS
        .iter()
        .copied()
        .chain(schema.relations.keys().map(String::as_str));
    Diagnostic::error("unknown-key", format!("unknown key `{}`", entry.key))
        .at(file, entry.key_span.clone())
        .label("neither a field nor a relation of the schema")
        .help(did_you_mean(entry.key, known).unwrap_or_else(|| {
            format!(
                "fields: {}; relations: {}",
                FIELDS.join(", "),
                schema
                    .relations
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }))
}

/// `uses = ["clip", { to = "diffusion", source = "ho2020", note = "..." }]`
fn edges(file: &SourceFile, relation: RelId, entry: &Entry, report: &mut Report) -> Vec<RawEdge> {
    let Some(array) = entry.item.as_array() else {
        report.push(
            Diagnostic::error(
                "wrong-type",
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
    let mut out = Vec::new();
    for value in array.iter() {
        if let Some(s) = value.as_str() {
            out.push(RawEdge {
                relation,
                to: Spanned {
                    value: s.to_string(),
                    span: value.span(),
                },
                source: None,
                note: None,
            });
        } else if let Some(table) = value.as_inline_table() {
            let mut edge = RawEdge {
                relation,
                to: Spanned {
                    value: String::new(),
                    span: value.span(),
                },
                source: None,
                note: None,
            };
            for e in toml_walk::inline_entries(table) {
                match e.key {
                    "to" => {
                        if let Some(s) = toml_walk::string(file, &e, report) {
                            edge.to = Spanned {
                                value: s,
                                span: e.span(),
                            };
                        }
                    }
                    "source" => {
                        edge.source = toml_walk::string(file, &e, report).map(|s| Spanned {
                            value: s,
                            span: e.span(),
                        })
                    }
                    "note" => edge.note = toml_walk::string(file, &e, report),
                    _ => report.push(
                        Diagnostic::error(
                            "unknown-key",
                            format!("unknown key `{}` in a relation target", e.key),
                        )
                        .at(file, e.key_span.clone())
                        .label("not a key of a target")
                        .help(
                            did_you_mean(e.key, ["to", "source", "note"]).unwrap_or_else(|| {
                                "a target takes `to`, `source` and `note`".into()
                            }),
                        ),
                    ),
                }
            }
            if edge.to.value.is_empty() {
                report.push(
                    Diagnostic::error("missing-key", "a relation target needs `to`")
                        .at(file, value.span())
                        .label("no `to` here")
                        .help("write `{ to = \"id\", source = \"...\" }`"),
                );
            } else {
                out.push(edge);
            }
        } else {
            report.push(
                Diagnostic::error(
                    "wrong-type",
                    format!("a target of `{}` must be an id or a table", entry.key),
                )
                .at(file, value.span())
                .label("expected \"id\" or { to = \"id\" }"),
            );
        }
    }
    out
}

fn attributes(file: &SourceFile, entry: &Entry, report: &mut Report) -> Vec<(String, AttrValue)> {
    let Some(table) = entry.item.as_table_like() else {
        report.push(
            Diagnostic::error("wrong-type", "`attributes` must be a table")
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
                    "wrong-type",
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

/// `[external.epoch]` with `same = ["Llama 2-70B"]` and `variants = ["Llama 2-7B"]`.
fn external(file: &SourceFile, entry: &Entry, report: &mut Report) -> Vec<External> {
    let Some(namespaces) = toml_walk::entries_of(entry.item) else {
        report.push(
            Diagnostic::error("wrong-type", "`external` must be a table")
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
                    "wrong-type",
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
                    report.push(
                        Diagnostic::error(
                            "unknown-key",
                            format!("unknown key `{}` in `external.{}`", k.key, ns.key),
                        )
                        .at(file, k.key_span.clone())
                        .label("not a key of an external link")
                        .help(
                            did_you_mean(k.key, ["same", "variants"])
                                .unwrap_or_else(|| "keys: same, variants".into()),
                        ),
                    );
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

fn attr_value(value: &toml_edit::Value) -> Option<AttrValue> {
    use toml_edit::Value as V;
    Some(match value {
        V::String(s) => AttrValue::Str(s.value().as_str().into()),
        V::Integer(i) => AttrValue::Int(*i.value()),
        V::Float(x) => AttrValue::Float(*x.value()),
        V::Boolean(b) => AttrValue::Bool(*b.value()),
        V::Datetime(d) => AttrValue::Str(d.value().to_string().into()),
        V::Array(a) => {
            AttrValue::List(a.iter().map(attr_value).collect::<Option<Vec<_>>>()?.into())
        }
        V::InlineTable(_) => return None,
    })
}

/// A date is YYYY, YYYY-MM or YYYY-MM-DD and agrees with `year`; without a year, it gives one.
fn check_date(rec: &mut Record, span: Span, report: &mut Report) {
    let Some(date) = rec.date.clone() else { return };
    let Some(date_year) = parse_date(&date) else {
        report.push(
            Diagnostic::error("bad-date", format!("`{date}` is not a date"))
                .at(&rec.file, span)
                .label("expected YYYY, YYYY-MM or YYYY-MM-DD"),
        );
        return;
    };
    match &rec.year {
        Some(y) if y.value != date_year => report.push(
            Diagnostic::error(
                "bad-date",
                format!("date {date} disagrees with year {}", y.value),
            )
            .at(&rec.file, span)
            .label(format!("this is in {date_year}")),
        ),
        Some(_) => {}
        None => {
            rec.year = Some(Spanned {
                value: date_year,
                span,
            })
        }
    }
}

pub fn parse_date(date: &str) -> Option<i32> {
    let parts: Vec<&str> = date.split('-').collect();
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let year = num(parts.first()?, 4)?;
    if let Some(m) = parts.get(1) {
        if !(1..=12).contains(&num(m, 2)?) {
            return None;
        }
    }
    if let Some(d) = parts.get(2) {
        if !(1..=31).contains(&num(d, 2)?) {
            return None;
        }
    }
    (parts.len() <= 3).then_some(year as i32)
}
