//! Records to KnowledgeGraph: ids, sources, relation endpoints and kinds, checked against the
//! schema as the graph is built. Where each node and edge came from is kept in `Origins`
//! so later checks can point at the file and line.

use indexmap::IndexMap;
use petgraph::stable_graph::NodeIndex;

use crate::diag::{Diagnostic, Report, SourceFile};
use crate::graph::{AttrValue, Edge, KnowledgeGraph, Node, NodeInfo, Source, SourceId};
use crate::kb::entity::{Record, Spanned};
use crate::kb::toml_walk::Span;
use crate::resolve;
use crate::schema::Schema;
use crate::suggest::did_you_mean;

/// Where a node or edge was written, for diagnostics.
#[derive(Debug, Default, Clone)]
pub struct Origins {
    pub nodes: Vec<Option<(SourceFile, Span)>>,
    pub edges: Vec<Option<(SourceFile, Span)>>,
}

impl Origins {
    pub fn node(&self, n: NodeIndex) -> Option<&(SourceFile, Span)> {
        self.nodes.get(n.index())?.as_ref()
    }

    pub fn edge(&self, e: petgraph::stable_graph::EdgeIndex) -> Option<&(SourceFile, Span)> {
        self.edges.get(e.index())?.as_ref()
    }
}

pub fn build(
    schema: Schema,
    sources: Vec<(Source, Span)>,
    sources_file: Option<&SourceFile>,
    mut records: Vec<Record>,
    report: &mut Report,
) -> (KnowledgeGraph, Origins) {
    let mut g = KnowledgeGraph::new(schema);
    let mut origins = Origins::default();
    for (source, span) in sources {
        if g.sources.contains_key(&source.id) {
            if let Some(file) = sources_file {
                report.push(
                    Diagnostic::error(
                        "duplicate-id",
                        format!("source `{}` is defined twice", source.id),
                    )
                    .at(file, span),
                );
            }
            continue;
        }
        g.add_source(source);
    }

    // Sorted by id, so node indices (and everything that iterates them) are stable.
    records.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.file.path.cmp(&b.file.path)));
    let mut placed: Vec<(NodeIndex, usize)> = Vec::new();
    for (i, rec) in records.iter().enumerate() {
        let node = Node {
            kind: rec.kind,
            year: rec.year.as_ref().map(|y| y.value),
            name: rec.name.as_deref().map(Into::into),
            source: rec
                .source
                .as_ref()
                .and_then(|s| source_ref(&g, &rec.file, s, report)),
            info: Some(Box::new(NodeInfo {
                aliases: rec.aliases.clone(),
                date: rec.date.clone(),
                summary: rec.summary.clone(),
                url: rec.url.clone(),
                external: rec.external.clone(),
            })),
        };
        match g.add_node(&rec.id, node) {
            Ok(n) => {
                origins.nodes.push(Some((rec.file.clone(), None)));
                for (key, value) in &rec.attributes {
                    g.node_attrs.set(n.index(), key, value.clone());
                }
                placed.push((n, i));
            }
            Err(first) => {
                let first_file = origins
                    .node(first)
                    .map(|(f, _)| f.path.display().to_string());
                report.push(
                    Diagnostic::error("duplicate-id", format!("id `{}` is defined twice", rec.id))
                        .in_file(&rec.file)
                        .help(format!(
                            "it is also {}; ids must be unique across all kinds",
                            first_file.unwrap_or_default()
                        )),
                );
            }
        }
    }

    for (n, i) in placed {
        let rec = &records[i];
        let mut seen: IndexMap<(u16, NodeIndex), ()> = IndexMap::new();
        for raw in &rec.edges {
            let rel = g.schema.relation(raw.relation).clone();
            let Some(to) = g.index_of(&raw.to.value) else {
                report.push(unknown_target(&g, &rec.file, &raw.to));
                continue;
            };
            if to == n {
                report.push(
                    Diagnostic::error(
                        "self-loop",
                        format!("`{}` points at itself through `{}`", rec.id, rel.name),
                    )
                    .at(&rec.file, raw.to.span.clone())
                    .label("this is the node's own id"),
                );
                continue;
            }
            let from_kind = g.node(n).kind;
            if !rel.from.is_empty() && !rel.from.contains(&from_kind) {
                report.push(
                    Diagnostic::error(
                        "kind-not-allowed",
                        format!(
                            "`{}` cannot start at a {}",
                            rel.name,
                            g.schema.kind(from_kind).name
                        ),
                    )
                    .at(&rec.file, raw.to.span.clone())
                    .label(format!(
                        "`{}` is a {}",
                        rec.id,
                        g.schema.kind(from_kind).name
                    ))
                    .help(format!(
                        "`{}` goes from {}",
                        rel.name,
                        kind_names(&g.schema, &rel.from)
                    )),
                );
                continue;
            }
            let to_kind = g.node(to).kind;
            if !rel.to.is_empty() && !rel.to.contains(&to_kind) {
                report.push(
                    Diagnostic::error(
                        "kind-not-allowed",
                        format!(
                            "`{}` cannot point at a {}",
                            rel.name,
                            g.schema.kind(to_kind).name
                        ),
                    )
                    .at(&rec.file, raw.to.span.clone())
                    .label(format!(
                        "`{}` is a {}",
                        raw.to.value,
                        g.schema.kind(to_kind).name
                    ))
                    .help(format!(
                        "`{}` goes to {}",
                        rel.name,
                        kind_names(&g.schema, &rel.to)
                    )),
                );
                continue;
            }
            if seen.insert((raw.relation, to), ()).is_some() {
                report.push(
                    Diagnostic::warning(
                        "duplicate-edge",
                        format!("`{}` lists `{}` twice", rel.name, raw.to.value),
                    )
                    .at(&rec.file, raw.to.span.clone())
                    .label("already listed"),
                );
                continue;
            }
            let source = match (&raw.source, &rel.default_source) {
                (Some(s), _) => source_ref(&g, &rec.file, s, report),
                (None, Some(default)) => {
                    let s = Spanned {
                        value: default.clone(),
                        span: raw.to.span.clone(),
                    };
                    source_ref(&g, &rec.file, &s, report)
                }
                (None, None) => g.node(n).source,
            };
            if source.is_none() && raw.source.is_none() {
                report.push(
                    Diagnostic::warning(
                        "unsourced",
                        format!("`{} -> {}` cites no source", rel.name, raw.to.value),
                    )
                    .at(&rec.file, raw.to.span.clone())
                    .label("no source for this relation")
                    .help("write { to = \"...\", source = \"id\" }, or give the node a `source`"),
                );
            }
            let e = g.add_edge(
                n,
                to,
                Edge {
                    relation: raw.relation,
                    source,
                },
            );
            if let Some(note) = &raw.note {
                g.edge_attrs
                    .set(e.index(), "note", AttrValue::Str(note.as_str().into()));
            }
            if origins.edges.len() <= e.index() {
                origins.edges.resize(e.index() + 1, None);
            }
            origins.edges[e.index()] = Some((rec.file.clone(), raw.to.span.clone()));
        }
    }
    (g, origins)
}

fn kind_names(schema: &Schema, kinds: &[u16]) -> String {
    let names: Vec<&str> = kinds
        .iter()
        .map(|&k| schema.kind(k).name.as_str())
        .collect();
    names.join(" or ")
}

fn source_ref(
    g: &KnowledgeGraph,
    file: &SourceFile,
    s: &Spanned<String>,
    report: &mut Report,
) -> Option<SourceId> {
    if let Some(i) = g.sources.get_index_of(&s.value) {
        return Some(i as SourceId);
    }
    report.push(
        Diagnostic::error("unknown-source", format!("unknown source `{}`", s.value))
            .at(file, s.span.clone())
            .label("not in sources.toml")
            .help(
                did_you_mean(&s.value, g.sources.keys().map(String::as_str))
                    .unwrap_or_else(|| "add it to sources.toml".into()),
            ),
    );
    None
}

fn unknown_target(g: &KnowledgeGraph, file: &SourceFile, to: &Spanned<String>) -> Diagnostic {
    let help = match resolve::find(g, &to.value) {
        // A name or alias was written where an id belongs.
        Some(n) => Some(format!(
            "did you mean {}? relations name ids",
            resolve::describe(g, n)
        )),
        None => crate::suggest::phrase(&resolve::suggestions(g, &to.value)),
    };
    Diagnostic::error("unknown-id", format!("no node has the id `{}`", to.value))
        .at(file, to.span.clone())
        .label("unknown id")
        .help_opt(help.or_else(|| Some("every target must be the id (file stem) of a node".into())))
}
