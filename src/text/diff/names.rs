//! The names a diff's lines use for the ids it holds: NEW's name for a node NEW has (a
//! renamed node's new id included), OLD's for a node only OLD had; with the id added where
//! another node of that graph has the same name, so no line is ambiguous.

use std::collections::HashMap;

use petgraph::graph::NodeIndex;

use crate::graph::KnowledgeGraph;
use crate::nodelink::JsonEdge;

pub struct Names<'g> {
    pub old: &'g KnowledgeGraph,
    pub new: &'g KnowledgeGraph,
    /// How many nodes of each graph have each name.
    shared: [HashMap<&'g str, usize>; 2],
}

impl<'g> Names<'g> {
    pub fn new(old: &'g KnowledgeGraph, new: &'g KnowledgeGraph) -> Self {
        let count = |g: &'g KnowledgeGraph| {
            let mut m: HashMap<&str, usize> = HashMap::new();
            for n in g.node_indices() {
                *m.entry(g.name(n)).or_insert(0) += 1;
            }
            m
        };
        Names {
            old,
            new,
            shared: [count(old), count(new)],
        }
    }

    /// The graph that knows `id` (NEW first), which one it is, and the node.
    fn find(&self, id: &str) -> Option<(&'g KnowledgeGraph, usize, NodeIndex)> {
        match self.new.index_of(id) {
            Some(n) => Some((self.new, 1, n)),
            None => self.old.index_of(id).map(|n| (self.old, 0, n)),
        }
    }

    /// "GPT-3.5", or "GPT-3.5 [gpt-3-5]" where another node has that name too.
    pub fn name(&self, id: &str) -> String {
        match self.find(id) {
            Some((g, side, n)) if self.shared[side].get(g.name(n)).copied().unwrap_or(0) > 1 => {
                format!("{} [{id}]", g.name(n))
            }
            Some((g, _, n)) => g.name(n).to_string(),
            None => format!("[{id}]"),
        }
    }

    /// "GPT-3.5 [gpt-3-5]", or "[id]" alone where the name is the id.
    pub fn label(&self, id: &str) -> String {
        match self.find(id) {
            Some((g, _, n)) => crate::text::label(g, n),
            None => format!("[{id}]"),
        }
    }

    /// The node's kind, as the graph that knows it says.
    pub fn kind(&self, id: &str) -> &'g str {
        self.find(id).map_or("", |(g, _, n)| g.kind_name(n))
    }

    /// "ChatGPT is fine-tuned from GPT-3.5", in the words of `g`'s schema (the graph the
    /// edge is in), or the relation's own name where it declares none.
    pub fn sentence(&self, g: &KnowledgeGraph, e: &JsonEdge) -> String {
        let phrase = g
            .schema
            .relation_id(&e.relation)
            .map(|r| g.schema.relation(r).phrase.clone())
            .unwrap_or_else(|| e.relation.replace('_', " "));
        format!("{} {phrase} {}", self.name(&e.from), self.name(&e.to))
    }
}
