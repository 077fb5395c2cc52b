//! Sources, kinds and relations: each known by its id, so added, removed or changed.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::fields::Fields;
use super::{Catalog, Changed, SchemaChanges};
use crate::graph::{KnowledgeGraph, Source};
use crate::schema::{Kind, MergeRule, Relation, Schema, KIND_KEYS, RELATION_KEYS};

/// A source of the bibliography, or one known only by the id that cites it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceFacts {
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arxiv: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
}

const SOURCE_FACTS: [&str; 6] = ["title", "authors", "year", "arxiv", "url", "publisher"];

/// A kind as the schema declares it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindFacts {
    pub name: String,
    pub description: String,
    pub shape: String,
    pub color: String,
    pub fill: String,
    pub expects: Vec<String>,
}

/// A relation as the schema declares it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationFacts {
    pub name: String,
    /// The kinds allowed at its source (none: any).
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub phrase: String,
    pub inverse: String,
    pub lineage: bool,
    pub style: String,
    pub color: String,
    pub default_source: Option<String>,
    /// `union` or `first`.
    pub merge: String,
}

fn source_facts(s: &Source) -> SourceFacts {
    SourceFacts {
        id: s.id.clone(),
        title: s.title.clone(),
        authors: s.authors.clone(),
        year: s.year,
        arxiv: s.arxiv.clone(),
        url: s.url.clone(),
        publisher: s.publisher.clone(),
    }
}

fn kind_facts(k: &Kind) -> KindFacts {
    KindFacts {
        name: k.name.clone(),
        description: k.description.clone(),
        shape: k.shape.clone(),
        color: k.color.clone(),
        fill: k.fill.clone(),
        expects: k.expects.clone(),
    }
}

fn relation_facts(schema: &Schema, r: &Relation) -> RelationFacts {
    let kinds = |ids: &[u16]| ids.iter().map(|&k| schema.kind(k).name.clone()).collect();
    RelationFacts {
        name: r.name.clone(),
        from: kinds(&r.from),
        to: kinds(&r.to),
        phrase: r.phrase.clone(),
        inverse: r.inverse.clone(),
        lineage: r.lineage,
        style: r.style.clone(),
        color: r.color.clone(),
        default_source: r.default_source.clone(),
        merge: match r.merge {
            MergeRule::Union => "union",
            MergeRule::First => "first",
        }
        .into(),
    }
}

/// Added, removed and changed, by id; `order` names the facts compared.
fn catalog<T: Serialize>(
    old: BTreeMap<String, T>,
    new: BTreeMap<String, T>,
    order: &[&str],
) -> Catalog<T> {
    let ids: BTreeSet<String> = old.keys().chain(new.keys()).cloned().collect();
    let (mut old, mut new) = (old, new);
    let mut out = Catalog::default();
    for id in ids {
        match (old.remove(&id), new.remove(&id)) {
            (None, Some(n)) => out.added.push(n),
            (Some(o), None) => out.removed.push(o),
            (Some(o), Some(n)) => {
                let changes = Fields::of(&o, order).changes(&Fields::of(&n, order));
                if !changes.is_empty() {
                    out.changed.push(Changed { id, changes });
                }
            }
            (None, None) => {}
        }
    }
    out
}

pub fn sources(old: &KnowledgeGraph, new: &KnowledgeGraph) -> Catalog<SourceFacts> {
    let of = |g: &KnowledgeGraph| {
        g.sources
            .values()
            .map(|s| (s.id.clone(), source_facts(s)))
            .collect()
    };
    catalog(of(old), of(new), &SOURCE_FACTS)
}

/// Kinds and relations. A graph without a schema takes them as found, drawn in colors
/// given in the order first seen: between two such graphs only which there are is
/// compared, not how they are drawn.
pub fn schema(old: &KnowledgeGraph, new: &KnowledgeGraph) -> SchemaChanges {
    let found = old.schema.open && new.schema.open;
    let kinds = |g: &KnowledgeGraph| {
        g.schema
            .kinds
            .values()
            .map(|k| (k.name.clone(), kind_facts(k)))
            .collect()
    };
    let relations = |g: &KnowledgeGraph| {
        let s = &g.schema;
        s.relations
            .values()
            .map(|r| (r.name.clone(), relation_facts(s, r)))
            .collect()
    };
    SchemaChanges {
        kinds: catalog(kinds(old), kinds(new), if found { &[] } else { &KIND_KEYS }),
        relations: catalog(
            relations(old),
            relations(new),
            if found { &[] } else { &RELATION_KEYS },
        ),
    }
}
