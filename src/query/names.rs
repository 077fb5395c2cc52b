//! Relation and kind names typed by people (`--relation uses`, `--kind model`), checked
//! against the schema once, with suggestions for a misspelt one.

use crate::diag::{Code, Diagnostic, Error};
use crate::graph::KnowledgeGraph;
use crate::schema::{KindId, RelId};
use crate::suggest::did_you_mean;

fn unknown(code: Code, what: &str, name: &str, known: &[&str]) -> Error {
    Error::one(
        Diagnostic::error(code, format!("unknown {what} `{name}`")).help(
            did_you_mean(name, known.iter().copied())
                .unwrap_or_else(|| format!("{what}s: {}", known.join(", "))),
        ),
    )
}

pub fn relation_id(g: &KnowledgeGraph, name: &str) -> Result<RelId, Error> {
    g.schema.relation_id(name).ok_or_else(|| {
        unknown(
            Code::UnknownRelation,
            "relation",
            name,
            &g.schema.relation_names(),
        )
    })
}

pub fn relation_ids(g: &KnowledgeGraph, names: &[String]) -> Result<Vec<RelId>, Error> {
    names.iter().map(|r| relation_id(g, r)).collect()
}

/// The relations named, or else the schema's lineage relations (an error when it declares
/// none, as a graph read without a schema does).
pub fn lineage_or(g: &KnowledgeGraph, names: &[String]) -> Result<Vec<RelId>, Error> {
    if !names.is_empty() {
        return relation_ids(g, names);
    }
    let rels = g.schema.lineage_relations();
    if rels.is_empty() {
        return Err(Error::one(
            Diagnostic::error(Code::NoLineage, "this graph declares no lineage relation")
                .help("name the relations to follow with --relation (e.g. --relation depends)"),
        ));
    }
    Ok(rels)
}

pub fn kind_ids(g: &KnowledgeGraph, names: &[String]) -> Result<Vec<KindId>, Error> {
    names
        .iter()
        .map(|k| {
            g.schema
                .kind_id(k)
                .ok_or_else(|| unknown(Code::UnknownKind, "kind", k, &g.schema.kind_names()))
        })
        .collect()
}
