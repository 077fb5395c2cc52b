//! The lineage tree in the style of `cargo tree`: one node a line with the relation that led
//! there and its year; children sorted; a node printed before shows again as `name (*)`
//! without its subtree, which also ends every cycle.

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;

use crate::graph::KnowledgeGraph;
use crate::query::lineage::{relation_mask, Direction, LineageQuery};
use crate::text::label;

struct Walker<'a> {
    g: &'a KnowledgeGraph,
    q: &'a LineageQuery,
    mask: Vec<bool>,
    printed: Vec<bool>,
    out: String,
}

/// A child and the phrases of the relations (possibly several) that lead to it.
type Child = (NodeIndex, Vec<String>);

impl Walker<'_> {
    fn visible(&self, n: NodeIndex) -> bool {
        self.q.kinds.is_empty() || self.q.kinds.contains(&self.g.node(n).kind)
    }

    fn raw_children(&self, n: NodeIndex) -> Vec<Child> {
        let g = self.g;
        let mut kids: Vec<(NodeIndex, String, String)> = g
            .graph
            .edges_directed(n, self.q.direction.petgraph())
            .filter(|e| self.mask[e.weight().relation as usize])
            .map(|e| {
                let rel = g.schema.relation(e.weight().relation);
                match self.q.direction {
                    Direction::Up => (e.target(), rel.name.clone(), rel.phrase.clone()),
                    Direction::Down => (e.source(), rel.name.clone(), rel.inverse.clone()),
                }
            })
            .collect();
        kids.sort_by(|a, b| (g.id(a.0), &a.1).cmp(&(g.id(b.0), &b.1)));
        let mut out: Vec<Child> = Vec::new();
        for (child, _, phrase) in kids {
            match out.last_mut() {
                Some((last, phrases)) if *last == child => {
                    if !phrases.contains(&phrase) {
                        phrases.push(phrase)
                    }
                }
                _ => out.push((child, vec![phrase])),
            }
        }
        out
    }

    /// Children as shown: a hidden kind's children are lifted into its place.
    fn children(&self, n: NodeIndex, seen: &mut Vec<NodeIndex>) -> Vec<Child> {
        let mut out: Vec<Child> = Vec::new();
        for (child, phrases) in self.raw_children(n) {
            if self.visible(child) {
                if !out.iter().any(|(c, _)| *c == child) {
                    out.push((child, phrases));
                }
            } else if !seen.contains(&child) {
                seen.push(child);
                out.extend(self.children(child, seen));
            }
        }
        out.sort_by(|a, b| (a.1.join(", "), self.g.id(a.0)).cmp(&(b.1.join(", "), self.g.id(b.0))));
        out.dedup_by(|a, b| a.0 == b.0);
        out
    }

    fn line(&self, n: NodeIndex) -> String {
        match self.g.node(n).year {
            Some(y) => format!("{} {y}", label(self.g, n)),
            None => label(self.g, n),
        }
    }

    fn walk(&mut self, n: NodeIndex, prefix: &str, depth: usize) {
        if self.q.depth.is_some_and(|d| depth >= d) {
            return;
        }
        let kids = self.children(n, &mut vec![n]);
        let count = kids.len();
        for (i, (child, phrases)) in kids.into_iter().enumerate() {
            let last = i + 1 == count;
            let branch = if last { "└── " } else { "├── " };
            let repeat = self.printed[child.index()];
            let mut text = format!(
                "{prefix}{branch}{} {}",
                phrases.join(", "),
                self.line(child)
            );
            if repeat {
                text.push_str(" (*)");
            }
            self.out.push_str(&text);
            self.out.push('\n');
            if !repeat {
                self.printed[child.index()] = true;
                let deeper = format!("{prefix}{}", if last { "    " } else { "│   " });
                self.walk(child, &deeper, depth + 1);
            }
        }
    }
}

pub fn render(g: &KnowledgeGraph, q: &LineageQuery) -> String {
    let mut w = Walker {
        g,
        q,
        mask: relation_mask(g, &q.relations),
        printed: vec![false; g.node_bound()],
        out: String::new(),
    };
    w.printed[q.root.index()] = true;
    w.out = format!("{}\n", w.line(q.root));
    w.walk(q.root, "", 0);
    w.out
}
