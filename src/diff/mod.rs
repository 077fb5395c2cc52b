//! What changed between two versions of a graph, in facts rather than lines: nodes added,
//! removed, renamed and changed; edges added, removed and changed; what each changed lineage
//! edge does to the ancestries of the nodes downstream of it; sources; the schema.
//!
//! Data only, computed from two KnowledgeGraphs however they were read: `text::diff`
//! renders it for people (text, Markdown), serde for tools (JSON). Everything is sorted, so
//! the same two graphs always give the same difference.
//!
//! Nodes are matched by id, then a node only in OLD and a node only in NEW are one node
//! renamed when a link or a name ties them (`matching.rs`). Edges are compared with the
//! renamed nodes' new ids, so a rename is not also a removal and an addition of its edges.

mod catalog;
mod edges;
mod fields;
mod lineage;
mod matching;
mod nodes;

use serde::Serialize;

use crate::graph::KnowledgeGraph;
use crate::nodelink::{JsonEdge, JsonNode};

pub use catalog::{KindFacts, RelationFacts, SourceFacts};
pub use fields::FieldChange;

/// The difference between OLD and NEW. The ids of renamed nodes are their NEW ids
/// everywhere but in `nodes.renamed`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Diff {
    pub old: Totals,
    pub new: Totals,
    pub nodes: Nodes,
    pub edges: Edges,
    /// For each lineage edge that came or went (added, removed, or its relation's lineage
    /// changed in the schema), the nodes of both graphs whose ancestors it changes; edges
    /// that change no such node's ancestry are left out.
    pub lineage: Vec<Consequence>,
    pub sources: Catalog<SourceFacts>,
    pub schema: SchemaChanges,
}

/// Which graph a side is, and how big.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// As the user named it (`main:graph`), when the caller says.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub graph: String,
    pub nodes: usize,
    pub edges: usize,
    pub sources: usize,
    pub kinds: usize,
    pub relations: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Nodes {
    /// Sorted by id, each with all its facts.
    pub added: Vec<JsonNode>,
    pub removed: Vec<JsonNode>,
    pub renamed: Vec<Rename>,
    /// Nodes with the same id whose facts changed.
    pub changed: Vec<Changed>,
}

/// A node with a new id: a link or a name ties the two, and the facts that changed too.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rename {
    pub old: String,
    pub new: String,
    pub tie: Tie,
    pub changes: Vec<FieldChange>,
}

/// What ties a node only in OLD to a node only in NEW.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tie {
    /// Both link to this entry of another data set (`[external.<namespace>]`).
    Link { namespace: String, name: String },
    /// Both answer to this name (an id, a display name or an alias), ignoring case, spaces
    /// and punctuation, as `genkg show` does.
    Name(String),
}

/// Something kept under the same id (a node, a source, a kind, a relation) whose facts
/// changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changed {
    pub id: String,
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Edges {
    /// Sorted by (from, relation in schema order, to), each with all its facts.
    pub added: Vec<JsonEdge>,
    pub removed: Vec<JsonEdge>,
    pub changed: Vec<EdgeChange>,
}

/// An edge kept (the same ends and relation) whose source, note or attributes changed.
#[derive(Debug, Clone, Serialize)]
pub struct EdgeChange {
    /// The edge as it was.
    #[serde(flatten)]
    pub edge: JsonEdge,
    pub changes: Vec<FieldChange>,
}

/// How a lineage edge came or went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Added,
    Removed,
    /// Kept, but its relation is lineage in NEW's schema and was not in OLD's.
    BecameLineage,
    /// Kept, but its relation was lineage in OLD's schema and is not in NEW's.
    LeftLineage,
}

impl Change {
    /// Whether the nodes downstream gain ancestors (else they lose some).
    pub fn gains(self) -> bool {
        matches!(self, Change::Added | Change::BecameLineage)
    }
}

/// What one lineage edge that came or went does to the ancestries downstream of it: the
/// nodes (in both graphs) that gain or lose ancestors through it, and those ancestors.
#[derive(Debug, Clone, Serialize)]
pub struct Consequence {
    #[serde(flatten)]
    pub edge: JsonEdge,
    pub change: Change,
    /// Ids, nearest the edge first (its own source node, then what is built on it).
    pub nodes: Vec<String>,
    /// The ancestors gained (the edge came) or lost (it went), most nodes first.
    pub ancestors: Vec<AncestorCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AncestorCount {
    pub id: String,
    /// How many of the consequence's nodes gain or lose it.
    pub nodes: usize,
}

/// Things kept by id (sources, kinds, relations): added, removed and changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Catalog<T> {
    pub added: Vec<T>,
    pub removed: Vec<T>,
    pub changed: Vec<Changed>,
}

impl<T> Default for Catalog<T> {
    fn default() -> Self {
        Catalog {
            added: Vec::new(),
            removed: Vec::new(),
            changed: Vec::new(),
        }
    }
}

impl<T> Catalog<T> {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SchemaChanges {
    pub kinds: Catalog<KindFacts>,
    pub relations: Catalog<RelationFacts>,
}

impl SchemaChanges {
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty() && self.relations.is_empty()
    }
}

impl Nodes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.changed.is_empty()
    }
}

impl Edges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

impl Diff {
    /// No fact differs (the files may still: order, formatting, comments).
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
            && self.edges.is_empty()
            && self.sources.is_empty()
            && self.schema.is_empty()
    }
}

impl Totals {
    pub fn of(g: &KnowledgeGraph) -> Self {
        Totals {
            graph: String::new(),
            nodes: g.node_count(),
            edges: g.edge_count(),
            sources: g.sources.len(),
            kinds: g.schema.kinds.len(),
            relations: g.schema.relations.len(),
        }
    }
}

/// The difference between `old` and `new`.
pub fn diff(old: &KnowledgeGraph, new: &KnowledgeGraph) -> Diff {
    let m = matching::Matching::new(old, new);
    let edges = edges::compare(old, new, &m);
    Diff {
        old: Totals::of(old),
        new: Totals::of(new),
        nodes: nodes::compare(old, new, &m),
        lineage: lineage::consequences(old, new, &m, &edges),
        edges: edges.diff,
        sources: catalog::sources(old, new),
        schema: catalog::schema(old, new),
    }
}
