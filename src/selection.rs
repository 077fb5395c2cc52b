//! Selection: what every query returns and every exporter takes — a set of nodes and edges
//! of one graph, sorted so that output never depends on insertion or hash order.

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::Direction;

use crate::graph::KnowledgeGraph;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Sorted by id.
    pub nodes: Vec<NodeIndex>,
    /// Sorted by (from id, relation, to id).
    pub edges: Vec<EdgeIndex>,
    /// The nodes the query was about (a lineage's root, a path's ends), drawn emphasised.
    pub focus: Vec<NodeIndex>,
    /// What this selection is, for a diagram's title.
    pub title: String,
}

impl Selection {
    /// Nodes and edges as given (deduplicated and sorted); edge endpoints are added as nodes.
    pub fn new(
        g: &KnowledgeGraph,
        nodes: Vec<NodeIndex>,
        edges: Vec<EdgeIndex>,
        title: impl Into<String>,
    ) -> Self {
        let mut nodes = nodes;
        for &e in &edges {
            let (a, b) = g.endpoints(e);
            nodes.push(a);
            nodes.push(b);
        }
        let mut sel = Selection {
            nodes,
            edges,
            focus: Vec::new(),
            title: title.into(),
        };
        sel.normalize(g);
        sel
    }

    /// The whole graph.
    pub fn whole(g: &KnowledgeGraph) -> Self {
        Selection::new(
            g,
            g.node_indices().collect(),
            g.edge_indices().collect(),
            "",
        )
    }

    /// Some nodes and every edge of the graph between them.
    pub fn induced(g: &KnowledgeGraph, nodes: Vec<NodeIndex>, title: impl Into<String>) -> Self {
        let mut member = vec![false; g.node_bound()];
        for &n in &nodes {
            member[n.index()] = true;
        }
        let edges = nodes
            .iter()
            .flat_map(|&n| g.edges_at(n, Direction::Outgoing))
            .filter(|&e| member[g.endpoints(e).1.index()])
            .collect();
        Selection::new(g, nodes, edges, title)
    }

    /// This selection narrowed to `keep` (its focus always stays), with the edges whose
    /// ends both stay.
    pub fn restrict(self, g: &KnowledgeGraph, keep: &[NodeIndex]) -> Self {
        let mut kept = vec![false; g.node_bound()];
        for &n in keep.iter().chain(&self.focus) {
            kept[n.index()] = true;
        }
        let nodes = self.nodes.into_iter().filter(|n| kept[n.index()]).collect();
        let edges = self
            .edges
            .into_iter()
            .filter(|&e| {
                let (x, y) = g.endpoints(e);
                kept[x.index()] && kept[y.index()]
            })
            .collect();
        Selection::new(g, nodes, edges, self.title).with_focus(self.focus)
    }

    pub fn with_focus(mut self, focus: Vec<NodeIndex>) -> Self {
        self.focus = focus;
        self
    }

    fn normalize(&mut self, g: &KnowledgeGraph) {
        self.nodes.sort_unstable_by(|&a, &b| g.id(a).cmp(g.id(b)));
        self.nodes.dedup();
        self.edges
            .sort_unstable_by(|&a, &b| edge_key(g, a).cmp(&edge_key(g, b)));
        self.edges.dedup();
    }
}

pub fn edge_key(g: &KnowledgeGraph, e: EdgeIndex) -> (&str, &str, &str, usize) {
    let (a, b) = g.endpoints(e);
    (g.id(a), g.relation_name(e), g.id(b), e.index())
}
