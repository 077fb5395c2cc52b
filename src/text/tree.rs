//! The lineage tree in the style of `cargo tree`: one node a line with the relation that led
//! there and its year; children sorted; a node printed before shows again as `name (*)`
//! without its subtree, which also ends every cycle.

use petgraph::graph::NodeIndex;

use crate::graph::{KnowledgeGraph, LineageView};
use crate::query::lineage::{Direction, LineageQuery};
use crate::text::label;

struct Walker<'a> {
    g: &'a KnowledgeGraph,
    q: &'a LineageQuery,
    view: LineageView<'a>,
    printed: Vec<bool>,
    /// With a depth limit: each node's shortest distance from the root. A node is expanded
    /// only where it sits at that distance, so the limit never hides part of its subtree.
    nearest: Option<Vec<u32>>,
    out: String,
}

/// A child and the phrases of the relations (possibly several) that lead to it.
type Child = (NodeIndex, Vec<String>);

impl Walker<'_> {
    fn visible(&self, n: NodeIndex) -> bool {
        self.q.shows(self.g, n)
    }

    fn raw_children(&self, n: NodeIndex) -> Vec<Child> {
        let g = self.g;
        let mut kids: Vec<(NodeIndex, String, String)> = self
            .view
            .steps(n)
            .map(|(e, next)| {
                let rel = g.schema.relation(g.edge(e).relation);
                let phrase = match self.q.direction {
                    Direction::Up => rel.phrase.clone(),
                    Direction::Down => rel.inverse.clone(),
                };
                (next, rel.name.clone(), phrase)
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
                // Say which hidden node the lifted children were reached through.
                let via = format!("via {}", self.g.name(child));
                out.extend(self.children(child, seen).into_iter().map(|(c, mut p)| {
                    if !p.iter().any(|x| x.starts_with("via ")) {
                        p.push(via.clone());
                    }
                    (c, p)
                }));
            }
        }
        // A child reached both directly and through hidden nodes shows once, with every phrase.
        out.sort_by(|a, b| self.g.id(a.0).cmp(self.g.id(b.0)));
        let mut merged: Vec<Child> = Vec::new();
        for (child, phrases) in out {
            match merged.last_mut() {
                Some((last, have)) if *last == child => {
                    for p in phrases {
                        if !have.contains(&p) {
                            have.push(p);
                        }
                    }
                }
                _ => merged.push((child, phrases)),
            }
        }
        merged.sort_by(|a, b| {
            (a.1.join(", "), self.g.id(a.0)).cmp(&(b.1.join(", "), self.g.id(b.0)))
        });
        merged
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
            let too_deep = self
                .nearest
                .as_ref()
                .is_some_and(|d| d[child.index()] as usize != depth + 1);
            let repeat = self.printed[child.index()] || too_deep;
            let mut text = format!(
                "{prefix}{branch}{} {}",
                phrases
                    .iter()
                    .filter(|p| !p.starts_with("via "))
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
                self.line(child)
            );
            if let Some(via) = phrases.iter().find(|p| p.starts_with("via ")) {
                text.push_str(&format!(" ({via})"));
            }
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
        view: q.view(g),
        printed: vec![false; g.node_bound()],
        nearest: None,
        out: String::new(),
    };
    // Hidden kinds change the tree's depths, so the rule applies to unfiltered trees only.
    if q.depth.is_some() && q.kinds.is_empty() {
        w.nearest = Some(w.view.distances(q.root, q.depth));
    }
    w.printed[q.root.index()] = true;
    w.out = format!("{}\n", w.line(q.root));
    w.walk(q.root, "", 0);
    w.out
}
