//! Turtle (RDF): one triple per edge with the relation as predicate, so SPARQL property paths
//! answer lineage (`(genkg:based_on|genkg:uses)+`); sources and notes on reified statements.

use std::fmt::Write;

use crate::export::fields::{display_name, node_fields, node_value};
use petgraph::graph::EdgeIndex;

use crate::graph::{AttrValue, KnowledgeGraph};
use crate::selection::Selection;

/// Names in the `urn:genkg:` space: stable, and claiming no web domain.
const PREFIXES: &str = "@prefix genkg: <urn:genkg:schema:> .\n@prefix node: <urn:genkg:node:> .\n@prefix src: <urn:genkg:source:> .\n@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n";

fn literal(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `prefix:local` where the local name is plain, else a full IRI with unsafe bytes %-encoded.
fn term(prefix: &str, base: &str, local: &str) -> String {
    let plain = local
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !local.ends_with('-');
    if plain {
        return format!("{prefix}:{local}");
    }
    let mut iri = String::from(base);
    for b in local.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            iri.push(b as char);
        } else {
            let _ = write!(iri, "%{b:02X}");
        }
    }
    format!("<{iri}>")
}

fn node(id: &str) -> String {
    term("node", "urn:genkg:node:", id)
}

fn schema(name: &str) -> String {
    term("genkg", "urn:genkg:schema:", name)
}

fn value(v: &AttrValue) -> String {
    match v {
        AttrValue::Str(s) => literal(s),
        AttrValue::Int(i) => format!("\"{i}\"^^xsd:integer"),
        AttrValue::Float(x) => format!("\"{x:?}\"^^xsd:double"),
        AttrValue::Bool(b) => format!("\"{b}\"^^xsd:boolean"),
        AttrValue::List(items) => items.iter().map(value).collect::<Vec<_>>().join(" , "),
    }
}

pub fn write(g: &KnowledgeGraph, sel: &Selection) -> String {
    let mut out = String::from(PREFIXES);
    out.push('\n');
    relations(&mut out, g, sel);
    let fields: Vec<_> = node_fields(g, sel, false)
        .into_iter()
        .filter(|f| f.name != "name")
        .collect();
    for &n in &sel.nodes {
        let _ = write!(
            out,
            "\n{} a {} ;\n    rdfs:label {}",
            node(g.id(n)),
            schema(g.kind_name(n)),
            literal(g.name(n))
        );
        for f in &fields {
            if let Some(v) = node_value(g, n, f) {
                let _ = write!(out, " ;\n    {} {}", schema(display_name(f)), value(&v));
            }
        }
        out.push_str(" .\n");
    }
    out.push('\n');
    for &e in &sel.edges {
        let _ = writeln!(out, "{} .", triple(g, e));
    }
    for &e in &sel.edges {
        provenance(&mut out, g, e);
    }
    out
}

/// The schema: each relation used, with its words and whether it is lineage.
fn relations(out: &mut String, g: &KnowledgeGraph, sel: &Selection) {
    let mut rels: Vec<u16> = sel.edges.iter().map(|&e| g.edge(e).relation).collect();
    rels.sort_unstable();
    rels.dedup();
    for r in rels {
        let rel = g.schema.relation(r);
        let _ = writeln!(
            out,
            "{} a rdf:Property ; rdfs:label {} ; genkg:lineage {} .",
            schema(&rel.name),
            literal(&rel.phrase),
            rel.lineage
        );
    }
}

/// `subject predicate object`, without the final dot.
fn triple(g: &KnowledgeGraph, e: EdgeIndex) -> String {
    let (a, b) = g.endpoints(e);
    format!(
        "{} {} {}",
        node(g.id(a)),
        schema(g.relation_name(e)),
        node(g.id(b))
    )
}

/// Where a fact comes from, on a statement about its triple.
fn provenance(out: &mut String, g: &KnowledgeGraph, e: EdgeIndex) {
    let (src, note) = (g.source_id(e), g.note(e));
    if src.is_none() && note.is_none() {
        return;
    }
    let (a, b) = g.endpoints(e);
    let _ = write!(
        out,
        "[] a rdf:Statement ; rdf:subject {} ; rdf:predicate {} ; rdf:object {}",
        node(g.id(a)),
        schema(g.relation_name(e)),
        node(g.id(b))
    );
    if let Some(s) = src {
        let _ = write!(
            out,
            " ; genkg:source {}",
            term("src", "urn:genkg:source:", s)
        );
    }
    if let Some(n) = note {
        let _ = write!(out, " ; rdfs:comment {}", literal(n));
    }
    out.push_str(" .\n");
}
