//! The KnowledgeGraph: built once by a loader, then read-only. A petgraph `StableDiGraph`,
//! the ids (an IndexSet whose positions are the node indices), the bibliography, the schema,
//! and attributes stored by column so that a million nodes cost little.

use indexmap::{IndexMap, IndexSet};
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::schema::{KindId, RelId, Schema};

pub type SourceId = u32;

#[derive(Debug, Clone, PartialEq)]
pub enum AttrValue {
    Str(Box<str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    List(Box<[AttrValue]>),
}

impl std::fmt::Display for AttrValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AttrValue::Str(s) => f.write_str(s),
            AttrValue::Int(i) => write!(f, "{i}"),
            AttrValue::Float(x) => write!(f, "{x}"),
            AttrValue::Bool(b) => write!(f, "{b}"),
            AttrValue::List(items) => {
                let parts: Vec<String> = items.iter().map(|v| v.to_string()).collect();
                f.write_str(&parts.join(", "))
            }
        }
    }
}

/// The rarely present, text-heavy parts of a node, boxed so bare nodes stay small.
#[derive(Debug, Clone, Default)]
pub struct NodeInfo {
    pub aliases: Vec<String>,
    pub date: Option<String>,
    pub summary: Option<String>,
    pub url: Option<String>,
    /// Names this node has in other data sets (`[external.epoch]`), for reconciling layers.
    pub external: Vec<External>,
}

/// A link to an entry of another data set, like Wikidata's external identifiers: the
/// entry is this very node (`same`), or another size or version of it (`variants`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct External {
    pub namespace: String,
    pub name: String,
    pub variant: bool,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub kind: KindId,
    pub year: Option<i32>,
    pub name: Option<Box<str>>,
    /// The primary source of the node's own facts.
    pub source: Option<SourceId>,
    pub info: Option<Box<NodeInfo>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub relation: RelId,
    pub source: Option<SourceId>,
}

#[derive(Debug, Clone, Default)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub authors: Vec<String>,
    pub year: Option<i32>,
    pub arxiv: Option<String>,
    pub url: Option<String>,
}

impl Source {
    /// Where to read it: the URL, else the arXiv abstract page.
    pub fn link(&self) -> Option<String> {
        self.url.clone().or_else(|| {
            self.arxiv
                .as_ref()
                .map(|a| format!("https://arxiv.org/abs/{a}"))
        })
    }
}

/// Attributes by column: one vector per key, indexed by node or edge index.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    columns: IndexMap<Box<str>, Vec<Option<AttrValue>>>,
}

impl Columns {
    pub fn set(&mut self, index: usize, key: &str, value: AttrValue) {
        let col = self.column_index(key);
        self.set_at(col, index, value);
    }

    /// The position of a column, created if new: loaders look it up once per file, not per cell.
    pub fn column_index(&mut self, key: &str) -> usize {
        match self.columns.get_index_of(key) {
            Some(i) => i,
            None => self.columns.insert_full(key.into(), Vec::new()).0,
        }
    }

    /// Room for `rows` more values in a column, reserved but not touched, so a loader's
    /// pushes neither regrow nor copy it.
    pub fn reserve(&mut self, col: usize, rows: usize) {
        self.columns[col].reserve(rows);
    }

    pub fn set_at(&mut self, col: usize, index: usize, value: AttrValue) {
        let column = &mut self.columns[col];
        // Loaders set elements in order: the common case is a push.
        if column.len() == index {
            column.push(Some(value));
            return;
        }
        if column.len() < index {
            column.resize(index + 1, None);
        }
        column[index] = Some(value);
    }

    pub fn get(&self, index: usize, key: &str) -> Option<&AttrValue> {
        self.columns.get(key)?.get(index)?.as_ref()
    }

    /// The attributes of one element, in the order their keys were first seen.
    pub fn of(&self, index: usize) -> impl Iterator<Item = (&str, &AttrValue)> {
        self.columns
            .iter()
            .filter_map(move |(k, col)| col.get(index)?.as_ref().map(|v| (&**k, v)))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.columns.keys().map(|k| &**k)
    }

    /// The kind of value a column holds, for typed exports (GraphML keys, CSV headers).
    pub fn column_type(&self, key: &str) -> &'static str {
        let mut ty = "";
        for v in self.columns.get(key).into_iter().flatten().flatten() {
            let t = match v {
                AttrValue::Int(_) => "int",
                AttrValue::Float(_) => "float",
                AttrValue::Bool(_) => "boolean",
                _ => "string",
            };
            ty = match (ty, t) {
                ("", t) => t,
                (a, b) if a == b => a,
                ("int", "float") | ("float", "int") => "float",
                _ => "string",
            };
        }
        if ty.is_empty() {
            "string"
        } else {
            ty
        }
    }
}

pub type Graph = StableDiGraph<Node, Edge, u32>;

/// The id index: position i is node index i.
pub type Ids = IndexSet<Box<str>, foldhash::fast::FixedState>;

/// The parts of a graph a loader adds edges to, borrowed apart from the id index so that
/// ids can be looked up on other threads meanwhile.
pub struct EdgeSink<'a> {
    pub graph: &'a mut Graph,
    pub edge_attrs: &'a mut Columns,
    pub sources: &'a mut IndexMap<String, Source>,
}

#[derive(Debug, Clone)]
pub struct KnowledgeGraph {
    pub schema: Schema,
    pub graph: Graph,
    ids: Ids,
    pub sources: IndexMap<String, Source>,
    pub node_attrs: Columns,
    pub edge_attrs: Columns,
}

impl KnowledgeGraph {
    pub fn new(schema: Schema) -> Self {
        KnowledgeGraph {
            schema,
            graph: Graph::default(),
            ids: IndexSet::default(),
            sources: IndexMap::new(),
            node_attrs: Columns::default(),
            edge_attrs: Columns::default(),
        }
    }

    pub fn with_capacity(schema: Schema, nodes: usize, edges: usize) -> Self {
        let mut g = KnowledgeGraph::new(schema);
        g.graph = Graph::with_capacity(nodes, edges);
        g.ids.reserve(nodes);
        g
    }

    /// Adds a node; `Err` with the existing index if the id is taken.
    pub fn add_node(&mut self, id: &str, node: Node) -> Result<NodeIndex, NodeIndex> {
        if let Some(i) = self.ids.get_index_of(id) {
            return Err(NodeIndex::new(i));
        }
        self.ids.insert(id.into());
        let index = self.graph.add_node(node);
        // Nodes are never removed, so node index i is always id position i.
        debug_assert_eq!(index.index() + 1, self.ids.len());
        Ok(index)
    }

    pub fn split_for_edges(&mut self) -> (&Ids, EdgeSink<'_>) {
        (
            &self.ids,
            EdgeSink {
                graph: &mut self.graph,
                edge_attrs: &mut self.edge_attrs,
                sources: &mut self.sources,
            },
        )
    }

    pub fn add_edge(&mut self, from: NodeIndex, to: NodeIndex, edge: Edge) -> EdgeIndex {
        self.graph.add_edge(from, to, edge)
    }

    pub fn add_source(&mut self, source: Source) -> SourceId {
        let (i, _) = self.sources.insert_full(source.id.clone(), source);
        i as SourceId
    }

    /// One past the largest node index: the length of per-node vectors.
    pub fn node_bound(&self) -> usize {
        petgraph::visit::NodeIndexable::node_bound(&self.graph)
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    pub fn index_of(&self, id: &str) -> Option<NodeIndex> {
        self.ids.get_index_of(id).map(NodeIndex::new)
    }

    pub fn id(&self, n: NodeIndex) -> &str {
        &self.ids[n.index()]
    }

    pub fn node(&self, n: NodeIndex) -> &Node {
        &self.graph[n]
    }

    pub fn edge(&self, e: EdgeIndex) -> &Edge {
        &self.graph[e]
    }

    pub fn endpoints(&self, e: EdgeIndex) -> (NodeIndex, NodeIndex) {
        self.graph.edge_endpoints(e).expect("edge of this graph")
    }

    /// The display name, falling back to the id.
    pub fn name(&self, n: NodeIndex) -> &str {
        self.graph[n].name.as_deref().unwrap_or_else(|| self.id(n))
    }

    pub fn kind_name(&self, n: NodeIndex) -> &str {
        &self.schema.kind(self.graph[n].kind).name
    }

    pub fn relation_name(&self, e: EdgeIndex) -> &str {
        &self.schema.relation(self.graph[e].relation).name
    }

    pub fn info(&self, n: NodeIndex) -> Option<&NodeInfo> {
        self.graph[n].info.as_deref()
    }

    pub fn source(&self, id: SourceId) -> &Source {
        &self.sources[id as usize]
    }

    pub fn source_id(&self, e: EdgeIndex) -> Option<&str> {
        self.graph[e].source.map(|s| self.source(s).id.as_str())
    }

    pub fn note(&self, e: EdgeIndex) -> Option<&str> {
        match self.edge_attrs.get(e.index(), "note") {
            Some(AttrValue::Str(s)) => Some(s),
            _ => None,
        }
    }

    pub fn node_indices(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph.node_indices()
    }

    pub fn edge_indices(&self) -> impl Iterator<Item = EdgeIndex> + '_ {
        self.graph.edge_indices()
    }

    /// Edges at `n` in `dir`, in a stable order (petgraph yields newest first).
    pub fn sorted_edges(&self, n: NodeIndex, dir: Direction) -> Vec<EdgeIndex> {
        let mut edges: Vec<EdgeIndex> = self.graph.edges_directed(n, dir).map(|e| e.id()).collect();
        edges.sort_by(|&a, &b| self.edge_order(a, dir).cmp(&self.edge_order(b, dir)));
        edges
    }

    /// Relations in schema order (developer, then modalities, then lineage...), then ids.
    fn edge_order(&self, e: EdgeIndex, dir: Direction) -> (RelId, &str, usize) {
        let (from, to) = self.endpoints(e);
        let other = if dir == Direction::Outgoing { to } else { from };
        (self.graph[e].relation, self.id(other), e.index())
    }

    /// The nodes of one kind, by id.
    pub fn nodes_of_kind(&self, kind: KindId) -> Vec<NodeIndex> {
        let mut nodes: Vec<NodeIndex> = self
            .node_indices()
            .filter(|&n| self.graph[n].kind == kind)
            .collect();
        nodes.sort_by(|&a, &b| self.id(a).cmp(self.id(b)));
        nodes
    }

    /// Targets of `n` along one relation, sorted by id.
    pub fn targets(&self, n: NodeIndex, relation: RelId) -> Vec<NodeIndex> {
        let mut out: Vec<NodeIndex> = self
            .graph
            .edges_directed(n, Direction::Outgoing)
            .filter(|e| e.weight().relation == relation)
            .map(|e| e.target())
            .collect();
        out.sort_by(|&a, &b| self.id(a).cmp(self.id(b)));
        out.dedup();
        out
    }
}
