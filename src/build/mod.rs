//! The one builder: every reader hands it nodes, edges and sources with their origins, and
//! it makes the KnowledgeGraph. It only does what must happen while building (ids are
//! unique, edges reach nodes that exist, a date agrees with its year, an edge without a
//! source cites its relation's default or its node's source); every rule about a built
//! graph is `crate::validate`'s, the same for every format.

mod dates;
mod origin;

use indexmap::IndexMap;
use petgraph::graph::{EdgeIndex, NodeIndex};

pub use dates::year_of_date;
pub use origin::{FileId, Origin, OriginFile, Origins};

use crate::diag::{Code, Diagnostic, Report, Severity};
use crate::graph::{AttrValue, Columns, Edge, Ids, KnowledgeGraph, Node, Source, SourceId};
use crate::schema::{KindId, RelId, Schema};

/// A built graph, where each part came from, and what was found on the way.
pub struct Built {
    pub graph: KnowledgeGraph,
    pub origins: Origins,
    pub report: Report,
}

/// Everything but the id index, so that a reader can look ids up on other threads while
/// it adds edges here (see `Builder::split`).
pub struct Parts {
    schema: Schema,
    has_schema: bool,
    schema_at: Origin,
    nodes: Vec<Node>,
    from: Vec<u32>,
    to: Vec<u32>,
    edges: Vec<Edge>,
    sources: IndexMap<String, Source>,
    node_attrs: Columns,
    edge_attrs: Columns,
    origins: Origins,
    /// Unknown edge ends kept for messages with suggestions, made once the graph is built,
    /// and how many more there were.
    unknown_ends: Vec<(String, Origin)>,
    unknown_hidden: usize,
    pub report: Report,
}

pub struct Builder {
    ids: Ids,
    parts: Parts,
}

impl Builder {
    /// A builder for a graph without a schema: kinds and relations are taken as found.
    pub fn new(report: Report) -> Self {
        Builder {
            ids: Ids::default(),
            parts: Parts {
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
                unknown_ends: Vec::new(),
                unknown_hidden: 0,
                report,
            },
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

    /// From here on, kinds and relations are checked against `schema` (read at `at`).
    pub fn use_schema(&mut self, mut schema: Schema, at: Origin) {
        schema.open = false;
        self.parts.schema = schema;
        self.parts.has_schema = true;
        self.parts.schema_at = at;
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
            p.report.push(Diagnostic::error(
                Code::TooMany,
                format!(
                    "more than {} distinct kinds; `{name}` is one too many",
                    KindId::MAX
                ),
            ));
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

    /// Adds a node. Its year is taken from its date when it has none, and a date that is not
    /// a date or disagrees with the year is reported (at `date_at` if given). A second node
    /// with the same id is an error and is not added.
    pub fn add_node(
        &mut self,
        id: &str,
        mut node: Node,
        at: Origin,
        date_at: Origin,
    ) -> Option<NodeIndex> {
        let p = &mut self.parts;
        if let Some(first) = self.ids.get_index_of(id) {
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
            return None;
        }
        let date_at = if date_at == Origin::NONE { at } else { date_at };
        dates::settle_year(&mut node, |d| {
            p.report.push(d.located(p.origins.locate(date_at)))
        });
        self.ids.insert(id.into());
        p.nodes.push(node);
        p.origins.nodes.push(at);
        Some(NodeIndex::new(p.nodes.len() - 1))
    }

    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        self.ids.get_index_of(id).map(NodeIndex::new)
    }

    pub fn node_count(&self) -> usize {
        self.parts.nodes.len()
    }

    pub fn node_attrs(&mut self) -> &mut Columns {
        &mut self.parts.node_attrs
    }

    /// An edge between two ids; an unknown end is reported (with suggestions, once the
    /// graph is built) and the edge is left out.
    pub fn edge_by_ids(
        &mut self,
        from: &str,
        to: &str,
        relation: RelId,
        source: Option<SourceId>,
        at: Origin,
    ) -> Option<EdgeIndex> {
        match (self.node_index(from), self.node_index(to)) {
            (Some(a), Some(b)) => Some(self.parts.add_edge(a, b, relation, source, at)),
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

    /// The id index and the rest apart, for readers that resolve ids on other threads
    /// while adding edges in order.
    pub fn split(&mut self) -> (&Ids, &mut Parts) {
        (&self.ids, &mut self.parts)
    }

    pub fn finish(self) -> Built {
        let Builder { ids, mut parts } = self;
        parts.cite_default_sources();
        let topology =
            crate::graph::Topology::new(parts.nodes.len(), parts.from, parts.to, parts.edges);
        let graph = KnowledgeGraph::from_parts(
            parts.schema,
            parts.sources,
            ids,
            parts.nodes,
            topology,
            parts.node_attrs,
            parts.edge_attrs,
        );
        let mut report = parts.report;
        for (id, at) in parts.unknown_ends {
            report.push(
                Diagnostic::error(Code::UnknownId, format!("no node has the id `{id}`"))
                    .located(parts.origins.locate(at))
                    .label("unknown id")
                    .help_opt(crate::resolve::hint_for_unknown(&graph, &id)),
            );
        }
        for _ in 0..parts.unknown_hidden {
            report.count(Code::UnknownId, Severity::Error);
        }
        Built {
            graph,
            origins: parts.origins,
            report,
        }
    }
}

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

impl Parts {
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
    /// else the source of the node it starts at.
    pub fn add_edge(
        &mut self,
        from: NodeIndex,
        to: NodeIndex,
        relation: RelId,
        source: Option<SourceId>,
        at: Origin,
    ) -> EdgeIndex {
        let source =
            source.or_else(
                || match self.schema.relation(relation).default_source.clone() {
                    Some(default) => Some(self.cite(&default, self.schema_at)),
                    None => self.nodes[from.index()].source,
                },
            );
        self.from.push(from.index() as u32);
        self.to.push(to.index() as u32);
        self.edges.push(Edge { relation, source });
        self.origins.edges.push(at);
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
    fn cite_default_sources(&mut self) {
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
