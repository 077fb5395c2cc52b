//! A KnowledgeGraph into snapshot sections, and back: the arrays are written as they are
//! and mapped as they were; the small parts (schema, sources, provenance, text-heavy node
//! facts, attribute columns) are JSON, decoded at load or, for the last two, when first read.
//! A loaded graph is checked the way a reader's would be for what could break the code that
//! reads it: every index in range, every run of offsets in order.

use std::sync::OnceLock;

use indexmap::IndexMap;

use super::format::{Mapped, Section, Writer, EDGE_COLUMNS, NODE_COLUMNS};
use crate::graph::store::StrTable;
use crate::graph::{
    Column, Columns, GraphParts, IdTable, Ids, Infos, KnowledgeGraph, Names, NodeInfo, NodeTable,
    Provenance, Source, Topology, NO_SOURCE,
};
use crate::schema::Schema;

pub fn write<'a>(g: &'a KnowledgeGraph, w: &mut Writer<'a>) {
    let (ids, nodes, edges) = g.parts();
    w.json(Section::Schema as u32, &g.schema);
    w.json(Section::Sources as u32, &g.sources);
    w.json(Section::Provenance as u32, &g.provenance);
    match ids {
        Ids::Built(set) => {
            let table = IdTable::build(set);
            w.owned_array(Section::IdEnds, table.ids.ends.to_vec());
            w.owned_array(Section::IdBytes, table.ids.bytes.to_vec());
            w.owned_array(Section::IdSlots, table.slots.to_vec());
        }
        Ids::Mapped(table) => {
            w.array(Section::IdEnds, &table.ids.ends);
            w.array(Section::IdBytes, &table.ids.bytes);
            w.array(Section::IdSlots, &table.slots);
        }
    }
    w.array(Section::Kind, &nodes.kind);
    w.array(Section::Year, &nodes.year);
    w.array(Section::NodeSource, &nodes.source);
    let n = nodes.len();
    let names: Vec<Option<&str>> = (0..n).map(|i| nodes.name(i)).collect();
    let table = StrTable::build(names.iter().map(|x| x.unwrap_or("")));
    w.owned_array(
        Section::HasName,
        names.iter().map(|x| x.is_some() as u8).collect(),
    );
    w.owned_array(Section::NameEnds, table.ends.to_vec());
    w.owned_array(Section::NameBytes, table.bytes.to_vec());
    let infos: std::collections::BTreeMap<u32, &NodeInfo> = (0..n)
        .filter_map(|i| nodes.info(i).map(|x| (i as u32, x)))
        .collect();
    w.json(Section::Infos as u32, &infos);
    w.array(Section::From, &edges.from);
    w.array(Section::To, &edges.to);
    w.array(Section::Relation, &edges.relation);
    w.array(Section::EdgeSource, &edges.source);
    w.array(Section::OutStart, &edges.out_start);
    w.array(Section::OutEdges, &edges.out_edges);
    w.array(Section::InStart, &edges.in_start);
    w.array(Section::InEdges, &edges.in_edges);
    columns(w, &g.node_attrs, Section::NodeAttrKeys, NODE_COLUMNS);
    columns(w, &g.edge_attrs, Section::EdgeAttrKeys, EDGE_COLUMNS);
}

fn columns(w: &mut Writer, cols: &Columns, keys: Section, first: u32) {
    let mut names = Vec::new();
    for (i, (key, column)) in cols.columns().enumerate() {
        names.push(key.to_string());
        w.json(first + i as u32, column);
    }
    w.json(keys as u32, &names);
}

fn read_columns(m: &Mapped, keys: Section, first: u32) -> Result<Columns, String> {
    let names: Vec<String> = m.json(keys as u32)?;
    let mut cols = Columns::default();
    for (i, key) in names.iter().enumerate() {
        cols.insert(key, Column::mapped(m.raw(first + i as u32)?));
    }
    Ok(cols)
}

/// The graph a checked snapshot holds.
pub fn read(m: &Mapped) -> Result<KnowledgeGraph, String> {
    let schema: Schema = m.json(Section::Schema as u32)?;
    let sources: IndexMap<String, Source> = m.json(Section::Sources as u32)?;
    let provenance: Provenance = m.json(Section::Provenance as u32)?;
    let ids = IdTable {
        ids: StrTable {
            ends: m.array(Section::IdEnds)?,
            bytes: m.array(Section::IdBytes)?,
        },
        slots: m.array(Section::IdSlots)?,
    };
    let nodes = NodeTable {
        kind: m.array(Section::Kind)?,
        year: m.array(Section::Year)?,
        source: m.array(Section::NodeSource)?,
        name: Names::Mapped {
            has: m.array(Section::HasName)?,
            table: StrTable {
                ends: m.array(Section::NameEnds)?,
                bytes: m.array(Section::NameBytes)?,
            },
        },
        info: Infos::Mapped {
            json: m.raw(Section::Infos as u32)?,
            decoded: OnceLock::new(),
        },
    };
    let edges = Topology {
        from: m.array(Section::From)?,
        to: m.array(Section::To)?,
        relation: m.array(Section::Relation)?,
        source: m.array(Section::EdgeSource)?,
        out_start: m.array(Section::OutStart)?,
        out_edges: m.array(Section::OutEdges)?,
        in_start: m.array(Section::InStart)?,
        in_edges: m.array(Section::InEdges)?,
    };
    check(&schema, sources.len(), &provenance, &ids, &nodes, &edges)?;
    Ok(KnowledgeGraph::from_parts(GraphParts {
        schema,
        sources,
        ids: Ids::Mapped(ids),
        nodes,
        edges,
        node_attrs: read_columns(m, Section::NodeAttrKeys, NODE_COLUMNS)?,
        edge_attrs: read_columns(m, Section::EdgeAttrKeys, EDGE_COLUMNS)?,
        provenance,
    }))
}

fn all_below(values: &[u32], bound: usize, what: &str) -> Result<(), String> {
    match values.iter().find(|&&v| v as usize >= bound) {
        Some(v) => Err(format!("{what} {v} is out of range (below {bound})")),
        None => Ok(()),
    }
}

/// Offsets that start at 0, never go down, and end at `total`.
fn offsets(starts: &[u32], n: usize, total: usize, what: &str) -> Result<(), String> {
    let ok = starts.len() == n + 1
        && starts.first() == Some(&0)
        && starts.last().map(|&l| l as usize) == Some(total)
        && starts.windows(2).all(|w| w[0] <= w[1]);
    ok.then_some(())
        .ok_or_else(|| format!("the {what} offsets are not in order"))
}

/// Each node's run of edges holds edges that start (or end) at that node, in increasing
/// order, as the builder makes them: so every edge is listed once, and a walk that follows
/// an edge listed at a node really leaves that node (a path search that unwinds its steps
/// must end). Offsets and indices are in range already.
fn runs(starts: &[u32], edges: &[u32], ends: &[u32], what: &str) -> Result<(), String> {
    for (node, w) in starts.windows(2).enumerate() {
        let run = &edges[w[0] as usize..w[1] as usize];
        let ordered = run.windows(2).all(|p| p[0] < p[1]);
        if !ordered || run.iter().any(|&e| ends[e as usize] as usize != node) {
            return Err(format!("the {what} edges of node {node} are not its own"));
        }
    }
    Ok(())
}

fn table(t: &StrTable, n: usize, what: &str) -> Result<(), String> {
    let ok = t.ends.len() == n
        && t.ends.windows(2).all(|w| w[0] <= w[1])
        && t.ends.last().is_none_or(|&l| l as usize <= t.bytes.len());
    ok.then_some(())
        .ok_or_else(|| format!("the {what} table is damaged"))
}

/// What a reader of the graph relies on: every index in range, every offset in order.
fn check(
    schema: &Schema,
    sources: usize,
    provenance: &Provenance,
    ids: &IdTable,
    nodes: &NodeTable,
    edges: &Topology,
) -> Result<(), String> {
    let n = nodes.kind.len();
    let e = edges.relation.len();
    let same = [nodes.year.len(), nodes.source.len(), ids.ids.len()]
        .iter()
        .all(|&l| l == n)
        && [edges.from.len(), edges.to.len(), edges.source.len()]
            .iter()
            .all(|&l| l == e)
        && edges.out_edges.len() == e
        && edges.in_edges.len() == e
        && ids.slots.len().is_power_of_two();
    if !same {
        return Err("its arrays disagree on how many nodes and edges there are".into());
    }
    if let Names::Mapped { has, table: names } = &nodes.name {
        if has.len() != n {
            return Err("the names disagree on how many nodes there are".into());
        }
        table(names, n, "name")?;
    }
    table(&ids.ids, n, "id")?;
    // The id table is found by hash: if the hash this genkg computes differed from the one
    // that wrote the table, lookups would fail without a word. A spread of ids must be found.
    let step = (n / 64).max(1);
    if let Some(i) = (0..n)
        .step_by(step)
        .find(|&i| ids.find(ids.ids.get(i)) != Some(i))
    {
        return Err(format!(
            "id `{}` is not found in its own table",
            ids.ids.get(i)
        ));
    }
    all_below(
        &ids.slots
            .iter()
            .map(|&s| s.saturating_sub(1))
            .collect::<Vec<_>>(),
        n.max(1),
        "an id slot",
    )?;
    all_below(&edges.from, n, "an edge's start")?;
    all_below(&edges.to, n, "an edge's end")?;
    all_below(&edges.out_edges, e, "an edge index")?;
    all_below(&edges.in_edges, e, "an edge index")?;
    offsets(&edges.out_start, n, e, "outgoing")?;
    offsets(&edges.in_start, n, e, "incoming")?;
    runs(&edges.out_start, &edges.out_edges, &edges.from, "outgoing")?;
    runs(&edges.in_start, &edges.in_edges, &edges.to, "incoming")?;
    if let Some(k) = nodes
        .kind
        .iter()
        .find(|&&k| k as usize >= schema.kinds.len())
    {
        return Err(format!("kind {k} is not in the schema"));
    }
    let kinds = schema.kinds.len();
    let endpoint_kinds = schema
        .relations
        .values()
        .flat_map(|r| r.from.iter().chain(&r.to));
    if endpoint_kinds.into_iter().any(|&k| k as usize >= kinds) {
        return Err("a relation's endpoint kind is not in the schema".into());
    }
    if let Some(r) = edges
        .relation
        .iter()
        .find(|&&r| r as usize >= schema.relations.len())
    {
        return Err(format!("relation {r} is not in the schema"));
    }
    let cited = |s: &u32| *s != NO_SOURCE && *s as usize >= sources;
    if nodes.source.iter().any(cited) || edges.source.iter().any(cited) {
        return Err("a source index is out of range".into());
    }
    let p = provenance;
    let layers = p.layers.len().max(1);
    let source_ok = |s: &Option<u32>| s.is_none_or(|s| (s as usize) < sources);
    let layered_ok = (p.node_layer.is_empty() || p.node_layer.len() == n)
        && (p.edge_layer.is_empty() || p.edge_layer.len() == e)
        && p.node_layer
            .iter()
            .chain(&p.edge_layer)
            .all(|&l| (l as usize) < layers)
        && p.merges
            .iter()
            .all(|m| m.node.index() < n && (m.layer as usize) < layers && source_ok(&m.source))
        && p.filled
            .iter()
            .all(|f| f.node.index() < n && (f.layer as usize) < layers && source_ok(&f.source))
        && p.confirmed
            .iter()
            .all(|c| c.edge.index() < e && (c.layer as usize) < layers && source_ok(&c.source));
    layered_ok
        .then_some(())
        .ok_or_else(|| "its provenance points outside the graph".into())
}
