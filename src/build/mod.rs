//! The one builder: every reader hands it nodes, edges and sources with their origins, and
//! it makes the KnowledgeGraph. It only does what must happen while building: ids are
//! unique, edges reach nodes that exist, a date agrees with its year, an edge without a
//! source cites its relation's default or its node's source, and the nodes of a later
//! layer are merged into the earlier nodes they are (`layers.rs`, `merge.rs`). Every rule
//! about a built graph is `crate::validate`'s, the same for every format.

mod dates;
mod disagreements;
mod layers;
mod lookup;
mod merge;
mod origin;
mod parts;

use std::path::Path;

use petgraph::graph::{EdgeIndex, NodeIndex};

pub use dates::year_of_date;
pub use layers::LayerSummary;
pub use lookup::IdLookup;
pub use origin::{FileId, Origin, OriginFile, Origins};
pub use parts::Parts;

use crate::diag::{Code, Diagnostic, Error, Report, Severity};
use crate::graph::{
    AttrValue, Edge, IdSet, Ids, KnowledgeGraph, Node, NodeTable, Provenance, Source, SourceId,
};
use crate::schema::{KindId, RelId, Schema};

/// A built graph, where each part came from, and what was found on the way.
pub struct Built {
    pub graph: KnowledgeGraph,
    pub origins: Origins,
    pub report: Report,
    /// What each layer brought (one entry for a graph read from one input).
    pub layers: Vec<LayerSummary>,
}

pub struct Builder {
    /// How deep the manifest being read is nested in manifests.
    pub(crate) nesting: u8,
    ids: IdSet,
    /// The current layer's ids → nodes (later layers only; the first uses `ids`).
    local: std::collections::HashMap<Box<str>, u32>,
    parts: Parts,
}

impl Builder {
    /// A builder for a graph without a schema: kinds and relations are taken as found.
    pub fn new(report: Report) -> Self {
        Builder {
            nesting: 0,
            ids: IdSet::default(),
            local: Default::default(),
            parts: Parts::new(report),
        }
    }

    /// Room for this many more nodes and edges.
    pub fn reserve(&mut self, nodes: usize, edges: usize) {
        self.ids.reserve(nodes);
        let p = &mut self.parts;
        p.nodes.reserve(nodes);
        p.origins.nodes.reserve(nodes);
        p.from.reserve(edges);
        p.to.reserve(edges);
        p.edges.reserve(edges);
        p.origins.edges.reserve(edges);
    }

    /// Starts reading a layer: the first is the graph itself, each later one is merged
    /// into what came before.
    pub fn begin_layer(&mut self, name: &str, path: &Path) -> Result<(), Error> {
        self.local.clear();
        let p = &mut self.parts;
        p.layers
            .begin(name, path, &p.nodes, &self.ids, (&p.from, &p.to, &p.edges))
            .map_err(|e| Error::one(Diagnostic::error(Code::TooMany, e)))
    }

    /// The layer being read (0 for the first).
    pub fn layer(&self) -> u8 {
        self.parts.layers.current()
    }

    /// From here on, kinds and relations are checked against `schema` (read at `at`). The
    /// first layer decides: a later layer's own schema is not used, and when the first
    /// layer had none the graph stays open (kinds and relations taken as found). Taking a
    /// later schema would renumber the kinds and relations the nodes and edges already
    /// read refer to.
    pub fn use_schema(&mut self, mut schema: Schema, at: Origin) {
        if self.layer() > 0 {
            return;
        }
        schema.open = false;
        self.parts.schema = schema;
        self.parts.has_schema = true;
        self.parts.schema_at = at;
    }

    pub fn has_schema(&self) -> bool {
        self.parts.has_schema
    }

    pub fn schema(&self) -> &Schema {
        &self.parts.schema
    }

    pub fn add_file(&mut self, file: OriginFile) -> FileId {
        self.parts.origins.add_file(file)
    }

    pub fn origins(&self) -> &Origins {
        &self.parts.origins
    }

    pub fn report(&mut self) -> &mut Report {
        &mut self.parts.report
    }

    /// A source of the bibliography. A second with the same id is an error.
    pub fn declare_source(&mut self, mut source: Source, at: Origin) {
        let p = &mut self.parts;
        source.declared = true;
        match p.sources.get_index_of(&source.id) {
            Some(i) if p.sources[i].declared => {
                let d = Diagnostic::error(
                    Code::DuplicateId,
                    format!("source `{}` is defined twice", source.id),
                )
                .located(p.origins.locate(at))
                .label("defined again here");
                p.report.push(
                    d.help_opt(
                        p.origins
                            .locate(p.origins.sources[i])
                            .map(|l| format!("it is first defined at {}", l.describe())),
                    ),
                );
            }
            Some(i) => {
                // Cited before it was declared: the citation keeps its id.
                p.sources[i] = source;
                p.origins.sources[i] = at;
            }
            None => {
                p.sources.insert(source.id.clone(), source);
                p.origins.sources.push(at);
            }
        }
    }

    pub fn cite(&mut self, id: &str, at: Origin) -> SourceId {
        self.parts.cite(id, at)
    }

    /// A kind by name: the schema's, or one added as found (undeclared when there is a
    /// schema: validation reports it). `None` past 65,535 kinds, which is reported.
    pub fn kind(&mut self, name: &str) -> Option<KindId> {
        let p = &mut self.parts;
        if let Some(k) = p.schema.kind_id(name) {
            return Some(k);
        }
        let k = p.schema.ensure_kind(name, p.has_schema);
        if k.is_none() {
            p.report.push(too_many("kinds", name));
        }
        k
    }

    /// A relation by name, like `kind`.
    pub fn relation(&mut self, name: &str) -> Option<RelId> {
        let p = &mut self.parts;
        if let Some(r) = p.schema.relation_id(name) {
            return Some(r);
        }
        let r = p.schema.ensure_relation(name, p.has_schema);
        if r.is_none() {
            p.report.push(too_many("relations", name));
        }
        r
    }

    /// The column of a node attribute, made if new.
    pub fn node_column(&mut self, key: &str) -> usize {
        self.parts.node_attrs.column_index(key)
    }

    /// Room for `rows` values in a node attribute column.
    pub fn reserve_node_column(&mut self, col: usize, rows: usize) {
        self.parts.node_attrs.reserve(col, rows);
    }

    /// Adds a node with its attributes (by column). Its year is taken from its date when
    /// it has none, and a date that is not a date or disagrees with the year is reported
    /// (at `date_at` if given). A second node with the same id is an error and is not
    /// added. In a later layer, a node that is an earlier node is merged into it.
    pub fn add_node(
        &mut self,
        id: &str,
        mut node: Node,
        attrs: Vec<(usize, AttrValue)>,
        at: Origin,
        date_at: Origin,
    ) -> Option<NodeIndex> {
        let date_at = if date_at == Origin::NONE { at } else { date_at };
        let p = &mut self.parts;
        dates::settle_year(&mut node, |d| {
            p.report.push(d.located(p.origins.locate(date_at)))
        });
        if let Some(first) = self.known(id) {
            self.duplicate(id, first, at);
            return None;
        }
        if self.layer() > 0 {
            return Some(self.add_later(id, node, attrs, at));
        }
        Some(self.insert(id, node, attrs, at))
    }

    /// The node an id of the current layer names.
    fn known(&self, id: &str) -> Option<usize> {
        if self.layer() > 0 {
            self.local.get(id).map(|&n| n as usize)
        } else {
            self.ids.get_index_of(id)
        }
    }

    fn duplicate(&mut self, id: &str, first: usize, at: Origin) {
        let p = &mut self.parts;
        let d = Diagnostic::error(Code::DuplicateId, format!("id `{id}` is defined twice"))
            .located(p.origins.locate(at))
            .label("defined again here");
        p.report.push(
            d.help_opt(p.origins.locate(p.origins.nodes[first]).map(|l| {
                format!(
                    "it is also {}; ids must be unique across all kinds",
                    l.describe()
                )
            })),
        );
    }

    fn insert(
        &mut self,
        id: &str,
        node: Node,
        attrs: Vec<(usize, AttrValue)>,
        at: Origin,
    ) -> NodeIndex {
        let p = &mut self.parts;
        self.ids.insert(id.into());
        p.nodes.push(node);
        p.origins.nodes.push(at);
        p.layers.node_added(p.nodes.len());
        let n = p.nodes.len() - 1;
        for (col, value) in attrs {
            p.node_attrs.set_at(col, n, value);
        }
        NodeIndex::new(n)
    }

    /// A node of a later layer: merged into the earlier node it is, or added (under an id
    /// of its own should its id be taken), linked to an earlier node that names it a variant.
    fn add_later(
        &mut self,
        id: &str,
        node: Node,
        attrs: Vec<(usize, AttrValue)>,
        at: Origin,
    ) -> NodeIndex {
        let name = node.name.as_deref().unwrap_or(id).to_string();
        if let Some((n, by)) = self.parts.layers.find(&name) {
            let incoming = merge::Incoming {
                id,
                node,
                attrs,
                at,
                by,
            };
            self.parts.merge_into(n, incoming);
            self.local.insert(id.into(), n);
            return NodeIndex::new(n as usize);
        }
        let mut own = id.to_string();
        for k in 1.. {
            if self.ids.get_index_of(own.as_str()).is_none() {
                break;
            }
            own = match k {
                1 => format!("{id}-{}", self.parts.layers.namespace()),
                _ => format!("{id}-{}-{k}", self.parts.layers.namespace()),
            };
        }
        let n = self.insert(&own, node, attrs, at);
        self.local.insert(id.into(), n.index() as u32);
        self.parts.layers.summary_mut().new += 1;
        if let Some(base) = self.parts.layers.variant_of(&name) {
            self.link_variant(n, base, at);
        }
        n
    }

    /// `variant_of` from a later layer's node to the earlier node that names it a variant,
    /// as that earlier node's own claim (its layer, its source).
    fn link_variant(&mut self, n: NodeIndex, base: u32, at: Origin) {
        let p = &mut self.parts;
        let Some(relation) = p.schema.relation_id("variant_of") else {
            return;
        };
        let source = p.nodes[base as usize].source;
        let layer = p.layers.node_layer.get(base as usize).copied().unwrap_or(0);
        p.push_edge(
            n,
            NodeIndex::new(base as usize),
            Edge { relation, source },
            at,
            layer,
        );
        p.layers.summary_mut().variants += 1;
    }

    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        self.known(id).map(NodeIndex::new)
    }

    pub fn node_count(&self) -> usize {
        self.parts.nodes.len()
    }

    /// An edge between two ids; an unknown end is reported (with suggestions, once the
    /// graph is built) and the edge is left out, as is an edge a later layer may not add.
    pub fn edge_by_ids(
        &mut self,
        from: &str,
        to: &str,
        relation: RelId,
        source: Option<SourceId>,
        at: Origin,
    ) -> Option<EdgeIndex> {
        match (self.node_index(from), self.node_index(to)) {
            (Some(a), Some(b)) => self.parts.add_edge(a, b, relation, source, at),
            (None, _) => {
                self.parts.unknown_end(from, at);
                None
            }
            (_, None) => {
                self.parts.unknown_end(to, at);
                None
            }
        }
    }

    /// The current layer's ids and the rest apart, for readers that resolve ids on other
    /// threads while adding edges in order.
    pub fn split(&mut self) -> (IdLookup<'_>, &mut Parts) {
        let lookup = if self.parts.layers.current() > 0 {
            IdLookup::Layer(&self.local)
        } else {
            IdLookup::Graph(&self.ids)
        };
        (lookup, &mut self.parts)
    }

    pub fn finish(self) -> Built {
        let Builder { ids, mut parts, .. } = self;
        parts.cite_default_sources();
        let layered = parts.layers.infos().len() > 1;
        if layered {
            parts.layers.node_layer.resize(parts.nodes.len(), 0);
            parts.layers.edge_layer.resize(parts.edges.len(), 0);
        }
        let provenance = Provenance {
            layers: parts.layers.infos().to_vec(),
            node_layer: std::mem::take(&mut parts.layers.node_layer),
            edge_layer: std::mem::take(&mut parts.layers.edge_layer),
            merges: std::mem::take(&mut parts.layers.merges),
            filled: std::mem::take(&mut parts.layers.filled),
            confirmed: std::mem::take(&mut parts.layers.confirmed),
        };
        let topology =
            crate::graph::Topology::new(parts.nodes.len(), parts.from, parts.to, parts.edges);
        let graph = KnowledgeGraph::from_parts(crate::graph::GraphParts {
            schema: parts.schema,
            sources: parts.sources,
            ids: Ids::Built(ids),
            nodes: NodeTable::from_nodes(parts.nodes),
            edges: topology,
            node_attrs: parts.node_attrs,
            edge_attrs: parts.edge_attrs,
            provenance,
        });
        let mut report = parts.report;
        for (i, (id, at)) in parts.unknown_ends.into_iter().enumerate() {
            // Each hint searches every name: only the first few get one (`check --all` may
            // list a million), so the cost stays linear.
            let hint = (i < SUGGESTED).then(|| crate::resolve::hint_for_unknown(&graph, &id));
            report.push(
                Diagnostic::error(
                    Code::UnknownId,
                    format!("no node has the id {}", crate::resolve::quoted(&id)),
                )
                .located(parts.origins.locate(at))
                .label("unknown id")
                .help_opt(hint.flatten()),
            );
        }
        for _ in 0..parts.unknown_hidden {
            report.count(Code::UnknownId, Severity::Error);
        }
        let found = std::mem::take(&mut parts.layers.disagreements);
        for d in disagreements::diagnostics(&graph, &parts.origins, found) {
            report.push(d);
        }
        Built {
            graph,
            origins: parts.origins,
            report,
            layers: parts.layers.summary,
        }
    }
}

/// How many unknown ids get "did you mean" hints.
const SUGGESTED: usize = 20;

/// Kind and relation ids are 16 bits: past 65,536 of either, the data is refused rather
/// than wrapped.
fn too_many(what: &str, name: &str) -> Diagnostic {
    Diagnostic::error(
        Code::TooMany,
        format!(
            "more than {} distinct {what}; `{name}` is one too many",
            KindId::MAX as usize + 1
        ),
    )
}
