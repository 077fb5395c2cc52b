//! The KnowledgeGraph: made once by the builder (`crate::build`), or mapped from a snapshot
//! (`crate::read::snapshot`), then read-only. Nodes and edges are numbered in the order they
//! were added; each node's edges are indexed forwards and backwards (compressed sparse
//! rows), so walking a node's edges in either direction is a slice, and the whole graph is
//! a handful of flat arrays (`store.rs`) that a snapshot maps without parsing. petgraph's
//! traversals and adaptors work on it through the traits in `visit.rs`.

mod attr_value;
mod columns;
mod ids;
mod lineage;
mod nodes;
mod provenance;
pub mod store;
mod visit;

use indexmap::IndexMap;
pub use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::Direction;
use serde::{Deserialize, Serialize};

pub use attr_value::{widen, AttrValue};
pub use columns::{Column, Columns};
pub use ids::{IdSet, IdTable, Ids, ID_HASH};
pub use lineage::{LineageView, RelMask};
pub use nodes::{Infos, Names, NodeRef, NodeTable, NO_SOURCE, NO_YEAR};
pub use provenance::{Confirmed, Filled, Layer, MatchedBy, Merge, Provenance};
use store::Store;
pub use visit::EdgeReference;

use crate::schema::{KindId, RelId, Schema};

pub type SourceId = u32;

/// The rarely present, text-heavy parts of a node, boxed so bare nodes stay small.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NodeInfo {
    pub aliases: Vec<String>,
    pub date: Option<String>,
    pub summary: Option<String>,
    pub url: Option<String>,
    /// Names this node has in other data sets (`[external.epoch]`), for reconciling layers.
    pub external: Vec<External>,
}

impl NodeInfo {
    pub fn is_empty(&self) -> bool {
        self == &NodeInfo::default()
    }
}

/// A link to an entry of another data set, like Wikidata's external identifiers: the
/// entry is this very node (`same`), or another size or version of it (`variants`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct External {
    pub namespace: String,
    pub name: String,
    pub variant: bool,
}

/// A node as a reader hands it to the builder.
#[derive(Debug, Clone, PartialEq)]
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

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub authors: Vec<String>,
    pub year: Option<i32>,
    pub arxiv: Option<String>,
    pub url: Option<String>,
    /// Who publishes it, when not its authors (a database row: Epoch AI).
    pub publisher: Option<String>,
    /// Listed in a bibliography (sources.toml), rather than only cited by id.
    pub declared: bool,
}

impl Source {
    /// A source known only by the id that cites it.
    pub fn cited(id: &str) -> Self {
        Source {
            id: id.to_string(),
            ..Source::default()
        }
    }

    /// Where to read it: the URL, else the arXiv abstract page.
    pub fn link(&self) -> Option<String> {
        self.url.clone().or_else(|| {
            self.arxiv
                .as_ref()
                .map(|a| format!("https://arxiv.org/abs/{a}"))
        })
    }
}

/// The edges, in the order they were added: edge `e` goes from `from[e]` to `to[e]`. The
/// edges out of node `n` are `out_edges[out_start[n]..out_start[n + 1]]`, the edges into it
/// `in_edges[in_start[n]..in_start[n + 1]]`, each group in edge order (compressed sparse
/// rows, forwards and backwards).
#[derive(Debug, Clone, Default)]
pub struct Topology {
    pub from: Store<u32>,
    pub to: Store<u32>,
    pub relation: Store<RelId>,
    /// `NO_SOURCE` where an edge cites none.
    pub source: Store<u32>,
    pub out_start: Store<u32>,
    pub out_edges: Store<u32>,
    pub in_start: Store<u32>,
    pub in_edges: Store<u32>,
}

/// Each node's edges, grouped by node: the start of each group and the edge ids.
fn group_by(nodes: usize, ends: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let mut start = vec![0u32; nodes + 1];
    for &n in ends {
        start[n as usize + 1] += 1;
    }
    for i in 1..=nodes {
        start[i] += start[i - 1];
    }
    let mut fill = start.clone();
    let mut edges = vec![0u32; ends.len()];
    for (e, &n) in ends.iter().enumerate() {
        let slot = &mut fill[n as usize];
        edges[*slot as usize] = e as u32;
        *slot += 1;
    }
    (start, edges)
}

impl Topology {
    pub fn new(nodes: usize, from: Vec<u32>, to: Vec<u32>, data: Vec<Edge>) -> Self {
        let (out_start, out_edges) = group_by(nodes, &from);
        let (in_start, in_edges) = group_by(nodes, &to);
        Topology {
            relation: data.iter().map(|e| e.relation).collect::<Vec<_>>().into(),
            source: data
                .iter()
                .map(|e| e.source.unwrap_or(NO_SOURCE))
                .collect::<Vec<_>>()
                .into(),
            from: from.into(),
            to: to.into(),
            out_start: out_start.into(),
            out_edges: out_edges.into(),
            in_start: in_start.into(),
            in_edges: in_edges.into(),
        }
    }

    pub fn len(&self) -> usize {
        self.relation.len()
    }

    pub fn is_empty(&self) -> bool {
        self.relation.is_empty()
    }
}

/// Edge ids: those at one node in one direction (a slice of an index), or all of them.
#[derive(Debug, Clone)]
pub struct EdgeIds<'a> {
    all: std::ops::Range<u32>,
    at: std::slice::Iter<'a, u32>,
}

impl Iterator for EdgeIds<'_> {
    type Item = EdgeIndex;

    fn next(&mut self) -> Option<EdgeIndex> {
        match self.all.next() {
            Some(e) => Some(EdgeIndex::new(e as usize)),
            None => self.at.next().map(|&e| EdgeIndex::new(e as usize)),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.all.len() + self.at.len();
        (n, Some(n))
    }
}

#[derive(Debug, Clone)]
pub struct KnowledgeGraph {
    pub schema: Schema,
    pub sources: IndexMap<String, Source>,
    pub node_attrs: Columns,
    pub edge_attrs: Columns,
    pub provenance: Provenance,
    ids: Ids,
    nodes: NodeTable,
    edges: Topology,
}

/// What makes a graph: the builder's work, or a snapshot's arrays.
pub struct GraphParts {
    pub schema: Schema,
    pub sources: IndexMap<String, Source>,
    pub ids: Ids,
    pub nodes: NodeTable,
    pub edges: Topology,
    pub node_attrs: Columns,
    pub edge_attrs: Columns,
    pub provenance: Provenance,
}

impl KnowledgeGraph {
    /// Only the builder and the snapshot reader make graphs: each checks its parts first.
    pub fn from_parts(p: GraphParts) -> Self {
        debug_assert_eq!(p.ids.len(), p.nodes.len());
        KnowledgeGraph {
            schema: p.schema,
            sources: p.sources,
            node_attrs: p.node_attrs,
            edge_attrs: p.edge_attrs,
            provenance: p.provenance,
            ids: p.ids,
            nodes: p.nodes,
            edges: p.edges,
        }
    }

    /// The parts, for the snapshot writer.
    pub fn parts(&self) -> (&Ids, &NodeTable, &Topology) {
        (&self.ids, &self.nodes, &self.edges)
    }

    /// One past the largest node index: the length of per-node vectors.
    pub fn node_bound(&self) -> usize {
        self.nodes.len()
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    pub fn index_of(&self, id: &str) -> Option<NodeIndex> {
        self.ids.get_index_of(id).map(NodeIndex::new)
    }

    pub fn id(&self, n: NodeIndex) -> &str {
        self.ids.get(n.index())
    }

    pub fn node(&self, n: NodeIndex) -> NodeRef<'_> {
        self.nodes.get(n.index())
    }

    pub fn edge(&self, e: EdgeIndex) -> Edge {
        let source = self.edges.source[e.index()];
        Edge {
            relation: self.edges.relation[e.index()],
            source: (source != NO_SOURCE).then_some(source),
        }
    }

    pub fn endpoints(&self, e: EdgeIndex) -> (NodeIndex, NodeIndex) {
        let i = e.index();
        (
            NodeIndex::new(self.edges.from[i] as usize),
            NodeIndex::new(self.edges.to[i] as usize),
        )
    }

    /// The display name, falling back to the id.
    pub fn name(&self, n: NodeIndex) -> &str {
        self.node(n).name.unwrap_or_else(|| self.id(n))
    }

    pub fn kind_name(&self, n: NodeIndex) -> &str {
        &self.schema.kind(self.node(n).kind).name
    }

    pub fn relation_name(&self, e: EdgeIndex) -> &str {
        &self.schema.relation(self.edge(e).relation).name
    }

    pub fn info(&self, n: NodeIndex) -> Option<&NodeInfo> {
        self.nodes.info(n.index())
    }

    pub fn source(&self, id: SourceId) -> &Source {
        &self.sources[id as usize]
    }

    pub fn source_id(&self, e: EdgeIndex) -> Option<&str> {
        self.edge(e).source.map(|s| self.source(s).id.as_str())
    }

    pub fn note(&self, e: EdgeIndex) -> Option<&str> {
        match self.edge_attrs.get(e.index(), "note") {
            Some(AttrValue::Str(s)) => Some(s),
            _ => None,
        }
    }

    pub fn node_indices(&self) -> impl ExactSizeIterator<Item = NodeIndex> + '_ {
        (0..self.nodes.len()).map(NodeIndex::new)
    }

    pub fn edge_indices(&self) -> impl ExactSizeIterator<Item = EdgeIndex> + '_ {
        (0..self.edges.len()).map(EdgeIndex::new)
    }

    /// The edges at `n` in `dir` (out of it, or into it), in edge order.
    pub fn edges_at(&self, n: NodeIndex, dir: Direction) -> EdgeIds<'_> {
        let i = n.index();
        let t = &self.edges;
        let (start, edges) = match dir {
            Direction::Outgoing => (&t.out_start, &t.out_edges),
            Direction::Incoming => (&t.in_start, &t.in_edges),
        };
        EdgeIds {
            all: 0..0,
            at: edges[start[i] as usize..start[i + 1] as usize].iter(),
        }
    }

    /// Every edge, in edge order.
    pub(crate) fn all_edges(&self) -> EdgeIds<'_> {
        EdgeIds {
            all: 0..self.edges.len() as u32,
            at: [].iter(),
        }
    }

    /// The node at the other end of `e` from `n`, seen in direction `dir`.
    pub fn other_end(&self, e: EdgeIndex, dir: Direction) -> NodeIndex {
        let (a, b) = self.endpoints(e);
        match dir {
            Direction::Outgoing => b,
            Direction::Incoming => a,
        }
    }

    /// Edges at `n` in `dir`, in a stable order: by relation (schema order: developer, then
    /// modalities, then lineage...), then the other end's id.
    pub fn sorted_edges(&self, n: NodeIndex, dir: Direction) -> Vec<EdgeIndex> {
        let mut edges: Vec<EdgeIndex> = self.edges_at(n, dir).collect();
        edges.sort_by_cached_key(|&e| {
            (
                self.edge(e).relation,
                self.id(self.other_end(e, dir)).to_string(),
                e.index(),
            )
        });
        edges
    }

    /// The nodes of one kind, by id.
    pub fn nodes_of_kind(&self, kind: KindId) -> Vec<NodeIndex> {
        let mut nodes: Vec<NodeIndex> = self
            .node_indices()
            .filter(|&n| self.node(n).kind == kind)
            .collect();
        nodes.sort_by(|&a, &b| self.id(a).cmp(self.id(b)));
        nodes
    }

    /// Targets of `n` along one relation, sorted by id.
    pub fn targets(&self, n: NodeIndex, relation: RelId) -> Vec<NodeIndex> {
        let mut out: Vec<NodeIndex> = self
            .edges_at(n, Direction::Outgoing)
            .filter(|&e| self.edge(e).relation == relation)
            .map(|e| self.endpoints(e).1)
            .collect();
        out.sort_by(|&a, &b| self.id(a).cmp(self.id(b)));
        out.dedup();
        out
    }

    /// The graph walked along the lineage relations (or those given) in one direction.
    pub fn lineage_view(&self, relations: &[RelId], dir: Direction) -> LineageView<'_> {
        LineageView::new(self, relations, dir)
    }
}
