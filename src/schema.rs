//! The schema: node kinds and relations, read from `schema.toml`. The code knows no kind or
//! relation by name; everything about them (allowed endpoints, phrases, lineage, style) is here.

use indexmap::IndexMap;

use crate::diag::{Diagnostic, Report, SourceFile};
use crate::kb::toml_walk::{self, Entry, Span};
use crate::suggest::did_you_mean;

pub type KindId = u16;
pub type RelId = u16;

#[derive(Debug, Clone)]
pub struct Kind {
    pub name: String,
    pub description: String,
    pub shape: String,
    pub color: String,
    pub fill: String,
    /// Fields or relations every node of this kind should have (`check` warns otherwise).
    pub expects: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Relation {
    pub name: String,
    /// Allowed source kinds; empty means any (a graph loaded without a schema).
    pub from: Vec<KindId>,
    pub to: Vec<KindId>,
    /// How an edge reads forwards: "DALL·E 2 uses CLIP".
    pub phrase: String,
    /// How it reads backwards: "CLIP is used by DALL·E 2".
    pub inverse: String,
    pub lineage: bool,
    pub style: String,
    pub color: String,
    pub default_source: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub kinds: IndexMap<String, Kind>,
    pub relations: IndexMap<String, Relation>,
}

/// Colors for kinds found in data without a schema, assigned in order of first sight.
const PALETTE: [(&str, &str); 8] = [
    ("#1f5f99", "#dcebf7"),
    ("#8a4f00", "#fbe9cf"),
    ("#2e7d32", "#e3f2e1"),
    ("#6a1b9a", "#f1e4f7"),
    ("#9e2a2b", "#f8e0e0"),
    ("#555555", "#eeeeee"),
    ("#00796b", "#dff3f0"),
    ("#c2185b", "#fbe3ee"),
];

impl Schema {
    pub fn kind_id(&self, name: &str) -> Option<KindId> {
        self.kinds.get_index_of(name).map(|i| i as KindId)
    }

    pub fn relation_id(&self, name: &str) -> Option<RelId> {
        self.relations.get_index_of(name).map(|i| i as RelId)
    }

    pub fn kind(&self, id: KindId) -> &Kind {
        &self.kinds[id as usize]
    }

    pub fn relation(&self, id: RelId) -> &Relation {
        &self.relations[id as usize]
    }

    pub fn lineage_relations(&self) -> Vec<RelId> {
        (0..self.relations.len() as RelId)
            .filter(|&r| self.relation(r).lineage)
            .collect()
    }

    /// Adds a kind seen in data loaded without a schema (or returns the existing one).
    pub fn ensure_kind(&mut self, name: &str) -> KindId {
        if let Some(id) = self.kind_id(name) {
            return id;
        }
        let (color, fill) = PALETTE[self.kinds.len() % PALETTE.len()];
        self.kinds.insert(
            name.to_string(),
            Kind {
                name: name.to_string(),
                description: String::new(),
                shape: "box".into(),
                color: color.into(),
                fill: fill.into(),
                expects: Vec::new(),
            },
        );
        (self.kinds.len() - 1) as KindId
    }

    /// Adds a relation seen in data loaded without a schema: any endpoints, not lineage.
    pub fn ensure_relation(&mut self, name: &str) -> RelId {
        if let Some(id) = self.relation_id(name) {
            return id;
        }
        let words = name.replace(['_', '-'], " ");
        self.relations.insert(
            name.to_string(),
            Relation {
                name: name.to_string(),
                from: Vec::new(),
                to: Vec::new(),
                phrase: words.clone(),
                inverse: format!("is the target of {words} from"),
                lineage: false,
                style: "solid".into(),
                color: "#444444".into(),
                default_source: None,
            },
        );
        (self.relations.len() - 1) as RelId
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
                report.push(unknown_key(file, &entry, &["kinds", "relations"]));
            }
        }
        if let Some(kinds) = top.get("kinds").and_then(|i| i.as_table_like()) {
            for (name, item) in kinds.iter() {
                let kind = parse_kind(file, name, item, report);
                schema.kinds.insert(name.to_string(), kind);
            }
        }
        let mut pending = Vec::new();
        if let Some(rels) = top.get("relations").and_then(|i| i.as_table_like()) {
            for (name, item) in rels.iter() {
                pending.push((name.to_string(), item));
            }
        }
        for (name, item) in pending {
            let rel = parse_relation(&schema, file, &name, item, report);
            schema.relations.insert(name, rel);
        }
        if schema.kinds.is_empty() {
            report.push(
                Diagnostic::error("schema", "the schema declares no node kinds")
                    .in_file(file)
                    .help("add a table such as [kinds.model] with shape, color and fill"),
            );
        }
        schema
    }
}

fn unknown_key(file: &SourceFile, entry: &Entry, known: &[&str]) -> Diagnostic {
    Diagnostic::error("unknown-key", format!("unknown key `{}`", entry.key))
        .at(file, entry.key_span.clone())
        .label("not a known key")
        .help(
            did_you_mean(entry.key, known.iter().copied())
                .unwrap_or_else(|| format!("known keys: {}", known.join(", "))),
        )
}

fn parse_kind(file: &SourceFile, name: &str, item: &toml_edit::Item, report: &mut Report) -> Kind {
    let mut kind = Kind {
        name: name.to_string(),
        description: String::new(),
        shape: "box".into(),
        color: "#333333".into(),
        fill: "#ffffff".into(),
        expects: Vec::new(),
    };
    const KEYS: [&str; 5] = ["description", "shape", "color", "fill", "expects"];
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
                report.push(unknown_key(file, &entry, &KEYS));
                continue;
            }
        };
        if let Some(s) = toml_walk::string(file, &entry, report) {
            *slot = s;
        }
    }
    kind
}

fn parse_relation(
    schema: &Schema,
    file: &SourceFile,
    name: &str,
    item: &toml_edit::Item,
    report: &mut Report,
) -> Relation {
    let words = name.replace('_', " ");
    let mut rel = Relation {
        name: name.to_string(),
        from: Vec::new(),
        to: Vec::new(),
        phrase: words.clone(),
        inverse: format!("is the target of {words} from"),
        lineage: false,
        style: "solid".into(),
        color: "#444444".into(),
        default_source: None,
    };
    const KEYS: [&str; 8] = [
        "from",
        "to",
        "phrase",
        "inverse",
        "lineage",
        "style",
        "color",
        "default_source",
    ];
    for entry in toml_walk::entries_of(item).unwrap_or_default() {
        match entry.key {
            "from" | "to" => {
                let kinds = kind_list(schema, file, &entry, report);
                if entry.key == "from" {
                    rel.from = kinds;
                } else {
                    rel.to = kinds;
                }
            }
            "lineage" => {
                if let Some(b) = toml_walk::boolean(file, &entry, report) {
                    rel.lineage = b;
                }
            }
            "default_source" => rel.default_source = toml_walk::string(file, &entry, report),
            "phrase" | "inverse" | "style" | "color" => {
                if let Some(s) = toml_walk::string(file, &entry, report) {
                    match entry.key {
                        "phrase" => rel.phrase = s,
                        "inverse" => rel.inverse = s,
                        "style" => rel.style = s,
                        _ => rel.color = s,
                    }
                }
            }
            _ => report.push(unknown_key(file, &entry, &KEYS)),
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
            None => report.push(unknown_kind(schema, file, &name, span)),
        }
    }
    out
}

pub fn unknown_kind(schema: &Schema, file: &SourceFile, name: &str, span: Span) -> Diagnostic {
    let known: Vec<&str> = schema.kinds.keys().map(String::as_str).collect();
    Diagnostic::error("unknown-kind", format!("unknown kind `{name}`"))
        .at(file, span)
        .label("not a kind of the schema")
        .help(
            did_you_mean(name, known.iter().copied())
                .unwrap_or_else(|| format!("kinds: {}", known.join(", "))),
        )
}
