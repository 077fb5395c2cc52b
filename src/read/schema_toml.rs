//! `schema.toml`: the node kinds and relations, with their drawing styles and phrases.

use std::path::Path;

use crate::build::{Builder, Origin, OriginFile};
use crate::diag::{Code, Diagnostic, Error, Report, SourceFile};
use crate::read::toml_walk::{self, unknown_key, Entry};
use crate::schema::{Kind, KindId, MergeRule, Relation, Schema, KIND_KEYS, RELATION_KEYS};
use crate::suggest::did_you_mean;

/// Reads `schema.toml` and has the builder check the data against it.
pub fn read(path: &Path, b: &mut Builder) -> Result<(), Error> {
    let file = crate::read::files::read_text(path)?;
    let schema = parse(&file, b.report());
    let id = b.add_file(OriginFile::Text(file));
    b.use_schema(schema, Origin::file(id));
    Ok(())
}

/// Parses `schema.toml`. Problems go to `report`; what could be read is returned.
pub fn parse(file: &SourceFile, report: &mut Report) -> Schema {
    let mut schema = Schema::default();
    let Some(doc) = toml_walk::parse(file, report) else {
        return schema;
    };
    let top = doc.as_table();
    for entry in toml_walk::table_entries(top) {
        if entry.key != "kinds" && entry.key != "relations" {
            report.push(unknown_key(
                file,
                &entry,
                &["kinds", "relations"],
                "not a known key",
            ));
        }
    }
    if let Some(kinds) = top.get("kinds").and_then(|i| i.as_table_like()) {
        for (name, item) in kinds.iter() {
            let kind = parse_kind(file, name, item, report);
            schema.kinds.insert(name.to_string(), kind);
        }
    }
    if let Some(rels) = top.get("relations").and_then(|i| i.as_table_like()) {
        for (name, item) in rels.iter() {
            let rel = parse_relation(&schema, file, name, item, report);
            schema.relations.insert(name.to_string(), rel);
        }
    }
    if schema.kinds.is_empty() {
        report.push(
            Diagnostic::error(Code::Schema, "the schema declares no node kinds")
                .in_file(file)
                .help("add a table such as [kinds.model] with shape, color and fill"),
        );
    }
    schema
}

fn parse_kind(file: &SourceFile, name: &str, item: &toml_edit::Item, report: &mut Report) -> Kind {
    let mut kind = Kind::named(name);
    for entry in toml_walk::entries_of(item).unwrap_or_default() {
        if entry.key == "expects" {
            let names = toml_walk::string_list(file, &entry, report).unwrap_or_default();
            kind.expects = names.into_iter().map(|(n, _)| n).collect();
            continue;
        }
        let slot = match entry.key {
            "description" => &mut kind.description,
            "shape" => &mut kind.shape,
            "color" => &mut kind.color,
            "fill" => &mut kind.fill,
            _ => {
                report.push(unknown_key(file, &entry, &KIND_KEYS, "not a key of a kind"));
                continue;
            }
        };
        if let Some(s) = toml_walk::string(file, &entry, report) {
            if entry.key == "color" || entry.key == "fill" {
                check_color(file, &entry, &s, report);
            }
            *slot = s;
        }
    }
    kind
}

/// Colors go into DOT, SVG, GEXF's red/green/blue and the explorer's styles, so they are
/// checked here, once: `#rrggbb` (or `#rrggbbaa`), or a Graphviz color name such as `gray40`.
fn check_color(file: &SourceFile, entry: &Entry, color: &str, report: &mut Report) {
    let fine = match color.strip_prefix('#') {
        Some(hex) => matches!(hex.len(), 6 | 8) && hex.bytes().all(|b| b.is_ascii_hexdigit()),
        None => !color.is_empty() && color.bytes().all(|b| b.is_ascii_alphanumeric()),
    };
    if !fine {
        report.push(
            Diagnostic::error(
                Code::WrongType,
                format!("`{}` is not a color: \"{color}\"", entry.key),
            )
            .at(file, entry.span())
            .label("not a color")
            .help("write \"#rrggbb\" (such as \"#1f5f99\") or a Graphviz color name (such as \"gray40\")"),
        );
    }
}

fn parse_relation(
    schema: &Schema,
    file: &SourceFile,
    name: &str,
    item: &toml_edit::Item,
    report: &mut Report,
) -> Relation {
    let mut rel = Relation::named(name);
    // Declared relations read their name with underscores only as spaces.
    rel.phrase = name.replace('_', " ");
    rel.inverse = format!("is the target of {} from", rel.phrase);
    for entry in toml_walk::entries_of(item).unwrap_or_default() {
        match entry.key {
            "from" => rel.from = kind_list(schema, file, &entry, report),
            "to" => rel.to = kind_list(schema, file, &entry, report),
            "lineage" => {
                if let Some(b) = toml_walk::boolean(file, &entry, report) {
                    rel.lineage = b;
                }
            }
            "default_source" => rel.default_source = toml_walk::string(file, &entry, report),
            "merge" => match toml_walk::string(file, &entry, report).as_deref() {
                Some("union") => rel.merge = MergeRule::Union,
                Some("first") => rel.merge = MergeRule::First,
                Some(other) => report.push(
                    Diagnostic::error(
                        Code::WrongType,
                        format!("`merge` must be \"union\" or \"first\", not \"{other}\""),
                    )
                    .at(file, entry.span())
                    .label("union: later layers add; first: the first layer decides"),
                ),
                None => {}
            },
            "phrase" | "inverse" | "style" | "color" => {
                if let Some(s) = toml_walk::string(file, &entry, report) {
                    match entry.key {
                        "phrase" => rel.phrase = s,
                        "inverse" => rel.inverse = s,
                        "style" => rel.style = s,
                        _ => {
                            check_color(file, &entry, &s, report);
                            rel.color = s;
                        }
                    }
                }
            }
            _ => report.push(unknown_key(
                file,
                &entry,
                &RELATION_KEYS,
                "not a key of a relation",
            )),
        }
    }
    rel
}

fn kind_list(
    schema: &Schema,
    file: &SourceFile,
    entry: &Entry,
    report: &mut Report,
) -> Vec<KindId> {
    let Some(names) = toml_walk::string_list(file, entry, report) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, span) in names {
        match schema.kind_id(&name) {
            Some(id) => out.push(id),
            None => {
                let known = schema.kind_names();
                report.push(
                    Diagnostic::error(Code::UnknownKind, format!("unknown kind `{name}`"))
                        .at(file, span)
                        .label("not a kind of the schema")
                        .help(
                            did_you_mean(&name, known.iter().copied())
                                .unwrap_or_else(|| format!("kinds: {}", known.join(", "))),
                        ),
                )
            }
        }
    }
    out
}
