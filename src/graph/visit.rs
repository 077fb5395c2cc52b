//! petgraph's graph traits for the KnowledgeGraph, so that its traversals (`Bfs`,
//! `tarjan_scc`) and adaptors (`EdgeFiltered`, `Reversed`) work on it unchanged.

use fixedbitset::FixedBitSet;
use petgraph::visit::{
    Data, EdgeRef, GraphBase, GraphProp, IntoEdgeReferences, IntoEdges, IntoEdgesDirected,
    IntoNeighbors, IntoNeighborsDirected, IntoNodeIdentifiers, NodeCompactIndexable, NodeCount,
    NodeIndexable, Visitable,
};
use petgraph::{Directed, Direction};

use super::{Edge, EdgeIds, EdgeIndex, KnowledgeGraph, Node, NodeIndex};

/// One edge as petgraph's traits see it.
#[derive(Debug, Clone, Copy)]
pub struct EdgeReference {
    id: EdgeIndex,
    source: NodeIndex,
    target: NodeIndex,
    weight: Edge,
}

impl EdgeRef for EdgeReference {
    type NodeId = NodeIndex;
    type EdgeId = EdgeIndex;
    type Weight = Edge;

    fn source(&self) -> NodeIndex {
        self.source
    }

    fn target(&self) -> NodeIndex {
        self.target
    }

    fn weight(&self) -> &Edge {
        &self.weight
    }

    fn id(&self) -> EdgeIndex {
        self.id
    }
}

impl KnowledgeGraph {
    fn reference(&self, e: EdgeIndex) -> EdgeReference {
        let (source, target) = self.endpoints(e);
        EdgeReference {
            id: e,
            source,
            target,
            weight: self.edge(e),
        }
    }
}

impl GraphBase for KnowledgeGraph {
    type NodeId = NodeIndex;
    type EdgeId = EdgeIndex;
}

impl Data for KnowledgeGraph {
    type NodeWeight = Node;
    type EdgeWeight = Edge;
}

impl GraphProp for KnowledgeGraph {
    type EdgeType = Directed;
}

impl NodeCount for KnowledgeGraph {
    fn node_count(&self) -> usize {
        self.node_bound()
    }
}

impl NodeIndexable for KnowledgeGraph {
    fn node_bound(&self) -> usize {
        KnowledgeGraph::node_bound(self)
    }

    fn to_index(&self, n: NodeIndex) -> usize {
        n.index()
    }

    fn from_index(&self, i: usize) -> NodeIndex {
        NodeIndex::new(i)
    }
}

impl NodeCompactIndexable for KnowledgeGraph {}

impl Visitable for KnowledgeGraph {
    type Map = FixedBitSet;

    fn visit_map(&self) -> FixedBitSet {
        FixedBitSet::with_capacity(self.node_bound())
    }

    fn reset_map(&self, map: &mut FixedBitSet) {
        map.clear();
        map.grow(self.node_bound());
    }
}

type NodeIter = std::iter::Map<std::ops::Range<usize>, fn(usize) -> NodeIndex>;

impl IntoNodeIdentifiers for &KnowledgeGraph {
    type NodeIdentifiers = NodeIter;

    fn node_identifiers(self) -> NodeIter {
        (0..self.node_bound()).map(NodeIndex::new as fn(usize) -> NodeIndex)
    }
}

/// The edges at one node in one direction, as references.
pub struct EdgesAt<'a> {
    g: &'a KnowledgeGraph,
    edges: EdgeIds<'a>,
}

impl Iterator for EdgesAt<'_> {
    type Item = EdgeReference;

    fn next(&mut self) -> Option<EdgeReference> {
        self.edges.next().map(|e| self.g.reference(e))
    }
}

impl<'a> IntoEdgeReferences for &'a KnowledgeGraph {
    type EdgeRef = EdgeReference;
    type EdgeReferences = EdgesAt<'a>;

    fn edge_references(self) -> EdgesAt<'a> {
        EdgesAt {
            g: self,
            edges: self.all_edges(),
        }
    }
}

impl<'a> IntoEdgesDirected for &'a KnowledgeGraph {
    type EdgesDirected = EdgesAt<'a>;

    fn edges_directed(self, n: NodeIndex, dir: Direction) -> EdgesAt<'a> {
        EdgesAt {
            g: self,
            edges: self.edges_at(n, dir),
        }
    }
}

impl<'a> IntoEdges for &'a KnowledgeGraph {
    type Edges = EdgesAt<'a>;

    fn edges(self, n: NodeIndex) -> EdgesAt<'a> {
        self.edges_directed(n, Direction::Outgoing)
    }
}

/// The nodes at the other end of one node's edges in one direction.
pub struct NeighborsAt<'a> {
    edges: EdgesAt<'a>,
    dir: Direction,
}

impl Iterator for NeighborsAt<'_> {
    type Item = NodeIndex;

    fn next(&mut self) -> Option<NodeIndex> {
        self.edges.next().map(|e| match self.dir {
            Direction::Outgoing => e.target(),
            Direction::Incoming => e.source(),
        })
    }
}

impl<'a> IntoNeighborsDirected for &'a KnowledgeGraph {
    type NeighborsDirected = NeighborsAt<'a>;

    fn neighbors_directed(self, n: NodeIndex, dir: Direction) -> NeighborsAt<'a> {
        NeighborsAt {
            edges: self.edges_directed(n, dir),
            dir,
        }
    }
}

impl<'a> IntoNeighbors for &'a KnowledgeGraph {
    type Neighbors = NeighborsAt<'a>;

    fn neighbors(self, n: NodeIndex) -> NeighborsAt<'a> {
        self.neighbors_directed(n, Direction::Outgoing)
    }
}
