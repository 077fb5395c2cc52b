//! The builder's growing graph apart from its id index: nodes, edges, sources, attributes,
//! origins, layers and findings. Readers that resolve ids on other threads add edges here
//! directly (`Builder::split`).

use indexmap::IndexMap;
use petgraph::graph::{EdgeIndex, NodeIndex};

use super::layers::{EdgeVerdict, Layers};
use super::{Origin, Origins};
use crate::diag::Report;
use crate::graph::{AttrValue, Columns, Edge, Node, Source, SourceId};
use crate::schema::{RelId, Schema};

pub struct Parts {
    pub(super) schema: Schema,
    pub(super) has_schema: bool,
    pub(super) schema_at: Origin,
    pub(super) nodes: Vec<Node>,
    pub(super) from: Vec<u32>,
    pub(super) to: Vec<u32>,
    pub(super) edges: Vec<Edge>,
    pub(super) sources: IndexMap<String, Source>,
    pub(super) node_attrs: Columns,
    pub(super) edge_attrs: Columns,
    pub(super) origins: Origins,
    pub(super) layers: Layers,
    /// Unknown edge ends kept for messages with suggestions, made once the graph is built,
    /// and how many more there were.
    pub(super) unknown_ends: Vec<(String, Origin)>,
    pub(super) unknown_hidden: usize,
    pub report: Report,
}

impl Parts {
    pub(super) fn new(report: Report) -> Self {
        Parts {
            schema: Schema {
                open: true,
                ..Schema::default()
            },
            has_schema: false,
            schema_at: Origin::NONE,
            nodes: Vec::new(),
            from: Vec::new(),
            to: Vec::new(),
            edges: Vec::new(),
            sources: IndexMap::new(),
            node_attrs: Columns::default(),
            edge_attrs: Columns::default(),
            origins: Origins::default(),
            layers: Layers::default(),
            unknown_ends: Vec::new(),
            unknown_hidden: 0,
            report,
        }
    }

    pub fn cite(&mut self, id: &str, at: Origin) -> SourceId {
        match self.sources.get_index_of(id) {
            Some(i) => i as SourceId,
            None => {
                self.origins.sources.push(at);
                self.sources
                    .insert_full(id.to_string(), Source::cited(id))
                    .0 as SourceId
            }
        }
    }

    /// Adds an edge. Without a source of its own, it cites its relation's default source,
    /// else the source of the node it starts at. An edge of a later layer may be left out
    /// (one the earlier layers have, or one they overrule): `None` then.
    pub fn add_edge(
        &mut self,
        from: NodeIndex,
        to: NodeIndex,
        relation: RelId,
        source: Option<SourceId>,
        at: Origin,
    ) -> Option<EdgeIndex> {
        if self.layers.current() > 0 {
            let nodes = &self.nodes;
            let next = self.edges.len() as u32;
            let verdict = self.layers.judge_edge(
                &self.schema,
                |n| nodes[n.index()].kind,
                (from, relation, to),
                (source, at, next),
            );
            match verdict {
                EdgeVerdict::Add => {}
                EdgeVerdict::Skip | EdgeVerdict::Conflict => return None,
            }
        }
        let source =
            source.or_else(
                || match self.schema.relation(relation).default_source.clone() {
                    Some(default) => Some(self.cite(&default, self.schema_at)),
                    None => self.nodes[from.index()].source,
                },
            );
        Some(self.push_edge(
            from,
            to,
            Edge { relation, source },
            at,
            self.layers.current(),
        ))
    }

    pub(super) fn push_edge(
        &mut self,
        from: NodeIndex,
        to: NodeIndex,
        edge: Edge,
        at: Origin,
        layer: u8,
    ) -> EdgeIndex {
        self.from.push(from.index() as u32);
        self.to.push(to.index() as u32);
        self.edges.push(edge);
        self.origins.edges.push(at);
        self.layers.edge_added(layer, self.edges.len());
        EdgeIndex::new(self.edges.len() - 1)
    }

    pub fn edge_attrs(&mut self) -> &mut Columns {
        &mut self.edge_attrs
    }

    pub fn set_edge_attr(&mut self, e: EdgeIndex, key: &str, value: AttrValue) {
        self.edge_attrs.set(e.index(), key, value);
    }

    /// An edge end that is no node: kept for a message while few, then only counted.
    pub fn unknown_end(&mut self, id: &str, at: Origin) {
        let keep = self
            .report
            .limit()
            .is_none_or(|l| self.unknown_ends.len() < l);
        if keep {
            self.unknown_ends.push((id.to_string(), at));
        } else {
            self.unknown_hidden += 1;
        }
    }

    /// A relation's default source is cited by the schema, even if no edge uses it yet, so
    /// a default missing from the bibliography is reported at schema.toml.
    pub(super) fn cite_default_sources(&mut self) {
        let defaults: Vec<String> = self
            .schema
            .relations
            .values()
            .filter_map(|r| r.default_source.clone())
            .collect();
        for d in defaults {
            self.cite(&d, self.schema_at);
        }
    }
}
